import { sql } from 'kysely'
import { getDb } from '../../db/client'
import {
  AGGREGATE_MIN_MUNICIPALITIES,
  aggregateFromTotals,
  contributionsOf,
  contributorBand,
  decideStep,
  meetsAggregateThreshold,
  newContributors,
  publicFigureCandidates,
  recommendationFigure,
  type Contributions,
  type ContributorBand,
  type CountedReport,
  type DimensionAggregate,
  type PublicFigure,
  type RatingTotals,
  type RecommendationShares,
} from '~/domain/experience-aggregates'
import { RATING_DIMENSIONS, RECOMMENDATIONS, ratingColumn, type Recommendation } from '~/domain/procurement-rules'
import {
  aggregateReportsWhere,
  aggregateSource,
  canFilterAggregate,
  type ExperienceAudience,
} from '~/policy/experience'
import { audit } from '~/utils/audit.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { ChangeMemo } from '~/models/change-memo.server'
import { hasMunicipalityFilter, municipalityFilterWhere, type MunicipalityFilter } from '~/models/municipalities.server'

// A product's aggregate of experience reports (docs/domain.md, "Visibility", rule `aggregate-public`;
// docs/decisions/010-public-aggregate-steps.md). Two sources:
// - live: over each participation's latest published, visible report (a municipality that reported five times over
//   two years counts once per participation, with its current view; a report counts for the product it is about),
//   exact and filterable, for those who may read the reports;
// - published: what the public sees, one row per figure in public_aggregate_figure, written by
//   refreshPublicAggregates in the same transaction as every change that affects which reports count (publishing a
//   report, hiding one) and only when the step rule allows it. The public page reads those rows, never the reports.

export type LiveAggregate = {
  source: 'live'
  /** Distinct municipalities whose reports are in the aggregate. */
  municipalityCount: number
  /** Participations aggregated (each one's latest report). */
  reportCount: number
  dimensions: DimensionAggregate[]
  recommendation: RecommendationShares
  /** Whether the municipality filter was applied. */
  filtered: boolean
}

export type PublishedAggregate = {
  source: 'published'
  /** Withheld: the public learns the band only. */
  municipalityCount: null
  reportCount: null
  /** The band of the municipalities behind the overall rating when it was last published. */
  contributorBand: ContributorBand
  /** When a figure was last published. */
  publishedAt: string
  /** Means as published (one decimal); null for a rating fewer than three municipalities have given. No counts. */
  dimensions: DimensionAggregate[]
  recommendation: RecommendationShares
  filtered: false
}

export type ExperienceAggregate = LiveAggregate | PublishedAggregate

type CurrentReport = {
  report_id: number
  product_id: number
  municipality_number: string
  recommendation: Recommendation
} & Record<`rating_${(typeof RATING_DIMENSIONS)[number]}`, number | null>

/** Each participation's latest report about each of these products that counts in aggregates: one row per
 * participation. A report counts for the product it is about (experience_report.product_id), never for the
 * procurement's other products, and changing the procurement's products does not move it. */
function latestReportsQuery(db: DbOrTrx, productIds: readonly number[], filter: MunicipalityFilter) {
  return db
    .selectFrom('experience_report')
    .innerJoin('municipality', 'municipality.number', 'experience_report.municipality_number')
    .select([
      'experience_report.id as report_id',
      'experience_report.product_id',
      'experience_report.municipality_number',
      'experience_report.recommendation',
      ...RATING_DIMENSIONS.map((d) => `experience_report.${ratingColumn(d)}` as const),
      // The latest report: the newest report_date, then the highest id (report_date is YYYY-MM-DD by its check, so
      // YYYYMMDD * 10^10 + id orders by both). With a single max() in the query SQLite takes the other, bare columns
      // from the row that has it (sqlite.org/lang_select.html#bare_columns): one pass over the participation's
      // entries in experience_report_product_idx, half the cost of numbering every report with row_number().
      sql<number>`max(cast(replace(experience_report.report_date, '-', '') as integer) * 10000000000
          + experience_report.id)`.as('latest'),
    ])
    .where('experience_report.product_id', 'in', [...productIds])
    .where(aggregateReportsWhere)
    .where(municipalityFilterWhere(filter))
    .groupBy([
      'experience_report.product_id',
      'experience_report.procurement_id',
      'experience_report.municipality_number',
    ])
}

