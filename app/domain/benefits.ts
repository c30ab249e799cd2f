import type {
  BenefitBeneficiary,
  BenefitCategory,
  BenefitIndicator,
  MeasurementMethod,
  MeasurementReporter,
  MeasurementStatus,
  MeasurementUncertainty,
} from '../../db/schema'
import type { CoversUnion } from './code-lists'
import { addMonths } from './dates'

// Benefit realisation (docs/domain.md, "Benefit realisation"): the code lists of the national method and every value
// derived from a benefit's baseline and measurements. Pure functions: the pages, the overview, the exports and the
// tests all derive through this module, so a figure means the same everywhere.

export const BENEFIT_CATEGORIES = ['efficiency', 'quality'] as const
export const BENEFIT_AREAS = [1, 2, 3, 4, 5, 6] as const
export type BenefitArea = (typeof BENEFIT_AREAS)[number]
export const BENEFICIARIES = ['residents', 'staff', 'municipality', 'hospital', 'relatives'] as const
export const BENEFIT_INDICATORS = [
  'hours_per_month',
  'home_visits_per_month',
  'night_watches_per_night',
  'driving_minutes_per_month',
  'admissions_per_year',
  'falls_per_month',
  'waiting_list',
  'nok_per_year',
  'share_feeling_safer',
  'custom',
] as const
export const MEASUREMENT_METHODS = [
  'system_data',
  'manual_count',
  'survey',
  'estimate',
  'supplier_figure',
  'external_study',
] as const
export const MEASUREMENT_STATUSES = ['planned', 'estimated', 'realised'] as const
export const UNCERTAINTIES = ['low', 'moderate', 'high'] as const
export const REPORTERS = ['municipality', 'supplier'] as const

export const benefitListsCoverSchema: [
  CoversUnion<typeof BENEFIT_CATEGORIES, BenefitCategory>,
  CoversUnion<typeof BENEFICIARIES, BenefitBeneficiary>,
  CoversUnion<typeof BENEFIT_INDICATORS, BenefitIndicator>,
  CoversUnion<typeof MEASUREMENT_METHODS, MeasurementMethod>,
  CoversUnion<typeof MEASUREMENT_STATUSES, MeasurementStatus>,
  CoversUnion<typeof UNCERTAINTIES, MeasurementUncertainty>,
  CoversUnion<typeof REPORTERS, MeasurementReporter>,
] = [true, true, true, true, true, true, true]

/** 1 årsverk (full-time equivalent) in the national method. */
export const HOURS_PER_FTE = 1750
/** One night watch in the national method. */
export const HOURS_PER_NIGHT_WATCH = 9
/** Follow-up points after go-live, in months. */
export const FOLLOW_UP_MONTHS = [6, 12, 24] as const

/**
 * What an indicator counts and how it turns into hours a year.
 * - `perYear`: how many indicator periods a year holds (a value per month × 12; per night × 365).
 * - `hoursPerUnit`: fixed hours per unit ('per_benefit' when the benefit states it, e.g. the length of a home visit).
 * - `lowerIsBetter`: whether a fall in the value is the gain (fewer visits, falls, admissions; a shorter queue).
 */
export interface IndicatorSpec {
  kind: 'time' | 'count' | 'money' | 'share'
  perYear: number | null
  hoursPerUnit: number | 'per_benefit' | null
  lowerIsBetter: boolean
}

export const INDICATOR_SPECS: Record<Exclude<BenefitIndicator, 'custom'>, IndicatorSpec> = {
  hours_per_month: { kind: 'time', perYear: 12, hoursPerUnit: 1, lowerIsBetter: true },
  home_visits_per_month: { kind: 'count', perYear: 12, hoursPerUnit: 'per_benefit', lowerIsBetter: true },
  night_watches_per_night: { kind: 'count', perYear: 365, hoursPerUnit: HOURS_PER_NIGHT_WATCH, lowerIsBetter: true },
  driving_minutes_per_month: { kind: 'time', perYear: 12, hoursPerUnit: 1 / 60, lowerIsBetter: true },
  admissions_per_year: { kind: 'count', perYear: 1, hoursPerUnit: null, lowerIsBetter: true },
  falls_per_month: { kind: 'count', perYear: 12, hoursPerUnit: null, lowerIsBetter: true },
  waiting_list: { kind: 'count', perYear: null, hoursPerUnit: null, lowerIsBetter: true },
  nok_per_year: { kind: 'money', perYear: 1, hoursPerUnit: null, lowerIsBetter: true },
  share_feeling_safer: { kind: 'share', perYear: null, hoursPerUnit: null, lowerIsBetter: false },
}

