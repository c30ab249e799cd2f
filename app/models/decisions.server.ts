import { getDb } from '../../db/client'
import { APPROVED_STATES, checkTransition, type VersionState } from '~/domain/approval-workflow'
import {
  checkDecisionFields,
  validateDecision,
  validateWithdrawal,
  type DecisionDraft,
  type DecisionParts,
} from '~/domain/assessment'
import { canAssess, canSubmitVersion, canViewVersion } from '~/policy/register'
import { isSupplierOf, type Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { syncProductFacts } from '~/models/approval-facts.server'
import { ok, refuse, type Refusal, type Result } from '~/utils/refusal'
import { loadVersionAccess } from '~/models/register-access.server'
import { currentCriteriaVersion, listCriteria } from '~/models/criteria.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { notifyVersionDecision } from '~/models/notifications.server'

// The approval workflow against the database: submission, review, decisions with per-criterion results,
// withdrawal and expiry. The rules live in app/domain (approval-workflow.ts, assessment.ts); every state change
// re-reads the state inside its transaction and updates only if it is still the state the rule was checked against.
// Reading decisions: decision-views.server.ts; the coordinators' lists: assessment-queue.server.ts.

/** The version's supplier sends a draft (or a version changes were requested for) to the coordinators. */
export async function submitVersion(viewer: Viewer | null, versionId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionAccess(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return refuse('not_found')
      if (!isSupplierOf(viewer, ctx.product.supplierOrganisationId)) return refuse('forbidden')
      const transition = checkTransition(ctx.version.state, 'submitted', 'supplier')
      // Already submitted (a second click, another tab) or concluded.
      if (!transition.ok) return { ...transition, message: 'supplier.error.illegalTransition' }
      if (!canSubmitVersion(viewer, ctx.product, ctx.version)) return refuse('forbidden')
      // The queue waits from the latest submission: a resubmission goes to the back of the line with a fresh date.
      await moveState(trx, versionId, ctx.version.state, 'submitted', { submitted_at: iso, updated_at: iso }, today)
      await audit(
        {
          action: 'register.version_submitted',
          actorUserId: viewer.userId,
          target: { type: 'product_version', id: versionId },
          details: { from: ctx.version.state },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}

/** A coordinator takes a submitted version into review. */
export async function startReview(viewer: Viewer | null, versionId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionAccess(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return refuse('not_found')
      if (!canAssess(viewer)) return refuse('forbidden')
      const transition = checkTransition(ctx.version.state, 'in_review', 'coordinator')
      if (!transition.ok) return transition
      await moveState(trx, versionId, ctx.version.state, 'in_review', { updated_at: iso }, today)
      await audit(
        {
          action: 'register.review_started',
          actorUserId: viewer.userId,
          target: { type: 'product_version', id: versionId },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}

/**
 * A coordinator decides on a version under review (or grants full approval to a provisionally approved one once the
 * benefit evidence is in). The decision, its per-criterion results and the new state are written in one transaction.
 * A refusal about criteria names them (`fields`) and carries an error for each criterion's form field.
 */
export async function recordDecision(
  viewer: Viewer | null,
  versionId: number,
  decision: DecisionDraft,
): Promise<Result<{ decisionId: number; validUntil: string | null }>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await loadVersionAccess(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return refuse('not_found')
      if (!canAssess(viewer)) return refuse('forbidden')
      const transition = checkTransition(ctx.version.state, decision.outcome, 'coordinator')
      if (!transition.ok) return transition
      const checked = validateDecision(decision, await listCriteria(trx), today)
      if (!checked.ok) return checked

      const { id: decisionId } = await trx
        .insertInto('version_decision')
        .values({
          version_id: versionId,
          coordinator_user_id: viewer.userId,
          decided_at: iso,
          outcome: decision.outcome,
          rationale: decision.rationale.trim(),
          valid_until: checked.value.validUntil,
          criteria_version_id: await currentCriteriaVersion(trx),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('decision_criterion_result')
        .values(
          decision.results.map((r) => ({
            decision_id: decisionId,
            criterion_code: r.criterionCode,
            result: r.result,
            comment: r.comment ?? null,
          })),
        )
        .execute()
      await moveState(trx, versionId, ctx.version.state, decision.outcome, { updated_at: iso }, today)
      await audit(
        {
          action: 'register.decision_recorded',
          actorUserId: viewer.userId,
          target: { type: 'product_version', id: versionId },
          details: { decisionId, outcome: decision.outcome, validUntil: checked.value.validUntil },
          at: iso,
        },
        trx,
      )
      await notifyVersionDecision(trx, decisionId)
      return ok({ decisionId, validUntil: checked.value.validUntil })
    })
}

/**
 * A decision form the schema refused (no rationale, say), with the field errors the rules about criteria and the
 * end date give on what could be read of it, so the coordinator fixes everything in one round instead of meeting the
 * criteria's errors only at the next submit. The schema's own error wins on a field both name. Nothing is written.
 */
export async function withDecisionRuleErrors(
  viewer: Viewer | null,
  refusal: Refusal,
  parts: DecisionParts,
): Promise<Refusal> {
  if (!canAssess(viewer)) return refusal
  const checked = checkDecisionFields(parts, await listCriteria(), clock().today)
  if (checked.ok) return refusal
  const fieldErrors = { ...checked.fieldErrors, ...refusal.fieldErrors }
  return { ...refusal, fieldErrors, fields: Object.keys(fieldErrors) }
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
      const ctx = await loadVersionAccess(trx, versionId, today)
      if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return refuse('not_found')
      if (!canAssess(viewer)) return refuse('forbidden')
      const checked = validateWithdrawal(ctx.version.state, input.rationale)
      if (!checked.ok) return checked
      const { id: decisionId } = await trx
        .insertInto('version_decision')
        .values({
          version_id: versionId,
          coordinator_user_id: viewer.userId,
          decided_at: iso,
          outcome: 'withdrawn',
          rationale: input.rationale.trim(),
          valid_until: null,
          criteria_version_id: await currentCriteriaVersion(trx),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await moveState(trx, versionId, ctx.version.state, 'withdrawn', { updated_at: iso }, today)
      await audit(
        {
          action: 'register.approval_withdrawn',
          actorUserId: viewer.userId,
          target: { type: 'product_version', id: versionId },
          details: { decisionId },
          at: iso,
        },
        trx,
      )
      await notifyVersionDecision(trx, decisionId)
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
        await moveState(trx, v.id, v.state, 'expired', { updated_at: iso }, today)
        await audit(
          {
            action: 'register.approval_expired',
            actorUserId: null,
            target: { type: 'product_version', id: v.id },
            details: { from: v.state },
            at: iso,
          },
          trx,
        )
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
  today: string,
) {
  const result = await trx
    .updateTable('product_version')
    .set({ state: to, ...extra })
    .where('id', '=', versionId)
    .where('state', '=', from)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`version ${versionId} left state ${from} concurrently`)
  // The state decides which version's facts the product shows (docs/domain.md, "Approval facts").
  const { product_id } = await trx
    .selectFrom('product_version')
    .select('product_id')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
  await syncProductFacts(trx, product_id, today)
}
