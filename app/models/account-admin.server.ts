import { getDb } from '../../db/client'
import { clock } from '~/models/db.server'
import { canAdministerAccountOf, type Viewer } from '~/policy'
import { audit } from '~/utils/audit.server'
import { ok, refuse, type Result } from '~/utils/refusal'

// Coordinators' and admins' tools for other people's accounts (docs/domain.md, "Accounts and verification"). The route
// asks for a step-up first; each change is checked against the policy again here, ends the account's sessions where
// it takes access away, and is audited in the same transaction.

async function target(userId: number) {
  return getDb()
    .selectFrom('user')
    .select(['id', 'role', 'deactivated_at', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

/** Deactivates the account: no sign-in, and every session ends at once (an open one on its next request). */
export async function deactivateUser(viewer: Viewer, userId: number, ip: string): Promise<Result<null>> {
  const user = await target(userId)
  if (!user) return refuse('not_found')
  if (!canAdministerAccountOf(viewer, user)) return refuse('forbidden')
  if (user.deactivated_at !== null) return ok(null)
  const { iso } = clock()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('user')
        .set({ deactivated_at: iso, deactivated_by: viewer.userId })
        .where('id', '=', userId)
        .execute()
      await trx.deleteFrom('session').where('user_id', '=', userId).execute()
      await audit(
        {
          action: 'admin.user_deactivated',
          actorUserId: viewer.userId,
          target: { type: 'user', id: userId },
          ip,
          at: iso,
        },
        trx,
      )
    })
  return ok(null)
}

export async function reactivateUser(viewer: Viewer, userId: number, ip: string): Promise<Result<null>> {
  const user = await target(userId)
  if (!user) return refuse('not_found')
  if (!canAdministerAccountOf(viewer, user)) return refuse('forbidden')
  if (user.deactivated_at === null) return ok(null)
  const { iso } = clock()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('user')
        .set({ deactivated_at: null, deactivated_by: null })
        .where('id', '=', userId)
        .execute()
      await audit(
        {
          action: 'admin.user_reactivated',
          actorUserId: viewer.userId,
          target: { type: 'user', id: userId },
          ip,
          at: iso,
        },
        trx,
      )
    })
  return ok(null)
}

/**
 * Removes the account's two-factor key and recovery codes (a lost phone) and ends its sessions: the person signs in
 * with the password and enrols again (coordinators and admins must, outside demo mode, before they can work).
 */
export async function resetTwoFactorOf(viewer: Viewer, userId: number, ip: string): Promise<Result<null>> {
  const user = await target(userId)
  if (!user) return refuse('not_found')
  if (!canAdministerAccountOf(viewer, user)) return refuse('forbidden')
  const { iso } = clock()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('user')
        .set({ totp_key: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', userId)
        .execute()
      await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
      await trx.deleteFrom('session').where('user_id', '=', userId).execute()
      await audit(
        {
          action: 'admin.two_factor_reset',
          actorUserId: viewer.userId,
          target: { type: 'user', id: userId },
          ip,
          at: iso,
          details: { wasEnabled: user.totp_enabled_at !== null },
        },
        trx,
      )
    })
  return ok(null)
}