const CUSTOM_SPEC: IndicatorSpec = { kind: 'count', perYear: null, hoursPerUnit: null, lowerIsBetter: false }

export const indicatorSpec = (indicator: BenefitIndicator): IndicatorSpec =>
  indicator === 'custom' ? CUSTOM_SPEC : INDICATOR_SPECS[indicator]

/** Whether the indicator needs the benefit to say how many hours one unit stands for before it converts to hours. */
export const needsHoursPerUnit = (indicator: BenefitIndicator): boolean =>
  indicatorSpec(indicator).hoursPerUnit === 'per_benefit'

/** Whether figures of this indicator are money (and so need their price year). */
export const isMoneyIndicator = (indicator: BenefitIndicator): boolean => indicatorSpec(indicator).kind === 'money'

/** The measured value minus the baseline (negative when the value fell). */
export const change = (baseline: number, value: number): number => value - baseline

/** The change as a percentage of the baseline; null when the baseline is zero (no percentage of nothing). */
export const percentChange = (baseline: number, value: number): number | null =>
  baseline === 0 ? null : ((value - baseline) / Math.abs(baseline)) * 100

/** The gain in the indicator's own unit: positive when things got better (for most indicators, a fall). */
export const gain = (indicator: BenefitIndicator, baseline: number, value: number): number =>
  indicatorSpec(indicator).lowerIsBetter ? baseline - value : value - baseline

export interface BenefitConversion {
  indicator: BenefitIndicator
  /** Hours one unit stands for, when the indicator needs the benefit to say (home visits). */
  hoursPerUnit: number | null
}

/**
 * Hours a year a gain (in the indicator's unit and period) stands for, or null when the indicator is not time (falls,
 * admissions, shares, NOK) or the benefit has not said how long a unit takes.
 * 184 fewer home visits a month at 0.5 hours each: 184 × 0.5 × 12 = 1,104 hours a year.
 */
export function annualHours(benefit: BenefitConversion, gainPerPeriod: number): number | null {
  const spec = indicatorSpec(benefit.indicator)
  if (spec.perYear === null || spec.hoursPerUnit === null) return null
  const hoursPerUnit = spec.hoursPerUnit === 'per_benefit' ? benefit.hoursPerUnit : spec.hoursPerUnit
  if (hoursPerUnit === null) return null
  return gainPerPeriod * hoursPerUnit * spec.perYear
}

/** Hours a year as full-time equivalents (1 årsverk = 1,750 hours). */
export const fullTimeEquivalents = (hoursPerYear: number): number => hoursPerYear / HOURS_PER_FTE

/** Night watches as hours (one night watch = 9 hours). */
export const nightWatchHours = (nightWatches: number): number => nightWatches * HOURS_PER_NIGHT_WATCH

export interface NokPerYear {
  nok: number
  priceYear: number
}

/** A NOK gain a year with the price year it is stated in; null for other indicators or without a price year. */
export function nokPerYear(
  indicator: BenefitIndicator,
  gainPerYear: number,
  priceYear: number | null,
): NokPerYear | null {
  if (!isMoneyIndicator(indicator) || priceYear === null) return null
  return { nok: gainPerYear, priceYear }
}

/** Everything derived from one measurement against its benefit's baseline. */
export interface DerivedBenefit {
  change: number
  percentChange: number | null
  gain: number
  hoursPerYear: number | null
  fullTimeEquivalents: number | null
  nok: NokPerYear | null
}

export function deriveMeasurement(
  benefit: BenefitConversion & { baseline: number },
  measurement: { value: number; priceYear: number | null },
): DerivedBenefit {
  const g = gain(benefit.indicator, benefit.baseline, measurement.value)
  const hours = annualHours(benefit, g)
  return {
    change: change(benefit.baseline, measurement.value),
    percentChange: percentChange(benefit.baseline, measurement.value),
    gain: g,
    hoursPerYear: hours,
    fullTimeEquivalents: hours === null ? null : fullTimeEquivalents(hours),
    nok: nokPerYear(benefit.indicator, g, measurement.priceYear),
  }
}

