import type { PublicFigureCode } from '../../db/schema'
import {
  RATING_DIMENSIONS,
  RECOMMENDATIONS,
  isRating,
  type RatingDimension,
  type Recommendation,
} from './procurement-rules'

// Aggregates of experience reports for a product (docs/domain.md, "Visibility", rule `aggregate-public`). Those who
// may read the reports get exact, live figures. Everyone else gets the figures last *published*, and a figure is
// published in steps (docs/decisions/010-public-aggregate-steps.md): first once at least three municipalities
// contributed to it, then again only when at least three municipalities that no earlier publication of it counted
// have contributed, so any two public views of a figure differ by at least three municipalities and no single
// municipality's rating can be computed from their difference. Which audience gets which is the policy's decision
// (app/policy/experience.ts); the arithmetic and the step rule are here, without a database or a clock, so that
// benefit figures can use the same rule later.

/** The fewest municipalities behind a public figure, and the fewest new ones a later publication of it must add. */
export const AGGREGATE_MIN_MUNICIPALITIES = 3
export const meetsAggregateThreshold = (distinctMunicipalities: number) =>
  distinctMunicipalities >= AGGREGATE_MIN_MUNICIPALITIES

/** A count is null where it is withheld (public figures carry none). */
export type DimensionAggregate = { dimension: RatingDimension; mean: number | null; count: number | null }
export type RecommendationShares = Record<Recommendation, { count: number | null; share: number }>

/** What an aggregate is computed from: per dimension the sum and number of the ratings given, per recommendation the
 * number of reports, and the number of reports. SQL adds these up over a product's reports (the live aggregate never
 * loads the reports themselves); aggregateRatings over reports in memory. */
export type RatingTotals = {
  reportCount: number
  dimensions: Record<RatingDimension, { sum: number; count: number }>
  recommendations: Record<Recommendation, number>
}

/** Mean (two decimals) and count per dimension, and recommendation shares, from their totals. */
export function aggregateFromTotals(totals: RatingTotals): {
  dimensions: DimensionAggregate[]
  recommendation: RecommendationShares
  reportCount: number
} {
  const dimensions = RATING_DIMENSIONS.map((dimension) => {
    const { sum, count } = totals.dimensions[dimension]
    const mean = count ? Math.round((sum / count) * 100) / 100 : null
    return { dimension, mean, count }
  })
  const total = totals.reportCount
  const recommendation = Object.fromEntries(
    RECOMMENDATIONS.map((r) => {
      const count = totals.recommendations[r]
      return [r, { count, share: total ? Math.round((count / total) * 1000) / 1000 : 0 }]
    }),
  ) as RecommendationShares
  return { dimensions, recommendation, reportCount: total }
}

