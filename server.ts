import { pathToFileURL } from 'node:url'
import express from 'express'
import { createRequestHandler, type ServerBuild } from 'react-router'
import { closeDb, getDb, getSqlite, updateStatistics } from './db/client'
import { migrateToLatest } from './db/migrate'
import { expireDueApprovals } from './app/models/decisions.server'
import { refreshAllPublicAggregates } from './app/models/experience-aggregates.server'
import { refreshAllPublicBenefitFigures } from './app/models/benefit-aggregates.server'
import { ensureSearchIndex } from './app/models/search-index.server'
import { demoAccountsText, seedDemoIfEmpty } from './db/seed/demo'
import { assertMailConfigured, EnvError, getEnv, requireProductionSecrets } from './app/utils/env.server'
import { deliverDueEmails } from './app/utils/mail.server'
import { enqueueFollowUpDigests } from './app/models/notifications.server'
import { isSameOriginRequest } from './app/utils/csrf.server'
import { createNonce, securityHeaders } from './app/utils/security-headers.server'
import { runRetentionSweep } from './app/models/retention.server'
import { schedule } from './server/housekeeping'
import { createPageCache } from './server/page-cache'
import { staticFiles } from './server/static-files'

let env
try {
  env = getEnv()
  assertMailConfigured(env)
  requireProductionSecrets(env)
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
process.env.DATABASE_PATH = env.DATABASE_PATH
const dev = env.NODE_ENV === 'development'

const db = getDb()
const applied = await migrateToLatest(db)
if (applied.length > 0) console.log(`Applied ${applied.length} migration(s) to ${env.DATABASE_PATH}`)
if (env.demoMode) {
  const seeded = await seedDemoIfEmpty(db)
  if (seeded) console.log('Loaded demo data into the empty database.')
}

// The register's search index is written with every product change (reindexProduct); at start-up it is rebuilt only
// when it does not hold every product (data from before the index, or a migration that emptied it).
await db.transaction().execute((trx) => ensureSearchIndex(trx))

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
  // Moves when another process (a command-line script) commits; this process's own writes move the counter instead.
  // Read from the raw connection: synchronous, and not queued behind a transaction in progress.
  readExternalVersion: () => getSqlite().pragma('data_version', { simple: true }) as number,
})
app.use(pageCache.bumpAfterWrites)

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

const server = app.listen(env.PORT, env.HOST, () => {
  // Start-up time (the bench reads it): wall time since the process started, and CPU time, which a busy machine
  // does not inflate.
  const cpu = process.cpuUsage()
  console.log(
    `Erfaringsbanken is running on http://localhost:${env.PORT} (${env.NODE_ENV}${env.demoMode ? ', demo mode' : ''}; ` +
      `listening after ${Math.round(process.uptime() * 1000)} ms, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU)`,
  )
  if (env.demoMode) printDemoAccounts()
})

// Housekeeping, after the server listens (server/housekeeping.ts): each job runs when it is due by its recorded last
// run, so a restart does not repeat minutes of catch-up at scale. Reads are correct while a job waits:
// - Approvals end on their valid-until date: reads already treat them so (and the public page cache keys on the date);
//   expiring them keeps the stored state in step.
// - Public aggregates and benefit figures take their steps in the transaction of every change that affects them; the
//   catch-up publishes steps owed by data from before the step tables (or a write path that forgot). Until it runs
//   the public sees the last published figures, which are always a valid publication; the step rule makes the
//   catch-up safe at any time (docs/decisions/010-public-aggregate-steps.md, 011-public-benefit-figures.md).
// - The retention sweep deletes expired sessions (their IP address and browser, docs/decisions/003-sessions.md),
//   prunes the audit log after the privacy statement's five years, and re-seals two-factor secrets after a key
//   rotation (docs/decisions/015-sign-in-throttling.md); sessions are checked for expiry when read in any case.
// - E-mail: causes queue their messages in their own transactions; the worker sends them (or, in demo mode without
//   SMTP, moves them to the admins' outbox), retrying failures with growing delays. The follow-up digest is queued
//   once a month per buyer (the check runs hourly and is a no-op once this month's digests exist).
// Jobs that change public data move the public page cache on (pageCache.bump) when they complete. The long catch-ups
// start a few seconds after listening, so that the first requests (a health check) are not queued behind them.
const HOUR = 3_600_000
const catchUpDelay = 5_000
await schedule({ name: 'Expiring approvals', intervalMs: 6 * HOUR, run: expireDueApprovals, after: pageCache.bump })
await schedule(
  {
    name: 'Publishing public aggregate steps',
    intervalMs: 6 * HOUR,
    run: () => refreshAllPublicAggregates(),
    after: pageCache.bump,
  },
  catchUpDelay,
)
await schedule(
  {
    name: 'Publishing public benefit figure steps',
    intervalMs: 6 * HOUR,
    run: () => refreshAllPublicBenefitFigures(),
    after: pageCache.bump,
  },
  catchUpDelay,
)
await schedule({ name: 'Sending e-mail', intervalMs: 3_000, run: deliverDueEmails, record: false })
await schedule({ name: 'Queueing follow-up digests', intervalMs: HOUR, run: () => enqueueFollowUpDigests() })
await schedule({ name: 'Retention sweep', intervalMs: HOUR, run: runRetentionSweep }, catchUpDelay)
// The query planner's statistics (db/client.ts updateStatistics): cheap when little changed.
await schedule({ name: 'Updating the query planner statistics', intervalMs: HOUR, run: () => updateStatistics(db) })

function printDemoAccounts() {
  console.log(demoAccountsText())
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true
  if (value === 'false') return false
  if (/^\d+$/.test(value)) return Number(value)
  return value
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => void closeDb().then(() => process.exit(0)))
  })
}
