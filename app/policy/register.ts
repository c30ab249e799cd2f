import { expressionBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { DB } from '../../db/schema'
import {
  ENDED_APPROVAL_KINDS,
  endedApproval,
  isCurrentlyApproved,
  type EndedApprovalKind,
  type VersionForLabel,
} from '~/domain/approval-label'
import { isOneOf } from '~/domain/code-lists'
import {
  APPROVED_STATES,
  PUBLIC_VERSION_STATES,
  canPerform,
  isDossierEditableBySupplier,
  isEditableBySupplier,
  isPublicVersionState,
  type VersionState,
} from '~/domain/approval-workflow'
import { PUBLIC_DECISION_OUTCOMES, isPublicDecisionOutcome, type DecisionOutcome } from '~/domain/assessment'
import {
  effectiveRole,
  isCoordinatorOrAdmin,
  isSupplierOf,
  isVerifiedSupplier,
  type StaffViewer,
  type SupplierViewer,
  type Viewer,
} from './viewer'

// Who may see and do what in the national register (docs/domain.md, "Visibility"). The models ask these functions and
// select only what they allow; the routes ask them too, to decide which actions to offer. Every visibility rule is a
// pair: the predicate for one item and, beside it, its list form (a Kysely filter written against the table's own
// name) for the queries that list such items. tests/unit/policy-register-parity.test.ts proves each pair agrees.
//
// | rule               | data                                  | everyone else                  | own supplier, staff |
// | currently-approved | a product holds a current approval    | the same for everyone          |                     |
// | approval-ended     | its last approval was withdrawn or    | the same for everyone          |                     |
// |                    | expired, and none is current          |                                |                     |
// | sees-unpublished   | unpublished parts, expiring approvals | no                             | yes                 |
// | product-visible    | a product                             | if currently approved or its   | yes                 |
// |                    |                                       | approval ended                 |                     |
// | version-visible    | a version                             | approved, withdrawn, expired,  | all                 |
// |                    |                                       | of a product on the public     |                     |
// |                    |                                       | register                       |                     |
// | dossier            | the confidential dossier              | no                             | yes                 |
// | decision-published | approvals and withdrawals             | everyone, on /vedtak           |                     |
// | decision-visible   | a decision                            | if published                   | all                 |
// | decision-maker     | the coordinator's name on a decision  | no                             | yes                 |

/** What the policy needs to know about a product. */
export type ProductAccess = {
  supplierOrganisationId: number
  /** At least one version is approved or provisionally approved and its approval period has not ended
   * (hasCurrentApproval). */
  currentlyApproved: boolean
  /** No current approval, but the product has been on the public register: its last approval was withdrawn or has
   * expired (hasEndedApproval). It stays public, saying so; it is never shown as approved. */
  approvalEnded: boolean
}

/** A product's access facts with its id, as the models load them (register-access.server.ts). */
export type ProductRef = ProductAccess & { id: number }

/**
 * The product holds a current approval: one of its versions, in one of `states`, is currently approved
 * (isCurrentlyApproved in app/domain/approval-label.ts, which the approval label uses too).
 */
export const hasCurrentApproval = (
  versions: ReadonlyArray<Pick<VersionForLabel, 'state' | 'validUntil'>>,
  today: string,
  states: ReadonlyArray<(typeof APPROVED_STATES)[number]> = APPROVED_STATES,
) => versions.some((v) => isOneOf(states, v.state) && isCurrentlyApproved(v, today))

/**
 * The list form of hasCurrentApproval: the product has a version in one of `states` whose approval has not ended.
 * The decision that gave the version its state carries the end date; checking it here keeps an approval off the
 * register the day after it ends even if the nightly expiry has not run.
 */
export const currentlyApprovedWhere =
  (today: string, states: ReadonlyArray<(typeof APPROVED_STATES)[number]> = APPROVED_STATES) =>
  (eb: ExpressionBuilder<DB, 'product'>) =>
    eb.exists(
      eb
        .selectFrom('product_version as av')
        .innerJoin('version_decision as ad', (join) =>
          join.onRef('ad.version_id', '=', 'av.id').onRef('ad.outcome', '=', 'av.state'),
        )
        .select('av.id')
        .whereRef('av.product_id', '=', 'product.id')
        .where('av.state', 'in', [...states])
        .where('ad.valid_until', '>=', today),
    )

/** The version states behind each way an approval ends: an expired approval is one marked `expired` by the nightly
 * run, or one still marked approved whose period has ended (the product holds no current approval). */
const ENDED_STATES = {
  withdrawn: ['withdrawn'],
  expired: ['expired', ...APPROVED_STATES],
} as const satisfies Record<EndedApprovalKind, readonly VersionState[]>

/**
 * The product holds no current approval but has been on the public register, and its last approval ended in one of
 * `kinds` (endedApproval in app/domain/approval-label.ts, which the approval label uses too).
 */
export const hasEndedApproval = (
  versions: ReadonlyArray<Pick<VersionForLabel, 'id' | 'state' | 'validUntil' | 'decidedAt'>>,
  today: string,
  kinds: readonly EndedApprovalKind[] = ENDED_APPROVAL_KINDS,
) => {
  const ended = endedApproval(versions, today)
  return ended !== null && kinds.includes(ended.kind)
}

/**
 * The list form of hasEndedApproval: no version is currently approved, and the newest version that has been on the
 * public register (approved, provisionally approved, withdrawn or expired) is in a state of one of `kinds`.
 */
export const endedApprovalWhere =
  (today: string, kinds: readonly EndedApprovalKind[] = ENDED_APPROVAL_KINDS) =>
  (eb: ExpressionBuilder<DB, 'product'>) =>
    eb.and([
      eb.not(currentlyApprovedWhere(today)(eb)),
      eb.exists(
        eb
          .selectFrom('product_version as lv')
          .select('lv.id')
          .whereRef('lv.product_id', '=', 'product.id')
          .where('lv.state', 'in', [...new Set(kinds.flatMap((k) => ENDED_STATES[k]))])
          .where((n) =>
            n.not(
              n.exists(
                n
                  .selectFrom('product_version as nv')
                  .select('nv.id')
                  .whereRef('nv.product_id', '=', 'product.id')
                  .whereRef('nv.id', '>', 'lv.id')
                  .where('nv.state', 'in', PUBLIC_VERSION_STATES),
              ),
            ),
          ),
      ),
    ])

/** On the public register: currently approved, or its approval ended (withdrawn or expired). What the public sees
 * of a product, and which products it sees at all. */
const isOnPublicRegister = (product: ProductAccess) => product.currentlyApproved || product.approvalEnded

/** List form of isOnPublicRegister. */
const onPublicRegisterWhere = (today: string) => (eb: ExpressionBuilder<DB, 'product'>) =>
  eb.or([currentlyApprovedWhere(today)(eb), endedApprovalWhere(today)(eb)])

// ---------------------------------------------------------------------------------------------------------------
// Products.

/** Sees everything about this product, unpublished versions and dossiers included. */
export const canSeeUnpublished = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  isCoordinatorOrAdmin(viewer) || isSupplierOf(viewer, product.supplierOrganisationId)

/** List form of canSeeUnpublished: the products whose unpublished parts this viewer sees. */
export const seesUnpublishedWhere = (viewer: Viewer | null) => (eb: ExpressionBuilder<DB, 'product'>) => {
  if (isCoordinatorOrAdmin(viewer)) return eb.and([])
  if (isVerifiedSupplier(viewer)) return eb('product.supplier_organisation_id', '=', viewer.organisationId)
  return eb.or([])
}

/** The versions of the products whose unpublished parts (dossier, unpublished decisions) this viewer sees. */
const unpublishedVersionIds = (viewer: Viewer | null) =>
  expressionBuilder<DB>()
    .selectFrom('product_version')
    .innerJoin('product', 'product.id', 'product_version.product_id')
    .select('product_version.id')
    .where(seesUnpublishedWhere(viewer))

/** Everyone sees a product that is currently approved or whose approval was withdrawn or expired (saying so); its
 * supplier and the coordinators every product. A product never approved stays invisible to everyone else. */
export const canViewProduct = (viewer: Viewer | null, product: ProductAccess) =>
  isOnPublicRegister(product) || canSeeUnpublished(viewer, product)

/** List form of canViewProduct. */
export const visibleProductsWhere = (viewer: Viewer | null, today: string) => (eb: ExpressionBuilder<DB, 'product'>) =>
  eb.or([onPublicRegisterWhere(today)(eb), seesUnpublishedWhere(viewer)(eb)])

/** Register a new product: a verified member of a verified supplier company (it becomes the product's owner). */
export const canCreateProduct = (viewer: Viewer | null): viewer is SupplierViewer =>
  isVerifiedSupplier(viewer) && viewer.organisationKind === 'supplier'

/** Product data belongs to the supplier; coordinators assess versions, they do not rewrite the supplier's claims. */
export const canEditProduct = (
  viewer: Viewer | null,
  product: Pick<ProductAccess, 'supplierOrganisationId'>,
): viewer is SupplierViewer => isSupplierOf(viewer, product.supplierOrganisationId)

export const canAddVersion = canEditProduct

// ---------------------------------------------------------------------------------------------------------------
// Versions.

export function canViewVersion(viewer: Viewer | null, product: ProductAccess, version: { state: VersionState }) {
  if (canSeeUnpublished(viewer, product)) return true
  return isOnPublicRegister(product) && isPublicVersionState(version.state)
}

/** List form of canViewVersion. Correlated on the version's own product (a key lookup per version), so that a page
 * with a product's few versions does not first evaluate the public-register rule for every product. */
export const visibleVersionsWhere =
  (viewer: Viewer | null, today: string) => (eb: ExpressionBuilder<DB, 'product_version'>) =>
    eb.exists(
      eb
        .selectFrom('product')
        .select('product.id')
        .whereRef('product.id', '=', 'product_version.product_id')
        .where((p) =>
          p.or([
            seesUnpublishedWhere(viewer)(p),
            p.and([p('product_version.state', 'in', PUBLIC_VERSION_STATES), onPublicRegisterWhere(today)(p)]),
          ]),
        ),
    )

export const canEditVersion = (
  viewer: Viewer | null,
  product: ProductAccess,
  version: { state: VersionState },
): viewer is SupplierViewer =>
  isSupplierOf(viewer, product.supplierOrganisationId) && isEditableBySupplier(version.state)

export const canSubmitVersion = (
  viewer: Viewer | null,
  product: ProductAccess,
  version: { state: VersionState },
): viewer is SupplierViewer =>
  isSupplierOf(viewer, product.supplierOrganisationId) && canPerform('submit', version.state, 'supplier')

// ---------------------------------------------------------------------------------------------------------------
// The confidential dossier.

/** Never other suppliers, never buyers: security documentation, test reports, references and prices offered. */
export const canViewDossier = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  canSeeUnpublished(viewer, product)

/** List form of canViewDossier for dossier sections. */
export const visibleDossierSectionsWhere = (viewer: Viewer | null) => (eb: ExpressionBuilder<DB, 'dossier_section'>) =>
  eb('dossier_section.version_id', 'in', unpublishedVersionIds(viewer))

/** List form of canViewDossier for dossier attachments. */
export const visibleAttachmentsWhere = (viewer: Viewer | null) => (eb: ExpressionBuilder<DB, 'dossier_attachment'>) =>
  eb('dossier_attachment.version_id', 'in', unpublishedVersionIds(viewer))

export const canEditDossier = (
  viewer: Viewer | null,
  product: ProductAccess,
  version: { state: VersionState },
): viewer is SupplierViewer =>
  isSupplierOf(viewer, product.supplierOrganisationId) && isDossierEditableBySupplier(version.state)

// ---------------------------------------------------------------------------------------------------------------
// Assessment and decisions.

/** Start reviews, decide, withdraw approvals, see the assessment queue. */
export const canAssess = (viewer: Viewer | null): viewer is StaffViewer => isCoordinatorOrAdmin(viewer)

/** Add and edit the assessment criteria and the categories (/koordinator/kriterier). */
export const canManageCriteria = (viewer: Viewer | null): viewer is StaffViewer => isCoordinatorOrAdmin(viewer)

export const canStartReview = (viewer: Viewer | null, version: { state: VersionState }): viewer is StaffViewer =>
  canAssess(viewer) && canPerform('start_review', version.state, 'coordinator')

export const canDecide = (viewer: Viewer | null, version: { state: VersionState }): viewer is StaffViewer =>
  canAssess(viewer) && canPerform('decide', version.state, 'coordinator')

export const canWithdrawApproval = (viewer: Viewer | null, version: { state: VersionState }): viewer is StaffViewer =>
  canAssess(viewer) && canPerform('withdraw', version.state, 'coordinator')

/** Published (/vedtak): decisions granting or withdrawing an approval (app/domain/assessment.ts). */
export const isPublishedDecision = (decision: { outcome: DecisionOutcome }) => isPublicDecisionOutcome(decision.outcome)

/** List form of isPublishedDecision. */
export const publishedDecisionsWhere = (eb: ExpressionBuilder<DB, 'version_decision'>) =>
  eb('version_decision.outcome', 'in', PUBLIC_DECISION_OUTCOMES)

/** Published decisions to everyone; the rest only to the supplier and coordinators. */
export const canViewDecision = (
  viewer: Viewer | null,
  product: Pick<ProductAccess, 'supplierOrganisationId'>,
  decision: { outcome: DecisionOutcome },
) => isPublishedDecision(decision) || canSeeUnpublished(viewer, product)

/** List form of canViewDecision. */
export const visibleDecisionsWhere = (viewer: Viewer | null) => (eb: ExpressionBuilder<DB, 'version_decision'>) =>
  eb.or([publishedDecisionsWhere(eb), eb('version_decision.version_id', 'in', unpublishedVersionIds(viewer))])

/** The coordinator's name on a decision is shown to the supplier and to coordinators; the public sees the body. */
export const canSeeDecisionMaker = (viewer: Viewer | null, product: Pick<ProductAccess, 'supplierOrganisationId'>) =>
  canSeeUnpublished(viewer, product)

/** List form of canSeeDecisionMaker: the decisions whose coordinator's name this viewer sees (a query selects the name
 * only where it holds). */
export const decisionMakerWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'version_decision'>): Expression<SqlBool> =>
    eb('version_decision.version_id', 'in', unpublishedVersionIds(viewer))

/** Approvals about to expire: coordinators all of them, a supplier its own. */
export const canListExpiringApprovals = (viewer: Viewer | null) =>
  canAssess(viewer) || effectiveRole(viewer) === 'supplier'
