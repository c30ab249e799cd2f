import type { OrganisationKind, UserRole, VerificationStatus } from '../../db/schema'

/** Who is asking: built from the session on the server for every request (null for a visitor). */
export type Viewer = {
  userId: number
  sessionId: string
  name: string
  email: string
  role: UserRole
  status: VerificationStatus
  organisationId: number
  organisationName: string
  organisationKind: OrganisationKind
  organisationStatus: VerificationStatus
  /** Set for buyers: the municipality they belong to. */
  municipalityNumber: string | null
  twoFactorEnabled: boolean
  /** A coordinator or admin who has not enrolled two-factor yet (outside demo mode) acts as pending until they do. */
  mustEnrolTwoFactor: boolean
}

/**
 * The role that decides permissions. A pending or rejected account, or a member of an organisation that is not
 * verified, sees what a visitor sees.
 */
export type EffectiveRole = 'visitor' | 'pending' | UserRole

export function effectiveRole(viewer: Viewer | null): EffectiveRole {
  if (!viewer) return 'visitor'
  if (viewer.mustEnrolTwoFactor) return 'pending'
  if (viewer.role === 'admin' || viewer.role === 'coordinator')
    return viewer.status === 'verified' ? viewer.role : 'pending'
  if (viewer.status !== 'verified' || viewer.organisationStatus !== 'verified') return 'pending'
  return viewer.role
}

export const isCoordinatorOrAdmin = (viewer: Viewer | null) => {
  const role = effectiveRole(viewer)
  return role === 'coordinator' || role === 'admin'
}

/** Verified supplier member of this organisation. */
export const isSupplierOf = (viewer: Viewer | null, supplierOrganisationId: number) =>
  effectiveRole(viewer) === 'supplier' && viewer!.organisationId === supplierOrganisationId

/** Verified buyer of this municipality. */
export const isBuyerOf = (viewer: Viewer | null, municipalityNumber: string) =>
  effectiveRole(viewer) === 'buyer' && viewer!.municipalityNumber === municipalityNumber
