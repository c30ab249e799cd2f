import type { VersionState } from '../../db/schema'
import { ok, refuse, type Result } from '~/utils/refusal'
import { isOneOf, type CoversUnion } from './code-lists'

// A version's states and the state machine between them, as pure functions (docs/domain.md, "The register"): no
// database, no clock, so the rules can be tested exhaustively and reused by the policy to show what a user may do
// next. What a decision must satisfy is in assessment.ts; the public label in approval-label.ts.

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
const _exhaustive: CoversUnion<typeof VERSION_STATES, VersionState> = true
void _exhaustive

export type { VersionState }

/** States in which the version (label, release notes, decisions) is part of the public record of a visible product. */
export const PUBLIC_VERSION_STATES = [
  'approved',
  'provisionally_approved',
  'withdrawn',
  'expired',
] as const satisfies readonly VersionState[]
export const isPublicVersionState = (s: VersionState) => isOneOf(PUBLIC_VERSION_STATES, s)

/** States that hold an approval (while its period lasts: approval-label.ts isCurrentlyApproved). */
export const APPROVED_STATES = ['approved', 'provisionally_approved'] as const satisfies readonly VersionState[]

/** Versions whose assessment has not concluded: a newer one of these is "not yet assessed" next to an approval. */
export const UNASSESSED_STATES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
] as const satisfies readonly VersionState[]
export const isUnassessedState = (s: VersionState) => isOneOf(UNASSESSED_STATES, s)

// ---------------------------------------------------------------------------------------------------------------
// The state machine.

export type WorkflowActor = 'supplier' | 'coordinator' | 'system'
export type WorkflowAction = 'submit' | 'start_review' | 'decide' | 'withdraw' | 'expire'

type Transition = { action: WorkflowAction; actor: WorkflowActor; from: VersionState; to: VersionState }

const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', actor: 'supplier', from: 'draft', to: 'submitted' },
  { action: 'submit', actor: 'supplier', from: 'changes_requested', to: 'submitted' },
  { action: 'start_review', actor: 'coordinator', from: 'submitted', to: 'in_review' },
  // The assessment outcomes (app/domain/assessment.ts ASSESSMENT_OUTCOMES).
  { action: 'decide', actor: 'coordinator', from: 'in_review', to: 'approved' },
  { action: 'decide', actor: 'coordinator', from: 'in_review', to: 'provisionally_approved' },
  { action: 'decide', actor: 'coordinator', from: 'in_review', to: 'changes_requested' },
  { action: 'decide', actor: 'coordinator', from: 'in_review', to: 'rejected' },
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
    : refuse('illegal_transition', { detail: `${actor}: ${from} → ${to}` })
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
