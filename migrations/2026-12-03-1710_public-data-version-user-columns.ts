import { sql, type Kysely } from 'kysely'

// The public data version (db/public-data-version.ts): a sign-in with two-factor writes `user.totp_last_step` (a code
// is used once), and changing a password or enrolling two-factor writes the other secrets. No page shows them, but
// the update trigger of 2026-12-03-1700 fired for every column, so each such sign-in dropped the visitors' pages. The
// update trigger now fires for the columns a page may show only.

// As db/public-data-version.ts COLUMNS_NO_PAGE_SHOWS.user says today (a migration keeps its own copy: it never changes).
const SECRET_COLUMNS = ['password_hash', 'totp_key', 'totp_enabled_at', 'totp_last_step', 'password_changed_at']

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info('user') order by cid`.execute(db)
  const shown = rows.map((r) => r.name).filter((name) => !SECRET_COLUMNS.includes(name))
  await sql`drop trigger user_update_public_data_version`.execute(db)
  await sql
    .raw(
      `create trigger user_update_public_data_version after update of ${shown.join(', ')} on user
       begin update public_data_version set n = n + 1 where id = 1; end`,
    )
    .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger user_update_public_data_version`.execute(db)
  await sql
    .raw(
      `create trigger user_update_public_data_version after update on user
       begin update public_data_version set n = n + 1 where id = 1; end`,
    )
    .execute(db)
}
