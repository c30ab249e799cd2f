import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { BENEFIT_INDICATORS, needsHoursPerUnit } from '../../app/domain/benefits'
import {
  bandCandidate,
  cellCandidates,
  derivedOf,
  productCandidates,
  type CountedMeasurement,
} from '../../app/domain/benefit-figures'
import {
  annualHoursSql,
  countedMeasurements,
  countedQuery,
  nokPerYearSql,
  refreshAllPublicBenefitFigures,
  refreshPublicBenefitFigures,
} from '../../app/models/benefit-aggregates.server'
import {
  benefitOverview,
  benefitRecords,
  productBenefits,
  type BenefitOverview,
} from '../../app/models/benefit-overview.server'
import { parseRecordsFilter } from '../../app/forms/benefit-overview'
import { valueOrThrow } from '../../app/utils/refusal.server'
import type { DbOrTrx } from '../../app/models/db.server'
import type { Viewer } from '../../app/policy/viewer'
import { municipalitiesInBand, municipalityBenefit } from '../helpers/benefit-fixtures'
import { testDb } from '../helpers/db'
import { supplierWithProduct } from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator } from '../helpers/register-fixtures'

// Realised, estimated and extrapolated figures are never added together (issue 9, acceptance). Every aggregate the
// overview produces (live sums in SQL, published cells, category and area totals, product medians, the extrapolation,
// and the pure candidates they are published from) is computed twice over the same records: once as they are, once
// with every estimate blown up to a huge number (and then every realised value). The realised figures must not move
// when the estimates do, and the estimated figures must not move when the realised values do.

const HUGE = 1e9
let productId: number
let reader: Viewer
const at = '2026-12-02T12:00:00.000Z'

beforeAll(async () => {
  const coordinator = await createCoordinator()
  ;({ productId } = await supplierWithProduct('Gevinst AS', 'Gevinst Dispenser', coordinator))
  reader = (await createBuyer('0301')).viewer
  // Four municipalities of one population band, each with: home visits on the product (area 2, realised and an
  // estimate), NOK a year without a product (area 2, price year 2024), and hours a month on quality (area 5).
  for (const [i, m] of (await municipalitiesInBand('5000_20000', 4)).entries()) {
    await municipalityBenefit(
      m,
      { productId, indicator: 'home_visits_per_month', hoursPerUnit: 0.5, baseline: 600, area: 2 },
      [
        { value: 420 + i * 10, status: 'realised' },
        { value: 380 + i * 5, status: 'estimated', method: 'estimate', uncertainty: 'high' },
        { value: 500, status: 'planned' },
      ],
    )
    await municipalityBenefit(m, { indicator: 'nok_per_year', baseline: 1_000_000, area: 2 }, [
      { value: 800_000 - i * 10_000, status: 'realised', priceYear: 2024 },
      { value: 700_000, status: 'estimated', priceYear: 2024, method: 'supplier_figure' },
    ])
    await municipalityBenefit(m, { category: 'quality', indicator: 'hours_per_month', baseline: 200, area: 5 }, [
      { value: 150 - i, status: 'realised' },
      { value: 120, status: 'estimated' },
    ])
  }
})

class Rollback extends Error {}

/** Runs in a transaction that is rolled back, so each variant starts from the same records. */
async function inRollback<T>(fn: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  let result: T | undefined
  await testDb()
    .transaction()
    .execute(async (trx) => {
      result = await fn(trx)
      throw new Rollback()
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e
    })
  return result as T
}

type Variant = 'as_recorded' | 'estimated_huge' | 'realised_huge'

/** Every aggregate, for one variant of the records. */
function everything(variant: Variant) {
  return inRollback(async (trx) => {
    if (variant !== 'as_recorded') {
      // A fall is the gain for these indicators: subtracting HUGE makes the gain huge.
      await trx
        .updateTable('benefit_measurement')
        .set({ value: sql`value - ${HUGE}` })
        .where('status', '=', variant === 'estimated_huge' ? 'estimated' : 'realised')
        .execute()
    }
    await trx.deleteFrom('public_benefit_contributor').execute()
    await trx.deleteFrom('public_benefit_figure').execute()
    await refreshAllPublicBenefitFigures(trx, at)
    const counted = await countedMeasurements(trx, {})
    return {
      live: await benefitOverview(reader, {}, trx),
      liveFiltered: await benefitOverview(reader, { category: 'efficiency', populationBand: '5000_20000' }, trx),
      published: await benefitOverview(null, {}, trx),
      liveProduct: (await productBenefits(reader, [productId], trx)).get(productId),
      publishedProduct: (await productBenefits(null, [productId], trx)).get(productId),
      cells: cellCandidates(counted),
      products: productCandidates(productId, counted),
      band: bandCandidate('5000_20000', counted),
    }
  })
}

