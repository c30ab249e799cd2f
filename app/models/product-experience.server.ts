import { sql } from 'kysely'
import { getDb } from '../../db/client'
import type { PhaseCode } from '../../db/schema'
import {
  AGGREGATE_MIN_MUNICIPALITIES,
  aggregateRatings,
  meetsAggregateThreshold,
  type DimensionAggregate,
  type RecommendationShares,
} from '~/domain/experience-aggregates'
import { POPULATION_BANDS, populationBand, type PopulationBand } from '~/domain/population-bands'
import { PHASES, RATING_DIMENSIONS, ratingColumn, type Recommendation } from '~/domain/procurement-rules'
import {
  aggregateFor,
  aggregateReportsWhere,
  canFilterAggregate,
  canReadExperienceText,
  experienceAudience,
  type ExperienceAudience,
} from '~/policy/experience'
import { canViewProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import type { ProductExperienceFilter } from '~/forms/experience'
import { queryExperienceViews, type ExperienceView } from '~/models/experience-views.server'
import { compareSelection } from '~/models/products.server'
import {
  hasMunicipalityFilter,
  municipalityFilterWhere,
  municipalityRefColumns,
  toMunicipalityRef,
  type MunicipalityFilter,
  type MunicipalityRef,
} from '~/models/municipalities.server'
import { loadProductAccess } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// "Who bought this, and what did they get?": per product, the municipalities using it and their phase, ratings per
// dimension and the experience list with the supplier's replies, filtered to "municipalities like mine"; and the same
// figures side by side for up to four products. Individual reports go only to viewers who may read them; everyone
// else gets coarse aggregates, and only when at least three municipalities contributed (app/policy/experience.ts,
// rule `aggregate-public`).
//
// An aggregate is over each participation's latest published, visible report (a municipality that reported five
// times over two years counts once, with its current view); a report counts for every register product in its
// procurement.

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
} & Record<`rating_${(typeof RATING_DIMENSIONS)[number]}`, number | null>

/** Each participation's latest report that counts in aggregates, for procurements with these products. */
async function currentReports(
  db: DbOrTrx,
  productIds: readonly number[],
  filter: MunicipalityFilter,
): Promise<CurrentReport[]> {
  if (productIds.length === 0) return []
  const inner = db
    .selectFrom('procurement_product')
    .innerJoin('experience_report', 'experience_report.procurement_id', 'procurement_product.procurement_id')
    .innerJoin('municipality', 'municipality.number', 'experience_report.municipality_number')
    .select([
      'procurement_product.product_id',
      'experience_report.municipality_number',
      'experience_report.recommendation',
      ...RATING_DIMENSIONS.map((d) => `experience_report.${ratingColumn(d)}` as const),
      sql<number>`row_number() over (
        partition by procurement_product.product_id, experience_report.procurement_id, experience_report.municipality_number
        order by experience_report.report_date desc, experience_report.id desc)`.as('rn'),
    ])
    .where('procurement_product.product_id', 'in', [...productIds])
    .where(aggregateReportsWhere)
    .where(municipalityFilterWhere(filter))
  const rows = await db.selectFrom(inner.as('x')).selectAll().where('x.rn', '=', 1).execute()
  return rows.map(({ rn: _rn, ...r }) => r as CurrentReport)
}

function aggregateOf(reports: CurrentReport[], filtered: boolean): ExperienceAggregate | null {
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

/** The aggregate each product's audience gets, computed over the set it is allowed to filter. */
async function aggregatesFor(
  db: DbOrTrx,
  products: ReadonlyArray<{ id: number; audience: ExperienceAudience }>,
  filter: MunicipalityFilter,
) {
  const filteredIds = products
    .filter((p) => canFilterAggregate(p.audience) && hasMunicipalityFilter(filter))
    .map((p) => p.id)
  const plainIds = products.filter((p) => !filteredIds.includes(p.id)).map((p) => p.id)
  const [filteredRows, plainRows] = await Promise.all([
    currentReports(db, filteredIds, filter),
    currentReports(db, plainIds, {}),
  ])
  const result = new Map<number, { aggregate: ExperienceAggregate | null; thresholdMet: boolean }>()
  for (const p of products) {
    const isFiltered = filteredIds.includes(p.id)
    const aggregate = aggregateOf(
      (isFiltered ? filteredRows : plainRows).filter((r) => r.product_id === p.id),
      isFiltered,
    )
    result.set(p.id, {
      aggregate: aggregateFor(p.audience, aggregate),
      thresholdMet: meetsAggregateThreshold(aggregate?.municipalityCount ?? 0),
    })
  }
  return result
}

function usageQuery(db: DbOrTrx, productIds: readonly number[], filter: MunicipalityFilter) {
  return db
    .selectFrom('procurement_product')
    .innerJoin(
      'procurement_participant',
      'procurement_participant.procurement_id',
      'procurement_product.procurement_id',
    )
    .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
    .where('procurement_product.product_id', 'in', productIds.length ? [...productIds] : [-1])
    .where(municipalityFilterWhere(filter))
}

const emptyPhaseCounts = () => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<PhaseCode, number>
const noAggregate = { aggregate: null, thresholdMet: false }

/**
 * The experience section of a product page for this viewer; null when the product is not visible to it.
 * Filters narrow the usage list and, for viewers who may read reports, the aggregate and the report list.
 */
export async function getProductExperience(
  viewer: Viewer | null,
  productId: number,
  filterInput: ProductExperienceFilter = {},
): Promise<ProductExperience | null> {
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
      .innerJoin('county', 'county.number', 'municipality.county_number')
      .innerJoin('procurement', 'procurement.id', 'procurement_participant.procurement_id')
      .select([
        ...municipalityRefColumns,
        'procurement.id as procurement_id',
        'procurement.title',
        'procurement_participant.role',
        'procurement_participant.phase',
        'procurement_participant.go_live_date',
      ])
      .orderBy('municipality.name')
      .orderBy('procurement.id')
      .limit(usagePaging.pageSize)
      .offset(usagePaging.offset)
      .execute(),
    usageBase
      .select(['procurement_participant.phase', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('procurement_participant.phase')
      .execute(),
    canReadExperienceText(audience)
      ? queryExperienceViews(
          viewer,
          { productId, status: 'published', ...filter },
          { page: filterInput.page, pageSize: filterInput.pageSize ?? 20 },
        )
      : Promise.resolve(null),
  ])
  const phaseCounts = emptyPhaseCounts()
  for (const r of phaseRows) phaseCounts[r.phase] = r.n
  const { aggregate, thresholdMet } = aggregates.get(productId) ?? noAggregate
  return {
    productId,
    audience,
    minimumMunicipalities: AGGREGATE_MIN_MUNICIPALITIES,
    aggregate,
    thresholdMet,
    usage: toPage(
      usageRows.map((r) => ({
        municipality: { ...toMunicipalityRef(r), populationBand: populationBand(r.population) },
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
  filterInput: ProductExperienceFilter = {},
): Promise<ProductComparison[]> {
  const wanted = compareSelection(ids)
  if (wanted.length === 0) return []
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
      .select([
        'procurement_product.product_id',
        'procurement_participant.municipality_number',
        'procurement_participant.phase',
      ])
      .execute(),
  ])
  return products.map((p) => {
    const rows = usage.filter((u) => u.product_id === p.id)
    const phaseCounts = emptyPhaseCounts()
    for (const r of rows) phaseCounts[r.phase] += 1
    const { aggregate, thresholdMet } = aggregates.get(p.id) ?? noAggregate
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
