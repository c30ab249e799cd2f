import {
  RATING_DIMENSIONS,
  RECOMMENDATIONS,
  isRating,
  type RatingDimension,
  type Recommendation,
} from './procurement-rules'

// Aggregates of experience reports for a product (docs/domain.md, "Visibility", rule `aggregate-public`): exact
// figures for those who may read the reports, and for everyone else coarse figures, only once at least three
// different municipalities contributed, so that a single municipality's candid assessment cannot be singled out.
// Which audience gets which is the policy's decision (app/policy/experience.ts); the arithmetic is here.

export const AGGREGATE_MIN_MUNICIPALITIES = 3
export const meetsAggregateThreshold = (distinctMunicipalities: number) =>
  distinctMunicipalities >= AGGREGATE_MIN_MUNICIPALITIES

export type DimensionAggregate = { dimension: RatingDimension; mean: number | null; count: number }
export type RecommendationShares = Record<Recommendation, { count: number; share: number }>

/** Mean (two decimals) and count per dimension, and recommendation shares, over the given reports. */
export function aggregateRatings(
  reports: ReadonlyArray<{ ratings: Partial<Record<RatingDimension, number | null>>; recommendation: Recommendation }>,
): { dimensions: DimensionAggregate[]; recommendation: RecommendationShares; reportCount: number } {
  const dimensions = RATING_DIMENSIONS.map((dimension) => {
    const values = reports.map((r) => r.ratings[dimension]).filter(isRating)
    const mean = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null
    return { dimension, mean, count: values.length }
  })
  const total = reports.length
  const recommendation = Object.fromEntries(
    RECOMMENDATIONS.map((r) => {
      const count = reports.filter((x) => x.recommendation === r).length
      return [r, { count, share: total ? Math.round((count / total) * 1000) / 1000 : 0 }]
    }),
  ) as RecommendationShares
  return { dimensions, recommendation, reportCount: total }
}

/** The figures an aggregate is made of; counts are -1 where they are withheld. */
export type AggregateFigures = {
  reportCount: number
  dimensions: DimensionAggregate[]
  recommendation: RecommendationShares
}

/**
 * The public's figures: means to one decimal, shares to the nearest ten per cent, and no counts (-1). A report counts
 * for every product in its procurement, so exact figures for two products (or for one product before and after a
 * report) could be subtracted to recover one municipality's ratings; coarse figures make that guesswork.
 */
export function coarseAggregate<A extends AggregateFigures>(aggregate: A): A {
  return {
    ...aggregate,
    reportCount: -1,
    dimensions: aggregate.dimensions.map((d) => ({
      ...d,
      mean: d.mean === null ? null : Math.round(d.mean * 10) / 10,
      count: -1,
    })),
    recommendation: Object.fromEntries(
      RECOMMENDATIONS.map((r) => [r, { count: -1, share: Math.round(aggregate.recommendation[r].share * 10) / 10 }]),
    ) as RecommendationShares,
  }
}