type Everything = Awaited<ReturnType<typeof everything>>

const basisOfOverview = (o: BenefitOverview, basis: 'realised' | 'estimated') => ({
  perCategory: o.perCategory.map((r) => [r.key, r[basis]]),
  perArea: o.perArea.map((r) => [r.key, r[basis]]),
})

/** Every figure of one basis, from every aggregate. The extrapolation rests on realised figures only. */
function figuresOf(e: Everything, basis: 'realised' | 'estimated') {
  return {
    live: basisOfOverview(e.live, basis),
    liveFiltered: basisOfOverview(e.liveFiltered, basis),
    published: basisOfOverview(e.published, basis),
    extrapolation: basis === 'realised' ? [e.live.extrapolation, e.published.extrapolation] : null,
    liveProduct: e.liveProduct?.figures.filter((f) => f.basis === basis),
    publishedProduct: e.publishedProduct?.figures.filter((f) => f.basis === basis),
    cells: e.cells.filter((c) => c.key.startsWith(`cell:${basis}:`)).map((c) => [c.key, c.value]),
    products: e.products.filter((c) => c.key.includes(`:${basis}:`)).map((c) => [c.key, c.value]),
    band: basis === 'realised' ? e.band?.value : null,
  }
}

describe('realised and estimated benefit figures are never summed', () => {
  it('the realised figures of every aggregate ignore the estimates, and the estimated ones the realised values', async () => {
    const recorded = await everything('as_recorded')
    const estimatedHuge = await everything('estimated_huge')
    const realisedHuge = await everything('realised_huge')

    // The fixture reaches every aggregate with both bases (or the comparison below would prove nothing).
    expect(recorded.published.perCategory.find((r) => r.key === 'efficiency')?.realised?.hoursPerYear).toBeGreaterThan(
      0,
    )
    expect(recorded.published.perCategory.find((r) => r.key === 'efficiency')?.estimated?.hoursPerYear).toBeGreaterThan(
      0,
    )
    expect(recorded.published.perArea.find((r) => r.key === 2)?.realised?.nok).toHaveLength(1)
    expect(recorded.published.extrapolation).toHaveLength(1)
    expect(recorded.live.extrapolation).toHaveLength(1)
    expect(recorded.publishedProduct?.figures.map((f) => f.basis).sort()).toEqual(['estimated', 'realised'])

    expect(figuresOf(estimatedHuge, 'realised')).toEqual(figuresOf(recorded, 'realised'))
    expect(figuresOf(realisedHuge, 'estimated')).toEqual(figuresOf(recorded, 'estimated'))

    // And the huge values did reach their own basis: the test would see them leak.
    expect(figuresOf(estimatedHuge, 'estimated')).not.toEqual(figuresOf(recorded, 'estimated'))
    expect(figuresOf(realisedHuge, 'realised')).not.toEqual(figuresOf(recorded, 'realised'))
    const liveEfficiency = (e: Everything) => e.live.perCategory.find((r) => r.key === 'efficiency')
    expect(liveEfficiency(estimatedHuge)?.estimated?.hoursPerYear).toBeGreaterThan(HUGE)
    expect(liveEfficiency(estimatedHuge)?.realised?.hoursPerYear).toBeLessThan(10_000)
  })

  it('planned targets count in no figure', async () => {
    const recorded = await everything('as_recorded')
    const counted = await countedMeasurements(testDb(), {})
    expect(counted.some((c) => (c.basis as string) === 'planned')).toBe(false)
    // 4 municipalities × (120..150 fewer home visits × 0.5 h × 12) + 4 × (50..53 hours × 12): all realised.
    const expected = [180, 170, 160, 150].reduce((s, g) => s + g * 0.5 * 12, 0)
    expect(recorded.live.perArea.find((r) => r.key === 2)?.realised?.hoursPerYear).toBeCloseTo(expected, 6)
  })
})

