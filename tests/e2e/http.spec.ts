import { describe, expect, inject, it } from 'vitest'

const base = () => inject('baseURL')

describe('HTTP baseline of the running server', () => {
  it('sends the security headers on documents, assets, errors and resource routes', async () => {
    const home = await fetch(`${base()}/`)
    const html = await home.text()
    const asset = html.match(/href="(\/assets\/[^"]+\.css)"/)?.[1]
    expect(asset).toBeTruthy()
    for (const path of ['/', asset!, '/finnes-ikke', '/healthz', '/favicon.svg', '/favicon.ico']) {
      const res = await fetch(`${base()}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      // A stored public page names its inline scripts by hash instead (tests/e2e/page-cache.spec.ts).
      expect(csp, path).toMatch(/script-src 'self' ('nonce-[A-Za-z0-9+/=]+'|('sha256-[A-Za-z0-9+/=]+' ?)+);/)
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      expect(res.headers.get('x-powered-by'), path).toBeNull()
    }
  })

  it('puts the per-request CSP nonce on every inline script, and a new one on every request', async () => {
    // A page rendered for its request: `?lang=` sets a cookie, so it is never answered from the public page cache.
    const a = await fetch(`${base()}/?lang=nb`)
    const b = await fetch(`${base()}/?lang=nb`)
    const nonce = a.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]
    expect(nonce).not.toBe(b.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1])
    const html = await a.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
  })

  it('serves /favicon.ico (asked for without reading the page) as an icon, not a 404', async () => {
    const res = await fetch(`${base()}/favicon.ico`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/x-icon')
    const body = Buffer.from(await res.arrayBuffer())
    expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0])
  })

  it('answers /healthz with 200 and /tilgjengelighet, /personvern with 200', async () => {
    for (const path of ['/healthz', '/tilgjengelighet', '/personvern', '/?lang=en']) {
      expect((await fetch(`${base()}${path}`)).status, path).toBe(200)
    }
    expect((await fetch(`${base()}/ukjent-side`)).status).toBe(404)
  })
})

describe('CSRF: state-changing requests must come from our own pages', () => {
  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${base()}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: 'email=a%40b.no&password=x',
      redirect: 'manual',
    })

  it('refuses a cross-origin POST with 403, to documents, .data URLs and resource routes alike', async () => {
    for (const path of ['/logg-inn', '/logg-inn.data', '/logg-ut', '/leverandor/vedlegg/1', '/konto']) {
      expect((await post(path, { Origin: 'https://evil.example' })).status, path).toBe(403)
      expect((await post(path, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' })).status, path).toBe(
        403,
      )
      expect((await post(path, { 'Sec-Fetch-Site': 'same-site' })).status, path).toBe(403)
    }
  })

  it('refuses a POST that carries neither Sec-Fetch-Site nor Origin', async () => {
    expect((await post('/logg-inn', {})).status).toBe(403)
  })

  it('lets our own pages post (same-origin by Sec-Fetch-Site, or by Origin)', async () => {
    const bySite = await post('/logg-inn', { 'Sec-Fetch-Site': 'same-origin' })
    expect(bySite.status).toBe(400) // wrong password: the form answered, not the CSRF check
    const byOrigin = await post('/logg-inn', { Origin: base() })
    expect(byOrigin.status).toBe(400)
  })
})

describe('bodies that are not forms', () => {
  it('answers JSON, XML and text bodies to an action with 415 over real HTTP (the connection is not dropped)', async () => {
    for (const [type, body] of [
      ['application/json', '{"email":"a@b.no","password":"x"}'],
      ['application/xml', '<login><email>a@b.no</email></login>'],
      ['text/plain', 'email=a@b.no'],
    ]) {
      const res = await fetch(`${base()}/logg-inn`, {
        method: 'POST',
        headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': type! },
        body,
      })
      expect(res.status, type).toBe(415)
      await res.text()
    }
  })
})

describe('request size', () => {
  it('refuses an oversized form before reading it (413), and a body of unknown length (411)', async () => {
    const big = 'a='.concat('x'.repeat(2 * 1024 * 1024))
    const res = await fetch(`${base()}/logg-inn`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: big,
    })
    expect(res.status).toBe(413)
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('email=a'))
        c.close()
      },
    })
    const chunked = await fetch(`${base()}/logg-inn`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(411)
  })
})
