import type { Kysely } from 'kysely'

// When each periodic housekeeping job last ran to the end (server/housekeeping.ts). The server used to run every
// catch-up before it listened, on every start; at ten times national scale that took minutes. With this record a
// start runs only the jobs that are due (never run on this database, or last run longer ago than their interval),
// and runs them after it listens. A database without rows (older data, a restore, a generated database) runs each
// job once soon after start.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('housekeeping_run')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('housekeeping_run').execute()
}
