import { sql } from 'kysely'
import { getDb } from '../../db/client'
import { AUDIT_RETENTION_YEARS } from '~/domain/account-security'
import { audit } from '~/utils/audit.server'
import { now, nowIso } from '~/utils/clock.server'
import { deleteExpiredSessions } from '~/utils/session.server'
import { reencryptTotpSecrets } from './two-factor.server'

// Data kept only as long as the privacy statement (/personvern) promises. The sweep runs in the server process (at
// start-up and every hour, server.ts) and from the command line (`npm run retention:sweep`).

/**
 * Deletes audit entries older than the retention period: the one path through the log's append-only trigger
 * (migrations/2026-12-02-1641_audit-log-retention.ts). Inside one transaction it takes the prune permit, deletes,
 * gives the permit back and records the prune itself (ids and counts only). The database refuses, permit or not, to
 * delete an entry younger than the period by its own clock, so the cut-off is the older of the two clocks.
 */
export async function pruneAuditLog(): Promise<number> {
  const cutoff = new Date(now())
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - AUDIT_RETENTION_YEARS)
  const before = cutoff.toISOString()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('audit_log_prune_permit').values({ id: 1, granted_at: nowIso() }).execute()
      const result = await trx
        .deleteFrom('audit_log')
        .where('at', '<', before)
        .where('at', '<', sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`-${AUDIT_RETENTION_YEARS} years`})`)
        .executeTakeFirst()
      await trx.deleteFrom('audit_log_prune_permit').execute()
      const count = Number(result.numDeletedRows)
      if (count > 0) await audit({ action: 'retention.audit_pruned', details: { count, before } }, trx)
      return count
    })
}

/** Rate-limit events older than the longest memory of any limit (a day). */
async function deleteOldRateLimitEvents() {
  const dayAgo = new Date(now().getTime() - 24 * 3_600_000).toISOString()
  const result = await getDb().deleteFrom('rate_limit_event').where('created_at', '<', dayAgo).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export type SweepReport = { sessions: number; auditEntries: number; rateLimitEvents: number; totpResealed: number }

/** Every retention step once; each is safe to run at any time and any number of times. */
export async function runRetentionSweep(): Promise<SweepReport> {
  return {
    sessions: await deleteExpiredSessions(),
    auditEntries: await pruneAuditLog(),
    rateLimitEvents: await deleteOldRateLimitEvents(),
    totpResealed: await reencryptTotpSecrets(),
  }
}
