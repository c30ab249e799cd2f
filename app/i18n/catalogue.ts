import { createHash } from 'node:crypto'
import type { Locale } from './index'
import { en, nb, type Messages } from './messages'

// Server side (and Node: tests, scripts) of `#i18n/catalogue`: both languages, statically. The browser build resolves
// the same import to ./catalogue.browser.ts, which holds only the language of the page, fetched once from
// routes/i18n-catalogue.ts before hydration, so that no catalogue is part of the JavaScript a page loads (package.json
// "imports"; issue 14).

const catalogues: Record<Locale, Messages> = { nb, en }
const published: Partial<Record<Locale, { json: string; url: string }>> = {}

export function catalogue(locale: Locale): Messages {
  return catalogues[locale]
}

/** A language's messages as the browser fetches them: the JSON, and a URL that changes whenever the text does. */
export function publishedCatalogue(locale: Locale): { json: string; url: string } {
  return (published[locale] ??= publish(locale))
}

function publish(locale: Locale) {
  const json = JSON.stringify(catalogues[locale])
  const version = createHash('sha256').update(json).digest('base64url').slice(0, 12)
  return { json, url: `/i18n/${locale}?v=${version}` }
}

export function catalogueUrl(locale: Locale): string {
  return publishedCatalogue(locale).url
}
