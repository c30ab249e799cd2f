import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

// A separate process writing to a database the way the app does, for the backup test: each transaction stores a
// dossier file first (written, then renamed), then commits its row together with ten marker rows
// (rate_limit_event, key `load:<n>`); every fifth transaction also deletes an earlier attachment, row first and file
// after the commit. A consistent snapshot has ten markers per key and a file for every attachment row.
// Usage: tsx tests/helpers/write-load.ts DATABASE VERSION_ID USER_ID
const [path = '', versionId = '0', userId = '0'] = process.argv.slice(2)
const db = new Database(path, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
const files = join(dirname(resolve(path)), 'attachments')
mkdirSync(files, { recursive: true })
const insertAttachment = db.prepare(
  `insert into dossier_attachment (version_id, original_filename, stored_name, size_bytes, sha256, uploaded_by)
   values (?, ?, ?, ?, ?, ?)`,
)
const insertMarker = db.prepare('insert into rate_limit_event (key, created_at) values (?, ?)')
const oldest = db.prepare(
  `select id, stored_name from dossier_attachment where original_filename like 'load-%' order by id limit 1`,
)
const remove = db.prepare('delete from dossier_attachment where id = ?')

let n = 0
process.on('SIGTERM', () => {
  db.close()
  process.exit(0)
})
console.log('ready')
for (;;) {
  n += 1
  const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n% load ${n}\n`), randomBytes(2048)])
  const storedName = randomBytes(16).toString('hex')
  writeFileSync(join(files, `${storedName}.part`), bytes)
  renameSync(join(files, `${storedName}.part`), join(files, storedName))
  const sha = createHash('sha256').update(bytes).digest('hex')
  let removed: string | undefined
  db.transaction(() => {
    insertAttachment.run(Number(versionId), `load-${n}.pdf`, storedName, bytes.length, sha, Number(userId))
    for (let i = 0; i < 10; i++) insertMarker.run(`load:${n}`, new Date().toISOString())
    if (n % 5 === 0) {
      const row = oldest.get() as { id: number; stored_name: string } | undefined
      if (row) {
        remove.run(row.id)
        removed = row.stored_name
      }
    }
  })()
  if (removed) rmSync(join(files, removed), { force: true })
  if (n % 20 === 0) await new Promise((r) => setImmediate(r))
}
