import { FileMigrationProvider, Migrator, type Kysely, type MigrationResult } from 'kysely'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { updateStatistics } from './client'

export const migrationFolder = fileURLToPath(new URL('../migrations', import.meta.url))

export function createMigrator(db: Kysely<any>) {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  })
}

/** Runs every pending migration, then brings the planner's statistics up to date (a no-op when they are); throws with
 * the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    const name = failed ? ` in ${failed.migrationName}` : ''
    throw new Error(`Migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  await updateStatistics(db)
  return results ?? []
}
