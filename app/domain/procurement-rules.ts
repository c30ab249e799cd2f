import type {
  CommercialTermsVisibility,
  DataExported,
  EndingReason,
  ExperienceReportTable,
  ExperienceStatus,
  FlagStatus,
  FlagTargetType,
  ParticipantRole,
  ParticipationStatus,
  PhaseCode,
  ProcedureCode,
  Recommendation,
} from '../../db/schema'
import { isOneOf, type CoversUnion } from './code-lists'
import { addMonths, isIsoDate } from './dates'

// Procurements, experience reports, replies and moderation as pure rules: code lists, the rating dimensions, Doffin
// references, the follow-up rule and the audit action names. No database and no clock: callers pass dates, so the
// rules can be tested exhaustively and shared by models, routes and the demo seed. Aggregates are in
// experience-aggregates.ts, "municipalities like mine" in population-bands.ts.

// ---------------------------------------------------------------------------------------------------------------
// Code lists. `satisfies` plus the exhaustiveness checks below keep them equal to the unions in db/schema.ts.

/** Procedures in the Norwegian public procurement regulations (anskaffelsesforskriften) plus call-offs and the
 * national below-threshold procedure. */
export const PROCEDURES = [
  'open_tender', // åpen anbudskonkurranse
  'restricted_tender', // begrenset anbudskonkurranse
  'competition_with_negotiation', // konkurranse med forhandling
  'innovation_partnership', // innovasjonspartnerskap
  'innovation_contract', // innovativ anskaffelse / innovasjonskontrakt
  'direct_award', // direkte anskaffelse
  'framework_call_off', // avrop på rammeavtale
  'dynamic_purchasing_system', // dynamisk innkjøpsordning
  'below_threshold', // anskaffelse under terskelverdi
] as const satisfies readonly ProcedureCode[]
export const PHASES = [
  'planning',
  'tendering',
  'pilot',
  'implementation',
  'in_operation',
  'ended',
] as const satisfies readonly PhaseCode[]
export const COMMERCIAL_TERMS_VISIBILITIES = [
  'public',
  'municipalities',
] as const satisfies readonly CommercialTermsVisibility[]
export const PARTICIPANT_ROLES = ['lead', 'participant'] as const satisfies readonly ParticipantRole[]
/** A participation's consent: invited by the lead, then accepted or declined by the municipality; left after
 * taking part. */
export const PARTICIPATION_STATUSES = [
  'invited',
  'accepted',
  'declined',
  'left',
] as const satisfies readonly ParticipationStatus[]
export const EXPERIENCE_STATUSES = ['draft', 'published'] as const satisfies readonly ExperienceStatus[]
export const RECOMMENDATIONS = ['yes', 'with_reservations', 'no'] as const satisfies readonly Recommendation[]
export const ENDING_REASONS = [
  'contract_expired',
  'terminated_by_municipality',
  'terminated_by_supplier',
  'switched_supplier',
  'product_discontinued',
  'needs_changed',
  'other',
] as const satisfies readonly EndingReason[]
export const DATA_EXPORTED = ['yes', 'partly', 'no'] as const satisfies readonly DataExported[]
export const FLAG_TARGET_TYPES = ['experience', 'reply'] as const satisfies readonly FlagTargetType[]
export const FLAG_STATUSES = ['open', 'kept', 'hidden'] as const satisfies readonly FlagStatus[]
export const MODERATION_DECISIONS = ['keep', 'hide'] as const
/** The longest product-name filter the procurement list reads; the rest is ignored. */
export const PRODUCT_NAME_FILTER_MAX = 100
/** How many matches a picker of the procurement forms offers at a time (besides what is chosen already): the forms
 * never list the whole register or every supplier, which grow with the data; a search narrows the choice. */
export const PICKER_LIMIT = 20
/** The intent of the pickers' search buttons: the form comes back with its typed values and the matches, nothing is
 * saved. (Without JavaScript this round trip is how a product or supplier is found.) */
export const SEARCH_OPTIONS_INTENT = 'searchOptions'

