import { addMonths, addYears, isIsoDate } from './dates'
import type {
  CareSettingCode,
  CriterionResult,
  DecisionOutcome,
  DossierSectionKind,
  IntegrationCode,
  IntendedUse,
  MdrClass,
  VersionState,
} from '../../db/schema'

// The register's approval workflow as pure functions: no database, no clock (callers pass dates), so the rules can be
// tested exhaustively and reused by the routes to show what a user may do next.

// ---------------------------------------------------------------------------------------------------------------
// Code lists. `satisfies` plus the exhaustiveness checks below keep them equal to the unions in db/schema.ts.

export const CARE_SETTINGS = [
  'home_care',
  'nursing_home',
  'sheltered_housing',
  'hospital',
] as const satisfies readonly CareSettingCode[]
/** hl7_fhir: HL7 FHIR API · welfare_tech_hub: nasjonal velferdsteknologisk knutepunkt (VKP) · epj: the municipal
 * electronic patient record (EPJ/PLO) · scaip: SCAIP social-alarm protocol to response centres · open_api: a
 * documented open API · other. */
export const INTEGRATIONS = [
  'hl7_fhir',
  'welfare_tech_hub',
  'epj',
  'scaip',
  'open_api',
  'other',
] as const satisfies readonly IntegrationCode[]
export const MDR_CLASSES = ['none', 'I', 'IIa', 'IIb', 'III'] as const satisfies readonly MdrClass[]
export const INTENDED_USES = ['professional', 'home', 'both'] as const satisfies readonly IntendedUse[]
export const VERSION_STATES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'provisionally_approved',
  'rejected',
  'withdrawn',
  'expired',
] as const satisfies readonly VersionState[]
export const DECISION_OUTCOMES = [
  'approved',
  'provisionally_approved',
  'changes_requested',
  'rejected',
  'withdrawn',
] as const satisfies readonly DecisionOutcome[]
/** Outcomes a coordinator reaches by assessing a version (withdrawal is a separate act on an approved version). */
export const ASSESSMENT_OUTCOMES = ['approved', 'provisionally_approved', 'changes_requested', 'rejected'] as const
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number]
export const CRITERION_RESULTS = ['met', 'not_met', 'not_applicable'] as const satisfies readonly CriterionResult[]
export const DOSSIER_SECTION_KINDS = [
  'security_documentation',
  'test_reports',
  'customer_references',
  'prices_offered',
  'other',
] as const satisfies readonly DossierSectionKind[]
/** Criterion codes the rules below refer to by name (the rest are data in assessment_criterion). */
export const BENEFIT_CRITERION = 'documented_benefit'
export const CE_MDR_CRITERION = 'ce_mdr_conformity'

type Exhaustive<List extends readonly string[], Union extends string> = [Union] extends [List[number]] ? true : never
const _exhaustive: [
  Exhaustive<typeof CARE_SETTINGS, CareSettingCode>,
  Exhaustive<typeof INTEGRATIONS, IntegrationCode>,
  Exhaustive<typeof MDR_CLASSES, MdrClass>,
  Exhaustive<typeof INTENDED_USES, IntendedUse>,
  Exhaustive<typeof VERSION_STATES, VersionState>,
  Exhaustive<typeof DECISION_OUTCOMES, DecisionOutcome>,
  Exhaustive<typeof CRITERION_RESULTS, CriterionResult>,
  Exhaustive<typeof DOSSIER_SECTION_KINDS, DossierSectionKind>,
] = [true, true, true, true, true, true, true, true]
void _exhaustive

export type {
  CareSettingCode,
  CriterionResult,
  DecisionOutcome,
  DossierSectionKind,
  IntegrationCode,
  IntendedUse,
  MdrClass,
  VersionState,
}

/** Approval lasts this long before re-assessment. */
export const APPROVAL_VALIDITY_YEARS = 3
/** A provisional approval lasts until the benefit evidence arrives, at most this long. */
export const PROVISIONAL_MAX_MONTHS = 12
/** Approvals ending within this many days are listed as due for re-assessment. */
export const EXPIRY_WARNING_DAYS = 60

