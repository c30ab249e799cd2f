// npm run retention:sweep
// Runs the retention sweep once (the server also runs it every hour): deletes expired sessions, prunes audit entries
// older than the privacy statement's period, and re-seals two-factor secrets under the current key after a rotation.
import { closeDb, getDb } from '../db/client'
import { migrateToLatest } from '../db/migrate'
import { runRetentionSweep } from '../app/models/retention.server'
import { EnvError, getEnv, requireProductionSecrets } from '../app/utils/env.server'

try {
  const env = getEnv()
  requireProductionSecrets(env)
  process.env.DATABASE_PATH = env.DATABASE_PATH
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

await migrateToLatest(getDb())
const report = await runRetentionSweep()
console.log(
  `Retention sweep: ${report.sessions} expired session(s) deleted, ${report.auditEntries} audit entr${
    report.auditEntries === 1 ? 'y' : 'ies'
  } pruned, ${report.rateLimitEvents} rate-limit event(s) deleted, ${report.totpResealed} two-factor secret(s) re-sealed.`,
)
await closeDb()
