// Building an Intl formatter costs far more than formatting with it (ICU loads locale data each time): a page with a
// few hundred dates or numbers spent ~10 ms per request on `new Intl.*`. Formatters are immutable, so one per
// (language tag, options) is kept for the life of the process; the set of keys is small and fixed by the code.

const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`
  let f = dateFormats.get(key)
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(tag, options)))
  return f
}

export function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`
  let f = numberFormats.get(key)
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(tag, options)))
  return f
}
