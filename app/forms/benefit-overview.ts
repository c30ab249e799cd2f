import { z } from 'zod'
import { MEASURED_BASES } from '~/domain/benefit-figures'
import { BENEFIT_CATEGORIES } from '~/domain/benefits'
import { POPULATION_BAND_CODES } from '~/domain/population-bands'
import { refuse, type Result, ok } from '~/utils/refusal'
import { BENEFIT_QUERY_KEYS } from './benefit-overview-query'

// The query strings of the benefit overview (/innsikt) and the list of records behind a figure (/innsikt/gevinster).
// Unlike the register's filters, a value that is not one of the codes is refused (400): every number on the page
// links to its records with these keys, so a wrong one is a broken link to report, not something to guess at.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const optionalCode = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.preprocess(blankToUndefined, z.enum(codes).optional())
const optionalPattern = (pattern: RegExp) => z.preprocess(blankToUndefined, z.string().regex(pattern).optional())
const optionalInt = (min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).optional())

export const BenefitOverviewFilter = z.object({
  category: optionalCode(BENEFIT_CATEGORIES),
  county: optionalPattern(/^\d{2}$/),
  populationBand: optionalCode(POPULATION_BAND_CODES),
})
export type BenefitOverviewFilter = z.output<typeof BenefitOverviewFilter>

export const BenefitRecordsFilter = BenefitOverviewFilter.extend({
  area: optionalInt(1, 6),
  basis: optionalCode(MEASURED_BASES).transform((v) => v ?? 'realised'),
  measure: optionalCode(['hours', 'nok', 'any'] as const).transform((v) => v ?? 'hours'),
  priceYear: optionalInt(1990, 2100),
  productId: optionalInt(1, 9_999_999_999),
  page: optionalInt(1, 100_000),
})
export type BenefitRecordsFilter = z.output<typeof BenefitRecordsFilter>

function readKeys(params: URLSearchParams, allowed: ReadonlyArray<keyof typeof BENEFIT_QUERY_KEYS>) {
  return Object.fromEntries(allowed.map((key) => [BENEFIT_QUERY_KEYS[key], params.get(key) ?? undefined]))
}

/** The overview's filters from the URL, or a refusal (400) for a value that is not a code. */
export function parseOverviewFilter(params: URLSearchParams): Result<BenefitOverviewFilter> {
  const parsed = BenefitOverviewFilter.safeParse(readKeys(params, ['kategori', 'fylke', 'innbyggere']))
  return parsed.success ? ok(parsed.data) : refuse('invalid_input', { detail: parsed.error.message })
}

/** The records list's filters from the URL, or a refusal (400). */
export function parseRecordsFilter(params: URLSearchParams): Result<BenefitRecordsFilter> {
  const parsed = BenefitRecordsFilter.safeParse(
    readKeys(params, Object.keys(BENEFIT_QUERY_KEYS) as Array<keyof typeof BENEFIT_QUERY_KEYS>),
  )
  return parsed.success ? ok(parsed.data) : refuse('invalid_input', { detail: parsed.error.message })
}
