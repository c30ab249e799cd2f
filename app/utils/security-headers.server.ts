import { randomBytes } from 'node:crypto'

export function createNonce() {
  return randomBytes(16).toString('base64')
}

/**
 * The Content-Security-Policy. Scripts run only from our own origin or when inline and named in `scriptSources`: the
 * request's nonce (`'nonce-…'`) for a page rendered for this request, or the hashes of its inline scripts
 * (`'sha256-…'`) for a stored public page served to many (server/page-cache.ts, docs/decisions/016-public-page-cache.md).
 * `dev` loosens connect-src for Vite's hot reload.
 */
export function contentSecurityPolicy(scriptSources: string[], { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptSources.map((s) => ` ${s}`).join('')}${dev ? " 'unsafe-eval'" : ''}`,
    // Mantine sets inline style attributes and injects <style> tags; scripts stay nonce- or hash-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Headers for every response, documents and assets alike. */
export function securityHeaders(nonce: string, { dev = false, https = false } = {}): Record<string, string> {
  const csp = contentSecurityPolicy([`'nonce-${nonce}'`], { dev })
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  }
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
  return headers
}

const SESSION_COOKIE_PREFIX = 'eb_session='

/**
 * Signed-in responses (the request carries a session cookie, or the response sets or clears one) are never stored by
 * the browser or a proxy: a shared computer's back button or a proxy cache must not show one person's pages to the
 * next (ASVS 5.0 V14.3: sensitive data not cached).
 */
export function noStoreWhenSignedIn(request: Request, headers: Headers) {
  const cookie = request.headers.get('cookie') ?? ''
  const sendsSession = cookie.split(';').some((c) => c.trim().startsWith(SESSION_COOKIE_PREFIX))
  const setsSession = headers.getSetCookie().some((c) => c.startsWith(SESSION_COOKIE_PREFIX))
  if (sendsSession || setsSession) headers.set('Cache-Control', 'no-store')
}
