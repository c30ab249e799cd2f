import type { BenefitCategory, BenefitIndicator, MeasurementMethod, MeasurementUncertainty } from '../../db/schema'
import {
  BENEFIT_AREAS,
  BENEFIT_CATEGORIES,
  MEASUREMENT_METHODS,
  UNCERTAINTIES,
  deriveMeasurement,
  fullTimeEquivalents,
  median,
  totalsByBasis,
  type BenefitArea,
  type DerivedBenefit,
  type FigureBasis,
} from './benefits'
import { contributionsOf, type Contributions } from './experience-aggregates'
import { populationBand, type PopulationBand } from './population-bands'

// Benefit figures of the national overview, the product pages and the extrapolation (docs/domain.md, "Benefit
// realisation"; docs/decisions/011-public-benefit-figures.md). Pure: the live figures (for those who may read the
// records) and the published ones (for everyone else, in steps by decideStep of decision 010) are computed here from
// the measurements that count, so both mean the same. Realised and estimated figures are never added together:
// every sum goes through totalsByBasis, one basis at a time, and every figure key names its basis.

/** The bases a measurement can have in a figure (planned targets count for nothing; extrapolated is derived). */
export const MEASURED_BASES = ['realised', 'estimated'] as const
export type MeasuredBasis = (typeof MEASURED_BASES)[number]

/** A benefit's latest measurement of one basis (its latest realised one, its latest estimated one), as figures count
 * it: only benefits with a baseline count, since the gain is measured against it. */
export type CountedMeasurement = {
  measurementId: number
  benefitId: number
  municipalityNumber: string
  /** The municipality's population (for the extrapolation per 1,000 inhabitants). */
  population: number
  productId: number | null
  category: BenefitCategory
  area: number
  indicator: BenefitIndicator
  hoursPerUnit: number | null
  baseline: number
  value: number
  priceYear: number | null
  basis: MeasuredBasis
  method: MeasurementMethod
  uncertainty: MeasurementUncertainty
  periodStart: string
  periodEnd: string
}

export const derivedOf = (m: CountedMeasurement): DerivedBenefit =>
  deriveMeasurement(
    { indicator: m.indicator, hoursPerUnit: m.hoursPerUnit, baseline: m.baseline },
    { value: m.value, priceYear: m.priceYear },
  )

/** What a cell adds up: hours a year (and so full-time equivalents), or NOK a year of one price year. */
export type CellMeasure = 'hours' | `nok_${number}`

export const cellKey = (basis: MeasuredBasis, measure: CellMeasure, category: BenefitCategory, area: number) =>
  `cell:${basis}:${measure}:${category}:${area}`
export const cellFamily = (basis: MeasuredBasis, measure: CellMeasure) => `cell:${basis}:${measure}`
export const productKey = (productId: number, basis: MeasuredBasis, indicator: BenefitIndicator) =>
  `product:${productId}:${basis}:${indicator}`
export const productFamily = (basis: MeasuredBasis, indicator: BenefitIndicator) => `product:${basis}:${indicator}`
export const bandKey = (band: PopulationBand) => `band:${band}:realised:hours_per_1000`
export const BAND_FAMILY = 'band:realised:hours_per_1000'

export type ParsedCellKey = { basis: MeasuredBasis; measure: CellMeasure; category: BenefitCategory; area: BenefitArea }

export function parseCellKey(key: string): ParsedCellKey | null {
  const m = /^cell:(realised|estimated):(hours|nok_\d{4}):(efficiency|quality):([1-6])$/.exec(key)
  if (!m) return null
  return {
    basis: m[1] as MeasuredBasis,
    measure: m[2] as CellMeasure,
    category: m[3] as BenefitCategory,
    area: Number(m[4]) as BenefitArea,
  }
}

/** The price year in a NOK measure, or null for hours. */
export const priceYearOf = (measure: CellMeasure): number | null =>
  measure === 'hours' ? null : Number(measure.slice('nok_'.length))

