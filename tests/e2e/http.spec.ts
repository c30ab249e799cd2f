import { describe, expect, inject, it } from 'vitest'

const base = () => inject('baseURL')

describe('HTTP baseline of the running server', () => {
  it('sends the security headers on documents, assets, errors and resource routes', async () => {
    const home = await fetch(`${base()}/`)
    const html = await home.text()
    const asset = html.match(/href="(\/assets\/[^"]+\.css)"/)?.[1]
    expect(asset).toBeTruthy()
    for (const path of ['/', asset!, '/finnes-ikke', '/healthz', '/favicon.svg']) {
      const res = await fetch(`${base()}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      expect(res.headers.get('x-powered-by'), path).toBeNull()
    }
  })

  it('puts the per-request CSP nonce on every inline script, and a new one on every request', async () => {
    const a = await fetch(`${base()}/`)
    const b = await fetch(`${base()}/`)
    const nonce = a.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]
    expect(nonce).not.toBe(b.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1])
    const html = await a.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
  })

  it('answers /healthz with 200 and /tilgjengelighet, /personvern with 200', async () => {
    for (const path of ['/healthz', '/tilgjengelighet', '/personvern', '/?lang=en']) {
      expect((await fetch(`${base()}${path}`)).status, path).toBe(200)
    }
    expect((await fetch(`${base()}/ukjent-side`)).status).toBe(404)
  })
})