// ---------------------------------------------------------------------------------------------------------------
// Errors. Every refusal is a value with a code the routes map to an HTTP status.

export type RegisterErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'illegal_transition'
  | 'not_editable'
  | 'duplicate_version_label'
  | 'rationale_required'
  | 'criteria_incomplete'
  | 'unknown_criterion'
  | 'not_applicable_not_allowed'
  | 'criteria_not_met'
  | 'benefit_already_documented'
  | 'no_unmet_criterion'
  | 'valid_until_required'
  | 'valid_until_out_of_range'
  | 'not_pdf'
  | 'file_too_large'
  | 'empty_file'

export type RegisterError = {
  ok: false
  code: RegisterErrorCode
  /** Criterion codes concerned (criteria_* errors), or field paths (invalid_input). */
  fields?: string[]
  detail?: string
}
export type Ok<T> = { ok: true; value: T }
export type Result<T> = Ok<T> | RegisterError

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value })
export const fail = (code: RegisterErrorCode, extra: Omit<RegisterError, 'ok' | 'code'> = {}): RegisterError => ({
  ok: false,
  code,
  ...extra,
})

/** The HTTP status a route answers with for a refusal. */
export function registerErrorStatus(code: RegisterErrorCode): 400 | 403 | 404 | 409 | 413 | 415 {
  switch (code) {
    case 'not_found':
      return 404
    case 'forbidden':
      return 403
    case 'illegal_transition':
    case 'not_editable':
    case 'duplicate_version_label':
      return 409
    case 'file_too_large':
      return 413
    case 'not_pdf':
      return 415
    default:
      return 400
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The state machine.

export type WorkflowActor = 'supplier' | 'coordinator' | 'system'
export type WorkflowAction = 'submit' | 'start_review' | 'decide' | 'withdraw' | 'expire'

type Transition = { action: WorkflowAction; actor: WorkflowActor; from: VersionState; to: VersionState }

const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', actor: 'supplier', from: 'draft', to: 'submitted' },
  { action: 'submit', actor: 'supplier', from: 'changes_requested', to: 'submitted' },
  { action: 'start_review', actor: 'coordinator', from: 'submitted', to: 'in_review' },
  ...ASSESSMENT_OUTCOMES.map((to) => ({
    action: 'decide' as const,
    actor: 'coordinator' as const,
    from: 'in_review' as const,
    to,
  })),
  // The benefit evidence a provisional approval waits for has arrived: the coordinator re-assesses the same version
  // and grants full approval, without taking it off the register in between.
  { action: 'decide', actor: 'coordinator', from: 'provisionally_approved', to: 'approved' },
  { action: 'withdraw', actor: 'coordinator', from: 'approved', to: 'withdrawn' },
  { action: 'withdraw', actor: 'coordinator', from: 'provisionally_approved', to: 'withdrawn' },
  { action: 'expire', actor: 'system', from: 'approved', to: 'expired' },
  { action: 'expire', actor: 'system', from: 'provisionally_approved', to: 'expired' },
]

/** States this actor may move a version to from `from` (empty when none). */
export function allowedTransitions(from: VersionState, actor: WorkflowActor): VersionState[] {
  return TRANSITIONS.filter((t) => t.from === from && t.actor === actor).map((t) => t.to)
}

/** Whether `actor` may move a version from `from` to `to`. */
export function checkTransition(from: VersionState, to: VersionState, actor: WorkflowActor): Result<VersionState> {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.actor === actor)
    ? ok(to)
    : fail('illegal_transition', { detail: `${actor}: ${from} → ${to}` })
}

/** Whether the action is available at all from this state (for showing buttons). */
export function canPerform(action: WorkflowAction, from: VersionState, actor: WorkflowActor): boolean {
  return TRANSITIONS.some((t) => t.action === action && t.from === from && t.actor === actor)
}

/** A supplier edits a version's content (label, release notes) only before it is submitted or after changes were
 * requested; once submitted, the coordinator assesses exactly what was submitted. */
export const isEditableBySupplier = (state: VersionState) => state === 'draft' || state === 'changes_requested'

