import type { Locale } from './index'
import { en, nb, type Messages } from './messages'

// Server side (and Node: tests, scripts) of `#i18n/catalogue`: both languages. The browser build resolves the same
// import to ./catalogue.browser.ts, which reads the one language the document carries, so that neither catalogue
// is part of the JavaScript a page loads (package.json "imports"; issue 14).

const catalogues: Record<Locale, Messages> = { nb, en }
const sources: Partial<Record<Locale, string>> = {}

export function catalogue(locale: Locale): Messages {
  return catalogues[locale]
}

/** The active language's messages as the document's JSON data block; `<` escaped so no text can close the block. */
export function catalogueSource(locale: Locale): string {
  return (sources[locale] ??= JSON.stringify(catalogues[locale]).replace(/</g, '\\u003c'))
}
