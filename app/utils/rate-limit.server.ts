import { getDb } from '../../db/client'
import { now } from './clock.server'

export type Limit = { max: number; windowMs: number }

export const limits = {
  signInPerAccount: { max: 5, windowMs: 15 * 60_000 },
  // An office NAT can put a whole town hall behind one address: allow more per IP than per account.
  signInPerIp: { max: 20, windowMs: 15 * 60_000 },
  signUpPerIp: { max: 5, windowMs: 60 * 60_000 },
  twoFactorPerAccount: { max: 5, windowMs: 15 * 60_000 },
} satisfies Record<string, Limit>

/** Minutes until the key may try again, or 0 when it is under its limit. */
export async function retryAfterMinutes(key: string, limit: Limit): Promise<number> {
  const since = new Date(now().getTime() - limit.windowMs).toISOString()
  const rows = await getDb()
    .selectFrom('rate_limit_event')
    .select('created_at')
    .where('key', '=', key)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(limit.max)
    .execute()
  if (rows.length < limit.max) return 0
  // The window reopens when the oldest of the last `max` events falls out of it.
  const oldest = Date.parse(rows[rows.length - 1]!.created_at)
  return Math.max(1, Math.ceil((oldest + limit.windowMs - now().getTime()) / 60_000))
}

export async function recordEvent(...keys: string[]) {
  const at = now().toISOString()
  const db = getDb()
  await db.insertInto('rate_limit_event').values(keys.map((key) => ({ key, created_at: at }))).execute()
  // Nothing is limited over more than an hour; keep the table small.
  const dayAgo = new Date(now().getTime() - 24 * 3_600_000).toISOString()
  await db.deleteFrom('rate_limit_event').where('created_at', '<', dayAgo).execute()
}

export async function clearEvents(key: string) {
  await getDb().deleteFrom('rate_limit_event').where('key', '=', key).execute()
}
