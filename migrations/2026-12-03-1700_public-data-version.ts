import { sql, type Kysely } from 'kysely'

// The public data version (db/public-data-version.ts, docs/decisions/016-public-page-cache.md): the public page cache
// was dropped by every commit of another process (PRAGMA data_version) and every state-changing request of its own, so
// a session's sliding expiry (a signed-in page view), a sign-in or an e-mail sent dropped the visitors' pages as well.
// Now a counter moves, by trigger, with writes to the tables public pages may read: every table of this schema except
// those below (no public page reads them), SQLite's own and the search index's shadow tables (the search index is
// written with the product versions it indexes).

const NO_PUBLIC_PAGE_READS = [
  'session',
  'audit_log',
  'audit_log_prune_permit',
  'email_token',
  'recovery_code',
  'rate_limit_event',
  'outbound_email',
  'notification_opt_out',
  'housekeeping_run',
  'kysely_migration',
  'kysely_migration_lock',
]

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table public_data_version (id integer primary key check (id = 1), n integer not null)`.execute(db)
  await sql`insert into public_data_version (id, n) values (1, 0)`.execute(db)
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'product_search%'
      and name != 'public_data_version'
    order by name`.execute(db)
  for (const { name } of rows) {
    if (NO_PUBLIC_PAGE_READS.includes(name)) continue
    for (const event of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `create trigger ${name}_${event}_public_data_version after ${event} on ${name}
           begin update public_data_version set n = n + 1 where id = 1; end`,
        )
        .execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'trigger' and name like '%_public_data_version'`.execute(db)
  for (const { name } of rows) await sql.raw(`drop trigger ${name}`).execute(db)
  await sql`drop table public_data_version`.execute(db)
}
