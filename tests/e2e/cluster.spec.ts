import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_RATE_LIMIT } from '../../app/api/http.server'
import { createSession } from '../../app/utils/session.server'
import { closeDb, getDb } from '../../db/client'
import { exited, freePort, killGroup, processTree, startServer, type RunningServer } from '../../scripts/support/server'
import { criterionForm } from './support/forms'
import { DEMO } from './support/sessions'

// The server as one worker per core (server.ts, server/cluster.ts, docs/decisions/017-worker-per-core.md), with two
// workers whatever the machine has. Each request below that must reach both workers goes on a connection of its own:
// the primary hands new connections to the workers in turn.

const dir = mkdtempSync(join(tmpdir(), 'eb-cluster-'))
const databasePath = join(dir, 'cluster.sqlite')
let server: RunningServer

const start = async () =>
  startServer({ databasePath, port: await freePort(), demo: true, env: { WEB_CONCURRENCY: '2' } })

/** One request on a new connection (no keep-alive), so that consecutive requests go to different workers. */
function fresh(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(`${server.baseURL}${path}`, { agent: false, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    },
  )
}

const workers = () => processTree(server.child.pid).slice(1)
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')

async function until(check: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeAll(async () => {
  server = await start()
  await until(() => server.output().includes('is running on'))
  process.env.DATABASE_PATH = databasePath
})

afterAll(async () => {
  await closeDb()
  killGroup(server.child, 'SIGKILL')
  await exited(server.child)
  rmSync(dir, { recursive: true, force: true })
})

describe('one worker per core', () => {
  it('starts two workers, and says it listens and shows the demo accounts once', () => {
    expect(workers()).toHaveLength(2)
    expect(server.output().match(/is running on .*2 workers; listening after \d+ ms, \d+ ms CPU/g)).toHaveLength(1)
    expect(server.output().match(/Demo accounts/g)).toHaveLength(1)
  })

  it('counts the API rate limit across workers: one address gets the limit, not the limit per worker', async () => {
    for (let i = 0; i < API_RATE_LIMIT.max; i++) expect((await fresh('/api/v1/criteria')).status).toBe(200)
    const limited = await fresh('/api/v1/criteria')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await fresh('/api/v1/criteria')).status).toBe(429)
  })

  it('a write answered by one worker shows at once on the public pages every worker has stored', async () => {
    // The session first, and this test's connection closed: after that only the workers write.
    const user = await getDb().selectFrom('user').select('id').where('email', '=', DEMO.coordinator).executeTakeFirst()
    const { token } = await createSession(user!.id, { ip: '127.0.0.1', userAgent: 'e2e', twoFactorVerified: true })
    await closeDb()
    // Both workers store the page (new connections alternate between them) and answer from it.
    for (let i = 0; i < 2; i++) await fresh('/kriterier')
    expect((await fresh('/kriterier')).headers['x-page-cache']).toBe('hit')
    expect((await fresh('/kriterier')).headers['x-page-cache']).toBe('hit')
    const name = `Universell utforming i klyngen ${Date.now()}`
    const saved = await fetch(`${server.baseURL}/koordinator/kriterier`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: server.baseURL,
        cookie: `eb_session=${token}`,
      },
      body: criterionForm(name),
      redirect: 'manual',
    })
    expect(saved.status).toBe(302)
    // The write moved the public data version in the database (a trigger): both workers see it.
    for (let i = 0; i < 2; i++) {
      const page = await fresh('/kriterier')
      expect(page.headers['x-page-cache']).toBe('miss')
      expect(page.body).toContain(name)
    }
  })

  it('replaces a worker that dies, and keeps answering', async () => {
    const [victim, other] = workers()
    process.kill(victim!, 'SIGKILL')
    await until(() => workers().length === 2 && !workers().includes(victim!))
    expect(workers()).toContain(other)
    expect(server.output()).toMatch(new RegExp(`Worker ${victim} exited on SIGKILL; starting a new one`))
    await until(() => server.output().match(/is running on/g)?.length === 1)
    for (let i = 0; i < 4; i++) expect((await fresh('/register')).status).toBe(200)
  })

  it('stops every worker on SIGTERM, and the last connection to close checkpoints the WAL', async () => {
    const pids = workers()
    process.kill(server.child.pid!, 'SIGTERM')
    await exited(server.child)
    expect(server.child.exitCode).toBe(0)
    for (const pid of pids) expect(alive(pid)).toBe(false)
    // The last connection to close (the primary's) checkpointed the WAL into the database file and removed it.
    expect(existsSync(`${databasePath}-wal`)).toBe(false)
  })

  it('leaves no worker holding the port when the primary is killed with SIGKILL', async () => {
    server = await start()
    await until(() => workers().length === 2)
    const pids = workers()
    process.kill(server.child.pid!, 'SIGKILL')
    await exited(server.child)
    await until(() => pids.every((pid) => !alive(pid)), 10_000)
    await expect(fresh('/register')).rejects.toThrow(/ECONNREFUSED/)
  })
})
