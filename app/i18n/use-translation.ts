import { useRouteLoaderData } from 'react-router'
import { defaultLocale, translator, type Locale } from './index'

type RootData = { locale: Locale }

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data?.locale ?? defaultLocale
}

export function useT() {
  return translator(useLocale())
}
