import { getDb } from '../../db/client'

// When each periodic housekeeping job last ran to the end (server/housekeeping.ts decides from it when a job is due).

export async function lastCompletedRun(job: string): Promise<Date | null> {
  const row = await getDb()
    .selectFrom('housekeeping_run')
    .select('completed_at')
    .where('job', '=', job)
    .executeTakeFirst()
  return row ? new Date(row.completed_at) : null
}

export async function recordCompletedRun(job: string, at: Date) {
  await getDb()
    .insertInto('housekeeping_run')
    .values({ job, completed_at: at.toISOString() })
    .onConflict((oc) => oc.column('job').doUpdateSet({ completed_at: at.toISOString() }))
    .execute()
}
