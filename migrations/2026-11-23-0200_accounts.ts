import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('municipality', 'supplier', 'coordinating_body')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality_number', 'text', (c) => c.references('municipality.number').unique())
    .addColumn('org_number', 'text', (c) => c.unique().check(sql`org_number is null or length(org_number) = 9`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'verified', 'rejected')`))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .addCheckConstraint(
      'organisation_identity',
      sql`(kind = 'municipality' and municipality_number is not null and org_number is null)
       or (kind = 'supplier' and org_number is not null and municipality_number is null)
       or (kind = 'coordinating_body' and municipality_number is null)`,
    )
    .execute()
  await db.schema.createIndex('organisation_status_idx').on('organisation').columns(['status', 'created_at']).execute()

  await db.schema
    .createTable('user')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('buyer', 'supplier', 'coordinator', 'admin')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'verified', 'rejected')`))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
    .addColumn('totp_key', 'blob')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('password_changed_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .execute()
  await db.schema.createIndex('user_organisation_idx').on('user').columns(['organisation_id', 'status']).execute()
  await db.schema.createIndex('user_status_idx').on('user').columns(['status', 'created_at']).execute()

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('recovery_code_user_idx').on('recovery_code').column('user_id').execute()

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token, hex; the token itself is never stored
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('idle_expires_at', 'text', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'text', (c) => c.notNull())
    .addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute()
  await db.schema.createIndex('session_idle_expiry_idx').on('session').column('idle_expires_at').execute()

  // Failed sign-ins and sign-ups per key ("account:<email>", "ip:<address>", "signup-ip:<address>").
  await db.schema
    .createTable('rate_limit_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_limit_event_key_idx').on('rate_limit_event').columns(['key', 'created_at']).execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .addColumn('actor_user_id', 'integer', (c) => c.references('user.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text')
    .execute()
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute()
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at']).execute()
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_user_id', 'at']).execute()
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id']).execute()
  // Append-only, enforced by the database itself.
  await sql`create trigger audit_log_no_update before update on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
  await sql`create trigger audit_log_no_delete before delete on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)

  await db
    .insertInto('organisation')
    .values({ kind: 'coordinating_body', name: 'Nasjonal koordinering', status: 'verified' })
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'rate_limit_event', 'session', 'recovery_code', 'user', 'organisation']) {
    await db.schema.dropTable(table).execute()
  }
}
