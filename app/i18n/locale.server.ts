import { defaultLocale, isLocale, type Locale } from './index'

const COOKIE = 'lang'
const ONE_YEAR = 60 * 60 * 24 * 365

/** `?lang=` wins and is remembered in a cookie; then the cookie; then bokmål. */
export function resolveLocale(request: Request): { locale: Locale; setCookie?: string } {
  const fromQuery = new URL(request.url).searchParams.get('lang')
  if (isLocale(fromQuery)) {
    return { locale: fromQuery, setCookie: `${COOKIE}=${fromQuery}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax` }
  }
  const fromCookie = readCookie(request.headers.get('cookie'), COOKIE)
  return { locale: isLocale(fromCookie) ? fromCookie : defaultLocale }
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      return undefined // a malformed cookie is ignored, not a 500 on every page
    }
  }
  return undefined
}
