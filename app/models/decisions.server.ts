import { z } from 'zod'
import { getDb } from '../../db/client'
import type { CriterionResult, DecisionOutcome, VersionState } from '../../db/schema'
import {
  APPROVED_STATES,
  ASSESSMENT_OUTCOMES,
  CRITERION_RESULTS,
  EXPIRY_WARNING_DAYS,
  PUBLIC_DECISION_OUTCOMES,
  checkTransition,
  fail,
  ok,
  validateDecision,
  validateWithdrawal,
  type CriterionDefinition,
  type Result,
} from '~/domain/approval-workflow'
import { addDays, wholeDaysBetween } from '~/domain/dates'
import {
  canAssess,
  canListExpiringApprovals,
  canSeeDecisionMaker,
  canSeeUnpublished,
  canSubmitVersion,
  canViewDecision,
  canViewProduct,
  canViewVersion,
} from '~/policy/register'
import { isCoordinatorOrAdmin, isSupplierOf, type Viewer } from '~/policy/viewer'
import { invalid } from './products.server'
import {
  auditRegister,
  currentApprovalExists,
  loadProductAccess,
  loadVersionContext,
} from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// The approval workflow against the database: submission, review, decisions with per-criterion results,
// withdrawal and expiry, the coordinator's queue and the published decisions. The rules themselves live in
// app/domain/approval-workflow.ts; every state change re-reads the state inside its transaction and updates only if
// it is still the state the rule was checked against.

// ---------------------------------------------------------------------------------------------------------------
// Criteria.

export type Criterion = {
  code: string
  nameNb: string
  nameEn: string
  descriptionNb: string
  descriptionEn: string
  mandatory: boolean
  notApplicableAllowed: boolean
}

/** The published assessment criteria, in order. */
export async function listCriteria(db: DbOrTrx = getDb()): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('assessment_criterion')
    .select(['code', 'name_nb', 'name_en', 'description_nb', 'description_en', 'mandatory', 'not_applicable_allowed'])
    .orderBy('sort_order')
    .orderBy('code')
    .execute()
  return rows.map((r) => ({
    code: r.code,
    nameNb: r.name_nb,
    nameEn: r.name_en,
    descriptionNb: r.description_nb,
    descriptionEn: r.description_en,
    mandatory: r.mandatory === 1,
    notApplicableAllowed: r.not_applicable_allowed === 1,
  }))
}

const toDefinitions = (criteria: Criterion[]): CriterionDefinition[] =>
  criteria.map((c) => ({ code: c.code, mandatory: c.mandatory, notApplicableAllowed: c.notApplicableAllowed }))

// ---------------------------------------------------------------------------------------------------------------
// Transitions.

/** The version's supplier sends a draft (or a version changes were requested for) to the coordinators. */
export async function submitVersion(viewer: Viewer | null, versionId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionContext(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return fail('not_found')
      if (!isSupplierOf(viewer, ctx.product.supplierOrganisationId)) return fail('forbidden')
      const transition = checkTransition(ctx.version.state, 'submitted', 'supplier')
      if (!transition.ok) return transition
      if (!canSubmitVersion(viewer, ctx.product, ctx.version)) return fail('forbidden')
      // The queue waits from the latest submission: a resubmission goes to the back of the line with a fresh date.
      await moveState(trx, versionId, ctx.version.state, 'submitted', { submitted_at: iso, updated_at: iso })
      await auditRegister(trx, {
        action: 'register.version_submitted',
        actorUserId: viewer!.userId,
        target: { type: 'product_version', id: versionId },
        details: { from: ctx.version.state },
        at: iso,
      })
      return ok(null)
    })
}

/** A coordinator takes a submitted version into review. */
export async function startReview(viewer: Viewer | null, versionId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionContext(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return fail('not_found')
      if (!canAssess(viewer)) return fail('forbidden')
      const transition = checkTransition(ctx.version.state, 'in_review', 'coordinator')
      if (!transition.ok) return transition
      await moveState(trx, versionId, ctx.version.state, 'in_review', { updated_at: iso })
      await auditRegister(trx, {
        action: 'register.review_started',
        actorUserId: viewer!.userId,
        target: { type: 'product_version', id: versionId },
        at: iso,
      })
      return ok(null)
    })
}

const optionalComment = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string().trim().max(2000).nullable().optional(),
)

export const DecisionInput = z.object({
  outcome: z.enum(ASSESSMENT_OUTCOMES),
  rationale: z.string().max(10_000),
  validUntil: z.preprocess((v) => (v === '' ? null : v), z.string().nullable().optional()),
  results: z
    .array(
      z.object({
        criterionCode: z.string().min(1).max(60),
        result: z.enum(CRITERION_RESULTS),
        comment: optionalComment,
      }),
    )
    .max(50),
})
export type DecisionInput = z.input<typeof DecisionInput>

