import { getDb } from '../../db/client'
import { now } from './clock.server'

/** At most `max` attempts in any `windowMs`. */
export type Limit = { max: number; windowMs: number }

/**
 * Growing delays instead of a lock (docs/decisions/015-sign-in-throttling.md): the first `free` failures remembered
 * (those of the last `memoryMs`) cost nothing; after that each further attempt must wait `baseMs`, doubling with every
 * failure, at most `maxDelayMs`, counted from the latest failure.
 */
export type Backoff = { free: number; baseMs: number; maxDelayMs: number; memoryMs: number }

const growing = (free: number): Backoff => ({
  free,
  baseMs: 30_000,
  maxDelayMs: 15 * 60_000,
  memoryMs: 24 * 3_600_000,
})

export const limits = {
  // Keyed by the pair (account, client address): a stranger's guesses slow down that stranger, never the owner
  // signing in from elsewhere. No key is the account alone, so nobody can lock an account out for everyone.
  signInPerAccountAndIp: growing(5),
  // Credential stuffing from one address across many accounts. An office NAT can put a whole town hall behind one
  // address, so the allowance is wide; behind a proxy the address is the real client's only when TRUST_PROXY says so.
  signInPerIp: { max: 100, windowMs: 15 * 60_000 },
  signUpPerIp: { max: 5, windowMs: 60 * 60_000 },
  // The second factor at sign-in, per (account, address), like the password.
  twoFactorPerAccountAndIp: growing(5),
  // Re-entering the password (or a code) for a step-up on a session that is already signed in.
  stepUpPerAccount: growing(5),
  // Password reset links: a few per typed address (no flooding a mailbox), more per client address.
  passwordResetPerAccount: { max: 3, windowMs: 60 * 60_000 },
  passwordResetPerIp: { max: 10, windowMs: 60 * 60_000 },
  confirmationResendPerAccount: { max: 3, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit | Backoff>

const isBackoff = (limit: Limit | Backoff): limit is Backoff => 'free' in limit

/** Milliseconds until the key may try again (0: now), given its recent events, newest first. */
export function waitFor(limit: Limit | Backoff, recent: string[], at: number): number {
  if (isBackoff(limit)) {
    const failures = recent.length
    const latest = recent[0]
    if (failures < limit.free || !latest) return 0
    const delay = Math.min(limit.baseMs * 2 ** (failures - limit.free), limit.maxDelayMs)
    return Math.max(0, Date.parse(latest) + delay - at)
  }
  // The window reopens when the oldest of the last `max` attempts falls out of it.
  const oldest = recent.at(-1)
  if (recent.length < limit.max || !oldest) return 0
  return Math.max(0, Date.parse(oldest) + limit.windowMs - at)
}

const lookBack = (limit: Limit | Backoff) => (isBackoff(limit) ? limit.memoryMs : limit.windowMs)
// A backoff's delay stops growing long before this many failures.
const rowsNeeded = (limit: Limit | Backoff) => (isBackoff(limit) ? limit.free + 32 : limit.max)

export type Reservation = { ok: true; ids: number[] } | { ok: false; minutes: number }

/**
 * Takes one attempt from each key's allowance before the caller checks the password or code, so that a burst of
 * parallel requests cannot all pass the check before any failure is recorded. Counting and recording happen in one
 * transaction, which holds the single SQLite connection. The caller releases the reservation when the attempt
 * succeeds (or does not count).
 */
export async function reserveAttempt(checks: Array<{ key: string; limit: Limit | Backoff }>): Promise<Reservation> {
  const t = now()
  const at = t.toISOString()
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<Reservation> => {
      let minutes = 0
      for (const { key, limit } of checks) {
        const since = new Date(t.getTime() - lookBack(limit)).toISOString()
        const rows = await trx
          .selectFrom('rate_limit_event')
          .select('created_at')
          .where('key', '=', key)
          .where('created_at', '>', since)
          .orderBy('created_at', 'desc')
          .limit(rowsNeeded(limit))
          .execute()
        const wait = waitFor(
          limit,
          rows.map((r) => r.created_at),
          t.getTime(),
        )
        if (wait > 0) minutes = Math.max(minutes, Math.max(1, Math.ceil(wait / 60_000)))
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
  // Nothing is remembered for more than a day (the longest memory above); keep the table small.
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
