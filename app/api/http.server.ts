import cluster from 'node:cluster'
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { QueryRefusal } from '~/forms/register-query'
import type { Viewer } from '~/policy/viewer'
import { SESSION_COOKIE } from '~/utils/session.server'

// The JSON API's answers (docs/decisions/012-open-data.md): every API route answers through these, so errors have one
// shape, public data carries an ETag and Cache-Control, and each client address has one rate limit.

export type ApiErrorBody = {
  error: { status: number; code: string; message: string; parameters?: QueryRefusal[] }
}

export function apiError(
  status: number,
  code: string,
  message: string,
  parameters?: QueryRefusal[],
  headers?: HeadersInit,
) {
  const body: ApiErrorBody = { error: { status, code, message, ...(parameters ? { parameters } : {}) } }
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headersObject(headers) } })
}

const headersObject = (headers?: HeadersInit): Record<string, string> =>
  headers ? Object.fromEntries(new Headers(headers).entries()) : {}

export const badRequest = (refusals: QueryRefusal[]) =>
  apiError(
    400,
    'invalid_parameter',
    `Ugyldig parameter / invalid parameter: ${refusals.map((r) => r.parameter || '(query)').join(', ')}`,
    refusals,
  )

export const notFound = () => apiError(404, 'not_found', 'Finnes ikke / not found')

/** Parses query parameters with a schema whose keys are the parameter names; refusals name the parameter. */
export function parseParams<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
): { ok: true; data: z.output<S> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(input)
  if (parsed.success) return { ok: true, data: parsed.data }
  return {
    ok: false,
    // A parameter the endpoint does not know is named by itself (Zod reports it at the object, with no path).
    response: badRequest(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ parameter: key, message: 'Ukjent parameter / unknown parameter' }))
          : [{ parameter: String(issue.path[0] ?? ''), message: issue.message }],
      ),
    ),
  }
}

/**
 * A JSON answer. Public data (the same for every visitor) may be cached and revalidated: a strong ETag over the body
 * and `If-None-Match` → 304. What a signed-in viewer gets depends on who they are, so it is never stored by any
 * cache and carries no ETag (nothing to revalidate, and no fingerprint of one person's data).
 */
export function apiJson(request: Request, body: unknown, options: { public: boolean }): Response {
  const text = JSON.stringify(body)
  if (!options.public)
    return new Response(text, {
      status: 200,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'private, no-store',
        Vary: 'Cookie',
      },
    })
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
    Vary: 'Cookie',
  }
  const match = request.headers.get('If-None-Match')
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers })
  return new Response(text, { status: 200, headers })
}

const carriesSessionCookie = (request: Request) =>
  (request.headers.get('Cookie') ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`))

/**
 * The answer of an endpoint that shows each viewer what the page shows them (procurements, experience, benefit
 * records, OCDS). A request without any session cookie gets the visitor's view, the same for every visitor, and is
 * cached like public data; a request with a session cookie (even one that no longer signs anyone in) is answered
 * `private, no-store`, so no shared cache ever holds or serves a signed-in answer.
 */
export const viewerJson = (request: Request, viewer: Viewer | null, body: unknown) =>
  apiJson(request, body, { public: viewer === null && !carriesSessionCookie(request) })

// ---------------------------------------------------------------------------------------------------------------
// Rate limit: a sliding window per client address, kept in memory (the API's reads must not write to the database on
// every request: each commit waits for the disk, docs/decisions/013-durability-synchronous-full.md). The address is the
// one Express resolved, behind a proxy only when TRUST_PROXY says so.
//
// With several server processes (server.ts, docs/decisions/017-worker-per-core.md) the counts live in the primary
// only: a worker asks it over the cluster's IPC channel (well under a millisecond), so the limit is per address across
// all workers. Dividing the limit by the number of workers would be wrong: connections, not requests, are spread over
// the workers, and a client on one kept-alive connection would get a fraction of its allowance.

export const API_RATE_LIMIT = { max: 300, windowMs: 60_000 }
const hits = new Map<string, number[]>()
let lastSweep = 0

/** Counts a request in this process; returns null when allowed, or the seconds until the address may try again. */
export function countApiRequest(clientIp: string, at = Date.now()): number | null {
  const since = at - API_RATE_LIMIT.windowMs
  if (at - lastSweep > API_RATE_LIMIT.windowMs) {
    for (const [ip, times] of hits) if ((times.at(-1) ?? 0) <= since) hits.delete(ip)
    lastSweep = at
  }
  const times = (hits.get(clientIp) ?? []).filter((t) => t > since)
  if (times.length >= API_RATE_LIMIT.max) {
    hits.set(clientIp, times)
    return Math.max(1, Math.ceil(((times[0] ?? at) + API_RATE_LIMIT.windowMs - at) / 1000))
  }
  times.push(at)
  hits.set(clientIp, times)
  return null
}

/** Forgets every count (tests). */
export const resetApiRateLimit = () => hits.clear()

const RATE_LIMIT_MESSAGE = 'erfaringsbanken:api-rate-limit'
type RateLimitQuestion = { type: typeof RATE_LIMIT_MESSAGE; id: number; clientIp: string }
type RateLimitAnswer = { type: typeof RATE_LIMIT_MESSAGE; id: number; retryAfter: number | null }
const isRateLimitMessage = (message: unknown): message is { type: typeof RATE_LIMIT_MESSAGE } =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === RATE_LIMIT_MESSAGE

/** The primary's side: answers a worker's question (server/cluster.ts passes every worker message here). */
export function answerApiRateLimit(message: unknown): RateLimitAnswer | undefined {
  if (!isRateLimitMessage(message)) return undefined
  const { id, clientIp } = message as RateLimitQuestion
  return { type: RATE_LIMIT_MESSAGE, id, retryAfter: countApiRequest(clientIp) }
}

const waiting = new Map<number, (retryAfter: number | null) => void>()
let lastQuestion = 0
let listening = false

function askPrimary(clientIp: string): Promise<number | null> {
  if (!listening) {
    listening = true
    process.on('message', (message: unknown) => {
      if (!isRateLimitMessage(message)) return
      const { id, retryAfter } = message as RateLimitAnswer
      waiting.get(id)?.(retryAfter)
      waiting.delete(id)
    })
  }
  const id = ++lastQuestion
  return new Promise((resolve) => {
    waiting.set(id, resolve)
    process.send?.({ type: RATE_LIMIT_MESSAGE, id, clientIp } satisfies RateLimitQuestion)
  })
}

/** Every API loader runs through this: the rate limit first (429 with Retry-After), then the route's own work. */
export async function serveApi(context: { clientIp: string }, run: () => Promise<Response>): Promise<Response> {
  const retryAfter = cluster.isWorker ? await askPrimary(context.clientIp) : countApiRequest(context.clientIp)
  if (retryAfter === null) return await run()
  return apiError(429, 'rate_limited', 'For mange forespørsler / too many requests', undefined, {
    'Retry-After': String(retryAfter),
  })
}