/** The reports themselves, for publishing steps (which record who contributed). */
async function currentReports(
  db: DbOrTrx,
  productIds: readonly number[],
  filter: MunicipalityFilter,
): Promise<CurrentReport[]> {
  if (productIds.length === 0) return []
  const rows = await latestReportsQuery(db, productIds, filter).execute()
  return rows.map(({ latest: _latest, ...r }) => r as CurrentReport)
}

const ratingsOf = (r: CurrentReport) => Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, r[ratingColumn(d)]]))

/** The live aggregate's totals per product, added up in SQL: a product with thousands of reports costs one row per
 * product here, not one per report (exported for the query-plan test). */
export function liveTotalsQuery(db: DbOrTrx, productIds: readonly number[], filter: MunicipalityFilter) {
  return db
    .selectFrom(latestReportsQuery(db, productIds, filter).as('x'))
    .select((eb) => [
      'x.product_id',
      eb.fn.countAll<number>().as('report_count'),
      eb.fn.count<number>('x.municipality_number').distinct().as('municipality_count'),
      ...RATING_DIMENSIONS.flatMap((d) => [
        eb.fn.sum<number | null>(`x.${ratingColumn(d)}`).as(`sum_${d}`),
        eb.fn.count<number>(`x.${ratingColumn(d)}`).as(`count_${d}`),
      ]),
      ...RECOMMENDATIONS.map((r) => sql<number>`sum(${eb.ref('x.recommendation')} = ${r})`.as(`recommendation_${r}`)),
    ])
    .groupBy('x.product_id')
}

/** The live aggregate of each of these products; products without reports are left out. */
async function liveAggregates(
  db: DbOrTrx,
  productIds: readonly number[],
  filter: MunicipalityFilter,
  filtered: boolean,
): Promise<Map<number, LiveAggregate>> {
  if (productIds.length === 0) return new Map()
  const rows = (await liveTotalsQuery(db, productIds, filter).execute()) as unknown as Array<
    Record<string, number | null> & { product_id: number }
  >
  return new Map(
    rows.map((row) => {
      const totals: RatingTotals = {
        reportCount: Number(row.report_count),
        dimensions: Object.fromEntries(
          RATING_DIMENSIONS.map((d) => [d, { sum: Number(row[`sum_${d}`] ?? 0), count: Number(row[`count_${d}`]) }]),
        ) as RatingTotals['dimensions'],
        recommendations: Object.fromEntries(
          RECOMMENDATIONS.map((r) => [r, Number(row[`recommendation_${r}`] ?? 0)]),
        ) as RatingTotals['recommendations'],
      }
      const { dimensions, recommendation, reportCount } = aggregateFromTotals(totals)
      const aggregate: LiveAggregate = {
        source: 'live',
        municipalityCount: Number(row.municipality_count),
        reportCount,
        dimensions,
        recommendation,
        filtered,
      }
      return [row.product_id, aggregate]
    }),
  )
}

/** The newest published row of every figure of these products. */
async function currentFigures(db: DbOrTrx, productIds: readonly number[]) {
  if (productIds.length === 0) return []
  return db
    .selectFrom('public_aggregate_figure as f')
    .select(['f.product_id', 'f.figure', 'f.value', 'f.municipality_count', 'f.published_at'])
    .where('f.product_id', 'in', [...productIds])
    .where('f.id', '=', (eb) =>
      eb
        .selectFrom('public_aggregate_figure as g')
        .select((g) => g.fn.max('g.id').as('id'))
        .whereRef('g.product_id', '=', 'f.product_id')
        .whereRef('g.figure', '=', 'f.figure'),
    )
    .execute()
}

