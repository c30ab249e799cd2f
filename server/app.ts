import { pathToFileURL } from 'node:url'
import express from 'express'
import { createRequestHandler, type ServerBuild } from 'react-router'
import { getSqlite } from '../db/client'
import { publicDataVersionReader } from '../db/public-data-version'
import { isSameOriginRequest } from '../app/utils/csrf.server'
import type { Env } from '../app/utils/env.server'
import { createNonce, securityHeaders } from '../app/utils/security-headers.server'
import { createPageCache } from './page-cache'
import { staticFiles } from './static-files'

// The Express application that answers requests: the same in the single server process and in every worker of
// several (server.ts). It only serves; start-up work on the database and housekeeping happen once, in server.ts.

export async function createApp(env: Env) {
  const dev = env.NODE_ENV === 'development'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', parseTrustProxy(env.TRUST_PROXY))
  if (env.NODE_ENV === 'production' && !env.demoMode && !env.PUBLIC_ORIGIN) {
    console.warn(
      'PUBLIC_ORIGIN is not set: session cookies are marked Secure only for requests the server sees as HTTPS.',
    )
  }
  // Answers are compressed where they are sent: built files are stored compressed (server/static-files.ts), stored
  // public pages are compressed once (server/page-cache.ts), and everything else per answer (server/transport.ts).
  // Behind a proxy that TRUST_PROXY does not name, every client has the proxy's address, and the per-address limits
  // (docs/decisions/015-sign-in-throttling.md) would count everyone together: say so once.
  let warnedAboutProxy = false
  app.use((req, _res, next) => {
    if (!warnedAboutProxy && env.TRUST_PROXY === 'false' && req.get('x-forwarded-for')) {
      warnedAboutProxy = true
      console.warn('Requests carry X-Forwarded-For but TRUST_PROXY is false: set TRUST_PROXY to the proxy in front.')
    }
    next()
  })
  app.use((req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    const https = req.secure || env.PUBLIC_ORIGIN?.startsWith('https://') === true
    res.set(securityHeaders(nonce, { dev, https }))
    next()
  })

  // Request bodies are read into memory by the form parser: refuse oversized ones before anything reads them. Dossier
  // uploads (at most 10 MB a file) get room for one file; every other form is small.
  const MAX_UPLOAD_BYTES = 11 * 1024 * 1024
  const MAX_FORM_BYTES = 1024 * 1024
  app.use((req, res, next) => {
    const declared = Number(req.get('content-length') ?? 0)
    const limit = req.path.startsWith('/leverandor/versjoner/') ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES
    if (declared > limit) {
      res.status(413).type('text/plain; charset=utf-8').send('Request too large / forespørselen er for stor')
      return
    }
    if (!req.get('content-length') && req.get('transfer-encoding') && req.method !== 'GET' && req.method !== 'HEAD') {
      // A body of unknown length could be anything: forms from browsers always say how long they are.
      res.status(411).type('text/plain; charset=utf-8').send('Length required / lengde mangler')
      return
    }
    next()
  })

  // CSRF, in exactly one place: every state-changing request, to documents, `.data` URLs and resource routes alike.
  app.use((req, res, next) => {
    const ourOrigin = env.PUBLIC_ORIGIN ?? `${req.protocol}://${req.get('host')}`
    const headers = { secFetchSite: req.get('sec-fetch-site'), origin: req.get('origin') }
    if (isSameOriginRequest(req.method, headers, ourOrigin)) return next()
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('Forbidden: cross-origin request / avvist forespørsel fra annet nettsted')
  })

  // Public pages rendered once per data version (server/page-cache.ts); off in development, where the code changes.
  const pageCache = createPageCache({
    maxBytes: dev ? 0 : env.PAGE_CACHE_MB * 1024 * 1024,
    // Moved by triggers with every write to a table public pages may read, by any process (db/public-data-version.ts).
    readVersion: publicDataVersionReader(getSqlite()),
  })

  let build: ServerBuild | (() => Promise<ServerBuild>)
  if (dev) {
    const vite = await import('vite')
    const viteServer = await vite.createServer({ server: { middlewareMode: true } })
    app.use(viteServer.middlewares)
    build = () => viteServer.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>
  } else {
    app.use(staticFiles('build/client'))
    // Resolved from the working directory, like build/client above: the same file whether this runs as server.ts (tsx)
    // or compiled as build/server.js (`npm run build:server`), which leaves this import to run time.
    build = (await import(pathToFileURL('build/server/index.js').href)) as ServerBuild
  }

  const handleRequest = createRequestHandler(build, env.NODE_ENV)
  app.all(
    '/{*splat}',
    pageCache.handler((request, req, res) =>
      handleRequest(request, { cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? '' }),
    ),
  )
  // An error outside React Router's own handling (the page cache, the transport) answers 500 through Express, which
  // logs nothing in production: say what failed.
  app.use((error: unknown, req: express.Request, _res: express.Response, next: express.NextFunction) => {
    console.error(`${req.method} ${req.originalUrl} failed:`, error)
    next(error)
  })

  return { app, pageCache }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true
  if (value === 'false') return false
  if (/^\d+$/.test(value)) return Number(value)
  return value
}
