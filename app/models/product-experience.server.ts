import { sql } from 'kysely'
import { z } from 'zod'
import { getDb } from '../../db/client'
import { pagingFields } from '~/utils/validation'
import type { PhaseCode } from '../../db/schema'
import {
  AGGREGATE_MIN_MUNICIPALITIES,
  PHASES,
  POPULATION_BANDS,
  POPULATION_BAND_CODES,
  RATING_DIMENSIONS,
  aggregateRatings,
  populationBand,
  populationBandRange,
  ratingColumn,
  type DimensionAggregate,
  type PopulationBand,
  type RatingDimension,
  type RecommendationShares,
  type Recommendation,
} from '~/domain/procurement-rules'
import {
  canFilterAggregate,
  canReadExperienceText,
  canSeeAggregate,
  experienceAudience,
  type ExperienceAudience,
} from '~/policy/experience'
import { canViewProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { queryExperienceViews, type ExperienceView } from './experiences.server'
import { MAX_COMPARE } from './products.server'
import type { MunicipalityRef } from './procurements.server'
import { loadProductAccess } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// "Who bought this, and what did they get?": per product, the municipalities using it and their phase, ratings per
// dimension and the experience list with the supplier's replies, filtered to "municipalities like mine"; and the same
// figures side by side for up to four products. Individual reports go only to viewers who may read them
// (app/policy/experience.ts); everyone else gets aggregates, and only when at least three municipalities contributed.
//
// An aggregate is over each participation's latest published, visible report (a municipality that reported five
// times over two years counts once, with its current view); a report counts for every register product in its
// procurement.

export const ProductExperienceFilter = z.object({
  populationBand: z.enum(POPULATION_BAND_CODES).optional().catch(undefined),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  ...pagingFields,
  usagePage: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
})
/** Raw query-string values are fine: anything unrecognised is ignored. */
export type ProductExperienceFilter = { [K in keyof z.input<typeof ProductExperienceFilter>]?: unknown }
type MunicipalityFilter = { county?: string; populationBand?: PopulationBand }

export type ExperienceAggregate = {
  /** Distinct municipalities whose reports are in the aggregate. */
  municipalityCount: number
  /** Participations aggregated (each one's latest report); -1 for the public, which gets no counts. */
  reportCount: number
  dimensions: DimensionAggregate[]
  recommendation: RecommendationShares
  /** Whether the municipality filter was applied (never for the public: see canFilterAggregate). */
  filtered: boolean
}

export type ProductUsage = {
  municipality: MunicipalityRef & { populationBand: PopulationBand }
  procurementId: number
  procurementTitle: string
  role: 'lead' | 'participant'
  phase: PhaseCode
  goLiveDate: string | null
}

export type ProductExperience = {
  productId: number
  audience: ExperienceAudience
  minimumMunicipalities: number
  /** Null when this viewer may not see it (the public below the threshold) or nothing was reported. */
  aggregate: ExperienceAggregate | null
  /** Whether at least three municipalities contributed to the aggregate this viewer would get. */
  thresholdMet: boolean
  /** Municipalities using the product and their phase (public information), filtered, paged. */
  usage: Page<ProductUsage>
  /** Participations per phase, over the filtered usage. */
  phaseCounts: Record<PhaseCode, number>
  /** Individual reports with replies; null for viewers who get aggregates only. */
  experiences: Page<ExperienceView> | null
  filter: MunicipalityFilter
}

type CurrentReport = {
  product_id: number
  municipality_number: string
  recommendation: Recommendation
} & Record<`rating_${RatingDimension}`, number | null>

/** Each participation's latest published, visible report, for procurements with these products. */
async function currentReports(
  db: DbOrTrx,
  productIds: readonly number[],
  filter: MunicipalityFilter,
): Promise<CurrentReport[]> {
  if (productIds.length === 0) return []
  const band = filter.populationBand ? populationBandRange(filter.populationBand) : null
  const inner = db
    .selectFrom('procurement_product as fp')
    .innerJoin('experience_report as r', 'r.procurement_id', 'fp.procurement_id')
    .innerJoin('municipality as m', 'm.number', 'r.municipality_number')
    .select([
      'fp.product_id',
      'r.municipality_number',
      'r.recommendation',
      ...RATING_DIMENSIONS.map((d) => `r.${ratingColumn(d)}` as const),
      sql<number>`row_number() over (
        partition by fp.product_id, r.procurement_id, r.municipality_number order by r.report_date desc, r.id desc)`.as(
        'rn',
      ),
    ])
    .where('fp.product_id', 'in', [...productIds])
    .where('r.status', '=', 'published')
    .where('r.hidden', '=', 0)
    .$if(!!filter.county, (qb) => qb.where('m.county_number', '=', filter.county!))
    .$if(!!band, (qb) => qb.where('m.population', '>=', band!.min))
    .$if(!!band && band.max !== null, (qb) => qb.where('m.population', '<', band!.max!))
  const rows = await db.selectFrom(inner.as('x')).selectAll().where('x.rn', '=', 1).execute()
  return rows.map(({ rn: _rn, ...r }) => r as unknown as CurrentReport)
}

function aggregateFor(reports: CurrentReport[], filtered: boolean): ExperienceAggregate | null {
  if (reports.length === 0) return null
  const { dimensions, recommendation, reportCount } = aggregateRatings(
    reports.map((r) => ({
      recommendation: r.recommendation,
      ratings: Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, r[ratingColumn(d)]])),
    })),
  )
  return {
    municipalityCount: new Set(reports.map((r) => r.municipality_number)).size,
    reportCount,
    dimensions,
    recommendation,
    filtered,
  }
}

