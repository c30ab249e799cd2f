import { createRequestHandler, UNSAFE_decodeViaTurboStream, type ServerBuild } from 'react-router'

// The built app (npm test builds first), driven in-process: the same handler Express calls, so HTML documents,
// `.data` single-fetch requests and resource routes all go through the real route modules and policy.
// @ts-ignore -- the build exists only after `react-router build`
const build = (await import('../../build/server/index.js')) as ServerBuild
const handler = createRequestHandler(build, 'production')

export const ORIGIN = 'http://localhost:3000'

export type AppRequestInit = {
  method?: string
  cookie?: string
  headers?: Record<string, string>
  form?: Record<string, string | string[]> | FormData
  /** A raw body (JSON, XML, text) instead of a form; set its Content-Type in `headers`. */
  body?: string
  ip?: string
  /** Send Sec-Fetch-Site: same-origin (as a browser does for our own forms). Default true for non-GET. */
  sameOrigin?: boolean
}

export async function appRequest(path: string, init: AppRequestInit = {}): Promise<Response> {
  const method = init.method ?? (init.form || init.body !== undefined ? 'POST' : 'GET')
  const headers = new Headers(init.headers)
  if (init.cookie) headers.set('Cookie', init.cookie)
  if (method !== 'GET' && method !== 'HEAD' && (init.sameOrigin ?? true)) {
    headers.set('Sec-Fetch-Site', 'same-origin')
    headers.set('Origin', ORIGIN)
  }
  let body: FormData | string | undefined = init.body
  if (init.form instanceof FormData) body = init.form
  else if (init.form) {
    body = new FormData()
    for (const [k, v] of Object.entries(init.form)) for (const one of [v].flat()) body.append(k, one)
  }
  const request = new Request(new URL(path, ORIGIN), { method, headers, body, redirect: 'manual' })
  return handler(request, { cspNonce: 'test-nonce', clientIp: init.ip ?? '127.0.0.1' })
}

/** `/x?y` → `/x.data?y`, the URL React Router's single fetch uses for a route's loader data. */
export function dataUrl(path: string) {
  const url = new URL(path, ORIGIN)
  url.pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname.replace(/\/$/, '')}.data`
  return url.pathname + url.search
}

/** A route's loader data as the browser receives it from the `.data` URL, decoded the way React Router's client does
 * (`routeId` as in the build, e.g. 'routes/product'). */
export async function loaderData<T = any>(path: string, routeId: string, cookie?: string): Promise<T> {
  const response = await appRequest(dataUrl(path), { cookie })
  if (!response.body) throw new Error(`${path}: no body (${response.status})`)
  const decoded = await UNSAFE_decodeViaTurboStream(response.body, globalThis)
  await decoded.done
  const route = (decoded.value as Record<string, { data?: unknown; error?: unknown }>)[routeId]
  if (!route || !('data' in route)) throw new Error(`${path}: no data for ${routeId} (${response.status})`)
  return route.data as T
}
