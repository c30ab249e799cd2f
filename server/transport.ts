import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import zlib from 'node:zlib'

// How the app's answers (documents, `.data`, resource routes) go out over HTTP: the Fetch Request the React Router
// handler reads, and the Fetch Response it writes, compressed here rather than by the `compression` middleware.
//
// Why not `compression` + @react-router/express: the adapter writes every chunk React streams and calls `res.flush()`
// after each one, so compression ends a deflate block per chunk (/register went out as 42 kB where one pass gives
// 13.5 kB); and the adapter waits for 'drain' with `once`/`off`, which compression redirects to its zlib stream for
// `on` but not for `off`, so listeners pile up on busy responses (MaxListenersExceededWarning under load). Here the
// stream is piped into one zlib stream, and flushed once per turn of the event loop instead of once per chunk: what
// React wrote in one go leaves as one compressed piece, and a streamed page still reaches the browser as it renders.

export type Encoding = 'br' | 'gzip' | 'identity'

/** The best encoding the client accepts among those offered (brotli before gzip), honouring `q=0`. */
export function chooseEncoding(acceptEncoding: string | undefined, offered: Encoding[] = ['br', 'gzip']): Encoding {
  if (!acceptEncoding) return 'identity'
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1)
  }
  for (const encoding of offered) {
    const q = accepted.get(encoding) ?? accepted.get('*')
    if (q !== undefined && q > 0) return encoding
  }
  return 'identity'
}

const COMPRESSIBLE =
  /^(text\/|application\/(json|xml|javascript|ld\+json|geo\+json|problem\+json|[\w.+-]+\+xml)|image\/svg\+xml)/i

export function isCompressible(contentType: string | null) {
  return contentType !== null && COMPRESSIBLE.test(contentType)
}

/**
 * Dynamic answers are compressed per response, with quick settings: on our pages brotli 2 comes within 2-4 % of
 * gzip 6's size and of brotli 4's within 5-6 %, at about a third of brotli 4's CPU (0.2 against 0.5-0.9 ms for a 55 kB
 * page), which every signed-in page view pays.
 */
export function createCompressor(encoding: 'br' | 'gzip') {
  return encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } })
    : zlib.createGzip({ level: 6 })
}

/** The Fetch Request for an Express request; it is aborted when the client goes away before the answer is sent. */
export function createFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const host = req.get('host') ?? 'localhost'
  const forwardedHost = req.app.enabled('trust proxy') ? req.get('x-forwarded-host') : undefined
  const url = new URL(`${req.protocol}://${forwardedHost ?? host}${req.originalUrl}`)
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const one of [value].flat()) headers.append(key, one)
  }
  let controller: AbortController | null = new AbortController()
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  return new Request(url, init)
}

/** Status and headers of a Fetch Response onto the Express response. */
export function copyHead(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers) res.append(key, value)
}

/** Sends a Fetch Response, compressed for the client when its type is text. */
export async function sendFetchResponse(req: ExpressRequest, res: ExpressResponse, response: Response) {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel()
    return
  }
  copyHead(res, response)
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel()
    res.end()
    return
  }
  const compressible =
    isCompressible(response.headers.get('content-type')) &&
    !response.headers.has('content-encoding') &&
    response.status !== 204 &&
    response.status !== 304
  const encoding = compressible ? chooseEncoding(req.get('accept-encoding')) : 'identity'
  if (compressible) res.vary('Accept-Encoding')
  const source = Readable.fromWeb(response.body as NodeReadableStream)
  try {
    if (encoding === 'identity') {
      await pipeline(source, res)
      return
    }
    res.setHeader('Content-Encoding', encoding)
    res.removeHeader('Content-Length')
    const compressor = createCompressor(encoding)
    let scheduled: NodeJS.Immediate | undefined
    source.on('data', () => {
      scheduled ??= setImmediate(() => {
        scheduled = undefined
        if (!compressor.writableEnded && !compressor.destroyed) {
          compressor.flush(encoding === 'gzip' ? zlib.constants.Z_SYNC_FLUSH : undefined)
        }
      })
    })
    await pipeline(source, compressor, res)
    if (scheduled) clearImmediate(scheduled)
  } catch (error) {
    // A client that went away mid-answer is not an error of ours.
    if (res.destroyed || res.writableEnded) return
    throw error
  }
}

/** An Express handler around a Fetch handler (the React Router request handler with its load context). */
export function expressHandler(
  handle: (request: Request, req: ExpressRequest, res: ExpressResponse) => Promise<Response>,
) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handle(createFetchRequest(req, res), req, res)
      await sendFetchResponse(req, res, response)
    } catch (error) {
      next(error)
    }
  }
}
