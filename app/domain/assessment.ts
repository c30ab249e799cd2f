import type { CriterionResult, DecisionOutcome } from '../../db/schema'
import { ok, refuse, refusalMessage, type FieldErrors, type RefusalCode, type Result } from '~/utils/refusal'
import { checkTransition, type VersionState } from './approval-workflow'
import { addMonths, addYears, isIsoDate } from './dates'
import { isOneOf, type CoversUnion } from './code-lists'

// Assessment decisions and their criteria as pure functions (docs/domain.md, "The register"; docs/decisions/005):
// what a decision must satisfy, how long an approval lasts, and which decisions are published.

export const DECISION_OUTCOMES = [
  'approved',
  'provisionally_approved',
  'changes_requested',
  'rejected',
  'withdrawn',
] as const satisfies readonly DecisionOutcome[]
/** Outcomes a coordinator reaches by assessing a version (withdrawal is a separate act on an approved version). */
export const ASSESSMENT_OUTCOMES = [
  'approved',
  'provisionally_approved',
  'changes_requested',
  'rejected',
] as const satisfies readonly DecisionOutcome[]
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number]
export const CRITERION_RESULTS = ['met', 'not_met', 'not_applicable'] as const satisfies readonly CriterionResult[]

const _exhaustive: [
  CoversUnion<typeof DECISION_OUTCOMES, DecisionOutcome>,
  CoversUnion<typeof CRITERION_RESULTS, CriterionResult>,
] = [true, true]
void _exhaustive
export type { CriterionResult, DecisionOutcome }

/** The criterion the rules refer to by name (the rest are data in assessment_criterion). */
export const BENEFIT_CRITERION = 'documented_benefit'

/** Approval lasts this long before re-assessment. */
export const APPROVAL_VALIDITY_YEARS = 3
/** A provisional approval lasts until the benefit evidence arrives, at most this long. */
export const PROVISIONAL_MAX_MONTHS = 12
/** Approvals ending within this many days are listed as due for re-assessment. */
export const EXPIRY_WARNING_DAYS = 60

/** Full approval: the decision date plus three years (calendar dates: app/domain/dates.ts). */
export const fullApprovalValidUntil = (decidedOn: string) => addYears(decidedOn, APPROVAL_VALIDITY_YEARS)
/** Latest end date allowed for a provisional approval decided on `decidedOn`. */
export const provisionalMaxValidUntil = (decidedOn: string) => addMonths(decidedOn, PROVISIONAL_MAX_MONTHS)

/** Decision outcomes that are published (/vedtak): granting or withdrawing an approval. Change requests and
 * rejections stay between the coordinator and the supplier, so a product that was never approved is never revealed. */
export const PUBLIC_DECISION_OUTCOMES = [
  'approved',
  'provisionally_approved',
  'withdrawn',
] as const satisfies readonly DecisionOutcome[]
export const isPublicDecisionOutcome = (o: DecisionOutcome) => isOneOf(PUBLIC_DECISION_OUTCOMES, o)

export type CriterionDefinition = { code: string; mandatory: boolean; notApplicableAllowed: boolean }
export type CriterionResultInput = { criterionCode: string; result: CriterionResult; comment?: string | null }
export type DecisionDraft = {
  outcome: AssessmentOutcome
  rationale: string
  /** Required for a provisional approval (its end date); ignored otherwise (full approval gets three years). */
  validUntil?: string | null
  results: CriterionResultInput[]
}

/** The assessment form's field for a criterion's result: refusals about criteria point at it. */
export const criterionField = (criterionCode: string) => `result_${criterionCode}`

/** A refusal about these criteria, with the refusal's message on each criterion's field. */
function criteriaRefusal(code: RefusalCode, criteria: readonly string[]) {
  const message = refusalMessage({ code })
  const fieldErrors: FieldErrors = Object.fromEntries(criteria.map((c) => [criterionField(c), message]))
  return refuse(code, { fields: [...criteria], fieldErrors })
}

const fieldRefusal = (code: RefusalCode, field: string, extra: { detail?: string } = {}) =>
  refuse(code, { fieldErrors: { [field]: refusalMessage({ code }) }, ...extra })

/**
 * Checks an assessment decision against the published rules and returns the end date the decision gets.
 * - every criterion has exactly one result; "not applicable" only where the criterion allows it;
 * - approval: every mandatory criterion met (or not applicable where allowed);
 * - provisional approval: every mandatory criterion except documented benefit met, documented benefit not yet met,
 *   an end date after the decision date and at most 12 months ahead;
 * - change request or rejection: at least one criterion not met, so the supplier knows what to fix;
 * - a rationale is always published.
 */
export function validateDecision(
  draft: DecisionDraft,
  criteria: readonly CriterionDefinition[],
  decidedOn: string,
): Result<{ validUntil: string | null }> {
  if (!isOneOf(ASSESSMENT_OUTCOMES, draft.outcome)) {
    return refuse('illegal_transition', { detail: `not an assessment outcome: ${draft.outcome}` })
  }
  if (!draft.rationale || draft.rationale.trim().length === 0) return fieldRefusal('rationale_required', 'rationale')
  return checkDecisionFields(draft, criteria, decidedOn)
}

