import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { assertBuilt, exited, freePort, killGroup, signIn, startServer, type RunningServer } from './support/server'

// npm run crashtest [-- --cycles 3 --writers 8]: concurrent writes through the real HTTP actions (buyers registering
// procurements with POST /anskaffelser/ny), the server killed with SIGKILL in the middle, restarted; every write the
// client saw acknowledged (the action's redirect to the new procurement) must be there afterwards, and
// PRAGMA integrity_check must say ok. docs/decisions/013-durability-synchronous-full.md.

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '3' },
    writers: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
  },
})
const cycles = Number(values.cycles)
const writers = Number(values.writers)
assertBuilt()

const dir = mkdtempSync(join(tmpdir(), 'eb-crashtest-'))
const databasePath = join(dir, 'crashtest.sqlite')
const port = await freePort()
const PASSWORD = 'demo-erfaring-2026'
const BUYERS = ['larvik@demo.erfaringsbanken.no', 'bergen@demo.erfaringsbanken.no']

type Ack = { title: string; id: number; ms: number }
const acknowledged: Ack[] = []
let failures = 0

function form(title: string) {
  const body = new URLSearchParams({
    title,
    need: 'Krasjtest: nattlige tilsynsrunder tar mye tid.',
    replacesPractice: '',
    procedure: 'open_tender',
    doffinReference: '',
    contractValueNok: '100000',
    priceTerms: '',
    contractStart: '2025-01-01',
    contractEnd: '2027-12-31',
    commercialTermsVisibility: 'municipalities',
    openForJoining: '',
    internalNotes: '',
    productNames: 'Krasjtestprodukt',
    phase: 'planning',
    usersCount: '10',
    unitsCount: '',
    sitesCount: '',
    goLiveDate: '',
  })
  body.append('careSettings', 'home_care')
  return body
}

async function writeLoop(server: RunningServer, cookie: string, label: string, stop: { now: boolean }) {
  for (let n = 1; !stop.now; n++) {
    const title = `krasjtest ${label} nr ${n}`
    const t = performance.now()
    try {
      const res = await fetch(`${server.baseURL}/anskaffelser/ny`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseURL, Cookie: cookie },
        body: form(title),
        redirect: 'manual',
      })
      const id = Number(/^\/anskaffelser\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1])
      if (res.status === 302 && id > 0) acknowledged.push({ title, id, ms: performance.now() - t })
      else {
        failures += 1
        console.error(`  ${title}: unexpected answer ${res.status}`)
      }
    } catch {
      // The server died under this request: not acknowledged, so either outcome is allowed.
      return
    }
  }
}

function checkDatabase(expected: readonly Ack[]) {
  const db = new Database(databasePath, { fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    const rows = db.prepare(`select id, title from procurement where title like 'krasjtest %'`).all() as Array<{
      id: number
      title: string
    }>
    const present = new Map(rows.map((r) => [r.id, r.title]))
    const lost = expected.filter((a) => present.get(a.id) !== a.title)
    const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length
    return { integrity, lost, stored: rows.length, foreignKeys }
  } finally {
    db.close()
  }
}

let server = await startServer({ databasePath, port, demo: true })
console.log(`Crash test: ${cycles} cycles, ${writers} concurrent writers, database ${databasePath}`)
let lostTotal = 0
let integrityOk = true
for (let cycle = 1; cycle <= cycles; cycle++) {
  const cookies = await Promise.all(BUYERS.map((email) => signIn(server.baseURL, email, PASSWORD)))
  const before = acknowledged.length
  const stop = { now: false }
  const loops = Array.from({ length: writers }, (_, i) =>
    writeLoop(server, cookies[i % cookies.length] ?? '', `${cycle}.${i + 1}`, stop),
  )
  // Kill at a random moment once writes are flowing.
  while (acknowledged.length - before < 20) await new Promise((r) => setTimeout(r, 20))
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 1500))
  killGroup(server.child, 'SIGKILL')
  await exited(server.child)
  stop.now = true
  await Promise.all(loops)
  const result = checkDatabase(acknowledged)
  lostTotal += result.lost.length
  integrityOk &&= result.integrity === 'ok' && result.foreignKeys === 0
  console.log(
    `cycle ${cycle}: SIGKILL after ${acknowledged.length - before} acknowledged writes; ` +
      `${result.stored} stored in total, ${acknowledged.length} acknowledged in total, lost ${result.lost.length}; ` +
      `integrity_check ${result.integrity}, foreign key problems ${result.foreignKeys}`,
  )
  for (const a of result.lost.slice(0, 5)) console.log(`  lost: #${a.id} ${a.title}`)
  // Restart on the same file (the server recovers the WAL), and check through HTTP too.
  server = await startServer({ databasePath, port, demo: true })
  const sample = acknowledged.slice(-5)
  for (const a of sample) {
    const res = await fetch(`${server.baseURL}/anskaffelser/${a.id}`)
    const html = await res.text()
    if (res.status !== 200 || !html.includes(a.title)) {
      lostTotal += 1
      console.log(`  after restart, /anskaffelser/${a.id} answered ${res.status} without its title`)
    }
  }
}
killGroup(server.child, 'SIGTERM')
await exited(server.child)

const latencies = acknowledged.map((a) => a.ms).sort((a, b) => a - b)
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(0)
console.log(
  `\n${acknowledged.length} acknowledged writes over ${cycles} SIGKILL cycles: ${lostTotal} lost, ` +
    `integrity_check ${integrityOk ? 'ok' : 'FAILED'}; ${failures} unexpected answers; ` +
    `write latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
)
if (!values.keep) rmSync(dir, { recursive: true, force: true })
process.exit(lostTotal === 0 && integrityOk && failures === 0 ? 0 : 1)
