import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { getDb } from '../../db/client'
import { now, nowIso } from './clock.server'
import { getEnv } from './env.server'

// Sessions as the Lucia guide teaches: a random token in the cookie, only its SHA-256 hash in the database.
export const SESSION_COOKIE = 'eb_session'
const TOUCH_INTERVAL_MS = 60_000 // write last-seen at most once a minute

function generateSessionToken(): string {
  const bytes = new Uint8Array(25)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

function lifetimes() {
  const env = getEnv()
  return { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000 }
}

export async function createSession(
  userId: number,
  meta: { ip: string; userAgent: string; twoFactorVerified: boolean },
): Promise<{ token: string; id: string }> {
  const token = generateSessionToken()
  const id = sessionIdFromToken(token)
  const { idleMs, absoluteMs } = lifetimes()
  const t = now()
  await getDb()
    .insertInto('session')
    .values({
      id,
      user_id: userId,
      created_at: t.toISOString(),
      last_seen_at: t.toISOString(),
      idle_expires_at: new Date(t.getTime() + idleMs).toISOString(),
      absolute_expires_at: new Date(t.getTime() + absoluteMs).toISOString(),
      two_factor_verified: meta.twoFactorVerified ? 1 : 0,
      ip: meta.ip.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
      // Every session starts from a proved password (sign-in, password change, the second factor): a step-up.
      reauthenticated_at: t.toISOString(),
    })
    .execute()
  return { token, id }
}

/** The live session for a token, sliding its idle expiry; null (and the row deleted) when it has expired. */
export async function validateSessionToken(token: string) {
  return validateSession((await readSession(sessionIdFromToken(token))) ?? null)
}

/** A session's row as stored, whether or not it is still live (validateSession decides). */
export function readSession(id: string) {
  return getDb().selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst()
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof readSession>>>

/**
 * The session if it is still live, sliding its idle expiry (a write at most once a minute); null (and the row deleted)
 * when it has expired. Leaves the given row as it is: a memo may share it (app/utils/auth.server.ts).
 */
export async function validateSession(session: SessionRow | null): Promise<SessionRow | null> {
  if (!session) return null
  const db = getDb()
  const t = now()
  const iso = t.toISOString()
  if (session.idle_expires_at <= iso || session.absolute_expires_at <= iso) {
    await db.deleteFrom('session').where('id', '=', session.id).execute()
    return null
  }
  if (t.getTime() - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) {
    const idleExpiresAt = new Date(t.getTime() + lifetimes().idleMs).toISOString()
    await db
      .updateTable('session')
      .set({ last_seen_at: iso, idle_expires_at: idleExpiresAt })
      .where('id', '=', session.id)
      .execute()
    return { ...session, last_seen_at: iso, idle_expires_at: idleExpiresAt }
  }
  return session
}

export async function markSessionTwoFactorVerified(sessionId: string) {
  await getDb().updateTable('session').set({ two_factor_verified: 1 }).where('id', '=', sessionId).execute()
}

/** The person on this session proved the password (or a second factor) again just now (step-up). */
export async function markReauthenticated(sessionId: string) {
  await getDb().updateTable('session').set({ reauthenticated_at: nowIso() }).where('id', '=', sessionId).execute()
}

export async function invalidateSession(sessionId: string) {
  await getDb().deleteFrom('session').where('id', '=', sessionId).execute()
}

export async function invalidateUserSessions(userId: number) {
  await getDb().deleteFrom('session').where('user_id', '=', userId).execute()
}

/** Every session of the user but this one (turning on two-factor: a session stolen before must not outlive it). */
export async function invalidateOtherSessions(userId: number, keepSessionId: string) {
  await getDb().deleteFrom('session').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute()
}

export async function listUserSessions(userId: number) {
  return getDb()
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('idle_expires_at', '>', nowIso())
    .where('absolute_expires_at', '>', nowIso())
    .orderBy('last_seen_at', 'desc')
    .execute()
}

/** Deletes the rows of expired sessions (with their IP address and browser); returns how many. */
export async function deleteExpiredSessions() {
  const iso = nowIso()
  const result = await getDb()
    .deleteFrom('session')
    .where((eb) => eb.or([eb('idle_expires_at', '<=', iso), eb('absolute_expires_at', '<=', iso)]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * Whether the session cookie is sent only over HTTPS. The configured public origin decides (PUBLIC_ORIGIN); without
 * one, the protocol the server itself sees (TLS, or X-Forwarded-Proto from a proxy that TRUST_PROXY trusts). Never
 * the Host header, which the client chooses.
 */
function secureCookies(request: Request) {
  const origin = getEnv().PUBLIC_ORIGIN
  if (origin) return new URL(origin).protocol === 'https:'
  return new URL(request.url).protocol === 'https:'
}

export function sessionCookie(request: Request, token: string) {
  // No Max-Age: the browser forgets it on close, and the server enforces idle and absolute expiry anyway.
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secureCookies(request) ? '; Secure' : ''}`
}

export function clearSessionCookie(request: Request) {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureCookies(request) ? '; Secure' : ''}`
}
