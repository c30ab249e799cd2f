import { beforeAll, describe, expect, it } from 'vitest'
import { deriveMeasurement, fullTimeEquivalents } from '../../app/domain/benefits'
import { getBenefitFollowUp } from '../../app/models/benefits.server'
import { seedBenefitDemo } from '../../db/seed/benefit-demo'
import { testDb } from '../helpers/db'
import { demoViewers, seedDemo, type RoleViewer } from '../helpers/parity'

// The benefit demo data (db/seed/benefit-demo.ts): modelled on the report's real figures, with estimates, high
// uncertainty, benefits planned and never measured, several municipalities reporting one indicator realised for one
// product, and Larvik's follow-up scripted for the demo.

let viewers: RoleViewer[]

beforeAll(async () => {
  await seedDemo()
  viewers = await demoViewers()
}, 60_000)

const db = () => testDb()

describe('benefit demo seed', () => {
  it('records benefits in many municipalities, with every status, high uncertainty and planned-only benefits', async () => {
    const benefits = await db().selectFrom('benefit').select(['id', 'municipality_number', 'baseline_value']).execute()
    expect(benefits.length).toBeGreaterThanOrEqual(30)
    expect(new Set(benefits.map((b) => b.municipality_number)).size).toBeGreaterThanOrEqual(15)
    const measured = new Set(
      (await db().selectFrom('benefit_measurement').select('benefit_id').distinct().execute()).map((m) => m.benefit_id),
    )
    // Planned and never measured: no baseline and no measurement.
    expect(benefits.filter((b) => b.baseline_value === null && !measured.has(b.id)).length).toBeGreaterThanOrEqual(3)
    const measurements = await db()
      .selectFrom('benefit_measurement')
      .select(['status', 'uncertainty', 'reported_by', 'price_year'])
      .execute()
    expect(new Set(measurements.map((m) => m.status))).toEqual(new Set(['realised', 'estimated']))
    expect(measurements.some((m) => m.uncertainty === 'high')).toBe(true)
    expect(measurements.some((m) => m.reported_by === 'supplier' && m.price_year === 2025)).toBe(true)
  })

  it('has at least four municipalities reporting one indicator realised for one product', async () => {
    const rows = await db()
      .selectFrom('benefit_measurement as m')
      .innerJoin('benefit as b', 'b.id', 'm.benefit_id')
      .select(['b.product_id', 'b.indicator', (eb) => eb.fn.count<number>('b.municipality_number').distinct().as('n')])
      .where('m.status', '=', 'realised')
      .where('b.product_id', 'is not', null)
      .groupBy(['b.product_id', 'b.indicator'])
      .execute()
    expect(Math.max(...rows.map((r) => r.n))).toBeGreaterThanOrEqual(4)
  })

  it('never has a realised measurement without a baseline, nor a NOK figure without its price year', async () => {
    const orphans = await db()
      .selectFrom('benefit_measurement as m')
      .innerJoin('benefit as b', 'b.id', 'm.benefit_id')
      .select('m.id')
      .where((eb) =>
        eb.or([
          eb.and([eb('m.status', '=', 'realised'), eb('b.baseline_value', 'is', null)]),
          eb.and([eb('b.indicator', '=', 'nok_per_year'), eb('m.price_year', 'is', null)]),
        ]),
      )
      .execute()
    expect(orphans).toEqual([])
  })

  it("carries the report's figures: Larvik's 184 fewer home visits and 2,300 driving minutes, and night watches per 32.5", async () => {
    const larvik = await db()
      .selectFrom('benefit as b')
      .innerJoin('benefit_measurement as m', 'm.benefit_id', 'b.id')
      .select(['b.indicator', 'b.baseline_value', 'b.hours_per_unit', 'b.concerns_count', 'm.value'])
      .where('b.municipality_number', '=', '3909')
      .where('m.status', '=', 'realised')
      .orderBy('m.period_end', 'desc')
      .execute()
    const visits = larvik.find((r) => r.indicator === 'home_visits_per_month')
    expect(visits).toMatchObject({ baseline_value: 613, value: 429, concerns_count: 35, hours_per_unit: 0.5 })
    const derived = deriveMeasurement(
      { indicator: 'home_visits_per_month', hoursPerUnit: 0.5, baseline: 613 },
      { value: 429, priceYear: null },
    )
    expect(derived.gain).toBe(184)
    expect(derived.hoursPerYear).toBe(1104)
    expect(fullTimeEquivalents(1104)).toBeCloseTo(0.63, 2)
    const driving = larvik.find((r) => r.indicator === 'driving_minutes_per_month')
    expect((driving?.baseline_value ?? 0) - (driving?.value ?? 0)).toBe(2300)
    const nights = await db()
      .selectFrom('benefit as b')
      .innerJoin('benefit_measurement as m', 'm.benefit_id', 'b.id')
      .select(['b.concerns_count', 'b.baseline_value', 'm.value'])
      .where('b.indicator', '=', 'night_watches_per_night')
      .where('b.municipality_number', '!=', '3909')
      .execute()
    expect(nights.length).toBeGreaterThan(0)
    for (const n of nights) {
      expect(n.value).toBe(Math.ceil((n.concerns_count ?? 0) / 32.5))
      expect(n.baseline_value).toBeGreaterThanOrEqual(Math.ceil((n.concerns_count ?? 0) / 20))
    }
  })

  it('gives the Larvik demo buyer benefits due for a measurement and one without a baseline', async () => {
    const larvik = viewers.find((v) => v.label === 'buyer (Larvik)')?.viewer ?? null
    const followUp = await getBenefitFollowUp(larvik)
    expect(followUp?.due.total).toBeGreaterThanOrEqual(2)
    expect(followUp?.missingBaseline.total).toBeGreaterThanOrEqual(1)
    expect(await getBenefitFollowUp(null)).toBeNull()
  })

  it('pages each follow-up list on its own: the pages together are the whole list, in order', async () => {
    const larvik = viewers.find((v) => v.label === 'buyer (Larvik)')?.viewer ?? null
    const whole = await getBenefitFollowUp(larvik, { pageSize: 50 })
    const dueTotal = whole?.due.total ?? 0
    const missingTotal = whole?.missingBaseline.total ?? 0
    expect(dueTotal).toBeGreaterThanOrEqual(2)
    expect(missingTotal).toBeGreaterThanOrEqual(1)
    expect(Math.max(dueTotal, missingTotal)).toBeLessThanOrEqual(50)
    const due = []
    const missing = []
    // Both lists at once, each on its own page (the last page repeats past its end).
    for (let page = 1; page <= Math.max(dueTotal, missingTotal); page++) {
      const one = await getBenefitFollowUp(larvik, { pageSize: 1, duePage: page, missingPage: page })
      expect(one?.due).toMatchObject({ page: Math.min(page, dueTotal), pageCount: dueTotal, total: dueTotal })
      expect(one?.missingBaseline).toMatchObject({ page: Math.min(page, missingTotal), total: missingTotal })
      if (page <= dueTotal) due.push(...(one?.due.items ?? []))
      if (page <= missingTotal) missing.push(...(one?.missingBaseline.items ?? []))
    }
    expect(due).toEqual(whole?.due.items)
    expect(missing).toEqual(whole?.missingBaseline.items)
    // A page far past the end: the last page.
    const past = await getBenefitFollowUp(larvik, { pageSize: 1, duePage: 999, missingPage: 1 })
    expect(past?.due.items).toEqual(whole?.due.items.slice(-1))
  })

  it('is deterministic and runs once', async () => {
    const before = await db()
      .selectFrom('benefit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    await seedBenefitDemo(db())
    const after = await db()
      .selectFrom('benefit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    expect(after).toEqual(before)
  })
})
