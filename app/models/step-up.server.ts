import { getDb } from '../../db/client'
import type { Viewer } from '~/policy'
import { audit } from '~/utils/audit.server'
import { verifyPassword } from '~/utils/password.server'
import { limits, releaseAttempt, reserveAttempt } from '~/utils/rate-limit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { markReauthenticated } from '~/utils/session.server'
import { acceptCode } from './two-factor.server'

// Step-up: proving the password (or, with two-factor on, a code from the app) again on a session that is signed in,
// before a change an attacker holding only a stolen session must not make (docs/decisions/015-sign-in-throttling.md).

/**
 * Checks the password, or a six-digit code when two-factor is on (a password has at least 12 characters, so the two
 * cannot be confused), and records the step-up on the session. Guesses are limited per account with growing delays.
 * `field` names the form field the secret came from, for the message.
 */
export async function confirmIdentity(
  viewer: Viewer,
  secret: string,
  ip: string,
  field = 'stepUpSecret',
): Promise<Result<null>> {
  const reservation = await reserveAttempt([{ key: `stepup:${viewer.userId}`, limit: limits.stepUpPerAccount }])
  if (!reservation.ok) return refuse('rate_limited', { vars: { minutes: reservation.minutes } })
  const user = await getDb()
    .selectFrom('user')
    .select(['password_hash', 'totp_enabled_at'])
    .where('id', '=', viewer.userId)
    .executeTakeFirstOrThrow()
  const code = secret.replace(/\s+/g, '')
  const proved =
    user.totp_enabled_at !== null && /^\d{6}$/.test(code)
      ? await acceptCode(viewer.userId, code, ip)
      : await verifyPassword(user.password_hash, secret)
  if (!proved) {
    await audit({
      action: 'auth.step_up_failed',
      actorUserId: viewer.userId,
      target: { type: 'user', id: viewer.userId },
      ip,
    })
    return invalidFields({ [field]: 'stepUp.wrong' })
  }
  await releaseAttempt(reservation)
  await markReauthenticated(viewer.sessionId)
  await audit({ action: 'auth.step_up', actorUserId: viewer.userId, target: { type: 'user', id: viewer.userId }, ip })
  return ok(null)
}
