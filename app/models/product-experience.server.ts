import { getDb } from '../../db/client'
import type { PhaseCode } from '../../db/schema'
import { AGGREGATE_MIN_MUNICIPALITIES } from '~/domain/experience-aggregates'
import { POPULATION_BANDS, populationBand, type PopulationBand } from '~/domain/population-bands'
import { PHASES } from '~/domain/procurement-rules'
import {
  acceptedParticipationWhere,
  canReadExperienceText,
  experienceAudience,
  type ExperienceAudience,
} from '~/policy/experience'
import { canViewProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import type { ProductExperienceFilter } from '~/forms/experience'
import { queryExperienceViews, type ExperienceView } from '~/models/experience-views.server'
import { compareSelection } from '~/models/products.server'
import { ChangeMemo } from '~/models/change-memo.server'
import { aggregatesFor, type ExperienceAggregate } from '~/models/experience-aggregates.server'
import {
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
// figures side by side for up to four products. Individual reports and live, exact aggregates go only to viewers who
// may read the reports; everyone else gets the figures published in steps (app/policy/experience.ts, rule
// `aggregate-public`; the aggregates themselves are experience-aggregates.server.ts).

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
  /** Null when nothing was reported, or for the public until figures have been published. */
  aggregate: ExperienceAggregate | null
  /** Whether at least three municipalities are behind the aggregate this viewer would get (for the public: whether
   * figures have been published). */
  thresholdMet: boolean
  /** Municipalities using the product and their phase (public information), filtered, paged. */
  usage: Page<ProductUsage>
  /** Participations per phase, over the filtered usage. */
  phaseCounts: Record<PhaseCode, number>
  /** Individual reports with replies; null for viewers who get aggregates only. */
  experiences: Page<ExperienceView> | null
  filter: MunicipalityFilter
}

/** The accepted participations in procurements of these products (exported for the query-plan test). */
export function usageQuery(db: DbOrTrx, productIds: readonly number[], filter: MunicipalityFilter) {
  return (
    db
      .selectFrom('procurement_product')
      .innerJoin(
        'procurement_participant',
        'procurement_participant.procurement_id',
        'procurement_product.procurement_id',
      )
      .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
      .where('procurement_product.product_id', 'in', productIds.length ? [...productIds] : [-1])
      // Municipalities using the product: those that accepted (an invited one is not shown until it does).
      .where(acceptedParticipationWhere)
      .where(municipalityFilterWhere(filter))
  )
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
  // The usage page sorts all of the product's participations (growing with the data) and is the same for every
  // viewer who may see the product: kept until the next write (change-memo.server.ts).
  const usageKey = JSON.stringify([productId, filter.county ?? '', filter.populationBand ?? '', usagePaging.page])
  const [aggregates, [usageRows, phaseRows], experiences] = await Promise.all([
    aggregatesFor(db, [{ id: productId, audience }], filter),
    usageMemo.get(usageKey, () => readUsagePage(db, productId, filter, usagePaging)),
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
      phaseRows.reduce((sum, r) => sum + r.n, 0),
      usagePaging.page,
      usagePaging.pageSize,
    ),
    phaseCounts,
    experiences,
    filter,
  }
}

const usageMemo = new ChangeMemo<Awaited<ReturnType<typeof readUsagePage>>>(1_000)
type UsageCounts = {
  phaseRows: Array<{ product_id: number | null; phase: PhaseCode; n: number }>
  municipalityRows: Array<{ product_id: number | null; n: number }>
}
const usageCountMemo = new ChangeMemo<UsageCounts>(1_000)

/** A page of the product's usage (participations in their sort order) and its count per phase. */
function readUsagePage(
  db: DbOrTrx,
  productId: number,
  filter: MunicipalityFilter,
  usagePaging: { pageSize: number; offset: number },
) {
  const usageBase = usageQuery(db, [productId], filter)
  // The page's participations are picked by their sort key alone (procurement_participant_usage_idx holds the
  // participation's side of it); only those fifty are joined to their procurement and county.
  const usagePage = usageBase
    .select('procurement_participant.id')
    .orderBy('municipality.name_sort')
    .orderBy('procurement_participant.procurement_id')
    .orderBy('municipality.number')
    .limit(usagePaging.pageSize)
    .offset(usagePaging.offset)
  return Promise.all([
    db
      .selectFrom(usagePage.as('page'))
      .innerJoin('procurement_participant', 'procurement_participant.id', 'page.id')
      .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
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
      .orderBy('municipality.name_sort')
      .orderBy('procurement.id')
      .orderBy('municipality.number')
      .execute(),
    // The total is the sum over the phases: one count of the product's participations, not two.
    usageBase
      .select(['procurement_participant.phase', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('procurement_participant.phase')
      .execute(),
  ])
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
  const productIds = products.map((p) => p.id)
  // Counted in SQL: a large product has thousands of participations, the page shows a count per phase. The counts
  // are the same for every viewer, so they are kept until the next write (change-memo.server.ts).
  const countKey = JSON.stringify([productIds, filter.county ?? '', filter.populationBand ?? ''])
  const [aggregates, { phaseRows, municipalityRows }] = await Promise.all([
    aggregatesFor(db, products, filter),
    usageCountMemo.get(countKey, async () => {
      const [phaseRows, municipalityRows] = await Promise.all([
        usageQuery(db, productIds, filter)
          .select([
            'procurement_product.product_id',
            'procurement_participant.phase',
            (eb) => eb.fn.countAll<number>().as('n'),
          ])
          .groupBy(['procurement_product.product_id', 'procurement_participant.phase'])
          .execute(),
        usageQuery(db, productIds, filter)
          .select([
            'procurement_product.product_id',
            (eb) => eb.fn.count<number>('procurement_participant.municipality_number').distinct().as('n'),
          ])
          .groupBy('procurement_product.product_id')
          .execute(),
      ])
      return { phaseRows, municipalityRows }
    }),
  ])
  return products.map((p) => {
    const phaseCounts = emptyPhaseCounts()
    for (const r of phaseRows) if (r.product_id === p.id) phaseCounts[r.phase] = r.n
    const { aggregate, thresholdMet } = aggregates.get(p.id) ?? noAggregate
    return {
      productId: p.id,
      audience: p.audience,
      aggregate,
      thresholdMet,
      municipalitiesUsing: municipalityRows.find((r) => r.product_id === p.id)?.n ?? 0,
      phaseCounts,
    }
  })
}

/** Choices for the "municipalities like mine" filter: counties and population bands. */
export async function municipalityFilterOptions() {
  const counties = await getDb()
    .selectFrom('county')
    .select(['number', 'name'])
    .orderBy('name_sort')
    .orderBy('number')
    .execute()
  return { counties, populationBands: POPULATION_BANDS.map((b) => ({ code: b.code, min: b.min, max: b.max })) }
}