/**
 * A coordinator decides on a version under review (or grants full approval to a provisionally approved one once the
 * benefit evidence is in). The decision, its per-criterion results and the new state are written in one transaction.
 * Refusals: illegal_transition (409), criteria_incomplete / criteria_not_met / not_applicable_not_allowed /
 * benefit_already_documented / no_unmet_criterion / valid_until_required / valid_until_out_of_range /
 * rationale_required / invalid_input (400).
 */
export async function recordDecision(
  viewer: Viewer | null,
  versionId: number,
  input: DecisionInput,
): Promise<Result<{ decisionId: number; validUntil: string | null }>> {
  const parsed = DecisionInput.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionContext(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return fail('not_found')
      if (!canAssess(viewer)) return fail('forbidden')
      const transition = checkTransition(ctx.version.state, parsed.data.outcome, 'coordinator')
      if (!transition.ok) return transition
      const checked = validateDecision(parsed.data, toDefinitions(await listCriteria(trx)), today)
      if (!checked.ok) return checked

      const { id: decisionId } = await trx
        .insertInto('version_decision')
        .values({
          version_id: versionId,
          coordinator_user_id: viewer!.userId,
          decided_at: iso,
          outcome: parsed.data.outcome,
          rationale: parsed.data.rationale.trim(),
          valid_until: checked.value.validUntil,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('decision_criterion_result')
        .values(
          parsed.data.results.map((r) => ({
            decision_id: decisionId,
            criterion_code: r.criterionCode,
            result: r.result,
            comment: r.comment ?? null,
          })),
        )
        .execute()
      await moveState(trx, versionId, ctx.version.state, parsed.data.outcome, { updated_at: iso })
      await auditRegister(trx, {
        action: 'register.decision_recorded',
        actorUserId: viewer!.userId,
        target: { type: 'product_version', id: versionId },
        details: { decisionId, outcome: parsed.data.outcome, validUntil: checked.value.validUntil },
        at: iso,
      })
      return ok({ decisionId, validUntil: checked.value.validUntil })
    })
}

/** A coordinator withdraws an approval (published, with its rationale). */
export async function withdrawApproval(
  viewer: Viewer | null,
  versionId: number,
  input: { rationale: string },
): Promise<Result<{ decisionId: number }>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionContext(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return fail('not_found')
      if (!canAssess(viewer)) return fail('forbidden')
      const checked = validateWithdrawal(ctx.version.state, input.rationale ?? '')
      if (!checked.ok) return checked
      const { id: decisionId } = await trx
        .insertInto('version_decision')
        .values({
          version_id: versionId,
          coordinator_user_id: viewer!.userId,
          decided_at: iso,
          outcome: 'withdrawn',
          rationale: input.rationale.trim(),
          valid_until: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await moveState(trx, versionId, ctx.version.state, 'withdrawn', { updated_at: iso })
      await auditRegister(trx, {
        action: 'register.approval_withdrawn',
        actorUserId: viewer!.userId,
        target: { type: 'product_version', id: versionId },
        details: { decisionId },
        at: iso,
      })
      return ok({ decisionId })
    })
}

/**
 * Marks approvals whose period has ended as expired (run daily, and safe to run any time). Reads already treat such
 * versions as unapproved from the day after valid_until; this makes the state say so too. Returns the version ids.
 */
export async function expireDueApprovals(at?: Date): Promise<number[]> {
  const { iso, today } = clock(at)
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const due = await trx
        .selectFrom('product_version as v')
        .select(['v.id', 'v.state'])
        .where('v.state', 'in', APPROVED_STATES)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('version_decision as d')
              .select('d.id')
              .whereRef('d.version_id', '=', 'v.id')
              .whereRef('d.outcome', '=', 'v.state')
              .where('d.valid_until', '<', today),
          ),
        )
        .orderBy('v.id')
        .execute()
      for (const v of due) {
        await moveState(trx, v.id, v.state, 'expired', { updated_at: iso })
        await auditRegister(trx, {
          action: 'register.approval_expired',
          actorUserId: null,
          target: { type: 'product_version', id: v.id },
          details: { from: v.state },
          at: iso,
        })
      }
      return due.map((v) => v.id)
    })
}

/** Updates the state only if it is still `from` (the check and the write cannot be separated by another request). */
async function moveState(
  trx: DbOrTrx,
  versionId: number,
  from: VersionState,
  to: VersionState,
  extra: { submitted_at?: string; updated_at: string },
) {
  const result = await trx
    .updateTable('product_version')
    .set({ state: to, ...extra })
    .where('id', '=', versionId)
    .where('state', '=', from)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`version ${versionId} left state ${from} concurrently`)
}

