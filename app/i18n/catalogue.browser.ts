import type { Locale } from './index'
import type { Messages } from './messages'

// Browser side of `#i18n/catalogue` (see ./catalogue.ts): the messages of the language the page was rendered in,
// fetched once (the document preloads them; the URL is versioned and cached for good) before the page hydrates.
// Changing language loads a new document (the language switch reloads), so this is the only language the browser needs.

let loaded: { url: string; messages: Messages } | undefined

/** Fetches the document's catalogue (named by `<html data-catalogue>`). Hydrate only once this has resolved. */
export async function loadCatalogue(): Promise<void> {
  const url = document.documentElement.dataset.catalogue
  if (!url) throw new Error('The document names no message catalogue')
  const response = await fetch(url, { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  loaded = { url, messages: (await response.json()) as Messages }
}

function current() {
  if (!loaded) throw new Error('The message catalogue is not loaded yet')
  return loaded
}

export function catalogue(_locale: Locale): Messages {
  return current().messages
}

export function catalogueUrl(_locale: Locale): string {
  return current().url
}