const _exhaustive: [
  CoversUnion<typeof PROCEDURES, ProcedureCode>,
  CoversUnion<typeof PHASES, PhaseCode>,
  CoversUnion<typeof COMMERCIAL_TERMS_VISIBILITIES, CommercialTermsVisibility>,
  CoversUnion<typeof PARTICIPANT_ROLES, ParticipantRole>,
  CoversUnion<typeof PARTICIPATION_STATUSES, ParticipationStatus>,
  CoversUnion<typeof EXPERIENCE_STATUSES, ExperienceStatus>,
  CoversUnion<typeof RECOMMENDATIONS, Recommendation>,
  CoversUnion<typeof ENDING_REASONS, EndingReason>,
  CoversUnion<typeof DATA_EXPORTED, DataExported>,
  CoversUnion<typeof FLAG_TARGET_TYPES, FlagTargetType>,
  CoversUnion<typeof FLAG_STATUSES, FlagStatus>,
] = [true, true, true, true, true, true, true, true, true, true, true]
void _exhaustive

export type {
  CommercialTermsVisibility,
  DataExported,
  EndingReason,
  ExperienceStatus,
  FlagStatus,
  FlagTargetType,
  ParticipantRole,
  ParticipationStatus,
  PhaseCode,
  ProcedureCode,
  Recommendation,
}

// ---------------------------------------------------------------------------------------------------------------
// Ratings. Nine dimensions, 1-5; only the overall rating is required (a municipality that never integrated the
// product should not be forced to rate integration).

export const RATING_DIMENSIONS = [
  'overall',
  'supplier_cooperation',
  'delivery_as_agreed',
  'product_quality',
  'integration',
  'training_support',
  'staff_satisfaction',
  'resident_satisfaction',
  'value_for_money',
] as const
export type RatingDimension = (typeof RATING_DIMENSIONS)[number]
export const RATING_MIN = 1
export const RATING_MAX = 5

export type RatingColumn = `rating_${RatingDimension}`
/** The column that stores a dimension. */
export const ratingColumn = <D extends RatingDimension>(d: D) => `rating_${d}` as `rating_${D}`
// Every dimension has a column in the table type (and so in the migration, which the schema test checks).
const _columns: RatingColumn extends keyof ExperienceReportTable ? true : never = true
void _columns

/** The form field of each dimension. */
export const RATING_FIELDS = {
  overall: 'ratingOverall',
  supplier_cooperation: 'ratingSupplierCooperation',
  delivery_as_agreed: 'ratingDeliveryAsAgreed',
  product_quality: 'ratingProductQuality',
  integration: 'ratingIntegration',
  training_support: 'ratingTrainingSupport',
  staff_satisfaction: 'ratingStaffSatisfaction',
  resident_satisfaction: 'ratingResidentSatisfaction',
  value_for_money: 'ratingValueForMoney',
} as const satisfies Record<RatingDimension, string>

export const isRating = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= RATING_MIN && (v as number) <= RATING_MAX

// ---------------------------------------------------------------------------------------------------------------
// Doffin notice references.
//
// Doffin (the Norwegian national notice database, doffin.no) identifies a notice as a four-digit year, a hyphen and
// a six-digit serial number, e.g. "2024-105432" (shown on every notice and in its address,
// doffin.no/notices/2024-105432). We accept exactly that after trimming, with years 1990-2099; the EU's TED numbers
// ("123456-2024") or internal case numbers are refused so that the reference can be turned into a link.

const DOFFIN = /^(\d{4})-(\d{6})$/

