import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { advanceClock, nowIso, resetClock } from '../../app/utils/clock.server'
import { createSession, deleteExpiredSessions, validateSessionToken } from '../../app/utils/session.server'
import { createUser } from '../helpers/accounts'

// Expired sessions sign no one in (tests/routes/accounts.test.ts); server.ts also deletes their rows on a timer.

afterEach(() => resetClock())

const MINUTE = 60_000
const start = (userId: number) =>
  createSession(userId, { ip: '127.0.0.1', userAgent: 'vitest', twoFactorVerified: true })
const sessionIds = async (userId: number) =>
  (await getDb().selectFrom('session').select('id').where('user_id', '=', userId).execute()).map((s) => s.id).sort()

describe('deleteExpiredSessions', () => {
  it('deletes a session left idle for 30 minutes and keeps a live one', async () => {
    const user = await createUser({ role: 'buyer' })
    const idle = await start(user.id)
    advanceClock(31 * MINUTE)
    const live = await start(user.id)
    expect(await sessionIds(user.id)).toEqual([idle.id, live.id].sort())
    await deleteExpiredSessions()
    expect(await sessionIds(user.id)).toEqual([live.id])
  })

  it('deletes a session 12 hours after sign-in however active, and keeps a live one', async () => {
    const user = await createUser({ role: 'supplier' })
    const busy = await start(user.id)
    for (let minutes = 29; minutes < 12 * 60; minutes += 29) {
      advanceClock(29 * MINUTE)
      expect(await validateSessionToken(busy.token), `in use after ${minutes} min`).not.toBeNull()
    }
    advanceClock(25 * MINUTE) // 12 h 1 min after sign-in, 25 min after the last use
    const live = await start(user.id)
    const row = await getDb()
      .selectFrom('session')
      .select(['idle_expires_at', 'absolute_expires_at'])
      .where('id', '=', busy.id)
      .executeTakeFirstOrThrow()
    expect(row.idle_expires_at > nowIso(), 'not idle: only the absolute limit ends it').toBe(true)
    expect(row.absolute_expires_at <= nowIso()).toBe(true)
    expect(await sessionIds(user.id)).toEqual([busy.id, live.id].sort())
    await deleteExpiredSessions()
    expect(await sessionIds(user.id)).toEqual([live.id])
  })
})