/** The dossier may additionally grow while a provisional approval waits for the missing evidence of benefit. */
export const isDossierEditableBySupplier = (state: VersionState) =>
  isEditableBySupplier(state) || state === 'provisionally_approved'

/** States in which the version (label, release notes, decisions) is part of the public record of a visible product. */
export const PUBLIC_VERSION_STATES = [
  'approved',
  'provisionally_approved',
  'withdrawn',
  'expired',
] as const satisfies readonly VersionState[]
/** Decision outcomes that are published (/vedtak): granting or withdrawing an approval. Change requests and
 * rejections stay between the coordinator and the supplier, so a product that was never approved is never revealed. */
export const PUBLIC_DECISION_OUTCOMES = [
  'approved',
  'provisionally_approved',
  'withdrawn',
] as const satisfies readonly DecisionOutcome[]
export const isPublicDecisionOutcome = (o: DecisionOutcome) =>
  (PUBLIC_DECISION_OUTCOMES as readonly string[]).includes(o)
export const isPublicVersionState = (s: VersionState) => (PUBLIC_VERSION_STATES as readonly string[]).includes(s)
/** Versions whose assessment has not concluded (a newer one of these makes the label say "not yet assessed"). */
const PENDING_STATES: readonly VersionState[] = ['draft', 'submitted', 'in_review', 'changes_requested']
export const APPROVED_STATES = ['approved', 'provisionally_approved'] as const satisfies readonly VersionState[]

// ---------------------------------------------------------------------------------------------------------------
// Approval periods (calendar dates: app/domain/dates.ts).

/** Full approval: the decision date plus three years. */
export const fullApprovalValidUntil = (decidedOn: string) => addYears(decidedOn, APPROVAL_VALIDITY_YEARS)
/** Latest end date allowed for a provisional approval decided on `decidedOn`. */
export const provisionalMaxValidUntil = (decidedOn: string) => addMonths(decidedOn, PROVISIONAL_MAX_MONTHS)

// ---------------------------------------------------------------------------------------------------------------
// Decisions.

export type CriterionDefinition = { code: string; mandatory: boolean; notApplicableAllowed: boolean }
export type CriterionResultInput = { criterionCode: string; result: CriterionResult; comment?: string | null }
export type DecisionDraft = {
  outcome: AssessmentOutcome
  rationale: string
  /** Required for a provisional approval (its end date); ignored otherwise (full approval gets three years). */
  validUntil?: string | null
  results: CriterionResultInput[]
}

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
  if (!(ASSESSMENT_OUTCOMES as readonly string[]).includes(draft.outcome)) {
    return fail('illegal_transition', { detail: `not an assessment outcome: ${draft.outcome}` })
  }
  if (!draft.rationale || draft.rationale.trim().length === 0) return fail('rationale_required')

  const known = new Map(criteria.map((c) => [c.code, c]))
  const unknown = draft.results.filter((r) => !known.has(r.criterionCode)).map((r) => r.criterionCode)
  if (unknown.length) return fail('unknown_criterion', { fields: unknown })
  const seen = new Set<string>()
  const duplicates = draft.results.filter((r) =>
    seen.has(r.criterionCode) ? true : (seen.add(r.criterionCode), false),
  )
  if (duplicates.length)
    return fail('invalid_input', {
      fields: duplicates.map((d) => d.criterionCode),
      detail: 'duplicate criterion result',
    })
  const missing = criteria.filter((c) => !seen.has(c.code)).map((c) => c.code)
  if (missing.length) return fail('criteria_incomplete', { fields: missing })
  const badNa = draft.results
    .filter((r) => r.result === 'not_applicable' && !known.get(r.criterionCode)!.notApplicableAllowed)
    .map((r) => r.criterionCode)
  if (badNa.length) return fail('not_applicable_not_allowed', { fields: badNa })

  const resultOf = new Map(draft.results.map((r) => [r.criterionCode, r.result]))
  const unmetMandatory = criteria.filter((c) => c.mandatory && resultOf.get(c.code) === 'not_met').map((c) => c.code)

  switch (draft.outcome) {
    case 'approved': {
      if (unmetMandatory.length) return fail('criteria_not_met', { fields: unmetMandatory })
      return ok({ validUntil: fullApprovalValidUntil(decidedOn) })
    }
    case 'provisionally_approved': {
      const benefit = resultOf.get(BENEFIT_CRITERION)
      if (benefit === 'met') return fail('benefit_already_documented', { fields: [BENEFIT_CRITERION] })
      const others = unmetMandatory.filter((c) => c !== BENEFIT_CRITERION)
      if (others.length) return fail('criteria_not_met', { fields: others })
      if (!draft.validUntil) return fail('valid_until_required')
      const max = provisionalMaxValidUntil(decidedOn)
      if (!isIsoDate(draft.validUntil) || draft.validUntil <= decidedOn || draft.validUntil > max) {
        return fail('valid_until_out_of_range', { detail: `after ${decidedOn}, at most ${max}` })
      }
      return ok({ validUntil: draft.validUntil })
    }
    case 'changes_requested':
    case 'rejected': {
      if (![...resultOf.values()].includes('not_met')) return fail('no_unmet_criterion')
      return ok({ validUntil: null })
    }
  }
}

