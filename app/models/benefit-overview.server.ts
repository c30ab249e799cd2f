import { sql } from 'kysely'
import { getDb } from '../../db/client'
import type { BenefitCategory, BenefitIndicator, MeasurementMethod, MeasurementUncertainty } from '../../db/schema'
import {
  MEASURED_BASES,
  bandKey,
  derivedOf,
  extrapolate,
  parseCellKey,
  priceYearOf,
  productCandidates,
  productKey,
  type MeasuredBasis,
  type Provenance,
} from '~/domain/benefit-figures'
import {
  BENEFIT_AREAS,
  BENEFIT_CATEGORIES,
  BENEFIT_INDICATORS,
  median,
  totalsByBasis,
  type DerivedBenefit,
} from '~/domain/benefits'
import { contributorBand, type ContributorBand } from '~/domain/experience-aggregates'
import { POPULATION_BANDS, type PopulationBand } from '~/domain/population-bands'
import type { BenefitOverviewFilter, BenefitRecordsFilter } from '~/forms/benefit-overview'
import { benefitFigureSource, canFilterBenefitFigures, type BenefitFigureSource } from '~/policy/benefit-figures'
import { visibleBenefitsWhere } from '~/policy/benefits'
import type { Viewer } from '~/policy/viewer'
import {
  annualHoursSql,
  bandPopulation,
  countedMeasurements,
  countedQuery,
  currentPublishedFigures,
  liveCells,
  liveRealisedHoursPerMunicipality,
  nokPerYearSql,
  publishedMunicipalityCount,
  type BenefitSlice,
} from '~/models/benefit-aggregates.server'
import type { DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'
import { ChangeMemo } from '~/models/change-memo.server'

// The national benefit overview (/innsikt), the records behind each figure (/innsikt/gevinster) and a product's
// benefits (product and compare pages). Docs: docs/domain.md, "Benefit realisation"; decision 011. The source of the
// figures follows the viewer (app/policy/benefit-figures.ts): live sums in SQL for those who may read the records,
// the published steps for everyone else. Realised and estimated figures sit side by side and are never added:
// every total is totalsByBasis of one basis.

/** How many municipalities a figure rests on: the exact count for live figures, the band for published ones. */
export type MunicipalityCount = { count: number | null; band: ContributorBand | null }

export type BasisTotals = {
  hoursPerYear: number | null
  fullTimeEquivalents: number | null
  nok: Array<{ priceYear: number; nok: number }>
  municipalities: MunicipalityCount
}

export type OverviewRow<K> = { key: K; realised: BasisTotals | null; estimated: BasisTotals | null }

export type Extrapolation = {
  band: PopulationBand
  /** The median realised hours a year per 1,000 inhabitants among the band's municipalities that measured one. */
  medianPer1000: number
  bandPopulation: number
  bandMunicipalities: number
  hoursPerYear: number
  fullTimeEquivalents: number
  municipalities: MunicipalityCount
}

export type BenefitOverview = {
  source: BenefitFigureSource
  /** The filters applied to the figures (the public's figures take only the category). */
  applied: BenefitOverviewFilter
  perCategory: OverviewRow<BenefitCategory>[]
  perArea: OverviewRow<number>[]
  extrapolation: Extrapolation[]
  /** When the public figures last took a step; null for live figures. */
  publishedAt: string | null
}

/** A partial sum of one basis (a cell), as totalsByBasis takes it. */
type Partial = { basis: MeasuredBasis; hoursPerYear: number | null; nok: { priceYear: number; nok: number } | null }

const asDerived = (p: Partial): DerivedBenefit => ({
  change: 0,
  percentChange: null,
  gain: 0,
  hoursPerYear: p.hoursPerYear,
  fullTimeEquivalents: null,
  nok: p.nok,
})

/** Totals of one basis over partial sums (cells), through totalsByBasis; null when there are none. */
function totalsOf(
  basis: MeasuredBasis,
  partials: readonly Partial[],
  municipalities: MunicipalityCount,
): BasisTotals | null {
  const mine = partials.filter((p) => p.basis === basis)
  if (mine.length === 0) return null
  const t = totalsByBasis(mine.map((p) => ({ basis: p.basis, derived: asDerived(p) })))[basis]
  const hasHours = mine.some((p) => p.hoursPerYear !== null)
  return {
    hoursPerYear: hasHours ? t.hoursPerYear : null,
    fullTimeEquivalents: hasHours ? t.fullTimeEquivalents : null,
    nok: Object.entries(t.nokByPriceYear)
      .map(([year, nok]) => ({ priceYear: Number(year), nok }))
      .sort((a, b) => a.priceYear - b.priceYear),
    municipalities,
  }
}

const live = (count: number): MunicipalityCount => ({ count, band: null })
const published = (count: number): MunicipalityCount => ({ count: null, band: contributorBand(count) })

/** The overview for this viewer. */
export async function benefitOverview(
  viewer: Viewer | null,
  filter: BenefitOverviewFilter,
  db: DbOrTrx = getDb(),
): Promise<BenefitOverview> {
  return benefitFigureSource(viewer) === 'live'
    ? liveOverviewMemo.get(JSON.stringify(filter), () => liveOverview(db, filter), db)
    : publishedOverview(db, { category: filter.category, populationBand: filter.populationBand })
}

// The live overview reads every counted measurement in the country (about 150 ms at ten times national scale) and
// is the same for every viewer who sees live figures: kept per filter until the content changes.
const liveOverviewMemo = new ChangeMemo<BenefitOverview>(500)

async function liveOverview(db: DbOrTrx, filter: BenefitOverviewFilter): Promise<BenefitOverview> {
  const slice: BenefitSlice = {
    category: filter.category,
    county: filter.county,
    populationBand: filter.populationBand,
  }
  const cells = await liveCells(db, slice)
  const partialOf = (c: (typeof cells)[number]): Partial => ({
    basis: c.basis,
    hoursPerYear: c.hoursPerYear,
    nok: c.priceYear !== null && c.nok !== null ? { priceYear: c.priceYear, nok: c.nok } : null,
  })
  const row = <K>(key: K, mine: typeof cells): OverviewRow<K> => {
    const count = (basis: MeasuredBasis) =>
      live(new Set(mine.filter((c) => c.basis === basis).flatMap((c) => c.municipalities)).size)
    return {
      key,
      realised: totalsOf('realised', mine.map(partialOf), count('realised')),
      estimated: totalsOf('estimated', mine.map(partialOf), count('estimated')),
    }
  }
  const categories = filter.category ? [filter.category] : [...BENEFIT_CATEGORIES]
  const bands = filter.populationBand ? [filter.populationBand] : POPULATION_BANDS.map((b) => b.code)
  const extrapolation: Extrapolation[] = []
  for (const band of bands) {
    const perMunicipality = await liveRealisedHoursPerMunicipality(db, { ...slice, populationBand: band })
    const per1000 = perMunicipality.filter((m) => m.population > 0).map((m) => (m.hours / m.population) * 1000)
    const value = median(per1000)
    if (value === null) continue
    const population = await bandPopulation(db, band, filter.county)
    extrapolation.push({
      band,
      medianPer1000: value,
      bandPopulation: population.population,
      bandMunicipalities: population.municipalities,
      ...extrapolate(value, population.population),
      municipalities: live(per1000.length),
    })
  }
  return {
    source: 'live',
    applied: filter,
    perCategory: categories.map((category) =>
      row(
        category,
        cells.filter((c) => c.category === category),
      ),
    ),
    perArea: BENEFIT_AREAS.map((area) =>
      row(
        area,
        cells.filter((c) => c.area === area),
      ),
    ),
    extrapolation,
    publishedAt: null,
  }
}

async function publishedOverview(
  db: DbOrTrx,
  filter: Pick<BenefitOverviewFilter, 'category' | 'populationBand'>,
): Promise<BenefitOverview> {
  const cells = (await currentPublishedFigures(db, 'cell:')).flatMap((f) => {
    const parsed = parseCellKey(f.key)
    return parsed && (!filter.category || parsed.category === filter.category) ? [{ ...f, ...parsed }] : []
  })
  const partialOf = (c: (typeof cells)[number]): Partial => {
    const year = priceYearOf(c.measure)
    return {
      basis: c.basis,
      hoursPerYear: year === null ? c.value : null,
      nok: year === null ? null : { priceYear: year, nok: c.value },
    }
  }
  const row = async <K>(key: K, mine: typeof cells): Promise<OverviewRow<K>> => {
    const count = async (basis: MeasuredBasis) =>
      published(
        await publishedMunicipalityCount(
          db,
          mine.filter((c) => c.basis === basis).map((c) => c.id),
        ),
      )
    return {
      key,
      realised: totalsOf('realised', mine.map(partialOf), await count('realised')),
      estimated: totalsOf('estimated', mine.map(partialOf), await count('estimated')),
    }
  }
  const categories = filter.category ? [filter.category] : [...BENEFIT_CATEGORIES]
  const perCategory: OverviewRow<BenefitCategory>[] = []
  for (const category of categories)
    perCategory.push(
      await row(
        category,
        cells.filter((c) => c.category === category),
      ),
    )
  const perArea: OverviewRow<number>[] = []
  for (const area of BENEFIT_AREAS)
    perArea.push(
      await row(
        area,
        cells.filter((c) => c.area === area),
      ),
    )
  const bands = (await currentPublishedFigures(db, 'band:')).filter(
    (f) => !filter.populationBand || f.key === bandKey(filter.populationBand),
  )
  const extrapolation: Extrapolation[] = []
  for (const band of POPULATION_BANDS.map((b) => b.code)) {
    const figure = bands.find((f) => f.key === bandKey(band))
    if (!figure) continue
    const population = await bandPopulation(db, band)
    extrapolation.push({
      band,
      medianPer1000: figure.value,
      bandPopulation: population.population,
      bandMunicipalities: population.municipalities,
      ...extrapolate(figure.value, population.population),
      municipalities: published(figure.municipalityCount),
    })
  }
  const dates = [...cells, ...bands].map((f) => f.publishedAt)
  return {
    source: 'published',
    applied: { category: filter.category, populationBand: filter.populationBand },
    perCategory,
    perArea,
    extrapolation,
    publishedAt: dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The records behind a figure.

export type BenefitRecordValues = {
  baseline: number
  value: number
  change: number
  percentChange: number | null
  hoursPerYear: number | null
  fullTimeEquivalents: number | null
  nok: { nok: number; priceYear: number } | null
}

export type BenefitRecordRow = {
  measurementId: number
  procurementId: number
  municipality: { number: string; name: string }
  product: { id: number; name: string } | null
  category: BenefitCategory
  area: number
  indicator: BenefitIndicator
  basis: MeasuredBasis
  method: MeasurementMethod
  uncertainty: MeasurementUncertainty
  periodStart: string
  periodEnd: string
  /** Only for those who may read the record (benefit-visible). */
  values: BenefitRecordValues | null
}

export type BenefitRecords = {
  source: BenefitFigureSource
  filter: BenefitRecordsFilter
  page: Page<BenefitRecordRow>
}

const PAGE_SIZE = 25

/**
 * The records behind a figure, paged. Live viewers get the measurements that count now in the filtered slice; the
 * public gets the contributors of the published figures it was shown (the same numbers link to the same records),
 * narrowed by the filter, and values only where benefit-visible lets it read the record (a supplier, about its own
 * products).
 */
export async function benefitRecords(
  viewer: Viewer | null,
  filter: BenefitRecordsFilter,
  db: DbOrTrx = getDb(),
): Promise<BenefitRecords> {
  const source = benefitFigureSource(viewer)
  const { page, pageSize, offset } = pageParams({ page: filter.page, pageSize: PAGE_SIZE })
  const { total, rows } = await recordPages.get(
    `${source}:${JSON.stringify(filter)}`,
    () => readRecordPage(db, source, filter, { pageSize, offset }),
    db,
  )
  const readable = await readableBenefitIds(
    db,
    viewer,
    rows.map((r) => r.benefit_id),
  )
  const items = rows.map((r): BenefitRecordRow => {
    const counted = {
      measurementId: r.measurement_id,
      benefitId: r.benefit_id,
      municipalityNumber: r.municipality_number,
      population: r.population,
      productId: r.product_id,
      category: r.category,
      area: r.area,
      indicator: r.indicator,
      hoursPerUnit: r.hours_per_unit,
      baseline: r.baseline_value ?? 0,
      value: r.value,
      priceYear: r.price_year,
      basis: r.status as MeasuredBasis,
      method: r.method,
      uncertainty: r.uncertainty,
      periodStart: r.period_start,
      periodEnd: r.period_end,
    }
    const derived = derivedOf(counted)
    return {
      measurementId: r.measurement_id,
      procurementId: r.procurement_id,
      municipality: { number: r.municipality_number, name: r.municipality_name },
      product: r.product_id === null ? null : { id: r.product_id, name: r.product_name ?? '' },
      category: r.category,
      area: r.area,
      indicator: r.indicator,
      basis: counted.basis,
      method: r.method,
      uncertainty: r.uncertainty,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      values: readable.has(r.benefit_id)
        ? {
            baseline: counted.baseline,
            value: r.value,
            change: derived.change,
            percentChange: derived.percentChange,
            hoursPerYear: derived.hoursPerYear,
            fullTimeEquivalents: derived.fullTimeEquivalents,
            nok: derived.nok,
          }
        : null,
    }
  })
  return { source, filter, page: toPage(items, Number(total), page, pageSize) }
}

// The count and ordering run over every contributor of the slice (about 60 ms of SQL at ten times national scale);
// which rows a source lists does not depend on the viewer (only which values it may read, decided per view), so a
// page is kept per source and filter until the content changes.
const recordPages = new ChangeMemo<Awaited<ReturnType<typeof readRecordPage>>>(1_000)

async function readRecordPage(
  db: DbOrTrx,
  source: BenefitFigureSource,
  filter: BenefitRecordsFilter,
  { pageSize, offset }: { pageSize: number; offset: number },
) {
  const hours = annualHoursSql()
  const nok = nokPerYearSql()
  const query = countedQuery(db, {
    category: filter.category,
    area: filter.area,
    productId: filter.productId,
    basis: filter.basis,
    county: filter.county,
    populationBand: filter.populationBand,
    // The public sees the records behind the published figures only.
    inFigures: source === 'published' ? await publishedKeysFor(db, filter) : undefined,
  })
    .$if(filter.measure !== 'any', (q) =>
      q.where((eb) => (filter.measure === 'nok' ? eb(nok, 'is not', null) : eb(hours, 'is not', null))),
    )
    .$if(filter.measure === 'nok' && filter.priceYear !== undefined, (q) =>
      q.where('c.price_year', '=', filter.priceYear ?? 0),
    )
  const [{ total }, rows] = await Promise.all([
    query.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow(),
    query
      .innerJoin('benefit as bb', 'bb.id', 'c.benefit_id')
      .leftJoin('product as p', 'p.id', 'c.product_id')
      .selectAll('c')
      .select(['mu.name as municipality_name', 'mu.population', 'bb.procurement_id', 'p.name as product_name'])
      .orderBy('mu.name')
      .orderBy('c.measurement_id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  return { total: Number(total), rows }
}

/** The current published figures a public records list stands behind: the cells (or a product's figures) of the
 * filter's basis and measure. */
async function publishedKeysFor(db: DbOrTrx, filter: BenefitRecordsFilter): Promise<number[]> {
  if (filter.productId !== undefined) {
    const figures = await currentPublishedFigures(db, `product:${filter.productId}:${filter.basis}:`)
    return figures.map((f) => f.id)
  }
  const figures = await currentPublishedFigures(db, `cell:${filter.basis}:`)
  return figures
    .filter((f) => {
      const parsed = parseCellKey(f.key)
      if (!parsed) return false
      const year = priceYearOf(parsed.measure)
      return (
        (filter.measure === 'hours' ? year === null : year !== null) &&
        (filter.priceYear === undefined || year === null || year === filter.priceYear) &&
        (filter.category === undefined || parsed.category === filter.category) &&
        (filter.area === undefined || parsed.area === filter.area)
      )
    })
    .map((f) => f.id)
}

/** Which of these benefits the viewer may read (benefit-visible, list form). */
async function readableBenefitIds(db: DbOrTrx, viewer: Viewer | null, benefitIds: readonly number[]) {
  if (benefitIds.length === 0) return new Set<number>()
  const rows = await db
    .selectFrom('benefit')
    .select('benefit.id')
    .where('benefit.id', 'in', [...new Set(benefitIds)])
    .where(visibleBenefitsWhere(viewer))
    .execute()
  return new Set(rows.map((r) => r.id))
}

// ---------------------------------------------------------------------------------------------------------------
// A product's benefits.

export type ProductBenefitFigure = {
  basis: MeasuredBasis
  indicator: BenefitIndicator
  /** The median improvement in per cent of the baseline (positive: better). */
  medianImprovementPercent: number
  municipalities: MunicipalityCount
  provenance: Provenance | null
}

export type ProductBenefits = {
  productId: number
  source: BenefitFigureSource
  figures: ProductBenefitFigure[]
  publishedAt: string | null
}

const parseProvenance = (text: string | null): Provenance | null => {
  if (!text) return null
  try {
    return JSON.parse(text) as Provenance
  } catch {
    return null
  }
}

const indicatorOrder = (i: BenefitIndicator) => BENEFIT_INDICATORS.indexOf(i)

const liveProductMemo = new ChangeMemo<ProductBenefits>(5_000)

async function liveProductBenefits(db: DbOrTrx, productId: number): Promise<ProductBenefits> {
  const candidates = productCandidates(productId, await countedMeasurements(db, { productId }))
  return {
    productId,
    source: 'live',
    publishedAt: null,
    figures: candidates.flatMap((c) => {
      const [, , basis, indicator] = c.key.split(':')
      return [
        {
          basis: basis as MeasuredBasis,
          indicator: indicator as BenefitIndicator,
          medianImprovementPercent: c.value,
          municipalities: live(c.contributions.size),
          provenance: c.provenance,
        },
      ]
    }),
  }
}

/** The benefit figures of these products for this viewer (live medians over the product's counted measurements, or
 * the published ones). */
export async function productBenefits(
  viewer: Viewer | null,
  productIds: readonly number[],
  db: DbOrTrx = getDb(),
): Promise<Map<number, ProductBenefits>> {
  const source = benefitFigureSource(viewer)
  const result = new Map<number, ProductBenefits>()
  for (const productId of productIds) {
    if (source === 'live') {
      // The medians read every counted measurement of the product (growing with the data): kept until the next write.
      result.set(productId, await liveProductMemo.get(String(productId), () => liveProductBenefits(db, productId), db))
      continue
    }
    const figures = await currentPublishedFigures(db, `product:${productId}:`)
    const parsed = figures.flatMap((f) => {
      for (const basis of MEASURED_BASES)
        for (const indicator of BENEFIT_INDICATORS)
          if (f.key === productKey(productId, basis, indicator))
            return [
              {
                basis,
                indicator,
                medianImprovementPercent: f.value,
                municipalities: published(f.municipalityCount),
                provenance: parseProvenance(f.provenance),
                publishedAt: f.publishedAt,
              },
            ]
      return []
    })
    result.set(productId, {
      productId,
      source,
      publishedAt: parsed.length ? parsed.map((p) => p.publishedAt).reduce((a, b) => (a > b ? a : b)) : null,
      figures: parsed
        .map(({ publishedAt: _p, ...f }) => f)
        .sort(
          (a, b) =>
            MEASURED_BASES.indexOf(a.basis) - MEASURED_BASES.indexOf(b.basis) ||
            indicatorOrder(a.indicator) - indicatorOrder(b.indicator),
        ),
    })
  }
  return result
}

/** For the overview's filter form: whether the county and population band narrow this viewer's figures. */
export const overviewFilterable = (viewer: Viewer | null) => canFilterBenefitFigures(viewer)
