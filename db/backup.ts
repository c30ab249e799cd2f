import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'

// Online backup and offline restore of one deployment: the SQLite database and the dossier files stored beside it
// (app/utils/attachment-storage.server.ts keeps them in <database folder>/attachments). README "Scale and operations".

export const BACKUP_DATABASE = 'erfaringsbanken.sqlite'
export const BACKUP_ATTACHMENTS = 'attachments'
export const BACKUP_MANIFEST = 'manifest.json'
const STORED_NAME = /^[0-9a-f]{32}$/

export interface BackupManifest {
  format: 1
  createdAt: string
  source: string
  migrations: string[]
  rows: Record<string, number>
  attachments: Array<{ storedName: string; sha256: string; sizeBytes: number }>
}

export class BackupError extends Error {}

const attachmentsDirOf = (databasePath: string) => join(dirname(resolve(databasePath)), BACKUP_ATTACHMENTS)
const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const COUNTED = ['user', 'product', 'product_version', 'dossier_attachment', 'procurement', 'experience_report']

function countRows(db: Database.Database): Record<string, number> {
  return Object.fromEntries(
    COUNTED.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
  )
}

/**
 * Takes a consistent backup of the running deployment into `dir` (which must not hold a backup already). The database
 * is copied with SQLite's online backup API in one step, so the copy is one snapshot however busy the server is
 * (WAL: the server's writers are not blocked). Dossier files are stored before their row is committed and removed
 * after their row is deleted, so: copy the files present now, snapshot the database, copy the files that arrived in
 * between, and keep exactly the files the snapshot refers to, each checked against its SHA-256.
 */
export async function backupDatabase(databasePath: string, dir: string): Promise<BackupManifest> {
  const source = resolve(databasePath)
  if (!existsSync(source)) throw new BackupError(`No database at ${source} (set DATABASE_PATH).`)
  const target = resolve(dir)
  if (existsSync(join(target, BACKUP_MANIFEST)) || existsSync(join(target, BACKUP_DATABASE))) {
    throw new BackupError(`${target} already holds a backup; choose a new folder.`)
  }
  const filesDir = join(target, BACKUP_ATTACHMENTS)
  mkdirSync(filesDir, { recursive: true, mode: 0o700 })
  const liveFiles = attachmentsDirOf(source)
  const copyFile = (name: string) => {
    const from = join(liveFiles, name)
    if (!existsSync(from)) return false
    copyFileSync(from, join(filesDir, name))
    return true
  }
  const present = existsSync(liveFiles) ? readdirSync(liveFiles).filter((n) => STORED_NAME.test(n)) : []
  for (const name of present) copyFile(name)

  const live = new Database(source, { fileMustExist: true })
  live.pragma('busy_timeout = 5000')
  const databaseCopy = join(target, BACKUP_DATABASE)
  try {
    // All pages in one step: one read transaction, one snapshot, no restarts when the server writes meanwhile.
    await live.backup(databaseCopy, { progress: () => 0x7fffffff })
  } finally {
    live.close()
  }

  const copy = new Database(databaseCopy)
  try {
    copy.pragma('journal_mode = DELETE')
    const problems = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).filter(
      (r) => r.integrity_check !== 'ok',
    )
    if (problems.length > 0)
      throw new BackupError(`The backup copy fails integrity_check: ${problems[0]?.integrity_check}`)
    const rows = copy
      .prepare('select stored_name as storedName, sha256, size_bytes as sizeBytes from dossier_attachment order by id')
      .all() as BackupManifest['attachments']
    const wanted = new Set(rows.map((r) => r.storedName))
    for (const name of readdirSync(filesDir)) if (!wanted.has(name)) rmSync(join(filesDir, name))
    const missing: string[] = []
    for (const row of rows) {
      const path = join(filesDir, row.storedName)
      if (!existsSync(path) && !copyFile(row.storedName)) missing.push(row.storedName)
      else if (sha256File(path) !== row.sha256) missing.push(`${row.storedName} (SHA-256 differs)`)
    }
    if (missing.length > 0) {
      throw new BackupError(
        `${missing.length} dossier file(s) referenced by the snapshot could not be copied (${missing.slice(0, 3).join(', ')}): ` +
          'deleted or changed while the backup ran. Run the backup again.',
      )
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      source,
      migrations: (
        copy.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>
      ).map((r) => r.name),
      rows: countRows(copy),
      attachments: rows,
    }
    writeFileSync(join(target, BACKUP_MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 })
    return manifest
  } finally {
    copy.close()
  }
}

