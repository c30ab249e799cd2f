import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Kysely } from 'kysely'
import { getDb } from '../../db/client'
import type { DB, EmailTokenPurpose, UserLocale } from '../../db/schema'
import { EMAIL_CONFIRMATION_TTL_MS, PASSWORD_RESET_TTL_MS } from '~/domain/notifications'
import { clock } from '~/models/db.server'
import { audit } from '~/utils/audit.server'
import { absoluteUrl } from '~/utils/env.server'
import { composeEmail, enqueueEmail } from '~/utils/mail.server'
import { hashPassword } from '~/utils/password.server'
import { newPasswordErrors } from '~/utils/password-rules.server'
import { limits, releaseAttempt, reserveAttempt } from '~/utils/rate-limit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'

// Single-use links sent by e-mail (docs/domain.md, "E-mail and notifications"): password reset and address
// confirmation. As with sessions (decision 003), the token is 25 random bytes sent to the address, and only its
// SHA-256 hash is stored, so a copy of the database holds no usable link.

const normaliseEmail = (email: string) => email.trim().toLowerCase()

function newToken() {
  const bytes = new Uint8Array(25)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

const tokenHash = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)))

/** A token as it can appear in a link; anything else is not looked up. */
export const isWellFormedToken = (token: unknown): token is string =>
  typeof token === 'string' && /^[a-z2-7]{40}$/.test(token)

async function issueToken(
  trx: Kysely<DB>,
  user: { id: number; email: string },
  purpose: EmailTokenPurpose,
  ttlMs: number,
) {
  const { instant, iso } = clock()
  // One live link per purpose: asking again makes the earlier link useless.
  await trx
    .updateTable('email_token')
    .set({ used_at: iso })
    .where('user_id', '=', user.id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute()
  const token = newToken()
  await trx
    .insertInto('email_token')
    .values({
      user_id: user.id,
      purpose,
      token_hash: tokenHash(token),
      email: user.email,
      created_at: iso,
      expires_at: new Date(instant.getTime() + ttlMs).toISOString(),
    })
    .execute()
  return token
}

type LinkUser = { id: number; email: string; name: string; locale: UserLocale }

/** Issues a confirmation link and queues the message, in the caller's transaction (sign-up, or asking again). */
export async function sendEmailConfirmation(trx: Kysely<DB>, user: LinkUser) {
  const token = await issueToken(trx, user, 'email_confirmation', EMAIL_CONFIRMATION_TTL_MS)
  await enqueueEmail(trx, {
    kind: 'email_confirmation',
    userId: user.id,
    to: user.email,
    locale: user.locale,
    content: composeEmail(user.locale, {
      subject: { key: 'mail.confirm.subject' },
      name: user.name,
      paragraphs: [{ key: 'mail.confirm.body' }],
      action: { label: 'mail.confirm.action', url: absoluteUrl(`/registrer/bekreft?token=${token}`) },
      footer: { key: 'mail.footer.account' },
    }),
  })
}

/**
 * "Forgot password": queues a reset link when an account has the address. The answer is the same whether or not it
 * does (the caller shows one message for both), and the allowance per address and per typed e-mail is taken first,
 * so the form can neither flood a mailbox nor test addresses without limit.
 */
export async function requestPasswordReset(emailInput: string, ip: string): Promise<Result<null>> {
  const email = normaliseEmail(emailInput)
  const reservation = await reserveAttempt([
    { key: `reset-account:${email}`, limit: limits.passwordResetPerAccount },
    { key: `reset-ip:${ip}`, limit: limits.passwordResetPerIp },
  ])
  if (!reservation.ok)
    return refuse('rate_limited', { message: 'forgot.rateLimited', vars: { minutes: reservation.minutes } })
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom('user')
        .select(['id', 'email', 'name', 'locale', 'status'])
        .where('email', '=', email)
        .executeTakeFirst()
      if (!user) return
      const token = await issueToken(trx, user, 'password_reset', PASSWORD_RESET_TTL_MS)
      await enqueueEmail(trx, {
        kind: 'password_reset',
        userId: user.id,
        to: user.email,
        locale: user.locale,
        content: composeEmail(user.locale, {
          subject: { key: 'mail.reset.subject' },
          name: user.name,
          paragraphs: [{ key: 'mail.reset.body' }],
          action: { label: 'mail.reset.action', url: absoluteUrl(`/logg-inn/nytt-passord?token=${token}`) },
          after: [{ key: 'mail.reset.ignore' }],
          footer: { key: 'mail.footer.account' },
        }),
      })
      await audit(
        {
          action: 'account.password_reset_requested',
          actorUserId: null,
          target: { type: 'user', id: user.id },
          ip,
          at: clock().iso,
        },
        trx,
      )
    })
  return ok(null)
}