// ---------------------------------------------------------------------------------------------------------------
// Lists.

export type QueueItem = {
  versionId: number
  versionLabel: string
  state: Extract<VersionState, 'submitted' | 'in_review'>
  submittedAt: string
  waitingDays: number
  product: { id: number; name: string }
  supplier: { id: number; name: string }
  category: { slug: string; nameNb: string; nameEn: string }
}

/** The coordinators' queue: submitted and in-review versions, longest waiting first. Null for anyone else. */
export async function assessmentQueue(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number; state?: 'submitted' | 'in_review' } = {},
): Promise<Page<QueueItem> | null> {
  if (!canAssess(viewer)) return null
  const { instant } = clock()
  const { page, pageSize, offset } = pageParams(paging)
  const states = paging.state ? [paging.state] : (['submitted', 'in_review'] as const)
  const db = getDb()
  const base = db.selectFrom('product_version as v').where('v.state', 'in', states)
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('product as p', 'p.id', 'v.product_id')
      .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
      .innerJoin('category as c', 'c.id', 'p.category_id')
      .select([
        'v.id',
        'v.version_label',
        'v.state',
        'v.submitted_at',
        'p.id as product_id',
        'p.name as product_name',
        'o.id as supplier_id',
        'o.name as supplier_name',
        'c.slug',
        'c.name_nb',
        'c.name_en',
      ])
      .orderBy('v.submitted_at')
      .orderBy('v.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  const items = rows.map((r) => ({
    versionId: r.id,
    versionLabel: r.version_label,
    state: r.state as QueueItem['state'],
    submittedAt: r.submitted_at ?? '',
    waitingDays: r.submitted_at ? wholeDaysBetween(r.submitted_at, instant) : 0,
    product: { id: r.product_id, name: r.product_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    category: { slug: r.slug, nameNb: r.name_nb, nameEn: r.name_en },
  }))
  return toPage(items, n, page, pageSize)
}

export type ExpiringApproval = {
  versionId: number
  versionLabel: string
  state: Extract<VersionState, 'approved' | 'provisionally_approved'>
  validUntil: string
  daysLeft: number
  product: { id: number; name: string }
  supplier: { id: number; name: string }
}

/**
 * Approvals ending within `withinDays` (default 60), soonest first: all of them for coordinators, the supplier's own
 * for a supplier (so it can submit a new version in time). Null for anyone else.
 */
export async function listExpiringApprovals(
  viewer: Viewer | null,
  options: { withinDays?: number } = {},
): Promise<ExpiringApproval[] | null> {
  if (!canListExpiringApprovals(viewer)) return null
  const { today } = clock()
  const until = addDays(today, Math.max(0, Math.trunc(options.withinDays ?? EXPIRY_WARNING_DAYS)))
  const rows = await getDb()
    .selectFrom('product_version as v')
    .innerJoin('version_decision as d', (j) => j.onRef('d.version_id', '=', 'v.id').onRef('d.outcome', '=', 'v.state'))
    .innerJoin('product as p', 'p.id', 'v.product_id')
    .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .select([
      'v.id',
      'v.version_label',
      'v.state',
      'd.valid_until',
      'p.id as product_id',
      'p.name as product_name',
      'o.id as supplier_id',
      'o.name as supplier_name',
    ])
    .where('v.state', 'in', APPROVED_STATES)
    .where('d.valid_until', '>=', today)
    .where('d.valid_until', '<=', until)
    .$if(!isCoordinatorOrAdmin(viewer), (qb) => qb.where('p.supplier_organisation_id', '=', viewer!.organisationId))
    // A version that went from provisional to full approval has one decision per outcome; the join picks the one
    // matching its current state, and the newest such decision wins.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('version_decision as newer')
            .select('newer.id')
            .whereRef('newer.version_id', '=', 'v.id')
            .whereRef('newer.outcome', '=', 'v.state')
            .whereRef('newer.id', '>', 'd.id'),
        ),
      ),
    )
    .orderBy('d.valid_until')
    .orderBy('v.id')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    versionId: r.id,
    versionLabel: r.version_label,
    state: r.state as ExpiringApproval['state'],
    validUntil: r.valid_until!,
    daysLeft: wholeDaysBetween(`${today}T00:00:00Z`, `${r.valid_until}T00:00:00Z`),
    product: { id: r.product_id, name: r.product_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
  }))
}

export type DecisionView = {
  id: number
  decidedAt: string
  outcome: DecisionOutcome
  rationale: string
  validUntil: string | null
  /** The coordinator's name for the supplier and coordinators; null for everyone else (the coordinating body decides). */
  coordinatorName: string | null
  version: { id: number; label: string }
  product: { id: number; name: string; supplierName: string; categorySlug: string }
  /** Whether the product page is open to this viewer (an approval later withdrawn or expired stays published). */
  productVisible: boolean
  results: Array<{ criterionCode: string; result: CriterionResult; comment: string | null }>
}

