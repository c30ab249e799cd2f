import { describe, expect, it } from 'vitest'
import {
  annualHours,
  benefitFollowUpDue,
  deriveMeasurement,
  fullTimeEquivalents,
  gain,
  median,
  nightWatchHours,
  percentChange,
  totalsByBasis,
  type FigureBasis,
} from '~/domain/benefits'

describe('benefit derivations (the national method)', () => {
  it('184 fewer home visits a month at 30 minutes each are 1,104 hours a year, 0.63 full-time equivalents', () => {
    // Medication dispensers for 35 users: home visits fell from 613 to 429 a month.
    const derived = deriveMeasurement(
      { indicator: 'home_visits_per_month', hoursPerUnit: 0.5, baseline: 613 },
      { value: 429, priceYear: null },
    )
    expect(derived.change).toBe(-184)
    expect(derived.gain).toBe(184)
    expect(derived.hoursPerYear).toBe(1104)
    expect(derived.fullTimeEquivalents).toBeCloseTo(0.63, 2)
    expect(derived.percentChange).toBeCloseTo(-30.0, 0)
  })

  it('230 fewer night watches a night at 9 hours, all year, are about 432 full-time equivalents', () => {
    const hours = annualHours({ indicator: 'night_watches_per_night', hoursPerUnit: null }, 230)
    expect(hours).toBe(230 * 9 * 365)
    expect(nightWatchHours(230)).toBe(2070)
    expect(fullTimeEquivalents(hours ?? 0)).toBeCloseTo(431.7, 1)
    expect(Math.round(fullTimeEquivalents(hours ?? 0))).toBe(432)
  })

  it('converts driving minutes and hours a month to hours a year', () => {
    expect(annualHours({ indicator: 'driving_minutes_per_month', hoursPerUnit: null }, 2300)).toBeCloseTo(460, 6)
    expect(annualHours({ indicator: 'hours_per_month', hoursPerUnit: null }, 17.5)).toBe(210)
  })

  it('gives no hours for indicators that are not time, nor for visits of unknown length', () => {
    expect(annualHours({ indicator: 'falls_per_month', hoursPerUnit: null }, 4)).toBeNull()
    expect(annualHours({ indicator: 'share_feeling_safer', hoursPerUnit: null }, 10)).toBeNull()
    expect(annualHours({ indicator: 'nok_per_year', hoursPerUnit: null }, 100_000)).toBeNull()
    expect(annualHours({ indicator: 'home_visits_per_month', hoursPerUnit: null }, 184)).toBeNull()
    expect(annualHours({ indicator: 'custom', hoursPerUnit: 2 }, 5)).toBeNull()
  })

  it('counts a rise as the gain where more is better, a fall elsewhere', () => {
    expect(gain('share_feeling_safer', 40, 65)).toBe(25)
    expect(gain('falls_per_month', 12, 7)).toBe(5)
    expect(gain('waiting_list', 30, 41)).toBe(-11)
  })

  it('keeps NOK with its price year and has no percentage of a zero baseline', () => {
    const derived = deriveMeasurement(
      { indicator: 'nok_per_year', hoursPerUnit: null, baseline: 900_000 },
      { value: 650_000, priceYear: 2025 },
    )
    expect(derived.nok).toEqual({ nok: 250_000, priceYear: 2025 })
    expect(derived.hoursPerYear).toBeNull()
    expect(percentChange(0, 5)).toBeNull()
  })

  it('takes the median of an odd and an even list', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
})

describe('totals never add realised, estimated and extrapolated figures together', () => {
  const visits = (baseline: number, value: number) =>
    deriveMeasurement({ indicator: 'home_visits_per_month', hoursPerUnit: 0.5, baseline }, { value, priceYear: null })
  const money = (value: number, priceYear: number) =>
    deriveMeasurement({ indicator: 'nok_per_year', hoursPerUnit: null, baseline: 1_000_000 }, { value, priceYear })

  it('keeps each basis in its own total', () => {
    const figures: { basis: FigureBasis; derived: ReturnType<typeof visits> }[] = [
      { basis: 'realised', derived: visits(100, 90) }, // 60 hours a year
      { basis: 'realised', derived: visits(50, 40) }, // 60
      { basis: 'estimated', derived: visits(100, 0) }, // 600
      { basis: 'extrapolated', derived: visits(1000, 0) }, // 6,000
    ]
    const totals = totalsByBasis(figures)
    expect(totals.realised.hoursPerYear).toBe(120)
    expect(totals.estimated.hoursPerYear).toBe(600)
    expect(totals.extrapolated.hoursPerYear).toBe(6000)
    expect(totals.realised.measurements).toBe(2)
    // Each total equals the sum over its own basis alone: adding any other basis would change it.
    for (const basis of ['realised', 'estimated', 'extrapolated'] as const) {
      const alone = totalsByBasis(figures.filter((f) => f.basis === basis))
      expect(totals[basis]).toEqual(alone[basis])
    }
  })

  it('keeps NOK of different price years apart', () => {
    const totals = totalsByBasis([
      { basis: 'realised', derived: money(900_000, 2024) },
      { basis: 'realised', derived: money(800_000, 2025) },
      { basis: 'realised', derived: money(950_000, 2025) },
    ])
    expect(totals.realised.nokByPriceYear).toEqual({ 2024: 100_000, 2025: 250_000 })
  })
})

describe('benefit follow-up after go-live', () => {
  const base = { hasBaseline: true, goLiveDate: '2025-01-15', latestMeasurementEnd: null }
  it('is not due before six months, then due at 6, 12 and 24 months until a measurement answers it', () => {
    expect(benefitFollowUpDue({ ...base, today: '2025-07-14' })).toBeNull()
    expect(benefitFollowUpDue({ ...base, today: '2025-07-15' })).toEqual({ months: 6, dueDate: '2025-07-15' })
    expect(benefitFollowUpDue({ ...base, today: '2026-02-01' })).toEqual({ months: 12, dueDate: '2026-01-15' })
    expect(benefitFollowUpDue({ ...base, today: '2027-03-01' })).toEqual({ months: 24, dueDate: '2027-01-15' })
  })
  it('is answered by a measurement of the quarter before the point or later', () => {
    expect(benefitFollowUpDue({ ...base, latestMeasurementEnd: '2025-04-30', today: '2025-08-01' })).toBeNull()
    expect(benefitFollowUpDue({ ...base, latestMeasurementEnd: '2025-04-14', today: '2025-08-01' })).toEqual({
      months: 6,
      dueDate: '2025-07-15',
    })
    // The 6-month measurement does not answer the 12-month point.
    expect(benefitFollowUpDue({ ...base, latestMeasurementEnd: '2025-07-01', today: '2026-01-20' })).toEqual({
      months: 12,
      dueDate: '2026-01-15',
    })
  })
  it('needs a baseline and a go-live date', () => {
    expect(benefitFollowUpDue({ ...base, hasBaseline: false, today: '2026-01-20' })).toBeNull()
    expect(benefitFollowUpDue({ ...base, goLiveDate: null, today: '2026-01-20' })).toBeNull()
  })
})
