import { effectiveRole, isCoordinatorOrAdmin, isVerifiedMember, type Viewer } from './viewer'

/** Coordinators and admins work the verification queue. */
export const canVerifyAccounts = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

/** A verified member of a municipality or supplier may verify or reject pending colleagues in the same organisation. */
export function canVerifyColleague(viewer: Viewer | null, target: { organisationId: number }) {
  if (isCoordinatorOrAdmin(viewer)) return true
  return isVerifiedMember(viewer) && viewer.organisationId === target.organisationId
}

/** Members of a verified municipality or supplier see their organisation page. */
export function canViewOwnOrganisation(viewer: Viewer | null) {
  const role = effectiveRole(viewer)
  return role === 'buyer' || role === 'supplier'
}

export const canViewAuditLog = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

export const canManageUsers = (viewer: Viewer | null) => effectiveRole(viewer) === 'admin'