/** The parts of a decision the rules about criteria and the end date look at; the outcome may be unknown (a form
 * whose outcome did not parse), and then only the rules that hold for every outcome are checked. */
export type DecisionParts = Pick<DecisionDraft, 'results' | 'validUntil'> & { outcome?: AssessmentOutcome }

/**
 * The rules of `validateDecision` about the criteria and the end date. It is also run on what could be read of a
 * form the schema refused (a missing rationale), so the coordinator gets every field error in one round instead of
 * the criteria's only at the next submit. The first refusal keeps its code; the end date's field error joins it, as
 * the two are fixed in different fields.
 */
export function checkDecisionFields(
  parts: DecisionParts,
  criteria: readonly CriterionDefinition[],
  decidedOn: string,
): Result<{ validUntil: string | null }> {
  const byCriteria = checkCriteria(parts, criteria)
  const byDate = checkValidUntil(parts, decidedOn)
  if (byCriteria.ok) return byDate
  if (byDate.ok) return byCriteria
  return { ...byCriteria, fieldErrors: { ...byDate.fieldErrors, ...byCriteria.fieldErrors } }
}

function checkCriteria(parts: DecisionParts, criteria: readonly CriterionDefinition[]): Result<null> {
  const known = new Map(criteria.map((c) => [c.code, c]))
  const unknown = parts.results.filter((r) => !known.has(r.criterionCode)).map((r) => r.criterionCode)
  if (unknown.length) return refuse('unknown_criterion', { fields: unknown })
  const seen = new Set<string>()
  const duplicates = parts.results.filter((r) =>
    seen.has(r.criterionCode) ? true : (seen.add(r.criterionCode), false),
  )
  if (duplicates.length)
    return refuse('invalid_input', {
      message: 'assess.error.invalid_input',
      fields: duplicates.map((d) => d.criterionCode),
      detail: 'duplicate criterion result',
    })
  const missing = criteria.filter((c) => !seen.has(c.code)).map((c) => c.code)
  if (missing.length) return criteriaRefusal('criteria_incomplete', missing)
  const badNa = parts.results
    .filter((r) => r.result === 'not_applicable' && !known.get(r.criterionCode)?.notApplicableAllowed)
    .map((r) => r.criterionCode)
  if (badNa.length) return criteriaRefusal('not_applicable_not_allowed', badNa)

  const resultOf = new Map(parts.results.map((r) => [r.criterionCode, r.result]))
  const unmetMandatory = criteria.filter((c) => c.mandatory && resultOf.get(c.code) === 'not_met').map((c) => c.code)

  switch (parts.outcome) {
    case undefined:
      return ok(null)
    case 'approved': {
      if (unmetMandatory.length) return criteriaRefusal('criteria_not_met', unmetMandatory)
      return ok(null)
    }
    case 'provisionally_approved': {
      const benefit = resultOf.get(BENEFIT_CRITERION)
      if (benefit === 'met') return criteriaRefusal('benefit_already_documented', [BENEFIT_CRITERION])
      const others = unmetMandatory.filter((c) => c !== BENEFIT_CRITERION)
      if (others.length) return criteriaRefusal('criteria_not_met', others)
      return ok(null)
    }
    case 'changes_requested':
    case 'rejected': {
      if (![...resultOf.values()].includes('not_met')) return refuse('no_unmet_criterion')
      return ok(null)
    }
  }
}

/** A full approval gets three years; a provisional one the end date the coordinator chose, within 12 months. */
function checkValidUntil(parts: DecisionParts, decidedOn: string): Result<{ validUntil: string | null }> {
  switch (parts.outcome) {
    case 'approved':
      return ok({ validUntil: fullApprovalValidUntil(decidedOn) })
    case 'provisionally_approved': {
      if (!parts.validUntil) return fieldRefusal('valid_until_required', 'validUntil')
      const max = provisionalMaxValidUntil(decidedOn)
      if (!isIsoDate(parts.validUntil) || parts.validUntil <= decidedOn || parts.validUntil > max) {
        return fieldRefusal('valid_until_out_of_range', 'validUntil', { detail: `after ${decidedOn}, at most ${max}` })
      }
      return ok({ validUntil: parts.validUntil })
    }
    default:
      return ok({ validUntil: null })
  }
}

/** Checks a withdrawal: only of a version that holds an approval, always with a published rationale. */
export function validateWithdrawal(from: VersionState, rationale: string): Result<VersionState> {
  const transition = checkTransition(from, 'withdrawn', 'coordinator')
  if (!transition.ok) return transition
  if (!rationale || rationale.trim().length === 0) return fieldRefusal('rationale_required', 'rationale')
  return transition
}