describe('publishing steps', () => {
  it('the catch-up publishes once; run again it publishes nothing, and a corrected value waits for three new municipalities', async () => {
    const first = await refreshAllPublicBenefitFigures(testDb(), at)
    expect(first).toContain('cell:realised:hours:efficiency:2')
    expect(first).toContain(`product:${productId}:realised:home_visits_per_month`)
    expect(first).toContain('band:5000_20000:realised:hours_per_1000')
    expect(await refreshAllPublicBenefitFigures(testDb(), at)).toEqual([])
    const before = await benefitOverview(null, {})
    const liveBefore = await benefitOverview(reader, {})
    // A municipality already counted reports a much better result: the public figures stay until three new ones.
    const counted = await countedMeasurements(testDb(), { category: 'efficiency', area: 2, basis: 'realised' })
    const one = counted.find((c) => c.indicator === 'home_visits_per_month')
    await testDb().updateTable('benefit_measurement').set({ value: 0 }).where('id', '=', one!.measurementId).execute()
    expect(await refreshPublicBenefitFigures(testDb(), [one!.benefitId], at)).toEqual([])
    expect(await benefitOverview(null, {})).toEqual(before)
    // Readers see the correction at once.
    expect(await benefitOverview(reader, {})).not.toEqual(liveBefore)
  })
})

describe('live figures kept in memory between writes', () => {
  // The live overview and a records page are kept per filter (and source), for every reader alike: each kept answer
  // must be the one of its own filter, as a read that bypasses the memo (inside a transaction) computes it.
  it('answers each filter with its own overview and records page', async () => {
    const overviews = [
      {},
      { category: 'efficiency' as const },
      { category: 'efficiency' as const, populationBand: '5000_20000' as const },
      { populationBand: 'under_5000' as const },
    ]
    const records = [
      'grunnlag=realised&maal=hours',
      'grunnlag=estimated&maal=hours',
      'grunnlag=realised&maal=any&side=2',
    ].map((q) => valueOrThrow(parseRecordsFilter(new URLSearchParams(q))))
    for (const viewer of [reader, null]) {
      for (const f of overviews) await benefitOverview(viewer, f)
      for (const f of records) await benefitRecords(viewer, f)
      for (const f of overviews) {
        const fresh = await testDb()
          .transaction()
          .execute((trx) => benefitOverview(viewer, f, trx))
        expect(await benefitOverview(viewer, f)).toEqual(fresh)
      }
      for (const f of records) {
        const fresh = await testDb()
          .transaction()
          .execute((trx) => benefitRecords(viewer, f, trx))
        expect(await benefitRecords(viewer, f)).toEqual(fresh)
      }
    }
  })
})

describe('the derivations in SQL agree with the domain module', () => {
  it('hours a year and NOK a year, for every indicator, computed in SQL and by deriveMeasurement', async () => {
    const [m] = await municipalitiesInBand('under_5000', 1)
    for (const [i, indicator] of BENEFIT_INDICATORS.entries()) {
      if (indicator === 'custom') continue
      await municipalityBenefit(
        m!,
        { indicator, hoursPerUnit: needsHoursPerUnit(indicator) ? 0.75 : null, baseline: 90 + i, area: 6 },
        [
          { value: 37.5 + i, status: 'realised', priceYear: 2023 },
          { value: 120, status: 'estimated', priceYear: null },
        ],
      )
    }
    const rows = await countedQuery(testDb(), { area: 6 })
      .selectAll('c')
      .select(['mu.population', annualHoursSql().as('sql_hours'), nokPerYearSql().as('sql_nok')])
      .execute()
    expect(rows.length).toBe(2 * (BENEFIT_INDICATORS.length - 1))
    for (const r of rows) {
      const counted: CountedMeasurement = {
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
        basis: r.status as 'realised' | 'estimated',
        method: r.method,
        uncertainty: r.uncertainty,
        periodStart: r.period_start,
        periodEnd: r.period_end,
      }
      const derived = derivedOf(counted)
      expect(r.sql_hours, `${r.indicator} hours`).toBe(derived.hoursPerYear)
      expect(r.sql_nok, `${r.indicator} NOK`).toBe(derived.nok?.nok ?? null)
    }
  })
})
