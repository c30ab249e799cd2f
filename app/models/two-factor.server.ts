import { getDb } from '../../db/client'
import { audit } from '~/utils/audit.server'
import { nowIso } from '~/utils/clock.server'
import { generateRecoveryCodes, hashRecoveryCode, matchTotpStep } from '~/utils/totp.server'

/**
 * Confirms enrolment: the key was generated on the page and comes back with the form (nothing is stored on GET); the
 * code proves the app holds it. Returns the recovery codes (shown once) or null for a wrong code.
 */
export async function confirmEnrolment(
  userId: number,
  key: Uint8Array,
  code: string,
  ip: string,
): Promise<string[] | null> {
  const db = getDb()
  const user = await db
    .selectFrom('user')
    .select(['totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (user.totp_enabled_at || key.length !== 20) return null
  const step = matchTotpStep(key, code)
  if (step === null) return null
  const codes = generateRecoveryCodes()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user')
      .set({ totp_key: Buffer.from(key), totp_enabled_at: nowIso(), totp_last_step: step })
      .where('id', '=', userId)
      .execute()
    await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
    await trx
      .insertInto('recovery_code')
      .values(codes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c) })))
      .execute()
  })
  await audit({ action: 'account.two_factor_enabled', actorUserId: userId, target: { type: 'user', id: userId }, ip })
  return codes
}

/** Turning on two-factor ends every other session: one stolen before it must not outlive it. */
export async function endOtherSessions(userId: number, keepSessionId: string) {
  await getDb().deleteFrom('session').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute()
}

/**
 * A TOTP code is accepted once: its time step must be newer than the last accepted one. The conditional update makes
 * two simultaneous uses of the same code impossible too.
 */
export async function verifySecondFactor(userId: number, code: string, ip: string): Promise<boolean> {
  const db = getDb()
  const user = await db
    .selectFrom('user')
    .select(['totp_key', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (!user.totp_key) return false
  const trimmed = code.replace(/\s+/g, '')
  const step = matchTotpStep(new Uint8Array(user.totp_key), trimmed)
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
    .set({ used_at: nowIso() })
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