export function normaliseDoffinReference(value: string): string {
  // People paste the whole notice address or add spaces around the hyphen.
  const trimmed = value
    .trim()
    .replace(/^https?:\/\/(www\.)?doffin\.no\/notices\//i, '')
    .replace(/\s*-\s*/, '-')
  return trimmed.replace(/[/?#].*$/, '')
}

export function isValidDoffinReference(value: string): boolean {
  const m = DOFFIN.exec(value)
  if (!m) return false
  const year = Number(m[1])
  return year >= 1990 && year <= 2099
}

export const doffinNoticeUrl = (reference: string) => `https://doffin.no/notices/${reference}`

// ---------------------------------------------------------------------------------------------------------------
// Follow-up (docs/domain.md): a municipality in pilot or operation without a new experience report (or benefit
// measurement) for 6 months is due for follow-up; the natural checkpoints are 6, 12 and 24 months after go-live.

export const FOLLOW_UP_PHASES = ['pilot', 'in_operation'] as const satisfies readonly PhaseCode[]
export const FOLLOW_UP_MONTHS = 6
export const FOLLOW_UP_MILESTONE_MONTHS = [6, 12, 24] as const

export type FollowUpInput = {
  phase: PhaseCode
  goLiveDate: string | null
  /** Date of the participant's latest published experience report for this procurement. */
  lastReportDate: string | null
  /** Date of its latest benefit measurement, planned targets aside (app/models/benefits.server.ts,
   * lastBenefitMeasurementDates). */
  lastBenefitMeasurementDate?: string | null
  /** When the participant joined the procurement (YYYY-MM-DD): the clock starts here when nothing else is known. */
  joinedDate: string
  /** Today in Norway (YYYY-MM-DD). */
  today: string
}

export type FollowUpStatus = {
  due: boolean
  /** The date the 6 months run from (latest report or measurement, else go-live, else joining). */
  lastActivityDate: string
  /** The first day the participant is (or will be) due; null outside pilot and operation. */
  dueFrom: string | null
  /** The next 6/12/24-month checkpoint after go-live that has not passed yet, if any. */
  nextMilestone: { months: number; date: string } | null
}

const latest = (dates: ReadonlyArray<string | null | undefined>) =>
  dates
    .filter((d): d is string => !!d && isIsoDate(d))
    .sort()
    .at(-1) ?? null

/** Whether and from when the participant is due: what a list sorts and counts its thousands of participations by. */
export function followUpDue(input: FollowUpInput): Omit<FollowUpStatus, 'nextMilestone'> {
  const activity = latest([input.lastReportDate, input.lastBenefitMeasurementDate])
  const lastActivityDate = activity ?? latest([input.goLiveDate]) ?? input.joinedDate
  const inScope = isOneOf(FOLLOW_UP_PHASES, input.phase)
  const dueFrom = inScope ? addMonths(lastActivityDate, FOLLOW_UP_MONTHS) : null
  return { due: dueFrom !== null && dueFrom <= input.today, lastActivityDate, dueFrom }
}

export function followUpStatus(input: FollowUpInput): FollowUpStatus {
  const status = followUpDue(input)
  const goLive = input.goLiveDate
  const milestones =
    goLive && isIsoDate(goLive) && status.dueFrom !== null
      ? FOLLOW_UP_MILESTONE_MONTHS.map((months) => ({ months, date: addMonths(goLive, months) }))
      : []
  return { ...status, nextMilestone: milestones.find((m) => m.date > input.today) ?? null }
}

// ---------------------------------------------------------------------------------------------------------------
// Audit trail. Written in the same transaction as the change; details carry ids and codes, never what municipalities
// or suppliers wrote (notes, values, reports, replies), because coordinators read the audit log and may not see
// municipalities' internal notes. A moderation decision carries the coordinator's own reason.

export const experienceAuditActions = [
  'procurement.created',
  'procurement.updated',
  'procurement.participant_added',
  'procurement.participant_removed',
  'procurement.participant_updated',
  // Consent: the lead invites (participant_added), the municipality accepts, declines or leaves.
  'procurement.participant_accepted',
  'procurement.participant_declined',
  'procurement.participant_left',
  'experience.published',
  // An edit of a draft report: the fields changed, never their values.
  'experience.updated',
  'reply.published',
  'reply.updated',
  'moderation.flagged',
  'moderation.kept',
  'moderation.hidden',
  // A coordinator restored hidden content, with a reason.
  'moderation.restored',
  // A product's public figures published in a step (docs/decisions/010-public-aggregate-steps.md).
  'aggregate.published',
] as const
