import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { runRetentionSweep, pruneAuditLog } from '../../app/models/retention.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { createSession } from '../../app/utils/session.server'
import { createUser } from '../helpers/accounts'

// Issue 11, deliverable 7: data kept only as long as the privacy statement promises (five years for the audit log),
// through one controlled path; the log stays append-only for everything else.

afterEach(() => resetClock())

const yearsAgo = (years: number, days = 0) => {
  const d = new Date()
  d.setUTCFullYear(d.getUTCFullYear() - years)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString()
}

async function entry(at: string, marker: string) {
  const row = await getDb()
    .insertInto('audit_log')
    .values({ at, action: 'auth.sign_in', details: JSON.stringify({ marker }) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const exists = async (id: number) =>
  (await getDb().selectFrom('audit_log').select('id').where('id', '=', id).executeTakeFirst()) !== undefined

describe('audit log retention', () => {
  it('prunes entries older than five years and keeps younger ones, recording the prune', async () => {
    const old = await entry(yearsAgo(5, 2), 'old')
    const young = await entry(yearsAgo(4, 360), 'young')
    const recent = await entry(new Date().toISOString(), 'recent')
    expect(await pruneAuditLog()).toBeGreaterThanOrEqual(1)
    expect(await exists(old)).toBe(false)
    expect(await exists(young)).toBe(true)
    expect(await exists(recent)).toBe(true)
    const record = await getDb()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'retention.audit_pruned')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(record.details).count).toBeGreaterThanOrEqual(1)
    // The permit is given back.
    expect(await getDb().selectFrom('audit_log_prune_permit').selectAll().execute()).toEqual([])
  })

  it('stays append-only outside the prune path: no delete without the permit, no update, nothing young even with it', async () => {
    const old = await entry(yearsAgo(6), 'old')
    const young = await entry(yearsAgo(1), 'young')
    await expect(getDb().deleteFrom('audit_log').where('id', '=', old).execute()).rejects.toThrow(/append-only/)
    await expect(getDb().updateTable('audit_log').set({ action: 'x' }).where('id', '=', old).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('audit_log_prune_permit')
            .values({ id: 1, granted_at: new Date().toISOString() })
            .execute()
          await trx.deleteFrom('audit_log').where('id', '=', young).execute()
        }),
    ).rejects.toThrow(/append-only/)
    expect(await exists(young)).toBe(true)
    expect(await exists(old)).toBe(true)
    // Even with the app's clock moved on, the database's own clock holds the line.
    advanceClock(3 * 365 * 24 * 3_600_000)
    await pruneAuditLog()
    expect(await exists(young)).toBe(true)
    expect(await exists(old)).toBe(false)
    const [{ n }] = (await sql<{ n: number }>`select count(*) as n from audit_log_prune_permit`.execute(getDb()))
      .rows as [{ n: number }]
    expect(n).toBe(0)
  })
})

describe('retention sweep', () => {
  it('deletes expired sessions (with their address and browser) and keeps live ones', async () => {
    const user = await createUser({ role: 'buyer' })
    const meta = { ip: '10.5.5.5', userAgent: 'gammel nettleser', twoFactorVerified: true }
    const expired = await createSession(user.id, meta)
    advanceClock(31 * 60_000)
    const live = await createSession(user.id, { ...meta, userAgent: 'ny nettleser' })
    const report = await runRetentionSweep()
    expect(report.sessions).toBeGreaterThanOrEqual(1)
    const ids = (await getDb().selectFrom('session').select('id').where('user_id', '=', user.id).execute()).map(
      (s) => s.id,
    )
    expect(ids).toEqual([live.id])
    expect(ids).not.toContain(expired.id)
  })
})