// ---------------------------------------------------------------------------------------------------------------
// Rounding as published: the public gets coarse figures (the step rule, not the rounding, is the protection).

/** Hours a year to the nearest ten. */
export const publishedHours = (hours: number) => Math.round(hours / 10) * 10
/** NOK to the nearest thousand. */
export const publishedNok = (nok: number) => Math.round(nok / 1000) * 1000
/** Two significant digits (medians). */
export function twoSignificant(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0
  const magnitude = Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1)
  return Math.round(value / magnitude) * magnitude
}

// ---------------------------------------------------------------------------------------------------------------
// Candidates: each figure as it would be published now, with who it was computed over.

export type Provenance = {
  methods: MeasurementMethod[]
  uncertainties: MeasurementUncertainty[]
  /** The years the measured periods span (years only: a month could point at one municipality). */
  firstYear: number
  lastYear: number
}

export type BenefitFigureCandidate = {
  key: string
  family: string
  value: number
  contributions: Contributions
  provenance: Provenance | null
}

const contributionsOfRows = (rows: readonly CountedMeasurement[]): Contributions =>
  contributionsOf(rows.map((r) => ({ municipalityNumber: r.municipalityNumber, reportId: r.measurementId })))

export function provenanceOf(rows: readonly CountedMeasurement[]): Provenance {
  const methods = new Set(rows.map((r) => r.method))
  const uncertainties = new Set(rows.map((r) => r.uncertainty))
  return {
    methods: MEASUREMENT_METHODS.filter((m) => methods.has(m)),
    uncertainties: UNCERTAINTIES.filter((u) => uncertainties.has(u)),
    firstYear: Math.min(...rows.map((r) => Number(r.periodStart.slice(0, 4)))),
    lastYear: Math.max(...rows.map((r) => Number(r.periodEnd.slice(0, 4)))),
  }
}

/** Rows of one basis as totalsByBasis takes them: its sums are the only sums. */
const totalsOf = (basis: MeasuredBasis, rows: readonly CountedMeasurement[]) =>
  totalsByBasis(rows.filter((r) => r.basis === basis).map((r) => ({ basis, derived: derivedOf(r) })))[basis]

/**
 * The category × area cells of these measurements: per basis, hours a year (over the indicators that convert to
 * hours) and NOK a year per price year. Totals per category and per area are sums of cells, so the public sees no
 * sum that is not a sum of published cells.
 */
export function cellCandidates(rows: readonly CountedMeasurement[]): BenefitFigureCandidate[] {
  const candidates: BenefitFigureCandidate[] = []
  for (const basis of MEASURED_BASES)
    for (const category of BENEFIT_CATEGORIES)
      for (const area of BENEFIT_AREAS) {
        const cell = rows.filter((r) => r.basis === basis && r.category === category && r.area === area)
        if (cell.length === 0) continue
        const derived = cell.map((r) => ({ row: r, derived: derivedOf(r) }))
        const hourRows = derived.filter((d) => d.derived.hoursPerYear !== null).map((d) => d.row)
        if (hourRows.length) {
          candidates.push({
            key: cellKey(basis, 'hours', category, area),
            family: cellFamily(basis, 'hours'),
            value: publishedHours(totalsOf(basis, hourRows).hoursPerYear),
            contributions: contributionsOfRows(hourRows),
            provenance: provenanceOf(hourRows),
          })
        }
        const years = new Set(derived.flatMap((d) => (d.derived.nok ? [d.derived.nok.priceYear] : [])))
        for (const year of [...years].sort()) {
          const nokRows = derived.filter((d) => d.derived.nok?.priceYear === year).map((d) => d.row)
          const measure: CellMeasure = `nok_${year}`
          candidates.push({
            key: cellKey(basis, measure, category, area),
            family: cellFamily(basis, measure),
            value: publishedNok(totalsOf(basis, nokRows).nokByPriceYear[year] ?? 0),
            contributions: contributionsOfRows(nokRows),
            provenance: provenanceOf(nokRows),
          })
        }
      }
  return candidates
}