/** Checks a backup folder: the manifest, the database's integrity and every dossier file's SHA-256. */
export function verifyBackup(dir: string): BackupManifest {
  const source = resolve(dir)
  const manifestPath = join(source, BACKUP_MANIFEST)
  if (!existsSync(manifestPath) || !existsSync(join(source, BACKUP_DATABASE))) {
    throw new BackupError(`${source} is not a backup made by npm run db:backup (no ${BACKUP_MANIFEST} or database).`)
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest
  const db = new Database(join(source, BACKUP_DATABASE), { readonly: true, fileMustExist: true })
  try {
    const result = db.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new BackupError(`The backup's database fails integrity_check: ${String(result)}`)
  } finally {
    db.close()
  }
  for (const a of manifest.attachments) {
    const path = join(source, BACKUP_ATTACHMENTS, a.storedName)
    if (!existsSync(path) || sha256File(path) !== a.sha256) {
      throw new BackupError(`The backup's dossier file ${a.storedName} is missing or damaged.`)
    }
  }
  return manifest
}

/** Refuses when another process has the database open (a running server): it holds the WAL's shared memory, so an
 * exclusive lock cannot be had. */
export function assertNotInUse(databasePath: string) {
  if (!existsSync(databasePath)) return
  let db: Database.Database | undefined
  try {
    db = new Database(databasePath, { timeout: 0, fileMustExist: true })
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('begin exclusive')
    db.exec('commit')
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new BackupError(
        `The database at ${databasePath} is in use by another process (is the server running?). ` +
          'Stop the server, then run db:restore again.',
      )
    }
    throw error
  } finally {
    db?.close()
  }
}

/**
 * Restores a backup into a stopped instance at `databasePath`: verifies the backup, refuses if the database is in use,
 * moves the current database and dossier files aside (`*.pre-restore-<time>`, never deleted), then puts the backup's
 * copies in place with renames.
 */
export function restoreDatabase(dir: string, databasePath: string): { manifest: BackupManifest; keptAside: string[] } {
  const manifest = verifyBackup(dir)
  const target = resolve(databasePath)
  assertNotInUse(target)
  mkdirSync(dirname(target), { recursive: true })
  const filesTarget = attachmentsDirOf(target)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')

  // Stage next to the target (same file system, so the final steps are renames).
  const stagedDb = `${target}.restoring`
  const stagedFiles = `${filesTarget}.restoring`
  rmSync(stagedDb, { force: true })
  rmSync(stagedFiles, { recursive: true, force: true })
  copyFileSync(join(resolve(dir), BACKUP_DATABASE), stagedDb)
  mkdirSync(stagedFiles, { recursive: true, mode: 0o700 })
  for (const a of manifest.attachments) {
    copyFileSync(join(resolve(dir), BACKUP_ATTACHMENTS, a.storedName), join(stagedFiles, a.storedName))
  }

  assertNotInUse(target)
  const keptAside: string[] = []
  const moveAside = (path: string) => {
    if (!existsSync(path)) return
    const aside = `${path}.pre-restore-${stamp}`
    renameSync(path, aside)
    keptAside.push(aside)
  }
  // A clean shutdown leaves no -wal; if one is there, it belongs to the old database and goes aside with it.
  moveAside(`${target}-wal`)
  moveAside(`${target}-shm`)
  moveAside(target)
  moveAside(filesTarget)
  renameSync(stagedDb, target)
  renameSync(stagedFiles, filesTarget)

  const restored = new Database(target, { fileMustExist: true })
  try {
    restored.pragma('journal_mode = WAL')
    const rows = countRows(restored)
    for (const [table, n] of Object.entries(manifest.rows)) {
      if (rows[table] !== n) throw new BackupError(`Restored ${table} has ${rows[table]} rows, the backup ${n}.`)
    }
  } finally {
    restored.close()
  }
  return { manifest, keptAside }
}

/** For messages: the size of the backup's files. */
export function backupSize(dir: string): number {
  const root = resolve(dir)
  const db = statSync(join(root, BACKUP_DATABASE)).size
  const files = join(root, BACKUP_ATTACHMENTS)
  return db + (existsSync(files) ? readdirSync(files).reduce((s, n) => s + statSync(join(files, n)).size, 0) : 0)
}
