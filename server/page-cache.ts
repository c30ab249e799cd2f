import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { defaultLocale, isLocale } from '../app/i18n'
import { readCookie } from '../app/i18n/locale.server'
import { now } from '../app/utils/clock.server'
import { contentSecurityPolicy } from '../app/utils/security-headers.server'
import { chooseEncoding, createFetchRequest, sendFetchResponse } from './transport'

// Public pages are the same for every visitor: rendered once per data version, language and Oslo date, then served
// from memory, compressed once. docs/decisions/016-public-page-cache.md has the reasoning; in short:
//
// - Only for a request that cannot be anyone's: GET or HEAD, no Authorization header, and no cookie but `lang`. A
//   session cookie (even an expired one) or a flash message means the page is rendered for that request and never
//   stored, so signed-in data cannot reach the cache and a signed-in viewer never gets a stored page.
// - Only answers that are the same for everyone: 200 documents and `.data` answers without Set-Cookie (`?lang=` sets
//   the language cookie, so it is never stored) and not marked private or no-store.
// - Key: path and query, language (the `lang` cookie), the date in Oslo (approvals end by date). Every entry belongs
//   to one data version; when the version moves the whole cache is dropped.
// - Data version: the public data version in the database (db/public-data-version.ts), which triggers move with every
//   write to a table public pages may read, whichever process writes; a session's sliding expiry, a sign-in or the
//   e-mail queue do not move it. It is read when the request starts and again when the page is rendered; a page is
//   stored only if it has not moved, so a render that raced a write is never stored under the new version.
// - CSP: a stored page is served to many, so it cannot carry one request's nonce. Its inline scripts are hashed when
//   it is stored and its answers name those hashes (`'sha256-…'`) instead of a nonce; the nonce attributes of the
//   render are removed from the stored body.
// - Memory: least recently used entries go first once the stored bytes pass the limit (PAGE_CACHE_MB).

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)

export interface StoredPage {
  status: number
  headers: [string, string][]
  gzip: Buffer
  br: Buffer
  /** `'sha256-…'` sources for the inline scripts of an HTML page; none for `.data`. */
  scriptHashes: string[] | null
  bytes: number
}

/** Stored pages of one data version, least recently used first, bounded by bytes. */
export class PageStore {
  #entries = new Map<string, StoredPage>()
  #bytes = 0
  #version: string | undefined
  constructor(readonly maxBytes: number) {}

  get bytes() {
    return this.#bytes
  }
  get size() {
    return this.#entries.size
  }

  get(key: string, version: string): StoredPage | undefined {
    if (version !== this.#version) {
      this.#entries.clear()
      this.#bytes = 0
      this.#version = version
      return undefined
    }
    const page = this.#entries.get(key)
    if (page) {
      this.#entries.delete(key)
      this.#entries.set(key, page)
    }
    return page
  }

  set(key: string, version: string, page: StoredPage) {
    // A page rendered under an older version is not stored: its data may predate the write that moved it.
    if (version !== this.#version) return
    // One page never takes more than an eighth of the room, so a few huge pages cannot push out everything else.
    if (page.bytes > this.maxBytes / 8) return
    const old = this.#entries.get(key)
    if (old) {
      this.#entries.delete(key)
      this.#bytes -= old.bytes
    }
    this.#entries.set(key, page)
    this.#bytes += page.bytes
    for (const [oldestKey, oldest] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#entries.delete(oldestKey)
      this.#bytes -= oldest.bytes
    }
  }
}

const osloDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The cache key of a request that may be answered from the cache, or undefined if it must be rendered for itself. */
export function cacheKey(req: {
  method: string
  originalUrl: string
  headers: { cookie?: string; authorization?: string }
}): string | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined
  if (req.headers.authorization) return undefined
  const cookie = req.headers.cookie
  if (cookie) {
    for (const part of cookie.split(';')) {
      const name = part.split('=', 1)[0]?.trim()
      if (name && name !== 'lang') return undefined
    }
  }
  const query = req.originalUrl.indexOf('?')
  if (query !== -1 && new URLSearchParams(req.originalUrl.slice(query + 1)).has('lang')) return undefined
  const fromCookie = readCookie(cookie ?? null, 'lang')
  const locale = isLocale(fromCookie) ? fromCookie : defaultLocale
  return `${locale} ${osloDate.format(now())} ${req.originalUrl}`
}

