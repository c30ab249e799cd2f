import { sql, type Kysely } from 'kysely'

// Issue 11: the audit log is kept for five years (the privacy statement, /personvern) and then pruned. The log stays
// append-only for everything else: the delete trigger now lets a row go only when both hold:
// - a prune permit exists (a row in audit_log_prune_permit, which the one prune path, pruneAuditLog in
//   app/models/retention.server.ts, inserts and deletes again inside the same transaction), and
// - the row is more than five years old by the database's own clock.
// So a stray `delete from audit_log` is refused as before, and even the prune path cannot remove anything younger
// than the promised period. Changing the period is a new migration (and a new privacy statement).
// Updates stay refused without exception.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log_prune_permit')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute()
  await sql`drop trigger audit_log_no_delete`.execute(db)
  await sql`create trigger audit_log_no_delete before delete on audit_log
            when not (exists (select 1 from audit_log_prune_permit)
                      and old.at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 years'))
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_log_no_delete`.execute(db)
  await sql`create trigger audit_log_no_delete before delete on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
  await db.schema.dropTable('audit_log_prune_permit').execute()
}
