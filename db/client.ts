import Database from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { DB } from './schema'
import { publicDataVersionReader } from './public-data-version'

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

/**
 * Keeps the query planner's statistics (sqlite_stat1) current, so that it starts from the narrow side of a join (a
 * product's handful of procurements, not every accepted participation in the country). `PRAGMA optimize` analyses a
 * table only when it has never been analysed or has grown or shrunk 25-fold since, and is a no-op (well under a
 * millisecond) otherwise. The analysis is exact (no analysis_limit): a sampled one misjudges low-cardinality leading
 * columns such as `status`, and the planner then takes the status index for a selective one. Run after migrations
 * (db/migrate.ts), every hour by the server, and by the data generator at the end of a bulk load.
 */
export async function updateStatistics(db: Kysely<any>) {
  await sql`pragma optimize = 0x10002`.execute(db)
}

/**
 * The connection as Kysely sees it, with each prepared statement kept by its SQL text. Kysely prepares every query
 * afresh, and SQLite's parsing and planning cost more than most of the app's indexed lookups themselves; a signed-in
 * page runs twenty such queries. Bounded, oldest out first: lists written as `in (?, ?, …)` make new texts. Safe to
 * reuse: better-sqlite3 runs each statement to the end synchronously (Kysely streams nothing here).
 */
export function withStatementCache(sqlite: Database.Database, max = 1000): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text)
      if (!statement) {
        statement = sqlite.prepare(text)
        if (statements.size >= max) statements.delete(statements.keys().next().value as string)
        statements.set(text, statement)
      }
      return statement
    },
  }
}

/**
 * Kysely's SQLite dialect, with every transaction started as BEGIN IMMEDIATE: it takes the write lock first, waiting
 * for it (busy_timeout) while another process writes. Kysely's plain BEGIN reads first and asks for the lock at the
 * first write; if another connection committed in between, SQLite refuses at once with SQLITE_BUSY (its snapshot is
 * stale, and waiting cannot help). Within one process the single connection serialises transactions anyway, but the
 * server runs a process per core (server.ts) and the command-line scripts write alongside it. Every transaction in
 * the app writes, so taking the lock up front costs nothing.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config)
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

export function openDatabase(path: string): Db {
  return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(path)) }) })
}

// One connection per process and path. It lives on globalThis so that the server entry (run by tsx) and the
// bundled app share it, and so it survives dev-server reloads.
const registry = globalThis as typeof globalThis & {
  __erfaringsbankenDb?: {
    path: string
    db: Db
    sqlite: Database.Database
    serial: number
    /** databaseChangeToken's two reads, prepared once: it runs on every memoized read. */
    dataVersion: Database.Statement
    totalChanges: Database.Statement
    /** contentChangeToken's read, prepared at its first use (the table exists only once the migrations have run). */
    contentVersion?: () => number | null
  }
  __erfaringsbankenDbSerial?: number
}

export function getDb(): Db {
  return connection().db
}

/**
 * The raw connection behind getDb(), for a synchronous read that must not wait behind a transaction in progress on it
 * (the public data version for the public page cache, db/public-data-version.ts). Not for queries: those go through
 * getDb().
 */
export function getSqlite(): Database.Database {
  return connection().sqlite
}

function connection() {
  const path = process.env.DATABASE_PATH || './data/erfaringsbanken.sqlite'
  const current = registry.__erfaringsbankenDb
  if (current && current.path === path) return current
  const sqlite = openSqlite(path)
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) })
  // A new connection starts its counters afresh: the serial keeps databaseChangeToken from repeating an old token.
  const serial = (registry.__erfaringsbankenDbSerial ?? 0) + 1
  registry.__erfaringsbankenDbSerial = serial
  registry.__erfaringsbankenDb = {
    path,
    db,
    sqlite,
    serial,
    dataVersion: sqlite.prepare('pragma data_version').pluck(),
    totalChanges: sqlite.prepare('select total_changes()').pluck(),
  }
  return registry.__erfaringsbankenDb
}

/**
 * A token that moves whenever the database may have changed since it was last read: a commit by another connection
 * (`PRAGMA data_version`) or any row this connection inserted, changed or deleted (`total_changes()`, which also counts
 * changes later rolled back, so it may move without a change but never stays put across one). Both are O(1). For
 * in-process memos of derived reads (app/models/change-memo.server.ts) that must stay exact.
 */
export function databaseChangeToken(): string {
  const { serial, dataVersion, totalChanges } = connection()
  return `${serial}:${dataVersion.get() as number}:${totalChanges.get() as number}`
}

/**
 * A token that moves whenever the content may have changed: the public data version (db/public-data-version.ts), which
 * triggers move in the writing transaction on every table but those that only sessions, sign-in, the audit log and the
 * e-mail queue use, whichever process writes. Unlike databaseChangeToken, a signed-in page view's session touch, a
 * sign-in or an e-mail sent (in any worker) leaves it where it is. Null while this connection is inside a
 * transaction, whose uncommitted moves a rollback could take back. For memos that read none of the exempt tables.
 */
export function contentChangeToken(): string | null {
  const current = connection()
  current.contentVersion ??= publicDataVersionReader(current.sqlite)
  const n = current.contentVersion()
  return n === null ? null : `${current.serial}:${n}`
}

export async function closeDb() {
  const current = registry.__erfaringsbankenDb
  registry.__erfaringsbankenDb = undefined
  await current?.db.destroy()
}