/** The public's figures for each product, as last published; a product is left out until its overall rating and
 * recommendation shares have been published (they always are together: every report has both). */
export async function publishedAggregates(
  db: DbOrTrx,
  productIds: readonly number[],
): Promise<Map<number, PublishedAggregate>> {
  const rows = await currentFigures(db, productIds)
  const result = new Map<number, PublishedAggregate>()
  for (const productId of new Set(rows.map((r) => r.product_id))) {
    const mine = new Map(rows.filter((r) => r.product_id === productId).map((r) => [r.figure, r]))
    const overall = mine.get('overall')
    const shares = RECOMMENDATIONS.map((r) => mine.get(recommendationFigure(r)))
    if (!overall || shares.some((s) => s === undefined)) continue
    result.set(productId, {
      source: 'published',
      municipalityCount: null,
      reportCount: null,
      contributorBand: contributorBand(overall.municipality_count),
      publishedAt: [...mine.values()].map((r) => r.published_at).reduce((a, b) => (a > b ? a : b)),
      dimensions: RATING_DIMENSIONS.map((dimension) => ({
        dimension,
        mean: mine.get(dimension)?.value ?? null,
        count: null,
      })),
      recommendation: Object.fromEntries(
        RECOMMENDATIONS.map((r) => [r, { count: null, share: mine.get(recommendationFigure(r))?.value ?? 0 }]),
      ) as RecommendationShares,
      filtered: false,
    })
  }
  return result
}

/**
 * The aggregate each product's audience gets (app/policy/experience.ts, aggregateSource): live figures over the set
 * it may filter, or the published ones. `thresholdMet`: whether at least three municipalities are behind the
 * aggregate this viewer would get unfiltered (for the public: whether figures have been published).
 */
export async function aggregatesFor(
  db: DbOrTrx,
  products: ReadonlyArray<{ id: number; audience: ExperienceAudience }>,
  filter: MunicipalityFilter,
): Promise<Map<number, { aggregate: ExperienceAggregate | null; thresholdMet: boolean }>> {
  // The live figures count every current report of a product (growing with the data): through the shared connection
  // they are kept until the next write, keyed by what decides them (products, audiences, filter).
  const key = JSON.stringify([
    products.map((p) => [p.id, p.audience]),
    filter.county ?? '',
    filter.populationBand ?? '',
  ])
  return aggregateMemo.get(key, () => readAggregates(db, products, filter), db)
}

type AggregatesById = Map<number, { aggregate: ExperienceAggregate | null; thresholdMet: boolean }>
const aggregateMemo = new ChangeMemo<AggregatesById>(5_000)

async function readAggregates(
  db: DbOrTrx,
  products: ReadonlyArray<{ id: number; audience: ExperienceAudience }>,
  filter: MunicipalityFilter,
): Promise<AggregatesById> {
  const live = products.filter((p) => aggregateSource(p.audience) === 'live')
  const publishedIds = products.filter((p) => aggregateSource(p.audience) === 'published').map((p) => p.id)
  const filteredIds = live
    .filter((p) => canFilterAggregate(p.audience) && hasMunicipalityFilter(filter))
    .map((p) => p.id)
  const plainIds = live.filter((p) => !filteredIds.includes(p.id)).map((p) => p.id)
  const [filteredLive, plainLive, published] = await Promise.all([
    liveAggregates(db, filteredIds, filter, true),
    liveAggregates(db, plainIds, {}, false),
    publishedAggregates(db, publishedIds),
  ])
  const result = new Map<number, { aggregate: ExperienceAggregate | null; thresholdMet: boolean }>()
  for (const p of products) {
    if (aggregateSource(p.audience) === 'published') {
      const aggregate = published.get(p.id) ?? null
      result.set(p.id, { aggregate, thresholdMet: aggregate !== null })
      continue
    }
    const aggregate = (filteredIds.includes(p.id) ? filteredLive : plainLive).get(p.id) ?? null
    result.set(p.id, { aggregate, thresholdMet: meetsAggregateThreshold(aggregate?.municipalityCount ?? 0) })
  }
  return result
}