/**
 * What the public gets: means to one decimal, shares to the nearest ten per cent, and no counts. A report counts for
 * every product in its procurement, so exact figures for two products (or for one product before and after a report)
 * could be subtracted to recover one municipality's ratings; coarse figures make that guesswork. Counts are -1.
 */
function coarsen(aggregate: ExperienceAggregate): ExperienceAggregate {
  return {
    ...aggregate,
    reportCount: -1,
    dimensions: aggregate.dimensions.map((d) => ({
      ...d,
      mean: d.mean === null ? null : Math.round(d.mean * 10) / 10,
      count: -1,
    })),
    recommendation: Object.fromEntries(
      Object.entries(aggregate.recommendation).map(([k, v]) => [
        k,
        { count: -1, share: Math.round(v.share * 10) / 10 },
      ]),
    ) as ExperienceAggregate['recommendation'],
  }
}

/** The aggregate this audience gets, computed over the set it is allowed to filter. */
async function aggregatesFor(
  db: DbOrTrx,
  products: ReadonlyArray<{ id: number; audience: ExperienceAudience }>,
  filter: MunicipalityFilter,
) {
  const filteredIds = products
    .filter((p) => canFilterAggregate(p.audience) && (filter.county || filter.populationBand))
    .map((p) => p.id)
  const plainIds = products.filter((p) => !filteredIds.includes(p.id)).map((p) => p.id)
  const [filteredRows, plainRows] = await Promise.all([
    currentReports(db, filteredIds, filter),
    currentReports(db, plainIds, {}),
  ])
  const result = new Map<number, { aggregate: ExperienceAggregate | null; thresholdMet: boolean }>()
  for (const p of products) {
    const isFiltered = filteredIds.includes(p.id)
    const rows = (isFiltered ? filteredRows : plainRows).filter((r) => r.product_id === p.id)
    const aggregate = aggregateFor(rows, isFiltered)
    const count = aggregate?.municipalityCount ?? 0
    result.set(p.id, {
      aggregate: canSeeAggregate(p.audience, count)
        ? p.audience === 'public' && aggregate
          ? coarsen(aggregate)
          : aggregate
        : null,
      thresholdMet: count >= AGGREGATE_MIN_MUNICIPALITIES,
    })
  }
  return result
}

function usageQuery(db: DbOrTrx, productIds: readonly number[], filter: MunicipalityFilter) {
  const band = filter.populationBand ? populationBandRange(filter.populationBand) : null
  return db
    .selectFrom('procurement_product as fp')
    .innerJoin('procurement_participant as pa', 'pa.procurement_id', 'fp.procurement_id')
    .innerJoin('municipality as m', 'm.number', 'pa.municipality_number')
    .where('fp.product_id', 'in', productIds.length ? [...productIds] : [-1])
    .$if(!!filter.county, (qb) => qb.where('m.county_number', '=', filter.county!))
    .$if(!!band, (qb) => qb.where('m.population', '>=', band!.min))
    .$if(!!band && band.max !== null, (qb) => qb.where('m.population', '<', band!.max!))
}

const emptyPhaseCounts = () => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<PhaseCode, number>

/**
 * The experience section of a product page for this viewer; null when the product is not visible to it.
 * Filters narrow the usage list and, for viewers who may read reports, the aggregate and the report list.
 */
