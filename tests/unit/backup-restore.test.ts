import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDatabase } from '../helpers/generated-db'
import { BackupError, backupDatabase, restoreDatabase } from '../../db/backup'

// Backup and restore (README "Scale and operations"): a generated database with stored dossier files, backed up
// online and restored into a stopped instance; then the same under a writing process.

const root = mkdtempSync(join(tmpdir(), 'eb-backup-'))
const live = join(root, 'live', 'erfaringsbanken.sqlite')
const children: ChildProcess[] = []

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

function snapshot(path: string) {
  const db = new Database(path, { readonly: true })
  try {
    const tables = ['organisation', 'user', 'product', 'product_version', 'procurement', 'experience_report']
    return {
      counts: Object.fromEntries(
        tables.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
      ),
      reports: db.prepare('select * from experience_report order by id').all(),
      attachments: db.prepare('select stored_name, sha256 from dossier_attachment order by id').all() as Array<{
        stored_name: string
        sha256: string
      }>,
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeys: db.pragma('foreign_key_check') as unknown[],
      markers: db
        .prepare(`select key, count(*) as n from rate_limit_event where key like 'load:%' group by key`)
        .all() as Array<{ key: string; n: number }>,
    }
  } finally {
    db.close()
  }
}

function startWriter(path: string, versionId: number, userId: number): Promise<ChildProcess> {
  const child = spawn(
    'node_modules/.bin/tsx',
    ['tests/helpers/write-load.ts', path, String(versionId), String(userId)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`writer exited with ${code}`)))
  })
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

beforeAll(async () => {
  await generateDatabase(live, { seed: 7, scale: 0.1 })
}, 180_000)

afterAll(async () => {
  await Promise.all(children.map(stop))
  rmSync(root, { recursive: true, force: true })
})

describe('db:backup and db:restore', () => {
  it('round-trips the data and the dossier files, and keeps the replaced files aside', async () => {
    const before = snapshot(live)
    expect(before.attachments.length).toBeGreaterThan(0)
    const backup = join(root, 'backup-1')
    const manifest = await backupDatabase(live, backup)
    expect(manifest.attachments).toHaveLength(before.attachments.length)

    // Restore into another stopped instance: the same rows, the same files, byte for byte.
    const other = join(root, 'other', 'db.sqlite')
    restoreDatabase(backup, other)
    const restored = snapshot(other)
    expect(restored.counts).toEqual(before.counts)
    expect(restored.reports).toEqual(before.reports)
    expect(restored.attachments).toEqual(before.attachments)
    for (const a of restored.attachments)
      expect(sha256(join(root, 'other', 'attachments', a.stored_name))).toBe(a.sha256)
    expect(restored.integrity).toBe('ok')

    // Restoring over an instance moves its files aside instead of deleting them.
    const again = restoreDatabase(backup, other)
    expect(again.keptAside.some((p) => p.includes('db.sqlite.pre-restore-'))).toBe(true)
    expect(again.keptAside.some((p) => p.includes('attachments.pre-restore-'))).toBe(true)
  }, 60_000)

  it('refuses a folder that already holds a backup, and a folder that is not a backup', async () => {
    const backup = join(root, 'backup-2')
    await backupDatabase(live, backup)
    await expect(backupDatabase(live, backup)).rejects.toThrow(BackupError)
    expect(() => restoreDatabase(join(root, 'live'), join(root, 'x', 'db.sqlite'))).toThrow(/not a backup/)
  }, 60_000)

  it('takes a consistent backup while another process writes, and refuses to restore into the running instance', async () => {
    const db = new Database(live, { readonly: true })
    const { versionId, userId } = db
      .prepare(`select version_id as versionId, uploaded_by as userId from dossier_attachment order by id limit 1`)
      .get() as { versionId: number; userId: number }
    db.close()
    const writer = await startWriter(live, versionId, userId)
    for (let i = 0; i < 200 && snapshot(live).markers.length < 5; i++) await new Promise((r) => setTimeout(r, 50))

    const backup = join(root, 'backup-load')
    await backupDatabase(live, backup)
    // The instance is in use: restore refuses with a clear message and leaves it alone.
    expect(() => restoreDatabase(backup, live)).toThrow(/in use by another process \(is the server running\?\)/)
    // The writer goes on after the snapshot (so it was writing while the backup ran).
    const markersInBackup = snapshot(join(backup, 'erfaringsbanken.sqlite')).markers.length
    for (let i = 0; i < 100 && snapshot(live).markers.length <= markersInBackup; i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    await stop(writer)

    const target = join(root, 'restored-load', 'db.sqlite')
    restoreDatabase(backup, target)
    const restored = snapshot(target)
    expect(restored.integrity).toBe('ok')
    expect(restored.foreignKeys).toEqual([])
    // The writer committed while the backup ran; the copy holds whole transactions only.
    expect(restored.markers.length).toBeGreaterThan(0)
    expect(restored.markers.every((m) => m.n === 10)).toBe(true)
    // Every attachment row has its file, and the backup holds no file without a row.
    const files = readdirSync(join(root, 'restored-load', 'attachments'))
    expect(files.sort()).toEqual(restored.attachments.map((a) => a.stored_name).sort())
    for (const a of restored.attachments) {
      expect(existsSync(join(root, 'restored-load', 'attachments', a.stored_name))).toBe(true)
      expect(sha256(join(root, 'restored-load', 'attachments', a.stored_name))).toBe(a.sha256)
    }
    expect(restored.markers.length).toBe(markersInBackup)
    expect(snapshot(live).markers.length).toBeGreaterThan(restored.markers.length)
  }, 180_000)
})
