import { useLocale } from '~/i18n/use-translation'

// One formatter per language and style: constructing an Intl.DateTimeFormat costs far more than formatting with it,
// and a list page formats a date in every row.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string, withTime: boolean) {
  const key = `${locale}:${withTime}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone: 'Europe/Oslo',
    })
    formatters.set(key, f)
  }
  return f
}

/** A timestamp in Norwegian time, formatted for the reader's language; the same text on server and client. */
export function formatDateTime(iso: string, locale: string) {
  return formatter(locale, true).format(new Date(iso))
}

export function formatDate(iso: string, locale: string) {
  return formatter(locale, false).format(new Date(iso))
}

export function DateTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const locale = useLocale()
  return <time dateTime={iso}>{dateOnly ? formatDate(iso, locale) : formatDateTime(iso, locale)}</time>
}
