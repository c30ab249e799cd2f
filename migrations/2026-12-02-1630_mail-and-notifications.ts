import { sql, type Kysely } from 'kysely'

// E-mail (issue 11): a language and a confirmed address per user; single-use tokens for password reset and address
// confirmation (only their SHA-256 hash is stored, as for sessions); the outgoing mail queue, which is also the demo
// outbox; and the notification kinds a user has turned off.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('user')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('nb').check(sql`locale in ('nb', 'en')`))
    .execute()
  // Only a self sign-up must confirm its address (it inserts 0): staff accounts are created by an admin, and every
  // account from before this migration was already trusted as it was.
  await db.schema
    .alterTable('user')
    .addColumn('email_confirmed', 'integer', (c) => c.notNull().defaultTo(1).check(sql`email_confirmed in (0, 1)`))
    .execute()

  await db.schema
    .createTable('email_token')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('password_reset', 'email_confirmation')`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('email_token_user_idx').on('email_token').columns(['user_id', 'purpose']).execute()

  await db.schema
    .createTable('outbound_email')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('nb', 'en')`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    // One digest per user and month, for example: a second insert with the same key is ignored.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'sent', 'outbox', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema
    .createIndex('outbound_email_due_idx')
    .on('outbound_email')
    .columns(['status', 'next_attempt_at'])
    .execute()

  await db.schema
    .createTable('notification_opt_out')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_opt_out_pk', ['user_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notification_opt_out', 'outbound_email', 'email_token']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.alterTable('user').dropColumn('email_confirmed').execute()
  await db.schema.alterTable('user').dropColumn('locale').execute()
}
