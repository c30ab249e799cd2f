import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { DB, UserRole } from '../../db/schema'
import { isOneOf } from '~/domain/code-lists'
import { effectiveRole, isCoordinatorOrAdmin, isVerifiedMember, type Viewer } from './viewer'

// Who may verify whom, and who sees the account pages (docs/domain.md, "People and roles").

/** Coordinators and admins work the verification queue (organisations as well as people). */
export const canVerifyAccounts = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

/** Only buyers and suppliers are verified through the queue: staff accounts are created verified by an admin. */
const VERIFIABLE_ROLES = ['buyer', 'supplier'] as const satisfies readonly UserRole[]
const isVerifiableRole = (role: UserRole) => isOneOf(VERIFIABLE_ROLES, role)

/**
 * May verify or reject this person: coordinators and admins anyone in a municipality or supplier company, a verified
 * member of one only colleagues in the same organisation. Staff accounts are never decided here, and nobody decides
 * on a sign-up whose e-mail address is not confirmed yet (it is not in the queue until it is).
 */
export function canVerifyColleague(
  viewer: Viewer | null,
  target: { organisationId: number; role: UserRole; emailConfirmed: number },
) {
  if (!isVerifiableRole(target.role) || target.emailConfirmed !== 1) return false
  if (isCoordinatorOrAdmin(viewer)) return true
  return isVerifiedMember(viewer) && viewer.organisationId === target.organisationId
}

/** The list form of canVerifyColleague, on the `user` table. */
export const verifiableUsersWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'user'>): Expression<SqlBool> => {
    const verifiable = eb.and([eb('user.role', 'in', VERIFIABLE_ROLES), eb('user.email_confirmed', '=', 1)])
    if (isCoordinatorOrAdmin(viewer)) return verifiable
    if (isVerifiedMember(viewer)) return eb.and([verifiable, eb('user.organisation_id', '=', viewer.organisationId)])
    return eb.lit(false)
  }

/** Members of a verified municipality or supplier see their organisation page. */
export function canViewOwnOrganisation(viewer: Viewer | null) {
  const role = effectiveRole(viewer)
  return role === 'buyer' || role === 'supplier'
}

/** Coordinators and admins keep two-factor sign-in once enrolled: outside demo mode they must have it to act. */
export const canTurnOffTwoFactor = (viewer: Viewer | null) =>
  viewer !== null && viewer.role !== 'coordinator' && viewer.role !== 'admin'

export const canViewAuditLog = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

export const canManageUsers = (viewer: Viewer | null) => effectiveRole(viewer) === 'admin'

/** An admin changes the role of other staff, never their own: someone must always be able to manage roles. */
export const canChangeRoleOf = (viewer: Viewer | null, target: { id: number }) =>
  canManageUsers(viewer) && viewer?.userId !== target.id

/** Outgoing mail (/admin/utboks): addresses, and in demo mode the links in it, so admins only. */
export const canReadOutbox = (viewer: Viewer | null) => canManageUsers(viewer)
/** Coordinators and admins work the account tools (/koordinator/brukere): deactivation and two-factor resets. */
export const canAdministerAccounts = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

/**
 * May deactivate, reactivate or reset the two-factor sign-in of this account: a coordinator for buyers and suppliers,
 * an admin for anyone; never one's own account (someone else must always be able to undo it).
 */
export function canAdministerAccountOf(viewer: Viewer | null, target: { id: number; role: UserRole }) {
  if (!isCoordinatorOrAdmin(viewer) || viewer.userId === target.id) return false
  return effectiveRole(viewer) === 'admin' || isVerifiableRole(target.role)
}
