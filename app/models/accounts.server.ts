import { sql } from 'kysely'
import { z } from 'zod'
import { createHash } from 'node:crypto'
import { getDb } from '../../db/client'
import type { UserLocale, UserRole } from '../../db/schema'
import { clock, isUniqueViolation } from '~/models/db.server'
import { sendEmailConfirmation } from '~/models/email-links.server'
import { audit } from '~/utils/audit.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { newPasswordErrors } from '~/utils/password-rules.server'
import { clearEvents, limits, releaseAttempt, reserveAttempt } from '~/utils/rate-limit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { invalidateUserSessions } from '~/utils/session.server'

// One's own account: signing up, signing in, name and password; and the staff accounts an admin creates.

const normaliseEmail = (email: string) => email.trim().toLowerCase()

/**
 * The municipalities a buyer can sign up for (also the procurement form's list of participants), in Norwegian order,
 * each with its official name as written (e.g. «Guovdageaidnu - Kautokeino») and every official form, so that a
 * picker finds it by any of them (municipalityOptionLabel).
 */
export async function listMunicipalityOptions() {
  const rows = await getDb()
    .selectFrom('municipality')
    .innerJoin('county', 'county.number', 'municipality.county_number')
    .select((eb) => [
      'municipality.number',
      'municipality.name',
      'county.name as county',
      eb
        .selectFrom('municipality_name')
        .select(sql<string>`group_concat(municipality_name.name, '|')`.as('forms'))
        .whereRef('municipality_name.municipality_number', '=', 'municipality.number')
        .as('forms'),
    ])
    .orderBy('municipality.name_sort')
    .orderBy('municipality.number')
    .execute()
  return rows.map((r) => ({ ...r, forms: r.forms ? r.forms.split('|') : [r.name] }))
}

async function municipalityExists(number: string) {
  const row = await getDb().selectFrom('municipality').select('number').where('number', '=', number).executeTakeFirst()
  return row !== undefined
}

export async function emailInUse(email: string) {
  const row = await getDb()
    .selectFrom('user')
    .select('id')
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst()
  return row !== undefined
}

export type SignUpInput = { name: string; email: string; password: string; confirmPassword: string } & (
  { kind: 'municipality'; municipalityNumber: string } | { kind: 'supplier'; companyName: string; orgNumber: string }
)

/**
 * Creates a pending user, and the organisation when this is its first member. The allowance per address is taken
 * before the e-mail is looked up, so the form cannot be used to test addresses without limit; a typo gives the
 * attempt back, asking about a registered address does not.
 */
export async function signUp(input: SignUpInput, ip: string, locale: UserLocale = 'nb'): Promise<Result<number>> {
  const reservation = await reserveAttempt([{ key: `signup-ip:${ip}`, limit: limits.signUpPerIp }])
  if (!reservation.ok)
    return refuse('rate_limited', { message: 'signUp.rateLimited', vars: { minutes: reservation.minutes } })
  const email = normaliseEmail(input.email)
  const errors = newPasswordErrors(input.password, input.confirmPassword, email)
  if (input.kind === 'municipality' && !(await municipalityExists(input.municipalityNumber)))
    errors.municipalityNumber = 'validation.municipality'
  const taken = await emailInUse(email)
  if (taken) errors.email = 'validation.emailTaken'
  if (Object.keys(errors).length > 0) {
    if (!taken) await releaseAttempt(reservation)
    return invalidFields(errors)
  }
  const passwordHash = await hashPassword(input.password)
  // A parallel sign-up may have taken the address since the check above: the UNIQUE constraint decides, and the
  // loser gets the same answer as the check.
  for (let attempt = 1; ; attempt++) {
    try {
      return ok(await insertAccount(input, email, passwordHash, ip, locale))
    } catch (error) {
      if (isUniqueViolation(error, 'user.email')) return invalidFields({ email: 'validation.emailTaken' })
      // A parallel first sign-up of the same municipality or company created the organisation: join it.
      if (attempt < 2 && isUniqueViolation(error, 'organisation.')) continue
      throw error
    }
  }
}

