import { spawn, spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { databaseChangeToken, getDb, getSqlite } from '../../db/client'
import { publicDataVersionReader } from '../../db/public-data-version'

// The server runs one process per core (server.ts, docs/decisions/017-worker-per-core.md), each with its own connection
// to the one database file. What every process keeps in memory about the data must notice another process's commit,
// and writers in several processes must wait for each other instead of failing.

const path = () => process.env.DATABASE_PATH!

/** Commits one row from another process, as another worker (or a command-line script) would. */
function commitElsewhere(key: string) {
  const script = `const D = require('better-sqlite3'); const d = new D(process.argv[1]); d.pragma('busy_timeout = 5000');
    d.prepare('insert into rate_limit_event (key, created_at) values (?, ?)').run(process.argv[2], new Date().toISOString()); d.close()`
  const result = spawnSync(process.execPath, ['-e', script, path(), key], { encoding: 'utf8' })
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
}

describe('several processes on one database', () => {
  it("moves PRAGMA data_version and databaseChangeToken (the memos') on another process's commit", async () => {
    await getDb().selectFrom('user').select('id').limit(1).execute()
    const version = () => getSqlite().pragma('data_version', { simple: true }) as number
    const [versionBefore, tokenBefore] = [version(), databaseChangeToken()]
    // Reading does not move them.
    await getDb().selectFrom('user').select('id').limit(1).execute()
    expect([version(), databaseChangeToken()]).toEqual([versionBefore, tokenBefore])
    commitElsewhere('other-process')
    expect(version()).not.toBe(versionBefore)
    expect(databaseChangeToken()).not.toBe(tokenBefore)
  })

  it("moves the public page cache's version on another process's write to a public table only", async () => {
    const publicVersion = publicDataVersionReader(getSqlite())
    const before = publicVersion()
    commitElsewhere('no-public-page-reads-this')
    expect(publicVersion()).toBe(before)
    const script = `const D = require('better-sqlite3'); const d = new D(process.argv[1]); d.pragma('busy_timeout = 5000');
      d.prepare("update assessment_criterion set name_nb = name_nb || ' '").run(); d.close()`
    expect(spawnSync(process.execPath, ['-e', script, path()], { encoding: 'utf8' }).status).toBe(0)
    expect(publicVersion()).toBeGreaterThan(before ?? Infinity)
  })

  it('lets transactions that read, then write, in three processes at once all commit (none fails with SQLITE_BUSY)', async () => {
    const run = (label: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn('node_modules/.bin/tsx', ['tests/helpers/transaction-load.ts', path(), label, '40'])
        let stderr = ''
        child.stderr.on('data', (d) => (stderr += d))
        child.on('exit', (code) => resolve({ code, stderr }))
      })
    const results = await Promise.all(['a', 'b', 'c'].map(run))
    for (const result of results) expect(result).toEqual({ code: 0, stderr: '' })
    const rows = await getDb()
      .selectFrom('rate_limit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'like', 'tx:%')
      .executeTakeFirstOrThrow()
    expect(rows.n).toBe(120)
  }, 60_000)
})