/** Mean (two decimals) and count per dimension, and recommendation shares, over the given reports. */
export function aggregateRatings(
  reports: ReadonlyArray<{ ratings: Partial<Record<RatingDimension, number | null>>; recommendation: Recommendation }>,
): { dimensions: DimensionAggregate[]; recommendation: RecommendationShares; reportCount: number } {
  return aggregateFromTotals({
    reportCount: reports.length,
    dimensions: Object.fromEntries(
      RATING_DIMENSIONS.map((dimension) => {
        const values = reports.map((r) => r.ratings[dimension]).filter(isRating)
        return [dimension, { sum: values.reduce((a, b) => a + b, 0), count: values.length }]
      }),
    ) as RatingTotals['dimensions'],
    recommendations: Object.fromEntries(
      RECOMMENDATIONS.map((r) => [r, reports.filter((x) => x.recommendation === r).length]),
    ) as RatingTotals['recommendations'],
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Public figures, published in steps.

/** Every figure the public sees, each published on its own: the nine rating means and the three recommendation
 * shares. (An optional rating is given by fewer municipalities than the overall rating, so its mean needs its own
 * minimum and its own steps.) */
export const PUBLIC_FIGURES = [
  ...RATING_DIMENSIONS,
  'recommendation_yes',
  'recommendation_with_reservations',
  'recommendation_no',
] as const satisfies readonly PublicFigureCode[]
export type PublicFigure = (typeof PUBLIC_FIGURES)[number]
const _exhaustive: [PublicFigureCode] extends [PublicFigure] ? true : never = true
void _exhaustive

export const recommendationFigure = (r: Recommendation) => `recommendation_${r}` as const

/** Who a figure is computed over: each contributing municipality with the ids of its reports in it (a municipality
 * with two participations contributes two reports; each participation counts with its latest report). */
export type Contributions = ReadonlyMap<string, readonly number[]>

/** A figure as it would be published now. */
export type FigureCandidate = { figure: PublicFigure; value: number; contributions: Contributions }

/** A report as the public figures see it. */
export type CountedReport = {
  id: number
  municipalityNumber: string
  ratings: Partial<Record<RatingDimension, number | null>>
  recommendation: Recommendation
}

/** Contributions from (municipality, report) pairs, each municipality's report ids in order. */
export function contributionsOf(
  reports: ReadonlyArray<{ municipalityNumber: string; reportId: number }>,
): Contributions {
  const map = new Map<string, number[]>()
  for (const r of reports) map.set(r.municipalityNumber, [...(map.get(r.municipalityNumber) ?? []), r.reportId])
  for (const ids of map.values()) ids.sort((a, b) => a - b)
  return map
}

const contributionsOfReports = (reports: readonly CountedReport[]) =>
  contributionsOf(reports.map((r) => ({ municipalityNumber: r.municipalityNumber, reportId: r.id })))

/**
 * Each figure's public value over the reports that count, and who contributed to it: a rating mean to one decimal
 * over the reports that gave that rating, a recommendation share to the nearest tenth over all reports. Figures no
 * report contributes to are left out. The public never gets counts.
 */
export function publicFigureCandidates(reports: readonly CountedReport[]): FigureCandidate[] {
  const candidates: FigureCandidate[] = []
  for (const dimension of RATING_DIMENSIONS) {
    const rated = reports.filter((r) => isRating(r.ratings[dimension]))
    if (rated.length === 0) continue
    const sum = rated.reduce((total, r) => total + (r.ratings[dimension] ?? 0), 0)
    candidates.push({
      figure: dimension,
      value: Math.round((sum / rated.length) * 10) / 10,
      contributions: contributionsOfReports(rated),
    })
  }
  if (reports.length > 0) {
    const contributions = contributionsOfReports(reports)
    for (const r of RECOMMENDATIONS) {
      const share = reports.filter((x) => x.recommendation === r).length / reports.length
      candidates.push({ figure: recommendationFigure(r), value: Math.round(share * 10) / 10, contributions })
    }
  }
  return candidates
}

/** The municipalities in a candidate that no earlier publication of the figure counted. */
export const newContributors = (candidate: Contributions, everPublished: ReadonlySet<string>) =>
  [...candidate.keys()].filter((m) => !everPublished.has(m))

const sameReports = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((id, i) => id === b[i])

/** The municipalities whose contribution differs between two views of a figure: in one and not the other, or there
 * with other reports. Subtracting the two views mixes exactly these municipalities' ratings. */
export function differingContributors(a: Contributions, b: Contributions): string[] {
  const municipalities = new Set([...a.keys(), ...b.keys()])
  return [...municipalities].filter((m) => !sameReports(a.get(m), b.get(m)))
}

/** Two views may both be public when subtracting them mixes no municipality (they are the same) or at least three. */
export const farEnoughApart = (a: Contributions, b: Contributions) => {
  const differing = differingContributors(a, b).length
  return differing === 0 || differing >= AGGREGATE_MIN_MUNICIPALITIES
}

export type StepDecision = 'publish' | 'too_few_new' | 'too_close_to_another_product'

/**
 * Whether a figure's candidate may be published now:
 * - it adds at least three municipalities that no earlier publication of this figure of this product counted (the
 *   first publication needs three): so every later view differs from every earlier one by at least three, and a
 *   municipality already counted (a newer report, a hidden report) surfaces only together with three new ones;
 * - and it is not within one or two municipalities of any published view of the same figure of another product (a
 *   report counts for every product in its procurement, so two products bought together could otherwise be
 *   subtracted).
 */
export function decideStep(
  candidate: Contributions,
  everPublished: ReadonlySet<string>,
  otherProductViews: readonly Contributions[],
): StepDecision {
  if (newContributors(candidate, everPublished).length < AGGREGATE_MIN_MUNICIPALITIES) return 'too_few_new'
  if (!otherProductViews.every((view) => farEnoughApart(candidate, view))) return 'too_close_to_another_product'
  return 'publish'
}

/** How many municipalities a public aggregate rests on, as a band: never the exact number. */
export const CONTRIBUTOR_BANDS = ['3_9', '10_49', '50_plus'] as const
export type ContributorBand = (typeof CONTRIBUTOR_BANDS)[number]
export const contributorBand = (municipalities: number): ContributorBand =>
  municipalities >= 50 ? '50_plus' : municipalities >= 10 ? '10_49' : '3_9'
