import { getDb } from '../../db/client'
import { isCurrentlyApproved, type VersionForLabel } from '~/domain/approval-label'
import { APPROVED_STATES } from '~/domain/approval-workflow'
import type { CriterionResult, DecisionOutcome } from '~/domain/assessment'
import { isOneOf } from '~/domain/code-lists'
import {
  canViewProduct,
  decisionMakerWhere,
  publishedDecisionsWhere,
  visibleDecisionsWhere,
  type ProductRef,
} from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { loadLabelVersions, loadProductAccess } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Reading decisions: the published ones (/vedtak) and a product's history, each as the policy lets the viewer see
// it (app/policy/register.ts: visibleDecisionsWhere for the rows, decisionMakerWhere for the coordinator's name).

export type DecisionView = {
  id: number
  decidedAt: string
  outcome: DecisionOutcome
  rationale: string
  validUntil: string | null
  /** The criteria version the decision was made under (public: the criteria are published). */
  criteriaVersion: number | null
  /** The coordinator's name for the supplier and coordinators; null for everyone else (the coordinating body decides). */
  coordinatorName: string | null
  version: { id: number; label: string }
  product: { id: number; name: string; supplierName: string; categorySlug: string }
  /** Whether the product page is open to this viewer (an approval later withdrawn or expired stays published). */
  productVisible: boolean
  /** An approval or provisional approval its version no longer holds: withdrawn or expired since (isCurrentlyApproved
   * on the version). Never shown as in force. */
  approvalEnded: boolean
  results: Array<{ criterionCode: string; result: CriterionResult; comment: string | null }>
}

/** Decisions with their version, product and supplier; the coordinator's name only where this viewer may see it. */
function decisionsQuery(db: DbOrTrx, viewer: Viewer | null) {
  return db
    .selectFrom('version_decision')
    .innerJoin('product_version as v', 'v.id', 'version_decision.version_id')
    .innerJoin('product as p', 'p.id', 'v.product_id')
    .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .innerJoin('category as c', 'c.id', 'p.category_id')
    .innerJoin('user as u', 'u.id', 'version_decision.coordinator_user_id')
    .select([
      'version_decision.id',
      'version_decision.decided_at',
      'version_decision.outcome',
      'version_decision.rationale',
      'version_decision.valid_until',
      'version_decision.criteria_version_id',
      (eb) =>
        eb.case().when(decisionMakerWhere(viewer)(eb)).then(eb.ref('u.name')).else(null).end().as('coordinator_name'),
      'v.id as version_id',
      'v.version_label',
      'p.id as product_id',
      'p.name as product_name',
      'o.name as supplier_name',
      'c.slug as category_slug',
    ])
    .orderBy('version_decision.decided_at', 'desc')
    .orderBy('version_decision.id', 'desc')
}

/** The decision granted an approval that its version no longer holds (withdrawn, or its period has ended). */
const approvalEnded = (outcome: DecisionOutcome, version: VersionForLabel | undefined, today: string) =>
  isOneOf(APPROVED_STATES, outcome) && version !== undefined && !isCurrentlyApproved(version, today)

type DecisionRow = Awaited<ReturnType<ReturnType<typeof decisionsQuery>['execute']>>[number]

/** The rows with their per-criterion results and whether this viewer may open the product page. */
async function toViews(db: DbOrTrx, viewer: Viewer | null, rows: DecisionRow[], today: string) {
  if (rows.length === 0) return []
  const productIds = [...new Set(rows.map((r) => r.product_id))]
  const [results, access, labelVersions] = await Promise.all([
    db
      .selectFrom('decision_criterion_result as r')
      .innerJoin('assessment_criterion as ac', 'ac.code', 'r.criterion_code')
      .select(['r.decision_id', 'r.criterion_code', 'r.result', 'r.comment'])
      .where(
        'r.decision_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('ac.sort_order')
      .execute(),
    loadProductAccess(db, productIds, today),
    loadLabelVersions(db, productIds),
  ])
  const versionById = new Map([...labelVersions.values()].flat().map((v) => [v.id, v]))
  return rows.flatMap((r): DecisionView[] => {
    const product = access.get(r.product_id)
    if (!product) return []
    return [
      {
        id: r.id,
        decidedAt: r.decided_at,
        outcome: r.outcome,
        rationale: r.rationale,
        validUntil: r.valid_until,
        criteriaVersion: r.criteria_version_id,
        coordinatorName: r.coordinator_name,
        version: { id: r.version_id, label: r.version_label },
        product: {
          id: r.product_id,
          name: r.product_name,
          supplierName: r.supplier_name,
          categorySlug: r.category_slug,
        },
        productVisible: canViewProduct(viewer, product),
        approvalEnded: approvalEnded(r.outcome, versionById.get(r.version_id), today),
        results: results
          .filter((x) => x.decision_id === r.id)
          .map((x) => ({ criterionCode: x.criterion_code, result: x.result, comment: x.comment })),
      },
    ]
  })
}

/** /vedtak: every published decision (approvals, provisional approvals, withdrawals), newest first. */
export async function listPublishedDecisions(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number },
): Promise<Page<DecisionView>> {
  const db = getDb()
  const { page, pageSize, offset } = pageParams(paging)
  const [{ n }, rows] = await Promise.all([
    db
      .selectFrom('version_decision')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(publishedDecisionsWhere)
      .executeTakeFirstOrThrow(),
    decisionsQuery(db, viewer).where(publishedDecisionsWhere).limit(pageSize).offset(offset).execute(),
  ])
  return toPage(await toViews(db, viewer, rows, clock().today), n, page, pageSize)
}

/**
 * A visible product's decisions, newest first (the product's access from getProductForViewer or getVersionAccess):
 * the published ones for everyone, all of them for its supplier and coordinators.
 */
export async function productDecisionHistory(viewer: Viewer | null, product: ProductRef): Promise<DecisionView[]> {
  if (!canViewProduct(viewer, product)) return []
  const db = getDb()
  const rows = await decisionsQuery(db, viewer)
    .where('p.id', '=', product.id)
    .where(visibleDecisionsWhere(viewer))
    .execute()
  return toViews(db, viewer, rows, clock().today)
}
