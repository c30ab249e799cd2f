import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { DB } from '../../db/schema'

/**
 * Writes a generated database (npm run data:generate) to `out`: a small scale by default, dated 2026-12-01 so that the
 * same seed gives the same rows. Run as the CLI, because the migrations are TypeScript loaded by path.
 */
export async function generateDatabase(out: string, { seed, scale = 0.05 }: { seed: number; scale?: number }) {
  await promisify(execFile)('node_modules/.bin/tsx', [
    'scripts/data-generate.ts',
    '--scale',
    String(scale),
    '--seed',
    String(seed),
    '--today',
    '2026-12-01',
    '--out',
    out,
  ])
}

/** A generated database in a directory of its own, open with better-sqlite3 and Kysely; `close` closes and removes
 * both (the directory is there for copies the test makes). */
export async function openGeneratedDatabase(seed: number) {
  const root = mkdtempSync(join(tmpdir(), 'eb-generated-'))
  const path = join(root, 'db.sqlite')
  await generateDatabase(path, { seed })
  const sqlite = new Database(path)
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  const close = async () => {
    await db.destroy()
    rmSync(root, { recursive: true, force: true })
  }
  return { root, path, sqlite, db, close }
}
