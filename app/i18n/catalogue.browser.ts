import { CATALOGUE_ELEMENT_ID } from './catalogue-element'
import type { Locale } from './index'
import type { Messages } from './messages'

// Browser side of `#i18n/catalogue` (see ./catalogue.ts): the messages of the language the page was rendered in,
// read once from the JSON data block the server wrote into the document. Changing language loads a new document
// (the language switch reloads), so the document's language is the only one the browser ever needs.

let source: string | undefined
let messages: Messages | undefined

function read() {
  source ??= document.getElementById(CATALOGUE_ELEMENT_ID)?.textContent ?? '{}'
  messages ??= JSON.parse(source) as Messages
  return { source, messages }
}

export function catalogue(_locale: Locale): Messages {
  return read().messages
}

/** The block exactly as the server wrote it, so that hydration finds the same text. */
export function catalogueSource(_locale: Locale): string {
  return read().source
}
