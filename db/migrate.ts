import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { updateStatistics } from './client'

// In the compiled server (build/server.js, one level deep like db/) this resolves to the same folder.
export const migrationFolder = fileURLToPath(new URL('../migrations', import.meta.url))

// Each migration is imported through one template-literal path rather than by file path (Kysely's
// FileMigrationProvider): esbuild then bundles every migration into the compiled server, which runs on plain node
// without a TypeScript loader, while tsx and Vitest import the same path from the source folder.
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const names = readdirSync(migrationFolder)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => file.slice(0, -'.ts'.length))
    const migrations: Record<string, Migration> = {}
    for (const name of names) migrations[name] = (await import(`../migrations/${name}.ts`)) as Migration
    return migrations
  },
}

export function createMigrator(db: Kysely<any>) {
  return new Migrator({ db, provider: folderProvider })
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