/** The improvement in per cent of the baseline (positive when things got better); null for a zero baseline. */
export function improvementPercent(m: Pick<CountedMeasurement, 'baseline'>, derived: DerivedBenefit): number | null {
  return m.baseline === 0 ? null : (derived.gain / Math.abs(m.baseline)) * 100
}

/**
 * A product's figures: per basis and indicator, the median improvement in per cent of the baseline (a median, not a
 * sum: a product's figures are never added to anything, so they cannot be subtracted from a total).
 */
export function productCandidates(productId: number, rows: readonly CountedMeasurement[]): BenefitFigureCandidate[] {
  const candidates: BenefitFigureCandidate[] = []
  for (const basis of MEASURED_BASES) {
    const mine = rows.filter((r) => r.productId === productId && r.basis === basis)
    for (const indicator of [...new Set(mine.map((r) => r.indicator))].sort()) {
      if (indicator === 'custom') continue
      const withPercent = mine
        .filter((r) => r.indicator === indicator)
        .map((r) => ({ row: r, percent: improvementPercent(r, derivedOf(r)) }))
        .filter((x): x is { row: CountedMeasurement; percent: number } => x.percent !== null)
      const value = median(withPercent.map((x) => x.percent))
      if (value === null) continue
      const used = withPercent.map((x) => x.row)
      candidates.push({
        key: productKey(productId, basis, indicator),
        family: productFamily(basis, indicator),
        value: Math.round(value),
        contributions: contributionsOfRows(used),
        provenance: provenanceOf(used),
      })
    }
  }
  return candidates
}

/** Each municipality's realised hours a year per 1,000 inhabitants (its own realised hours, added up by
 * totalsByBasis), over the realised measurements given. */
export function realisedHoursPer1000(rows: readonly CountedMeasurement[]): Map<string, number> {
  const byMunicipality = new Map<string, CountedMeasurement[]>()
  for (const r of rows) {
    if (r.basis !== 'realised' || derivedOf(r).hoursPerYear === null) continue
    byMunicipality.set(r.municipalityNumber, [...(byMunicipality.get(r.municipalityNumber) ?? []), r])
  }
  const result = new Map<string, number>()
  for (const [municipality, mine] of byMunicipality) {
    const population = mine[0]?.population ?? 0
    if (population <= 0) continue
    result.set(municipality, (totalsOf('realised', mine).hoursPerYear / population) * 1000)
  }
  return result
}

/** The extrapolation's figure for one population band: the median, over the band's municipalities that measured a
 * realised benefit in hours, of their realised hours a year per 1,000 inhabitants (two significant digits). */
export function bandCandidate(
  band: PopulationBand,
  rows: readonly CountedMeasurement[],
): BenefitFigureCandidate | null {
  const inBand = rows.filter((r) => r.basis === 'realised' && populationBand(r.population) === band)
  const per1000 = realisedHoursPer1000(inBand)
  const value = median([...per1000.values()])
  if (value === null) return null
  const used = inBand.filter((r) => per1000.has(r.municipalityNumber) && derivedOf(r).hoursPerYear !== null)
  return {
    key: bandKey(band),
    family: BAND_FAMILY,
    value: twoSignificant(value),
    contributions: contributionsOfRows(used),
    provenance: provenanceOf(used),
  }
}

/**
 * "If every municipality in this population band achieved the median realised benefit per 1,000 inhabitants": the
 * median times the band's population. An estimate of its own basis ('extrapolated'), never added to realised or
 * estimated figures.
 */
export function extrapolate(medianPer1000: number, bandPopulation: number) {
  const hoursPerYear = (medianPer1000 * bandPopulation) / 1000
  return {
    basis: 'extrapolated' as const satisfies FigureBasis,
    hoursPerYear,
    fullTimeEquivalents: fullTimeEquivalents(hoursPerYear),
  }
}
