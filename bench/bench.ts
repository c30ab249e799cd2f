import Database from 'better-sqlite3'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { GENERATED_PASSWORD } from '../db/generate'
import {
  assertBuilt,
  exited,
  freePort,
  killGroup,
  signIn,
  startServer,
  waitUntilSettled,
} from '../scripts/support/server'
import { ensureDatabase, stamp } from './common'
import { growthOf, renderBench, type BenchFile } from './report'

// npm run bench [-- --scales 1,10 --duration 10 --connections 20 --dir /tmp/erfaringsbanken-bench --quick --only X]
// Generates (once) a database per scale, starts the production server on it, and measures each page with autocannon
// (20 connections, `Accept-Encoding: gzip, br` as a browser asks), beside a static asset from the same server in the
// same run, requested the same way. Prints p50/p95/p99, req/s and each page's throughput as a share of the static
// baseline, and how p95 grows from the smallest to the largest scale, as markdown tables; writes JSON to
// bench/results/<time>.json (`partial-<time>.json` for --quick or --only, which the README never takes); then
// `npm run bench:readme` puts the figures into README.md. README "Scale and operations".

type AutocannonResult = {
  requests: { average: number; total: number }
  errors: number
  timeouts: number
  non2xx: number
}
type AutocannonInstance = {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void
}
type Autocannon = ((opts: Record<string, unknown>) => AutocannonInstance & PromiseLike<AutocannonResult>) & {
  track?: unknown
}

async function loadAutocannon(): Promise<Autocannon> {
  try {
    const mod = (await import('autocannon')) as { default: Autocannon }
    return mod.default
  } catch {
    console.error('autocannon is not installed: `npm install -D autocannon` (it is a devDependency of this project).')
    process.exit(2)
  }
}

