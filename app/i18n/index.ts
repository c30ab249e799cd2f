import { catalogue } from '#i18n/catalogue'
import { isOneOf } from '~/domain/code-lists'
import type { MessageKey, Messages } from './messages'

export type { MessageKey } from './messages'
export const locales = ['nb', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'nb'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && isOneOf(locales, value)
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

// A count is written with its plural forms, chosen by Intl.PluralRules for the locale, `#` standing for the number:
// '{count, plural, one {# løsning} other {# løsninger}}'. Forms: `=0`, `=1` … (exact), then one, other.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g
const PLURAL_FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g

const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {}
function pluralCategory(value: number, locale: Locale) {
  pluralRules[locale] ??= new Intl.PluralRules(locale === 'nb' ? 'nb-NO' : 'en-GB')
  return pluralRules[locale].select(value)
}

function plural(forms: string, value: number, locale: Locale) {
  const options = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1], m[2] ?? '']))
  const chosen = options.get(`=${value}`) ?? options.get(pluralCategory(value, locale)) ?? options.get('other') ?? ''
  return chosen.replace(/#/g, formatNumber(value, locale))
}

export function translator(locale: Locale): Translate {
  const messages = catalogue(locale)
  return (key, vars) => {
    const text = messages[key]
    if (!vars) return text
    return text
      .replace(PLURAL, (whole, name: string, forms: string) => {
        const value = vars[name]
        return typeof value === 'number' ? plural(forms, value, locale) : whole
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = vars[name]
        return value === undefined ? whole : formatVar(value, locale)
      })
  }
}

function formatVar(value: string | number, locale: Locale) {
  return typeof value === 'number' ? formatNumber(value, locale) : value
}

// Built once per language: constructing an Intl.NumberFormat costs far more than formatting with it.
const numberFormats = new Map<Locale, Intl.NumberFormat>()

export function formatNumber(value: number, locale: Locale) {
  let f = numberFormats.get(locale)
  if (!f) {
    f = new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB')
    numberFormats.set(locale, f)
  }
  return f.format(value)
}

export function messagesFor(locale: Locale): Messages {
  return catalogue(locale)
}