async function liveToken(db: Kysely<DB>, token: string, purpose: EmailTokenPurpose) {
  if (!isWellFormedToken(token)) return undefined
  return db
    .selectFrom('email_token')
    .innerJoin('user', 'user.id', 'email_token.user_id')
    .select(['email_token.id', 'email_token.user_id as userId', 'user.email', 'email_token.email as sentTo'])
    .where('email_token.token_hash', '=', tokenHash(token))
    .where('email_token.purpose', '=', purpose)
    .where('email_token.used_at', 'is', null)
    .where('email_token.expires_at', '>', clock().iso)
    .executeTakeFirst()
    .then((row) => (row && row.email === row.sentTo ? row : undefined))
}

/** Whether a link still works (the page shows its form, or says the link is spent). */
export async function emailLinkTarget(token: string, purpose: EmailTokenPurpose) {
  const row = await liveToken(getDb(), token, purpose)
  return row ? { email: row.email } : null
}

/**
 * Sets a new password with a reset link: the link is spent at once (a second use finds nothing), every session of
 * the account ends, and the address counts as confirmed (the person read mail sent to it). Refusals: invalid_input
 * (the password rules, or `reset.invalid` for a spent, expired or unknown link).
 */
export async function resetPassword(
  input: { token: string; password: string; confirmPassword: string },
  ip: string,
): Promise<Result<null>> {
  const target = await liveToken(getDb(), input.token, 'password_reset')
  if (!target) return refuse('invalid_input', { message: 'reset.invalid' })
  const errors = newPasswordErrors(input.password, input.confirmPassword, target.email)
  if (Object.keys(errors).length > 0) return invalidFields(errors)
  const passwordHash = await hashPassword(input.password)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx): Promise<Result<null>> => {
      // Spend the link first; a parallel request with the same link finds it spent and changes nothing.
      const spent = await trx
        .updateTable('email_token')
        .set({ used_at: iso })
        .where('id', '=', target.id)
        .where('used_at', 'is', null)
        .executeTakeFirst()
      if (Number(spent.numUpdatedRows) === 0) return refuse('invalid_input', { message: 'reset.invalid' })
      await trx
        .updateTable('user')
        .set({ password_hash: passwordHash, password_changed_at: iso, email_confirmed: 1 })
        .where('id', '=', target.userId)
        .execute()
      await trx.deleteFrom('session').where('user_id', '=', target.userId).execute()
      await audit(
        {
          action: 'account.password_reset',
          actorUserId: target.userId,
          target: { type: 'user', id: target.userId },
          ip,
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}

/** Confirms the address with the link sent at sign-up. Refusal: invalid_input (`confirmEmail.invalid`). */
export async function confirmEmail(token: string, ip: string): Promise<Result<{ userId: number }>> {
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx): Promise<Result<{ userId: number }>> => {
      const target = await liveToken(trx, token, 'email_confirmation')
      if (!target) return refuse('invalid_input', { message: 'confirmEmail.invalid' })
      await trx.updateTable('email_token').set({ used_at: iso }).where('id', '=', target.id).execute()
      await trx.updateTable('user').set({ email_confirmed: 1 }).where('id', '=', target.userId).execute()
      await audit(
        {
          action: 'account.email_confirmed',
          actorUserId: target.userId,
          target: { type: 'user', id: target.userId },
          ip,
          at: iso,
        },
        trx,
      )
      return ok({ userId: target.userId })
    })
}

/** A signed-in account whose address is not confirmed asks for the link again (limited per account). */
export async function resendEmailConfirmation(userId: number): Promise<Result<null>> {
  const reservation = await reserveAttempt([
    { key: `confirm-resend:${userId}`, limit: limits.confirmationResendPerAccount },
  ])
  if (!reservation.ok)
    return refuse('rate_limited', { message: 'confirmEmail.rateLimited', vars: { minutes: reservation.minutes } })
  const sent = await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom('user')
        .select(['id', 'email', 'name', 'locale'])
        .where('id', '=', userId)
        .where('email_confirmed', '=', 0)
        .executeTakeFirst()
      if (!user) return false
      await sendEmailConfirmation(trx, user)
      return true
    })
  if (!sent) await releaseAttempt(reservation)
  return ok(null)
}
