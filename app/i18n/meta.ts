import { defaultLocale, isLocale, translator, type MessageKey, type Translate } from './index'

type MetaMatch = { id: string; data?: unknown } | undefined

/** `<title>` for a route's meta function, in the locale the root loader chose. */
export function pageTitle(matches: readonly MetaMatch[], key: MessageKey, vars?: Record<string, string | number>) {
  return pageTitleFrom(matches, (t) => t(key, vars))
}

/** `<title>` made of translated parts (a benefit's indicator and municipality, as its heading shows them). */
export function pageTitleFrom(matches: readonly MetaMatch[], build: (t: Translate) => string) {
  const root = matches.find((m) => m?.id === 'root')?.data as { locale?: unknown } | undefined
  const locale = isLocale(root?.locale) ? root.locale : defaultLocale
  const t = translator(locale)
  const title = build(t)
  const app = t('app.name')
  return [{ title: title === app ? app : `${title} – ${app}` }]
}
