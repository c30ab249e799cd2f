import { useLocale } from '~/i18n/use-translation'
import { dateTimeFormat } from '~/utils/intl-formats'

/** A timestamp in Norwegian time, formatted for the reader's language; the same text on server and client. */
export function formatDateTime(iso: string, locale: string) {
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  }).format(new Date(iso))
}

export function formatDate(iso: string, locale: string) {
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'medium',
    timeZone: 'Europe/Oslo',
  }).format(new Date(iso))
}

export function DateTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const locale = useLocale()
  return <time dateTime={iso}>{dateOnly ? formatDate(iso, locale) : formatDateTime(iso, locale)}</time>
}
