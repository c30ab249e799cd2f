import { getDb } from '../../db/client'
import { now } from './clock.server'

export type Limit = { max: number; windowMs: number }

export const limits = {
  signInPerAccount: { max: 5, windowMs: 15 * 60_000 },
  // An office NAT can put a whole town hall behind one address: allow more per IP than per account.
  signInPerIp: { max: 20, windowMs: 15 * 60_000 },
  signUpPerIp: { max: 5, windowMs: 60 * 60_000 },
  twoFactorPerAccount: { max: 5, windowMs: 15 * 60_000 },
  // Password reset links: a few per typed address (no flooding a mailbox), more per client address.
  passwordResetPerAccount: { max: 3, windowMs: 60 * 60_000 },
  passwordResetPerIp: { max: 10, windowMs: 60 * 60_000 },
  confirmationResendPerAccount: { max: 3, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>

export type Reservation = { ok: true; ids: number[] } | { ok: false; minutes: number }

/**
 * Takes one attempt from each key's allowance before the caller checks the password or code, so that a burst of
 * parallel requests cannot all pass the check before any failure is recorded. Counting and recording happen in one
 * transaction, which holds the single SQLite connection. The caller releases the reservation when the attempt
 * succeeds (or does not count).
 */
export async function reserveAttempt(checks: Array<{ key: string; limit: Limit }>): Promise<Reservation> {
  const t = now()
  const at = t.toISOString()
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<Reservation> => {
      let minutes = 0
      for (const { key, limit } of checks) {
        const since = new Date(t.getTime() - limit.windowMs).toISOString()
        const rows = await trx
          .selectFrom('rate_limit_event')
          .select('created_at')
          .where('key', '=', key)
          .where('created_at', '>', since)
          .orderBy('created_at', 'desc')
          .limit(limit.max)
          .execute()
        // The window reopens when the oldest of the last `max` attempts falls out of it.
        const oldest = rows.at(-1)
        if (rows.length >= limit.max && oldest) {
          const reopens = Date.parse(oldest.created_at) + limit.windowMs
          minutes = Math.max(minutes, Math.max(1, Math.ceil((reopens - t.getTime()) / 60_000)))
        }
      }
      if (minutes > 0) return { ok: false, minutes }
      const ids: number[] = []
      for (const { key } of checks) {
        const row = await trx
          .insertInto('rate_limit_event')
          .values({ key, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
        ids.push(row.id)
      }
      return { ok: true, ids }
    })
  // Nothing is limited over more than an hour; keep the table small.
  const dayAgo = new Date(t.getTime() - 24 * 3_600_000).toISOString()
  await getDb().deleteFrom('rate_limit_event').where('created_at', '<', dayAgo).execute()
  return result
}

/** Gives back a reservation (a successful attempt does not count against the limit). */
export async function releaseAttempt(reservation: { ids: number[] }) {
  if (reservation.ids.length === 0) return
  await getDb().deleteFrom('rate_limit_event').where('id', 'in', reservation.ids).execute()
}

export async function clearEvents(key: string) {
  await getDb().deleteFrom('rate_limit_event').where('key', '=', key).execute()
}
