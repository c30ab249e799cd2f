import {
  canPerform,
  isDossierEditableBySupplier,
  isEditableBySupplier,
  isPublicDecisionOutcome,
  isPublicVersionState,
  type DecisionOutcome,
  type VersionState,
} from '~/domain/approval-workflow'
import { effectiveRole, isCoordinatorOrAdmin, isSupplierOf, isVerifiedSupplier, type Viewer } from './viewer'

// Who may see and do what in the national register (docs/domain.md, "Visibility"). The models ask these functions and
// select only what they allow; the routes ask them too, to decide which actions to offer.
//
// | data                                       | visitor, pending, buyer, other supplier | own supplier | coordinator, admin |
// | products with a current approval, public   | yes                                     | yes          | yes                |
// | products without one, drafts, submissions  | no                                      | own only     | yes                |
// | confidential dossier                       | no                                      | own only     | yes                |

/** What the policy needs to know about a product. */
export type ProductAccess = {
  supplierOrganisationId: number
  /** At least one version is approved or provisionally approved and its approval period has not ended. */
  currentlyApproved: boolean
}

/** Sees everything about this product, unpublished versions and dossiers included. */
export const canSeeUnpublished = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  isCoordinatorOrAdmin(viewer) || isSupplierOf(viewer, product.supplierOrganisationId)

export const canViewProduct = (viewer: Viewer | null, product: ProductAccess) =>
  product.currentlyApproved || canSeeUnpublished(viewer, product)

/** Register a new product: a verified member of a verified supplier company (it becomes the product's owner). */
export const canCreateProduct = (viewer: Viewer | null) =>
  isVerifiedSupplier(viewer) && viewer.organisationKind === 'supplier'

/** Product data belongs to the supplier; coordinators assess versions, they do not rewrite the supplier's claims. */
export const canEditProduct = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  isSupplierOf(viewer, product.supplierOrganisationId)

export const canAddVersion = canEditProduct

export function canViewVersion(viewer: Viewer | null, product: ProductAccess, version: { state: VersionState }) {
  if (canSeeUnpublished(viewer, product)) return true
  return product.currentlyApproved && isPublicVersionState(version.state)
}

export const canEditVersion = (viewer: Viewer | null, product: ProductAccess, version: { state: VersionState }) =>
  isSupplierOf(viewer, product.supplierOrganisationId) && isEditableBySupplier(version.state)

export const canSubmitVersion = (viewer: Viewer | null, product: ProductAccess, version: { state: VersionState }) =>
  isSupplierOf(viewer, product.supplierOrganisationId) && canPerform('submit', version.state, 'supplier')

/** Never other suppliers, never buyers: security documentation, test reports, references and prices offered. */
export const canViewDossier = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  canSeeUnpublished(viewer, product)

export const canEditDossier = (viewer: Viewer | null, product: ProductAccess, version: { state: VersionState }) =>
  isSupplierOf(viewer, product.supplierOrganisationId) && isDossierEditableBySupplier(version.state)

/** Start reviews, decide, withdraw approvals, see the assessment queue. */
export const canAssess = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

export const canStartReview = (viewer: Viewer | null, version: { state: VersionState }) =>
  canAssess(viewer) && canPerform('start_review', version.state, 'coordinator')

export const canDecide = (viewer: Viewer | null, version: { state: VersionState }) =>
  canAssess(viewer) && canPerform('decide', version.state, 'coordinator')

export const canWithdrawApproval = (viewer: Viewer | null, version: { state: VersionState }) =>
  canAssess(viewer) && canPerform('withdraw', version.state, 'coordinator')

/** Decisions granting or withdrawing an approval are published; the rest only to the supplier and coordinators. */
export const canViewDecision = (
  viewer: Viewer | null,
  product: Pick<ProductAccess, 'supplierOrganisationId'>,
  decision: { outcome: DecisionOutcome },
) => isPublicDecisionOutcome(decision.outcome) || canSeeUnpublished(viewer, product)

/** The coordinator's name on a decision is shown to the supplier and to coordinators; the public sees the body. */
export const canSeeDecisionMaker = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  canSeeUnpublished(viewer, product)

/** Approvals about to expire: coordinators all of them, a supplier its own. */
export const canListExpiringApprovals = (viewer: Viewer | null) =>
  canAssess(viewer) || effectiveRole(viewer) === 'supplier'