// ---------------------------------------------------------------------------------------------------------------
// Publishing steps.

/** Publishes what the step rule allows for one product; answers the figures published. */
async function refreshProduct(db: DbOrTrx, productId: number, reports: CurrentReport[], at: string) {
  const candidates = publicFigureCandidates(
    reports.map((r): CountedReport => ({
      id: r.report_id,
      municipalityNumber: r.municipality_number,
      recommendation: r.recommendation,
      ratings: ratingsOf(r),
    })),
  ).filter((c) => meetsAggregateThreshold(c.contributions.size))
  if (candidates.length === 0) return []

  // Every municipality any earlier publication of each figure counted.
  const ever = await db
    .selectFrom('public_aggregate_contributor as c')
    .innerJoin('public_aggregate_figure as f', 'f.id', 'c.figure_id')
    .select(['f.figure', 'c.municipality_number'])
    .distinct()
    .where('f.product_id', '=', productId)
    .execute()
  const everPublished = (figure: PublicFigure) =>
    new Set(ever.filter((r) => r.figure === figure).map((r) => r.municipality_number))

  // Only a figure that at least three municipalities no earlier publication counted have given can take a step
  // (decideStep's first test, whatever the other products' views): the rest need no look at other products, so a
  // catch-up over unchanged data is a read per product, not a comparison with every other product.
  const open = candidates.filter(
    (c) => newContributors(c.contributions, everPublished(c.figure)).length >= AGGREGATE_MIN_MUNICIPALITIES,
  )
  if (open.length === 0) return []

  // Other products' views of the same figures that are within two municipalities in size (views further apart in
  // size differ by at least three municipalities anyway), asked per figure so that one product's wide spread of sizes
  // does not pull in every other product's views.
  const nearby = await db
    .selectFrom('public_aggregate_figure')
    .select(['id', 'figure', 'municipality_count'])
    .where('product_id', '!=', productId)
    // Two views can be within one or two municipalities only if they count some of the same reports (a municipality
    // with other reports differs), and a report counts for both products only if they were bought together.
    .where('product_id', 'in', (eb) =>
      eb
        .selectFrom('procurement_product as mine')
        .innerJoin('procurement_product as other', 'other.procurement_id', 'mine.procurement_id')
        .select('other.product_id')
        .where('mine.product_id', '=', productId),
    )
    .where((eb) =>
      eb.or(
        open.map((c) =>
          eb.and([
            eb('figure', '=', c.figure),
            eb('municipality_count', '>=', c.contributions.size - (AGGREGATE_MIN_MUNICIPALITIES - 1)),
            eb('municipality_count', '<=', c.contributions.size + (AGGREGATE_MIN_MUNICIPALITIES - 1)),
          ]),
        ),
      ),
    )
    .execute()
  const nearbyContributors = nearby.length
    ? await db
        .selectFrom('public_aggregate_contributor')
        .select(['figure_id', 'municipality_number', 'experience_report_id'])
        .where(
          'figure_id',
          'in',
          nearby.map((n) => n.id),
        )
        .execute()
    : []
  const contributorsByFigure = new Map<number, Array<{ municipalityNumber: string; reportId: number }>>()
  for (const c of nearbyContributors) {
    const entry = { municipalityNumber: c.municipality_number, reportId: c.experience_report_id }
    const list = contributorsByFigure.get(c.figure_id)
    if (list) list.push(entry)
    else contributorsByFigure.set(c.figure_id, [entry])
  }
  const otherViews = (candidate: { figure: PublicFigure; contributions: Contributions }) =>
    nearby
      .filter(
        (n) =>
          n.figure === candidate.figure &&
          Math.abs(n.municipality_count - candidate.contributions.size) < AGGREGATE_MIN_MUNICIPALITIES,
      )
      .map((n) => contributionsOf(contributorsByFigure.get(n.id) ?? []))

  const published: PublicFigure[] = []
  for (const candidate of open) {
    if (decideStep(candidate.contributions, everPublished(candidate.figure), otherViews(candidate)) !== 'publish')
      continue
    const { id } = await db
      .insertInto('public_aggregate_figure')
      .values({
        product_id: productId,
        figure: candidate.figure,
        value: candidate.value,
        municipality_count: candidate.contributions.size,
        published_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('public_aggregate_contributor')
      .values(
        [...candidate.contributions].flatMap(([municipality, reportIds]) =>
          reportIds.map((reportId) => ({
            figure_id: id,
            experience_report_id: reportId,
            municipality_number: municipality,
          })),
        ),
      )
      .execute()
    published.push(candidate.figure)
  }
  if (published.length) {
    await audit(
      {
        action: 'aggregate.published',
        target: { type: 'product', id: productId },
        details: { figures: published },
        at,
      },
      db,
    )
  }
  return published
}

/**
 * After a change that may affect these products' aggregates, publish a new public step for every figure the step
 * rule allows (app/domain/experience-aggregates.ts, decideStep). Run it inside the change's transaction. Answers the
 * figures published per product.
 */
export async function refreshPublicAggregates(
  db: DbOrTrx,
  productIds: readonly number[],
  at: string = clock().iso,
): Promise<Map<number, PublicFigure[]>> {
  const ids = [...new Set(productIds)].sort((a, b) => a - b)
  const reportsByProduct = new Map<number, Awaited<ReturnType<typeof currentReports>>>()
  for (const report of await currentReports(db, ids, {})) {
    const list = reportsByProduct.get(report.product_id)
    if (list) list.push(report)
    else reportsByProduct.set(report.product_id, [report])
  }
  const result = new Map<number, PublicFigure[]>()
  // One product at a time: a product published here is another's neighbour for the rest of the run.
  for (const productId of ids) {
    const figures = await refreshProduct(db, productId, reportsByProduct.get(productId) ?? [], at)
    if (figures.length) result.set(productId, figures)
  }
  return result
}

/** The products these reports are about (whose aggregates they count in). */
export async function productsOfReports(db: DbOrTrx, reportIds: readonly number[]): Promise<number[]> {
  if (reportIds.length === 0) return []
  const rows = await db
    .selectFrom('experience_report')
    .select('product_id')
    .distinct()
    .where('id', 'in', [...reportIds])
    .where('product_id', 'is not', null)
    .execute()
  return rows.flatMap((r) => (r.product_id === null ? [] : [r.product_id]))
}

/** refreshPublicAggregates for the products these reports are about. */
export async function refreshPublicAggregatesOfReports(db: DbOrTrx, reportIds: readonly number[], at?: string) {
  return refreshPublicAggregates(db, await productsOfReports(db, reportIds), at)
}

/**
 * Every product with reports, at start-up: publishes the first steps for data that existed before the step table
 * (the figures the public saw before, which were public already) and catches up any write path that did not refresh.
 * The step rule makes this safe to run at any time.
 */
export async function refreshAllPublicAggregates(db: DbOrTrx = getDb(), at: string = clock().iso) {
  const run = async (trx: DbOrTrx) => {
    const rows = await trx
      .selectFrom('experience_report')
      .select('experience_report.product_id')
      .distinct()
      .where('experience_report.product_id', 'is not', null)
      .where(aggregateReportsWhere)
      .execute()
    return refreshPublicAggregates(
      trx,
      rows.flatMap((r) => (r.product_id === null ? [] : [r.product_id])),
      at,
    )
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}

/** One product's published figures (the public's view), or null before its first step. */
export async function publishedAggregateOf(productId: number, db: DbOrTrx = getDb()) {
  return (await publishedAggregates(db, [productId])).get(productId) ?? null
}