const { values } = parseArgs({
  options: {
    scales: { type: 'string' },
    duration: { type: 'string' },
    /** A check that the bench runs: scale 1 only (unless --scales), 3 s per page (unless --duration). */
    quick: { type: 'boolean', default: false },
    connections: { type: 'string', default: '20' },
    dir: { type: 'string', default: '/tmp/erfaringsbanken-bench' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
})
const scales = (values.scales ?? (values.quick ? '1' : '1,10')).split(',').map(Number)
const duration = Number(values.duration ?? (values.quick ? '3' : '10'))
const partial = values.quick || values.only !== undefined
if (!scales.every((n) => Number.isFinite(n) && n > 0) || !(duration > 0)) {
  console.error('--scales takes numbers above 0 (1,10) and --duration seconds above 0')
  process.exit(2)
}
const connections = Number(values.connections)
assertBuilt()
const autocannon = await loadAutocannon()
mkdirSync(values.dir, { recursive: true })

interface Page {
  name: string
  path: string
  as?: 'buyer' | 'supplier'
  /** Requests come from many client addresses (X-Forwarded-For, the server trusting the loopback proxy), so that the
   * API's per-address rate limit (300 a minute) answers none of them 429 and the figures are the list's own. */
  manyClients?: boolean
}
interface Measured {
  name: string
  path: string
  status: number
  bytes: number
  /** The Content-Encoding the server answered with (a browser's Accept-Encoding). */
  encoding: string | null
  requests: number
  rps: number
  p50: number
  p95: number
  p99: number
  errors: number
  non2xx: number
  ratio?: number
}

/** The pages of the issue, with ids taken from the database: the product with the most reports, the four largest, the
 * procurement with the most reports in the buyer's municipality. */
function pagesFor(databasePath: string) {
  const db = new Database(databasePath, { readonly: true })
  try {
    const top = db
      .prepare(
        `select pp.product_id as id, count(*) as n from procurement_product pp
         join experience_report r on r.procurement_id = pp.procurement_id and r.status = 'published'
         where pp.product_id is not null group by pp.product_id order by n desc limit 4`,
      )
      .all() as Array<{ id: number; n: number }>
    const buyer = db
      .prepare(
        `select u.email, o.municipality_number as m from user u join organisation o on o.id = u.organisation_id
         where u.role = 'buyer' and u.status = 'verified' and o.status = 'verified'
         order by (select count(*) from procurement p where p.lead_municipality_number = o.municipality_number) desc,
         u.id limit 1`,
      )
      .get() as { email: string; m: string }
    const procurement = db
      .prepare(
        `select p.id from procurement p where p.lead_municipality_number = ?
         order by (select count(*) from experience_report r where r.procurement_id = p.id) desc limit 1`,
      )
      .get(buyer.m) as { id: number }
    const supplier = db
      .prepare(
        `select u.email from user u join product p on p.supplier_organisation_id = u.organisation_id
         where p.id = ? and u.status = 'verified' order by u.id limit 1`,
      )
      .get(top[0]?.id) as { email: string }
    const pages: Page[] = [
      { name: '/register', path: '/register' },
      { name: '/register?q=trygghetsalarm', path: '/register?q=trygghetsalarm' },
      { name: '/register?q=dør (prefix)', path: `/register?q=${encodeURIComponent('dør')}` },
      { name: '/register.data?q=trygghetsalarm', path: '/register.data?q=trygghetsalarm' },
      { name: `product, ${top[0]?.n ?? 0} reports`, path: `/register/${top[0]?.id}` },
      { name: '/sammenlign, four largest', path: `/sammenlign?p=${top.map((t) => t.id).join(',')}` },
      // A signed-in buyer always renders (no page cache) and gets more: live figures, the reports, usage.
      { name: `product, ${top[0]?.n ?? 0} reports (buyer)`, path: `/register/${top[0]?.id}`, as: 'buyer' },
      {
        name: '/sammenlign, four largest (buyer)',
        path: `/sammenlign?p=${top.map((t) => t.id).join(',')}`,
        as: 'buyer',
      },
      { name: '/vedtak', path: '/vedtak' },
      { name: '/innsikt', path: '/innsikt' },
      { name: '/innsikt/gevinster', path: '/innsikt/gevinster' },
      { name: '/anskaffelser (visitor)', path: '/anskaffelser' },
      { name: '/api/v1/products', path: '/api/v1/products', manyClients: true },
      { name: '/anskaffelser (buyer)', path: '/anskaffelser', as: 'buyer' },
      { name: 'procurement page (buyer)', path: `/anskaffelser/${procurement.id}`, as: 'buyer' },
      // "Min kommune" as the menu opens it: the municipality's procurements, notices, benefit follow-up and drafts.
      { name: 'my municipality (buyer)', path: '/min-kommune', as: 'buyer' },
      { name: 'benefits of a procurement (buyer)', path: `/anskaffelser/${procurement.id}/gevinster`, as: 'buyer' },
      { name: '/leverandor (supplier)', path: '/leverandor', as: 'supplier' },
    ]
    return { pages, buyer: buyer.email, supplier: supplier.email }
  } finally {
    db.close()
  }
}

async function measure(baseURL: string, page: Page, cookie: string | undefined): Promise<Measured> {
  // What a browser sends: both compressions it accepts (a server with precompressed assets picks one).
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, br', ...(cookie ? { cookie } : {}) }
  const probe = await fetch(baseURL + page.path, { headers, redirect: 'manual' })
  const bytes = (await probe.arrayBuffer()).byteLength
  const encoding = probe.headers.get('content-encoding')
  const base = { name: page.name, path: page.path, status: probe.status, bytes, encoding }
  if (probe.status !== 200) {
    return { ...base, requests: 0, rps: 0, p50: 0, p95: 0, p99: 0, errors: 0, non2xx: 0 }
  }
  const latencies: number[] = []
  let client = 0
  const requests = page.manyClients
    ? [
        {
          setupRequest: (req: { headers?: Record<string, string> }) => {
            client += 1
            const address = `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`
            return { ...req, headers: { ...req.headers, 'x-forwarded-for': address } }
          },
        },
      ]
    : undefined
  const instance = autocannon({ url: baseURL + page.path, connections, duration, headers, requests })
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  const result = await instance
  if (latencies.length === 0) {
    console.log(`\n  ${page.name}: no response completed within ${duration} s (run longer: --duration)`)
  }
  latencies.sort((a, b) => a - b)
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0)
  return {
    ...base,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / duration),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

const runs: Array<{
  scale: number
  startMs: number
  results: Measured[]
  accounts: { buyer: string; supplier: string }
}> = []
for (const scale of scales) {
  const databasePath = ensureDatabase(values.dir, scale, values.seed)
  const { pages, buyer, supplier } = pagesFor(databasePath)
  // Demo mode only for e-mail (queued to the admins' outbox instead of SMTP, so a fresh clone needs no mail server):
  // it seeds nothing into a database that has users.
  const server = await startServer({
    databasePath,
    port: await freePort(),
    demo: true,
    timeoutMs: 600_000,
    env: { TRUST_PROXY: 'loopback' },
  })
  console.log(`\nScale ${scale}: server up in ${(server.startMs / 1000).toFixed(1)} s on ${server.baseURL}`)
  const settledMs = await waitUntilSettled(server.child)
  console.log(`  its start-up housekeeping done after another ${(settledMs / 1000).toFixed(1)} s; measuring`)
  try {
    const cookies = {
      buyer: await signIn(server.baseURL, buyer, GENERATED_PASSWORD),
      supplier: await signIn(server.baseURL, supplier, GENERATED_PASSWORD),
    }
    // The static baseline: the largest script of the page, from the same server, as production serves /assets.
    const html = await (
      await fetch(`${server.baseURL}/register`, { headers: { 'accept-encoding': 'gzip, br' } })
    ).text()
    const assets = [...html.matchAll(/\/assets\/[^"']+\.js/g)].map((m) => m[0])
    let asset = assets[0] ?? '/favicon.svg'
    let largest = 0
    for (const a of new Set(assets)) {
      const size = (
        await (await fetch(server.baseURL + a, { headers: { 'accept-encoding': 'gzip, br' } })).arrayBuffer()
      ).byteLength
      if (size > largest) [largest, asset] = [size, a]
    }
    const selected = values.only ? pages.filter((p) => p.name.includes(values.only ?? '')) : pages
    const results: Measured[] = []
    const baseline = await measure(
      server.baseURL,
      { name: `static asset (${(largest / 1024).toFixed(0)} kB)`, path: asset },
      undefined,
    )
    results.push(baseline)
    for (const page of selected) {
      const r = await measure(server.baseURL, page, page.as ? cookies[page.as] : undefined)
      if (r.status === 200 && baseline.rps > 0) r.ratio = r.rps / baseline.rps
      results.push(r)
      process.stdout.write('.')
    }
    console.log(
      `\n${renderBench(
        {
          at: '',
          node: '',
          connections,
          durationSeconds: duration,
          runs: [{ scale, startMs: server.startMs, results }],
        },
        'this run',
      )
        .split('\n\n')
        .slice(1)
        .join('\n\n')}`,
    )
    runs.push({ scale, startMs: Math.round(server.startMs), results, accounts: { buyer, supplier } })
  } finally {
    killGroup(server.child, 'SIGTERM')
    await exited(server.child)
  }
}

const file: BenchFile & { partial: boolean; growth: ReturnType<typeof growthOf> } = {
  at: new Date().toISOString(),
  node: process.version,
  connections,
  durationSeconds: duration,
  partial,
  runs,
  growth: [],
}
file.growth = growthOf(file)
mkdirSync(join('bench', 'results'), { recursive: true })
const out = join('bench', 'results', `${partial ? 'partial-' : ''}${stamp()}.json`)
writeFileSync(out, JSON.stringify(file, null, 2) + '\n')
console.log(`\n${renderBench(file, out)}\n\nWritten ${out}`)
if (!partial) console.log('Put these figures into README.md: npm run bench:readme')
