import { sql, type Kysely } from 'kysely'

// Coordinators restore hidden content (issue 10, deliverable 7): each restoration is kept, with who, when and why, so
// the author and the people who flagged it can see that the item is back and the reason. The content's own hidden
// columns are cleared; its flags keep their decision (the history of what was decided stays as it was).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('moderation_restoration')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('experience', 'reply')`))
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('restored_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('restored_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .execute()
  await db.schema
    .createIndex('moderation_restoration_target_idx')
    .on('moderation_restoration')
    .columns(['target_type', 'target_id', 'restored_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('moderation_restoration').execute()
}