/** The new user, and the organisation when this is its first member, in one transaction. */
async function insertAccount(input: SignUpInput, email: string, passwordHash: string, ip: string, locale: UserLocale) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      let organisationId: number
      if (input.kind === 'municipality') {
        const existing = await trx
          .selectFrom('organisation')
          .select('id')
          .where('municipality_number', '=', input.municipalityNumber)
          .executeTakeFirst()
        if (existing) organisationId = existing.id
        else {
          const municipality = await trx
            .selectFrom('municipality')
            .select('name')
            .where('number', '=', input.municipalityNumber)
            .executeTakeFirstOrThrow()
          const created = await trx
            .insertInto('organisation')
            .values({
              kind: 'municipality',
              name: `${municipality.name} kommune`,
              municipality_number: input.municipalityNumber,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          organisationId = created.id
        }
      } else {
        const existing = await trx
          .selectFrom('organisation')
          .select('id')
          .where('org_number', '=', input.orgNumber)
          .executeTakeFirst()
        if (existing) organisationId = existing.id
        else {
          const created = await trx
            .insertInto('organisation')
            .values({ kind: 'supplier', name: input.companyName, org_number: input.orgNumber })
            .returning('id')
            .executeTakeFirstOrThrow()
          organisationId = created.id
        }
      }
      const user = await trx
        .insertInto('user')
        .values({
          organisation_id: organisationId,
          email,
          name: input.name,
          password_hash: passwordHash,
          role: input.kind === 'municipality' ? 'buyer' : 'supplier',
          locale,
          // The address must be confirmed (the link sent below) before anyone can verify the account.
          email_confirmed: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await sendEmailConfirmation(trx, { id: user.id, email, name: input.name, locale })
      await audit(
        {
          action: 'account.signed_up',
          actorUserId: user.id,
          target: { type: 'user', id: user.id },
          ip,
          details: { kind: input.kind },
        },
        trx,
      )
      return user.id
    })
}

/**
 * The typed e-mail as the audit log keeps it for a failed or blocked sign-in: only when it has the form of an address.
 * People type their password into the e-mail field by mistake, and coordinators read the log.
 */
function auditableEmail(typed: string): string | null {
  return z.email().safeParse(typed).success ? typed : null
}

/**
 * Takes the attempt from the limits before the password is checked, so that parallel guesses cannot slip past the
 * count. The limits are per (account, address) with growing delays, and per address: never per account alone, so a
 * stranger's failures cannot keep the owner out (docs/decisions/015-sign-in-throttling.md). Unknown e-mail and wrong
 * password give the same answer; a deactivated account is told so only after the right password.
 */
export async function authenticate(
  emailInput: string,
  password: string,
  ip: string,
): Promise<Result<{ userId: number; twoFactorEnabled: boolean }>> {
  const email = normaliseEmail(emailInput)
  const logged = { email: auditableEmail(email) }
  // The typed text only as a hash: it may be a password typed into the e-mail field, and the limits keep it a day.
  const pairKey = `signin:${createHash('sha256').update(email).digest('hex')}|${ip}`
  const reservation = await reserveAttempt([
    { key: pairKey, limit: limits.signInPerAccountAndIp },
    { key: `ip:${ip}`, limit: limits.signInPerIp },
  ])
  if (!reservation.ok) {
    await audit({ action: 'auth.sign_in_blocked', ip, details: logged })
    return refuse('rate_limited', { vars: { minutes: reservation.minutes } })
  }
  const user = await getDb()
    .selectFrom('user')
    .select(['id', 'password_hash', 'totp_enabled_at', 'deactivated_at'])
    .where('email', '=', email)
    .executeTakeFirst()
  // Hash even for unknown accounts so that response time does not reveal which e-mails exist.
  const valid = user ? await verifyPassword(user.password_hash, password) : (await hashPassword(password), false)
  if (!user || !valid) {
    // The reservation stays: it is the record of this failure.
    await audit({ action: 'auth.sign_in_failed', actorUserId: user?.id ?? null, ip, details: logged })
    return refuse('invalid_input', { message: 'signIn.invalid' })
  }
  await releaseAttempt(reservation)
  await clearEvents(pairKey)
  if (user.deactivated_at !== null) {
    await audit({ action: 'auth.sign_in_blocked', actorUserId: user.id, ip, details: { deactivated: true } })
    return refuse('invalid_input', { message: 'signIn.deactivated' })
  }
  return ok({ userId: user.id, twoFactorEnabled: user.totp_enabled_at !== null })
}

export async function changeName(userId: number, name: string, ip: string) {
  await getDb().updateTable('user').set({ name }).where('id', '=', userId).execute()
  await audit({ action: 'account.name_changed', actorUserId: userId, target: { type: 'user', id: userId }, ip })
}

export async function checkPassword(userId: number, password: string) {
  const user = await getDb()
    .selectFrom('user')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return verifyPassword(user.password_hash, password)
}

/** Returns false when the current password is wrong. Ends every session of the user on success. */
export async function changePassword(userId: number, current: string, next: string, ip: string) {
  if (!(await checkPassword(userId, current))) return false
  const passwordHash = await hashPassword(next)
  await getDb()
    .updateTable('user')
    .set({ password_hash: passwordHash, password_changed_at: clock().iso })
    .where('id', '=', userId)
    .execute()
  await invalidateUserSessions(userId)
  await audit({ action: 'account.password_changed', actorUserId: userId, target: { type: 'user', id: userId }, ip })
  return true
}

export async function getAccount(userId: number) {
  return getDb()
    .selectFrom('user')
    .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
    .select([
      'user.id',
      'user.name',
      'user.email',
      'user.role',
      'user.status',
      'user.decision_reason',
      'user.totp_enabled_at',
      'user.email_confirmed',
      'organisation.name as organisationName',
      'organisation.status as organisationStatus',
      'organisation.decision_reason as organisationDecisionReason',
    ])
    .where('user.id', '=', userId)
    .executeTakeFirstOrThrow()
}

/** Who creates a staff account: an admin on the admin page, or nobody (the command line). */
type StaffActor = { userId: number | null; ip: string | null }

/**
 * Creates a verified coordinator or admin in the coordinating body (admin page and `npm run user:create`). The
 * initial password follows the same rules as any new password.
 */
export async function createStaffUser(
  actor: StaffActor,
  input: { email: string; name: string; password: string; role: Extract<UserRole, 'coordinator' | 'admin'> },
): Promise<Result<number>> {
  const email = normaliseEmail(input.email)
  const errors = newPasswordErrors(input.password, input.password, email)
  if (await emailInUse(email)) errors.email = 'validation.emailTaken'
  if (Object.keys(errors).length > 0) return invalidFields(errors)
  const db = getDb()
  const body = await db
    .selectFrom('organisation')
    .select('id')
    .where('kind', '=', 'coordinating_body')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const passwordHash = await hashPassword(input.password)
  const user = await db
    .insertInto('user')
    .values({
      organisation_id: body.id,
      email,
      name: input.name,
      password_hash: passwordHash,
      role: input.role,
      status: 'verified',
      decided_at: clock().iso,
      decided_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // Taken by a parallel request since the check above.
      if (isUniqueViolation(error, 'user.email')) return null
      throw error
    })
  if (!user) return invalidFields({ email: 'validation.emailTaken' })
  await audit({
    action: 'admin.user_created',
    actorUserId: actor.userId,
    target: { type: 'user', id: user.id },
    ip: actor.ip,
    details: { role: input.role, email },
  })
  return ok(user.id)
}
