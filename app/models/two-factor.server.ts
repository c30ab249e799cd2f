import { getDb } from '../../db/client'
import { clock } from '~/models/db.server'
import { audit } from '~/utils/audit.server'
import { limits, releaseAttempt, reserveAttempt } from '~/utils/rate-limit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { isSealed, isSealedWithCurrentKey, open, seal } from '~/utils/secret-box.server'
import { generateRecoveryCodes, hashRecoveryCode, matchTotpStep } from '~/utils/totp.server'

// The key is stored sealed (AES-GCM, app/utils/secret-box.server.ts), bound to its user.
const sealTotpKey = (userId: number, key: Uint8Array) => seal(key, `totp:${userId}`)

function openTotpKey(userId: number, stored: Uint8Array): Uint8Array {
  // A plain 20-byte key from before encryption: reencryptTotpSecrets seals it at the next start-up.
  if (!isSealed(stored)) return new Uint8Array(stored)
  return open(stored, `totp:${userId}`)
}

/**
 * Seals every two-factor key that is still plain (from before encryption) or sealed with an old key (a rotation), with
 * the current key. Runs at start-up; returns how many were re-sealed.
 */
export async function reencryptTotpSecrets(): Promise<number> {
  const db = getDb()
  const rows = await db.selectFrom('user').select(['id', 'totp_key']).where('totp_key', 'is not', null).execute()
  let count = 0
  let unreadable = 0
  for (const row of rows) {
    if (!row.totp_key || isSealedWithCurrentKey(row.totp_key)) continue
    let key: Uint8Array
    try {
      key = openTotpKey(row.id, row.totp_key)
    } catch {
      // Sealed with a key that is no longer configured: left as it is (an admin resets that person's two-factor).
      unreadable++
      continue
    }
    await db
      .updateTable('user')
      .set({ totp_key: sealTotpKey(row.id, key) })
      .where('id', '=', row.id)
      .where('totp_key', '=', row.totp_key)
      .execute()
    count++
  }
  if (unreadable > 0) console.warn(`${unreadable} two-factor secret(s) are sealed with a key that is not configured.`)
  return count
}

// Two-factor sign-in: enrolment, the second step of signing in, recovery codes.

/**
 * Confirms enrolment: the key was generated on the page and comes back with the form (nothing is stored on GET); the
 * code proves the app holds it. Returns the recovery codes, shown once.
 */
export async function confirmEnrolment(
  userId: number,
  key: Uint8Array,
  code: string,
  ip: string,
): Promise<Result<string[]>> {
  const db = getDb()
  const user = await db
    .selectFrom('user')
    .select(['totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  const wrongCode = invalidFields({ code: 'twoFactor.invalid' })
  if (user.totp_enabled_at || key.length !== 20) return wrongCode
  const step = matchTotpStep(key, code)
  if (step === null) return wrongCode
  const codes = generateRecoveryCodes()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user')
      .set({ totp_key: sealTotpKey(userId, key), totp_enabled_at: clock().iso, totp_last_step: step })
      .where('id', '=', userId)
      .execute()
    await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
    await trx
      .insertInto('recovery_code')
      .values(codes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c) })))
      .execute()
  })
  await audit({ action: 'account.two_factor_enabled', actorUserId: userId, target: { type: 'user', id: userId }, ip })
  return ok(codes)
}

/**
 * The second step of signing in, with a code from the app or a recovery code. The attempt is taken from the
 * account's allowance before the code is checked, so parallel guesses cannot slip past the limit.
 */
export async function verifySecondFactor(userId: number, code: string, ip: string): Promise<Result<null>> {
  const reservation = await reserveAttempt([{ key: `2fa:${userId}|${ip}`, limit: limits.twoFactorPerAccountAndIp }])
  if (!reservation.ok) return refuse('rate_limited', { vars: { minutes: reservation.minutes } })
  if (!(await acceptCode(userId, code, ip))) {
    await audit({ action: 'auth.second_factor_failed', actorUserId: userId, target: { type: 'user', id: userId }, ip })
    return refuse('invalid_input', { message: 'secondFactor.invalid' })
  }
  await releaseAttempt(reservation)
  return ok(null)
}

/**
 * A TOTP code is accepted once: its time step must be newer than the last accepted one. The conditional update makes
 * two simultaneous uses of the same code impossible too. A recovery code is likewise used once.
 */
export async function acceptCode(userId: number, code: string, ip: string): Promise<boolean> {
  const db = getDb()
  const user = await db
    .selectFrom('user')
    .select(['totp_key', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (!user.totp_key) return false
  const trimmed = code.replace(/\s+/g, '')
  const step = matchTotpStep(openTotpKey(userId, user.totp_key), trimmed)
  if (step !== null) {
    const result = await db
      .updateTable('user')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
  const used = await db
    .updateTable('recovery_code')
    .set({ used_at: clock().iso })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(trimmed))
    .where('used_at', 'is', null)
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) === 1) {
    await audit({ action: 'account.recovery_code_used', actorUserId: userId, target: { type: 'user', id: userId }, ip })
    return true
  }
  return false
}

export async function disableTwoFactor(userId: number, ip: string) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('user')
        .set({ totp_key: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', userId)
        .execute()
      await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
    })
  await audit({ action: 'account.two_factor_disabled', actorUserId: userId, target: { type: 'user', id: userId }, ip })
}

export async function remainingRecoveryCodes(userId: number) {
  const row = await getDb()
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return row.n
}
