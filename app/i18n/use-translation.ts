import { useRootData } from '~/utils/root-data'
import { defaultLocale, translator, type Locale } from './index'

export function useLocale(): Locale {
  return useRootData()?.locale ?? defaultLocale
}

export function useT() {
  return translator(useLocale())
}