/** Checks a withdrawal: only of a version that holds an approval, always with a published rationale. */
export function validateWithdrawal(from: VersionState, rationale: string): Result<VersionState> {
  const transition = checkTransition(from, 'withdrawn', 'coordinator')
  if (!transition.ok) return transition
  if (!rationale || rationale.trim().length === 0) return fail('rationale_required')
  return transition
}

// ---------------------------------------------------------------------------------------------------------------
// The public approval label of a product.

export type VersionForLabel = {
  id: number
  label: string
  state: VersionState
  /** valid_until of the decision that gave the version its current state (null unless approved). */
  validUntil: string | null
}

export type ApprovalLabel =
  | { status: 'not_approved' }
  | {
      status: 'approved' | 'provisionally_approved'
      approvedVersion: string
      approvedVersionId: number
      validUntil: string
      /** False when a newer version exists whose assessment has not concluded: "approved version X; version Y not
       * yet assessed". */
      newestAssessed: boolean
      newestVersion: string
    }

/** Approved or provisionally approved, and the approval period has not ended (even if the nightly expiry has not
 * run yet). */
export function isCurrentlyApproved(v: Pick<VersionForLabel, 'state' | 'validUntil'>, today: string): boolean {
  return (
    (v.state === 'approved' || v.state === 'provisionally_approved') && v.validUntil !== null && v.validUntil >= today
  )
}

/**
 * The label everyone sees on a product. Versions are ordered by id (creation order: labels are free text and
 * cannot be compared). Drafts are never part of it, since a draft is the supplier's private work, and rejected
 * versions neither, since rejections are not published; a newer submitted, in-review or changes-requested
 * version shows as "not yet assessed".
 */
export function approvalLabel(versions: readonly VersionForLabel[], today: string): ApprovalLabel {
  const ordered = [...versions].filter((v) => v.state !== 'draft' && v.state !== 'rejected').sort((a, b) => a.id - b.id)
  const current = ordered.filter((v) => isCurrentlyApproved(v, today)).at(-1)
  if (!current) return { status: 'not_approved' }
  const newerPending = ordered.filter((v) => v.id > current.id && PENDING_STATES.includes(v.state)).at(-1)
  return {
    status: current.state as 'approved' | 'provisionally_approved',
    approvedVersion: current.label,
    approvedVersionId: current.id,
    validUntil: current.validUntil!,
    newestAssessed: !newerPending,
    newestVersion: (newerPending ?? current).label,
  }
}

// The register's audit-log actions, written in the same transaction as the change so a change and its trail cannot
// come apart.
export const registerAuditActions = [
  'register.product_created',
  'register.product_updated',
  'register.version_created',
  'register.version_updated',
  'register.version_submitted',
  'register.review_started',
  'register.decision_recorded',
  'register.approval_withdrawn',
  'register.approval_expired',
  'register.dossier_section_saved',
  'register.dossier_section_deleted',
  'register.attachment_uploaded',
  'register.attachment_deleted',
  'register.attachment_downloaded',
] as const
