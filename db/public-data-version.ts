import type Database from 'better-sqlite3'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from './schema'

// The public data version (docs/decisions/016-public-page-cache.md): a counter in the database that triggers move on
// every insert, update and delete in the tables public pages may read, in the writing statement's own transaction,
// whichever process writes (a request, the housekeeping, a command-line script). The public page cache
// (server/page-cache.ts) keeps its pages for one value of it. The tables below are the ones no public page reads: a
// write there (a session's sliding expiry on every signed-in page view, a sign-in, the audit log, the e-mail queue)
// leaves the visitors' pages stored. Every other table has the triggers (`user`'s update trigger only for the columns
// a page may show, not its password and two-factor secrets: migration 2026-12-03-1710): a migration that adds a table
// adds them too (as in migrations/2026-12-03-1700_public-data-version.ts), or names the table here with the reason;
// tests/unit/public-data-version.test.ts fails for a table that is neither. The in-process memos of derived reads key
// on it too (contentChangeToken in db/client.ts, app/models/change-memo.server.ts), except the one that reads sessions.

/** Tables that no page a visitor can see reads, with why. */
export const TABLES_NO_PUBLIC_PAGE_READS: Record<string, string> = {
  session: 'sign-in sessions; slides its expiry on signed-in page views',
  audit_log: 'the audit log, for coordinators and admins',
  audit_log_prune_permit: 'the audit log retention sweep',
  email_token: 'e-mail confirmation and password reset links: read only by pages that are never stored (no-store)',
  recovery_code: 'two-factor recovery codes',
  rate_limit_event: 'sign-in throttling and rate limits',
  outbound_email: 'the e-mail queue and the admins’ outbox',
  notification_opt_out: 'a user’s e-mail notification choices',
  housekeeping_run: 'when the background jobs last ran',
  public_data_version: 'the counter itself',
  kysely_migration: 'which migrations have run',
  kysely_migration_lock: 'the migrations lock',
}

/** Columns no page shows, whose updates leave the version where it is (the update trigger lists the other columns). */
export const COLUMNS_NO_PAGE_SHOWS: Record<string, string[]> = {
  // Written on every two-factor sign-in (a code is used once) and on password and two-factor changes.
  user: ['password_hash', 'totp_key', 'totp_enabled_at', 'totp_last_step', 'password_changed_at'],
}

/**
 * The counter's committed value (a read of one row on the raw connection: synchronous, not queued behind a
 * transaction), or null while this connection is inside a transaction: the value read then includes the
 * transaction's own uncommitted moves, which a rollback takes back, so the same number could later stand for other data.
 */
export function publicDataVersionReader(sqlite: Database.Database): () => number | null {
  const statement = sqlite.prepare('select n from public_data_version where id = 1').pluck()
  return () => (sqlite.inTransaction ? null : (statement.get() as number))
}

/**
 * Moves the version by hand, for a write the triggers cannot see: the register's full-text index is a virtual table,
 * which takes no triggers. Its rows change with their product's in the same transaction (which moves the version),
 * except when the whole index is rebuilt (rebuildSearchIndex).
 */
export async function movePublicDataVersion(db: Kysely<DB> | Transaction<DB>): Promise<void> {
  await sql`update public_data_version set n = n + 1 where id = 1`.execute(db)
}