/**
 * How sure a figure is. Realised (measured after the change), estimated (a municipality's or supplier's estimate)
 * and extrapolated (the overview's "if every municipality like these achieved the median") figures are never added
 * together: every total in the product is one of these, kept apart by type.
 */
export type FigureBasis = 'realised' | 'estimated' | 'extrapolated'

export interface BenefitTotals {
  hoursPerYear: number
  fullTimeEquivalents: number
  /** NOK per price year: NOK of different years are not added either. */
  nokByPriceYear: Record<number, number>
  measurements: number
}

export type TotalsByBasis = Record<FigureBasis, BenefitTotals>

const emptyTotals = (): BenefitTotals => ({
  hoursPerYear: 0,
  fullTimeEquivalents: 0,
  nokByPriceYear: {},
  measurements: 0,
})

/** Which basis a measurement's figure has; planned targets are not results and count for nothing. */
export const basisOf = (status: MeasurementStatus): FigureBasis | null =>
  status === 'realised' ? 'realised' : status === 'estimated' ? 'estimated' : null

/**
 * Totals of derived figures, one total per basis: the only way the product adds benefit figures up. Each input says
 * its basis, and only figures of the same basis (and NOK of the same price year) are ever added.
 */
export function totalsByBasis(figures: readonly { basis: FigureBasis; derived: DerivedBenefit }[]): TotalsByBasis {
  const totals: TotalsByBasis = { realised: emptyTotals(), estimated: emptyTotals(), extrapolated: emptyTotals() }
  for (const { basis, derived } of figures) {
    const t = totals[basis]
    t.measurements += 1
    if (derived.hoursPerYear !== null) {
      t.hoursPerYear += derived.hoursPerYear
      t.fullTimeEquivalents += fullTimeEquivalents(derived.hoursPerYear)
    }
    if (derived.nok)
      t.nokByPriceYear[derived.nok.priceYear] = (t.nokByPriceYear[derived.nok.priceYear] ?? 0) + derived.nok.nok
  }
  return totals
}

/** The median of a list (the extrapolation's "median realised benefit"); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** The follow-up points (6, 12 and 24 months after go-live) that have passed by `today` (YYYY-MM-DD dates). */
export function followUpPointsDue(goLiveDate: string, today: string): { months: number; dueDate: string }[] {
  return FOLLOW_UP_MONTHS.map((months) => ({ months, dueDate: addMonths(goLiveDate, months) })).filter(
    (p) => p.dueDate <= today,
  )
}

/** A measurement whose period ends this many months before a follow-up point still answers it (the quarter before). */
export const FOLLOW_UP_WINDOW_MONTHS = 3

/**
 * The follow-up point a benefit is due at, or null. A benefit with a baseline is due at the latest follow-up point
 * (6, 12, 24 months after go-live) that has passed, unless a measurement (planned targets aside) has a period ending
 * within the three months before that point or later. Without a baseline there is nothing to follow up yet (the
 * baseline is what is missing), and without a go-live date there is no clock.
 */
export function benefitFollowUpDue(input: {
  hasBaseline: boolean
  goLiveDate: string | null
  latestMeasurementEnd: string | null
  today: string
}): { months: number; dueDate: string } | null {
  if (!input.hasBaseline || input.goLiveDate === null) return null
  const latest = followUpPointsDue(input.goLiveDate, input.today).at(-1)
  if (!latest) return null
  const windowStart = addMonths(input.goLiveDate, latest.months - FOLLOW_UP_WINDOW_MONTHS)
  const answered = input.latestMeasurementEnd !== null && input.latestMeasurementEnd >= windowStart
  return answered ? null : latest
}

/** Audit actions of benefit records (app/utils/audit.server.ts): details carry ids and codes, never values or notes. */
export const benefitAuditActions = [
  'benefit.created',
  'benefit.updated',
  'benefit.deleted',
  'benefit.baseline_recorded',
  'benefit.measurement_added',
  'benefit.measurement_deleted',
] as const
