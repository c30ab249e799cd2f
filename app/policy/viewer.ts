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

export const isCoordinatorOrAdmin = (viewer: Viewer | null): viewer is StaffViewer => {
  const role = effectiveRole(viewer)
  return role === 'coordinator' || role === 'admin'
}

// Narrowing guards: each tells the type checker that the viewer is signed in (and in which role), so callers need no
// `viewer!`. The guarded types are narrower than Viewer on purpose: a `false` answer then leaves `Viewer | null`
// (a signed-in viewer of another role), instead of narrowing the viewer away.
export type StaffViewer = Viewer & { role: 'coordinator' | 'admin' }
export type BuyerViewer = Viewer & { role: 'buyer'; municipalityNumber: string }
export type SupplierViewer = Viewer & { role: 'supplier' }

/** A verified member of a verified municipality (the municipality number is then always set). */
export const isVerifiedBuyer = (viewer: Viewer | null): viewer is BuyerViewer =>
  effectiveRole(viewer) === 'buyer' && viewer?.municipalityNumber != null

/** A verified member of a verified supplier company. */
export const isVerifiedSupplier = (viewer: Viewer | null): viewer is SupplierViewer =>
  viewer !== null && effectiveRole(viewer) === 'supplier'

/** A verified buyer or supplier (a member of a verified organisation other than the coordinating body). */
export const isVerifiedMember = (viewer: Viewer | null): viewer is BuyerViewer | SupplierViewer =>
  isVerifiedBuyer(viewer) || isVerifiedSupplier(viewer)

/** Verified supplier member of this organisation. */
export const isSupplierOf = (viewer: Viewer | null, supplierOrganisationId: number): viewer is SupplierViewer =>
  isVerifiedSupplier(viewer) && viewer.organisationId === supplierOrganisationId

/** Verified buyer of this municipality. */
export const isBuyerOf = (viewer: Viewer | null, municipalityNumber: string): viewer is BuyerViewer =>
  isVerifiedBuyer(viewer) && viewer.municipalityNumber === municipalityNumber