export async function getProductExperience(
  viewer: Viewer | null,
  productId: number,
  rawFilter: ProductExperienceFilter = {},
): Promise<ProductExperience | null> {
  if (!Number.isSafeInteger(productId)) return null
  const filterInput = ProductExperienceFilter.parse(rawFilter)
  const filter: MunicipalityFilter = { county: filterInput.county, populationBand: filterInput.populationBand }
  const db = getDb()
  const { today } = clock()
  const product = (await loadProductAccess(db, [productId], today)).get(productId)
  if (!product || !canViewProduct(viewer, product)) return null
  const audience = experienceAudience(viewer, [product.supplierOrganisationId])

  const usagePaging = pageParams({ page: filterInput.usagePage, pageSize: 50 })
  const usageBase = usageQuery(db, [productId], filter)
  const [aggregates, usageCount, usageRows, phaseRows, experiences] = await Promise.all([
    aggregatesFor(db, [{ id: productId, audience }], filter),
    usageBase.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    usageBase
      .innerJoin('county as c', 'c.number', 'm.county_number')
      .innerJoin('procurement as p', 'p.id', 'pa.procurement_id')
      .select([
        'm.number',
        'm.name',
        'm.county_number',
        'c.name as county_name',
        'm.population',
        'p.id as procurement_id',
        'p.title',
        'pa.role',
        'pa.phase',
        'pa.go_live_date',
      ])
      .orderBy('m.name')
      .orderBy('p.id')
      .limit(usagePaging.pageSize)
      .offset(usagePaging.offset)
      .execute(),
    usageBase
      .select(['pa.phase', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('pa.phase')
      .execute(),
    canReadExperienceText(audience)
      ? queryExperienceViews(
          db,
          viewer,
          { productId, status: 'published', ...filter },
          { page: filterInput.page, pageSize: filterInput.pageSize ?? 20 },
        )
      : Promise.resolve(null),
  ])
  const phaseCounts = emptyPhaseCounts()
  for (const r of phaseRows) phaseCounts[r.phase] = r.n
  const { aggregate, thresholdMet } = aggregates.get(productId)!
  return {
    productId,
    audience,
    minimumMunicipalities: AGGREGATE_MIN_MUNICIPALITIES,
    aggregate,
    thresholdMet,
    usage: toPage(
      usageRows.map((r) => ({
        municipality: {
          number: r.number,
          name: r.name,
          countyNumber: r.county_number,
          countyName: r.county_name,
          population: r.population,
          populationBand: populationBand(r.population),
        },
        procurementId: r.procurement_id,
        procurementTitle: r.title,
        role: r.role,
        phase: r.phase,
        goLiveDate: r.go_live_date,
      })),
      usageCount.n,
      usagePaging.page,
      usagePaging.pageSize,
    ),
    phaseCounts,
    experiences,
    filter,
  }
}

export type ProductComparison = {
  productId: number
  audience: ExperienceAudience
  aggregate: ExperienceAggregate | null
  thresholdMet: boolean
  /** Distinct municipalities using the product (filtered). */
  municipalitiesUsing: number
  phaseCounts: Record<PhaseCode, number>
}

/** Experience figures for up to four products side by side, in the order asked; invisible products are left out. */
export async function compareProductExperience(
  viewer: Viewer | null,
  ids: readonly number[],
  rawFilter: ProductExperienceFilter = {},
): Promise<ProductComparison[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_COMPARE)
  if (wanted.length === 0) return []
  const filterInput = ProductExperienceFilter.parse(rawFilter)
  const filter: MunicipalityFilter = { county: filterInput.county, populationBand: filterInput.populationBand }
  const db = getDb()
  const access = await loadProductAccess(db, wanted, clock().today)
  const products = wanted.flatMap((id) => {
    const p = access.get(id)
    return p && canViewProduct(viewer, p)
      ? [{ id, audience: experienceAudience(viewer, [p.supplierOrganisationId]) }]
      : []
  })
  if (products.length === 0) return []
  const [aggregates, usage] = await Promise.all([
    aggregatesFor(db, products, filter),
    usageQuery(
      db,
      products.map((p) => p.id),
      filter,
    )
      .select(['fp.product_id', 'pa.municipality_number', 'pa.phase'])
      .execute(),
  ])
  return products.map((p) => {
    const rows = usage.filter((u) => u.product_id === p.id)
    const phaseCounts = emptyPhaseCounts()
    for (const r of rows) phaseCounts[r.phase] += 1
    const { aggregate, thresholdMet } = aggregates.get(p.id)!
    return {
      productId: p.id,
      audience: p.audience,
      aggregate,
      thresholdMet,
      municipalitiesUsing: new Set(rows.map((r) => r.municipality_number)).size,
      phaseCounts,
    }
  })
}

/** Choices for the "municipalities like mine" filter: counties and population bands. */
export async function municipalityFilterOptions() {
  const counties = await getDb()
    .selectFrom('county')
    .select(['number', 'name'])
    .orderBy('name')
    .orderBy('number')
    .execute()
  return { counties, populationBands: POPULATION_BANDS.map((b) => ({ code: b.code, min: b.min, max: b.max })) }
}
