import { isOneOf } from '~/domain/code-lists'
import { en, nb, type MessageKey, type Messages } from './messages'

export type { MessageKey } from './messages'
export const locales = ['nb', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'nb'

const catalogues: Record<Locale, Messages> = { nb, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && isOneOf(locales, value)
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale]
  return (key, vars) => {
    const text = messages[key]
    if (!vars) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name]
      return value === undefined ? whole : formatVar(value, locale)
    })
  }
}

function formatVar(value: string | number, locale: Locale) {
  return typeof value === 'number' ? formatNumber(value, locale) : value
}

export function formatNumber(value: number, locale: Locale) {
  return new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB').format(value)
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale]
}
