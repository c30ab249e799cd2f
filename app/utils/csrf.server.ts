/**
 * The one CSRF rule: a request that can change state must come from our own pages. Browsers send Sec-Fetch-Site on
 * every request; older ones at least send Origin on POST. A request with neither is refused.
 */
export function isSameOriginRequest(
  method: string,
  headers: { secFetchSite: string | undefined; origin: string | undefined },
  ourOrigin: string,
): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true
  if (headers.secFetchSite) return headers.secFetchSite === 'same-origin'
  return headers.origin !== undefined && headers.origin === ourOrigin
}