async function decisionViews(
  db: DbOrTrx,
  where: { decisionIds?: number[]; productId?: number; publicOnly: boolean },
  viewer: Viewer | null,
  today: string,
  paging?: { limit: number; offset: number },
): Promise<DecisionView[]> {
  let query = db
    .selectFrom('version_decision as d')
    .innerJoin('product_version as v', 'v.id', 'd.version_id')
    .innerJoin('product as p', 'p.id', 'v.product_id')
    .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .innerJoin('category as c', 'c.id', 'p.category_id')
    .innerJoin('user as u', 'u.id', 'd.coordinator_user_id')
    .select([
      'd.id',
      'd.decided_at',
      'd.outcome',
      'd.rationale',
      'd.valid_until',
      'u.name as coordinator_name',
      'v.id as version_id',
      'v.version_label',
      'p.id as product_id',
      'p.name as product_name',
      'p.supplier_organisation_id',
      'o.name as supplier_name',
      'c.slug as category_slug',
    ])
    .$if(where.publicOnly, (qb) => qb.where('d.outcome', 'in', PUBLIC_DECISION_OUTCOMES))
    .$if(where.productId !== undefined, (qb) => qb.where('p.id', '=', where.productId!))
    .$if(where.decisionIds !== undefined, (qb) =>
      qb.where('d.id', 'in', where.decisionIds!.length ? where.decisionIds! : [-1]),
    )
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
  if (paging) query = query.limit(paging.limit).offset(paging.offset)
  const rows = (await query.execute()).filter((r) =>
    canViewDecision(viewer, { supplierOrganisationId: r.supplier_organisation_id }, { outcome: r.outcome }),
  )
  if (rows.length === 0) return []
  const [results, access] = await Promise.all([
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
    loadProductAccess(db, [...new Set(rows.map((r) => r.product_id))], today),
  ])
  return rows.map((r) => {
    const product = access.get(r.product_id)!
    return {
      id: r.id,
      decidedAt: r.decided_at,
      outcome: r.outcome,
      rationale: r.rationale,
      validUntil: r.valid_until,
      coordinatorName: canSeeDecisionMaker(viewer, product) ? r.coordinator_name : null,
      version: { id: r.version_id, label: r.version_label },
      product: { id: r.product_id, name: r.product_name, supplierName: r.supplier_name, categorySlug: r.category_slug },
      productVisible: canViewProduct(viewer, product),
      results: results
        .filter((x) => x.decision_id === r.id)
        .map((x) => ({ criterionCode: x.criterion_code, result: x.result, comment: x.comment })),
    }
  })
}

/** /vedtak: every published decision (approvals, provisional approvals, withdrawals), newest first. */
export async function listPublishedDecisions(
  paging: { page?: number; pageSize?: number },
  viewer: Viewer | null,
): Promise<Page<DecisionView>> {
  const db = getDb()
  const { today } = clock()
  const { page, pageSize, offset } = pageParams(paging)
  const { n } = await db
    .selectFrom('version_decision')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outcome', 'in', PUBLIC_DECISION_OUTCOMES)
    .executeTakeFirstOrThrow()
  const items = await decisionViews(db, { publicOnly: true }, viewer, today, { limit: pageSize, offset })
  return toPage(items, n, page, pageSize)
}

/** One decision (/vedtak/:id); null when it does not exist or is not published to this viewer. */
export async function getDecision(decisionId: number, viewer: Viewer | null): Promise<DecisionView | null> {
  if (!Number.isSafeInteger(decisionId)) return null
  const [decision] = await decisionViews(
    getDb(),
    { decisionIds: [decisionId], publicOnly: false },
    viewer,
    clock().today,
  )
  return decision ?? null
}

/**
 * A product's decisions, newest first: the published ones for everyone who may see the product, all of them for its
 * supplier and coordinators. Null when the product is not visible to the viewer.
 */
export async function productDecisionHistory(productId: number, viewer: Viewer | null): Promise<DecisionView[] | null> {
  if (!Number.isSafeInteger(productId)) return null
  const db = getDb()
  const { today } = clock()
  const product = (await loadProductAccess(db, [productId], today)).get(productId)
  if (!product || !canViewProduct(viewer, product)) return null
  return decisionViews(db, { productId, publicOnly: !canSeeUnpublished(viewer, product) }, viewer, today)
}

/** Number of products with a current approval (for the front page and the public API). */
export async function countApprovedProducts(): Promise<number> {
  const { today } = clock()
  const { n } = await getDb()
    .selectFrom('product as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(currentApprovalExists('p.id', today))
    .executeTakeFirstOrThrow()
  return n
}