const STORABLE_TYPES = /^(text\/html|text\/x-script)/

/** Whether an answer is the same for everyone who sends the same key. */
export function isStorable(response: Response) {
  const cacheControl = response.headers.get('cache-control') ?? ''
  return (
    response.status === 200 &&
    response.headers.getSetCookie().length === 0 &&
    !/no-store|private/i.test(cacheControl) &&
    !response.headers.has('content-encoding') &&
    STORABLE_TYPES.test(response.headers.get('content-type') ?? '')
  )
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi

/** `'sha256-…'` CSP sources for every inline script of an HTML document (scripts with `src` need none). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes = '', content = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue
    hashes.add(`'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/** Reads a whole answer and prepares it for storing: the render's nonce removed, scripts hashed, compressed once. */
export async function preparePage(response: Response, nonce: string | undefined): Promise<StoredPage> {
  let body = Buffer.from(await response.arrayBuffer())
  let scriptHashes: string[] | null = null
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    let html = body.toString('utf8')
    if (nonce) html = html.replaceAll(` nonce="${nonce}"`, '')
    scriptHashes = inlineScriptHashes(html)
    body = Buffer.from(html, 'utf8')
  }
  const [gz, br] = await Promise.all([
    gzip(body, { level: 6 }),
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
  ])
  const headers = [...response.headers].filter(
    ([name]) => !['content-length', 'content-encoding', 'set-cookie', 'content-security-policy'].includes(name),
  )
  const bytes = gz.length + br.length + 512
  return { status: response.status, headers, gzip: gz, br, scriptHashes, bytes }
}

/** Sends a stored page in the encoding the client accepts, with a CSP naming its scripts' hashes. */
export function sendStoredPage(req: ExpressRequest, res: ExpressResponse, page: StoredPage, state: 'hit' | 'miss') {
  res.status(page.status)
  for (const [name, value] of page.headers) res.append(name, value)
  if (page.scriptHashes) res.setHeader('Content-Security-Policy', contentSecurityPolicy(page.scriptHashes))
  res.vary('Accept-Encoding')
  res.setHeader('X-Page-Cache', state)
  const encoding = chooseEncoding(req.get('accept-encoding'))
  const body = encoding === 'identity' ? zlib.gunzipSync(page.gzip) : page[encoding]
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
  res.setHeader('Content-Length', String(body.length))
  if (req.method === 'HEAD') res.end()
  else res.end(body)
}

export type FetchHandler = (request: Request, req: ExpressRequest, res: ExpressResponse) => Promise<Response>

export function createPageCache(options: { maxBytes: number; readVersion: () => number | null }) {
  const store = new PageStore(options.maxBytes)
  // Null while a transaction of this process is in progress: the page is rendered for its request, not stored.
  const version = () => {
    const n = options.readVersion()
    return n === null ? null : String(n)
  }

  return {
    store,
    /** Express handler: answers from the cache when it may, else renders with `handle` (and stores when it may). */
    handler(handle: FetchHandler) {
      return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
        try {
          const key = options.maxBytes > 0 ? cacheKey(req) : undefined
          const startVersion = key ? version() : null
          if (!key || startVersion === null)
            return await sendFetchResponse(req, res, await handle(createFetchRequest(req, res), req, res))
          const stored = store.get(key, startVersion)
          if (stored) return sendStoredPage(req, res, stored, 'hit')
          const response = await handle(createFetchRequest(req, res), req, res)
          if (req.method !== 'GET' || !isStorable(response)) return await sendFetchResponse(req, res, response)
          const page = await preparePage(response, res.locals.cspNonce as string | undefined)
          if (version() === startVersion) store.set(key, startVersion, page)
          sendStoredPage(req, res, page, 'miss')
        } catch (error) {
          next(error)
        }
      }
    },
  }
}
