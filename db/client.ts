import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { DB } from './schema'

export type Db = Kysely<DB>

export function openSqlite(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Every acknowledged commit is on disk before the answer leaves: docs/decisions/013-durability-synchronous-full.md.
  sqlite.pragma('synchronous = FULL')
  return sqlite
}

export function openDatabase(path: string): Db {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: openSqlite(path) }) })
}

// One connection per process and path. It lives on globalThis so that the server entry (run by tsx) and the
// bundled app share it, and so it survives dev-server reloads.
const registry = globalThis as typeof globalThis & { __erfaringsbankenDb?: { path: string; db: Db } }

export function getDb(): Db {
  const path = process.env.DATABASE_PATH || './data/erfaringsbanken.sqlite'
  const current = registry.__erfaringsbankenDb
  if (current && current.path === path) return current.db
  const db = openDatabase(path)
  registry.__erfaringsbankenDb = { path, db }
  return db
}

export async function closeDb() {
  const current = registry.__erfaringsbankenDb
  registry.__erfaringsbankenDb = undefined
  await current?.db.destroy()
}
