import cluster from 'node:cluster'
import { closeDb, getDb, updateStatistics } from './db/client'
import { migrateToLatest } from './db/migrate'
import { expireDueApprovals } from './app/models/decisions.server'
import { refreshAllPublicAggregates } from './app/models/experience-aggregates.server'
import { refreshAllPublicBenefitFigures } from './app/models/benefit-aggregates.server'
import { ensureSearchIndex } from './app/models/search-index.server'
import { demoAccountsNotice, seedDemoIfEmpty } from './db/seed/demo'
import { assertMailConfigured, EnvError, getEnv, requireProductionSecrets, type Env } from './app/utils/env.server'
import { deliverDueEmails } from './app/utils/mail.server'
import { enqueueFollowUpDigests } from './app/models/notifications.server'
import { runRetentionSweep } from './app/models/retention.server'
import { createApp } from './server/app'
import { reportListening, startWorkers } from './server/cluster'
import { schedule } from './server/housekeeping'

let env: Env
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

// WEB_CONCURRENCY=1 (and development): one process does everything below. Otherwise the primary prepares the database
// and runs the housekeeping, and its workers (server/cluster.ts, one per core by default) serve the requests.
const clustered = env.WEB_CONCURRENCY > 1
// In demo mode, the accounts to sign in with, printed once every process listens (read by the primary).
let demoNotice: string | null = null

if (cluster.isPrimary) {
  const db = getDb()
  const applied = await migrateToLatest(db)
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s) to ${env.DATABASE_PATH}`)
  if (env.demoMode) {
    const seeded = await seedDemoIfEmpty(db)
    if (seeded) console.log('Loaded demo data into the empty database.')
    demoNotice = await demoAccountsNotice(db)
  }
  // The register's search index is written with every product change (reindexProduct); at start-up it is rebuilt
  // only when it does not hold every product (data from before the index, or a migration that emptied it).
  await db.transaction().execute((trx) => ensureSearchIndex(trx))
}

if (cluster.isPrimary && clustered) {
  startWorkers({
    count: env.WEB_CONCURRENCY,
    onListening: (workersCpuMs) => {
      announce(workersCpuMs)
      void startHousekeeping()
    },
    onStopped: closeDb,
  })
} else {
  const { app } = await createApp(env)
  const server = app.listen(env.PORT, env.HOST, () => {
    if (cluster.isWorker) reportListening()
    else announce(0)
  })
  let closing = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A worker may get both: SIGINT from the terminal's Ctrl-C and SIGTERM from its primary.
      if (closing) return
      closing = true
      server.close(() => void closeDb().then(() => process.exit(0)))
    })
  }
  if (!clustered) await startHousekeeping()
}

/** The start-up line (once, when every process listens) and, in demo mode, the demo accounts. */
function announce(workersCpuMs: number) {
  // Start-up time: wall time since the (primary) process started, and CPU time of all processes, which a busy machine
  // does not inflate.
  const cpu = process.cpuUsage()
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000 + workersCpuMs)
  const processes = clustered ? `, ${env.WEB_CONCURRENCY} workers` : ''
  console.log(
    `Erfaringsbanken is running on http://localhost:${env.PORT} (${env.NODE_ENV}${env.demoMode ? ', demo mode' : ''}` +
      `${processes}; listening after ${Math.round(process.uptime() * 1000)} ms, ${cpuMs} ms CPU)`,
  )
  if (demoNotice) console.log(demoNotice)
}

// Housekeeping, in exactly one process (the primary, or the single one), after the server listens
// (server/housekeeping.ts): each job runs when it is due by its recorded last run, so a restart does not repeat minutes
// of catch-up at scale. Reads are correct while a job waits:
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
// Jobs that change public data move the public data version by its triggers, like any other write
// (db/public-data-version.ts), so every process's page cache sees them. The long catch-ups start a few seconds after
// listening, so that the first requests (a health check) are not queued behind them.
async function startHousekeeping() {
  const HOUR = 3_600_000
  const catchUpDelay = 5_000
  await schedule({
    name: 'Expiring approvals',
    intervalMs: 6 * HOUR,
    run: expireDueApprovals,
  })
  await schedule(
    {
      name: 'Publishing public aggregate steps',
      intervalMs: 6 * HOUR,
      run: () => refreshAllPublicAggregates(),
    },
    catchUpDelay,
  )
  await schedule(
    {
      name: 'Publishing public benefit figure steps',
      intervalMs: 6 * HOUR,
      run: () => refreshAllPublicBenefitFigures(),
    },
    catchUpDelay,
  )
  await schedule({ name: 'Sending e-mail', intervalMs: 3_000, run: deliverDueEmails, record: false })
  await schedule({ name: 'Queueing follow-up digests', intervalMs: HOUR, run: () => enqueueFollowUpDigests() })
  await schedule({ name: 'Retention sweep', intervalMs: HOUR, run: runRetentionSweep }, catchUpDelay)
  // The query planner's statistics (db/client.ts updateStatistics): cheap when little changed.
  await schedule({
    name: 'Updating the query planner statistics',
    intervalMs: HOUR,
    run: () => updateStatistics(getDb()),
  })
}
