import type { BenefitRecordsFilter } from './benefit-overview'

// The benefit pages' filters in a URL, apart from their Zod schemas (./benefit-overview.ts, server side only) so that
// the figures, which link every number to its records, do not bring Zod into the browser (issue 14).

/** The query-string keys (Norwegian, like the rest of the site) and the filter fields they fill. */
export const BENEFIT_QUERY_KEYS = {
  kategori: 'category',
  fylke: 'county',
  innbyggere: 'populationBand',
  omrade: 'area',
  grunnlag: 'basis',
  maal: 'measure',
  prisaar: 'priceYear',
  produkt: 'productId',
  side: 'page',
} as const

/** The query string of a records list (for the links behind every number). */
export function recordsQuery(filter: Partial<BenefitRecordsFilter>): string {
  const q = new URLSearchParams()
  for (const [key, field] of Object.entries(BENEFIT_QUERY_KEYS)) {
    const value = filter[field as keyof BenefitRecordsFilter]
    if (value !== undefined && value !== null && field !== 'page') q.set(key, String(value))
  }
  return q.toString()
}
