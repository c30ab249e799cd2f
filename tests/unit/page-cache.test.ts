import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  cacheKey,
  inlineScriptHashes,
  isStorable,
  PageStore,
  preparePage,
  type StoredPage,
} from '../../server/page-cache'
import { chooseEncoding } from '../../server/transport'

// The public page cache's rules (server/page-cache.ts): who may be answered from it, what may be stored, and that a
// page stored under one data version is never served under another. The served behaviour over HTTP is in
// tests/e2e/page-cache.spec.ts.

const get = (originalUrl: string, cookie?: string, extra: Record<string, string> = {}) => ({
  method: 'GET',
  originalUrl,
  headers: { ...(cookie ? { cookie } : {}), ...extra },
})

describe('cacheKey: only requests that cannot be anyone in particular', () => {
  it('keys a visitor by path and query, language and date', () => {
    const key = cacheKey(get('/register?q=dør'))
    expect(key).toMatch(/^nb \d{4}-\d{2}-\d{2} \/register\?q=dør$/)
    expect(cacheKey(get('/register?q=dør', 'lang=en'))).toMatch(/^en .* \/register\?q=dør$/)
    expect(cacheKey(get('/register?q=dør', 'lang=xx'))).toBe(key)
    expect(cacheKey({ ...get('/register'), method: 'HEAD' })).toBe(cacheKey(get('/register')))
  })

  it('never keys a request with a session cookie, valid or expired, or any other cookie (a flash message)', () => {
    expect(cacheKey(get('/register', 'eb_session=abc'))).toBeUndefined()
    expect(cacheKey(get('/register', 'lang=en; eb_session=expired-token'))).toBeUndefined()
    expect(cacheKey(get('/register', 'eb_flash=x'))).toBeUndefined()
    expect(cacheKey(get('/register', undefined, { authorization: 'Bearer x' }))).toBeUndefined()
  })

  it('never keys ?lang= (it sets the language cookie) or a state-changing request', () => {
    expect(cacheKey(get('/register?lang=en'))).toBeUndefined()
    expect(cacheKey(get('/register?q=x&lang=nb'))).toBeUndefined()
    expect(cacheKey({ ...get('/register'), method: 'POST' })).toBeUndefined()
  })
})

describe('isStorable: answers that are the same for everyone', () => {
  const html = { 'content-type': 'text/html; charset=utf-8' }
  it('stores 200 documents and .data answers without cookies', () => {
    expect(isStorable(new Response('x', { headers: html }))).toBe(true)
    expect(isStorable(new Response('x', { headers: { 'content-type': 'text/x-script' } }))).toBe(true)
  })
  it('does not store answers that set a cookie, are private, are not 200, or are files and JSON', () => {
    const withCookie = new Headers(html)
    withCookie.append('Set-Cookie', 'lang=en; Path=/')
    expect(isStorable(new Response('x', { headers: withCookie }))).toBe(false)
    expect(isStorable(new Response('x', { headers: { ...html, 'cache-control': 'no-store' } }))).toBe(false)
    expect(isStorable(new Response('x', { status: 404, headers: html }))).toBe(false)
    expect(isStorable(new Response('{}', { headers: { 'content-type': 'application/json' } }))).toBe(false)
    expect(isStorable(new Response('a,b', { headers: { 'content-type': 'text/csv' } }))).toBe(false)
  })
})

describe('stored pages carry no nonce and name their inline scripts by hash', () => {
  it('removes the render nonce and hashes every inline script (not scripts with src)', async () => {
    const body =
      '<html><head><script nonce="abc123==">window.a=1</script><script type="module" src="/assets/x.js" nonce="abc123=="></script></head>' +
      '<body><script nonce="abc123==" type="module">import "/assets/y.js"</script></body></html>'
    const page = await preparePage(new Response(body, { headers: { 'content-type': 'text/html' } }), 'abc123==')
    const stored = gunzipSync(page.gzip).toString('utf8')
    expect(stored).not.toContain('abc123')
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`
    expect(page.scriptHashes).toEqual([sha('window.a=1'), sha('import "/assets/y.js"')])
    expect(inlineScriptHashes(stored)).toEqual(page.scriptHashes)
  })
})

describe('PageStore', () => {
  const page = (bytes: number): StoredPage => ({
    status: 200,
    headers: [],
    gzip: Buffer.alloc(0),
    br: Buffer.alloc(0),
    scriptHashes: null,
    bytes,
  })

  it('serves a page only under the data version it was stored under', () => {
    const store = new PageStore(1000)
    expect(store.get('a', 'v1')).toBeUndefined()
    store.set('a', 'v1', page(10))
    expect(store.get('a', 'v1')).toBeDefined()
    expect(store.get('a', 'v2')).toBeUndefined()
    expect(store.get('a', 'v1')).toBeUndefined() // the move to v2 dropped everything
  })

  it('does not store a page rendered under a version that has since moved on (a render racing a write)', () => {
    const store = new PageStore(1000)
    store.get('a', 'v1') // a request starts under v1
    store.get('b', 'v2') // a write moved the version while it rendered
    store.set('a', 'v1', page(10))
    expect(store.get('a', 'v2')).toBeUndefined()
    expect(store.size).toBe(0)
  })

  it('keeps to its byte limit, dropping the least recently used page first', () => {
    const store = new PageStore(800)
    store.get('x', 'v')
    store.set('a', 'v', page(100))
    store.set('b', 'v', page(100))
    expect(store.get('a', 'v')).toBeDefined() // a is now the most recently used
    for (let i = 0; i < 7; i++) store.set(`c${i}`, 'v', page(100))
    expect(store.bytes).toBeLessThanOrEqual(800)
    expect(store.get('b', 'v')).toBeUndefined()
    expect(store.get('a', 'v')).toBeDefined()
    store.set('huge', 'v', page(200)) // more than an eighth of the room
    expect(store.get('huge', 'v')).toBeUndefined()
  })
})

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br')
    expect(chooseEncoding('gzip')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding(undefined)).toBe('identity')
    expect(chooseEncoding('identity')).toBe('identity')
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip')
  })
})
