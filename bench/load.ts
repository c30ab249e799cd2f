import Database from 'better-sqlite3'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
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
import { ensureDatabase, markdownTable, quantile, stamp } from './common'

// npm run load [-- --scale 10 --duration 60 --rate 20 --dir /tmp/erfaringsbanken-bench --report-only]
// Mixed reads and writes at a fixed arrival rate (open loop: a request starts every 1/rate seconds whether or not the
// earlier ones have answered, so a slow server cannot slow the load down and hide its own latency) against the
// production server on a copy of a generated database: visitors browse and search; buyers read their procurements and
// record experience reports and benefit measurements; suppliers read their workspace and save a draft version. Writes
// go through the real form actions with the browser's same-origin header (the CSRF rule). Prints p50/p95/p99 and
// errors (an answer of 400 or above, or none) per class and overall; writes JSON to bench/results/load-<time>.json;
// exits 1 when p99 is above --p99 (250 ms) or any request failed, unless --report-only. README "Scale and operations".

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '20' },
    dir: { type: 'string', default: '/tmp/erfaringsbanken-bench' },
    seed: { type: 'string', default: '1' },
    p99: { type: 'string', default: '250' },
    'report-only': { type: 'boolean', default: false },
  },
})
const scale = Number(values.scale)
const duration = Number(values.duration)
const rate = Number(values.rate)
const p99Limit = Number(values.p99)
if (![scale, duration, rate, p99Limit].every((n) => Number.isFinite(n) && n > 0)) {
  console.error('--scale, --duration, --rate and --p99 must be positive numbers')
  process.exit(2)
}
assertBuilt()

type Role = 'visitor' | 'buyer' | 'supplier'
interface BuyerFacts {
  email: string
  procurementId: number
  productId: number | null
  benefit: { procurementId: number; id: number } | null
}
interface SupplierFacts {
  email: string
  versionId: number
  label: string
}
interface Operation {
  name: string
  role: Role
  kind: 'read' | 'write'
  weight: number
  run: (n: number) => { path: string; cookie?: string; form?: URLSearchParams } | null
}
interface Sample {
  name: string
  role: Role
  kind: 'read' | 'write'
  status: number
  ms: number
  error?: string
}

/** Accounts and ids the operations use, read from the database before the server starts. */
function factsOf(databasePath: string) {
  const db = new Database(databasePath, { readonly: true })
  try {
    const today = new Date().toISOString().slice(0, 10)
    // Buyers of municipalities with live, accepted participations: each writes reports for one of them, and
    // measurements for one of its benefits with a baseline when it has one.
    const buyers = (
      db
        .prepare(
          `select u.email, pa.procurement_id as procurementId,
             (select pp.product_id from procurement_product pp where pp.procurement_id = pa.procurement_id
              and pp.product_id is not null order by pp.rowid limit 1) as productId,
             (select b.id from benefit b where b.procurement_id = pa.procurement_id
              and b.municipality_number = pa.municipality_number and b.baseline_value is not null order by b.id limit 1)
               as benefitId
           from procurement_participant pa
           join organisation o on o.kind = 'municipality' and o.municipality_number = pa.municipality_number
             and o.status = 'verified'
           join user u on u.organisation_id = o.id and u.role = 'buyer' and u.status = 'verified'
           where pa.status = 'accepted' and pa.phase in ('pilot', 'implementation', 'in_operation')
             and pa.go_live_date <= ?
             and exists (select 1 from benefit b where b.procurement_id = pa.procurement_id
                         and b.municipality_number = pa.municipality_number and b.baseline_value is not null)
           group by u.id order by u.id limit 12`,
        )
        .all(today) as Array<{
        email: string
        procurementId: number
        productId: number | null
        benefitId: number | null
      }>
    ).map((b): BuyerFacts => ({
      email: b.email,
      procurementId: b.procurementId,
      productId: b.productId,
      benefit: b.benefitId === null ? null : { procurementId: b.procurementId, id: b.benefitId },
    }))
    const suppliers = db
      .prepare(
        `select u.email, v.id as versionId, v.version_label as label from product_version v
         join product p on p.id = v.product_id
         join organisation o on o.id = p.supplier_organisation_id and o.status = 'verified'
         join user u on u.organisation_id = o.id and u.role = 'supplier' and u.status = 'verified'
         where v.state = 'draft' group by u.id order by u.id limit 6`,
      )
      .all() as SupplierFacts[]
    const products = (
      db
        .prepare(
          `select pp.product_id as id from procurement_product pp
           join experience_report r on r.procurement_id = pp.procurement_id and r.status = 'published'
           where pp.product_id is not null group by pp.product_id order by count(*) desc limit 40`,
        )
        .all() as Array<{ id: number }>
    ).map((r) => r.id)
    const procurements = (
      db.prepare(`select id from procurement order by id desc limit 40`).all() as Array<{ id: number }>
    ).map((r) => r.id)
    if (buyers.length === 0 || suppliers.length === 0 || products.length < 4) {
      throw new Error('The database has no buyer with a live benefit, no supplier with a draft, or too few products')
    }
    return { buyers, suppliers, products, procurements }
  } finally {
    db.close()
  }
}

const SEARCHES = ['trygghetsalarm', 'dør', 'medisin', 'sensor', 'gps', 'tilsyn', 'alarm', 'dispenser']
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)

function experienceForm(buyer: BuyerFacts, n: number) {
  return new URLSearchParams({
    productId: buyer.productId === null ? '' : String(buyer.productId),
    reportDate: yesterday(),
    ratingOverall: String(1 + (n % 5)),
    ratingSupplierCooperation: String(1 + ((n + 2) % 5)),
    recommendation: n % 5 >= 3 ? 'yes' : 'with_reservations',
    workedWell: `Lasttest ${n}: opplæringen gikk bra.`,
    wasHard: '',
    advice: '',
    switchingCostNok: '',
    publish: 'on',
  })
}

function measurementForm(n: number) {
  return new URLSearchParams({
    intent: 'addMeasurement',
    value: String(100 + (n % 50)),
    periodStart: '2026-01-01',
    periodEnd: '2026-01-31',
    method: 'estimate',
    status: 'estimated',
    uncertainty: 'high',
    reportedBy: 'municipality',
    priceYear: '2025',
    note: `Lasttest ${n}`,
  })
}

async function main() {
  const source = ensureDatabase(values.dir, scale, values.seed)
  // The load writes: it runs on a copy, so the benchmark's database stays as generated.
  const databasePath = join(dirname(source), 'load.sqlite')
  for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath + suffix, { force: true })
  {
    const db = new Database(source, { readonly: true })
    await db.backup(databasePath)
    db.close()
  }
  const facts = factsOf(databasePath)
  // Demo mode only for e-mail (queued to the admins' outbox instead of SMTP): it seeds nothing into a database with
  // users, so the server runs on the generated data as in production.
  const server = await startServer({ databasePath, port: await freePort(), demo: true, timeoutMs: 600_000 })
  // Interrupted (Ctrl-C, a timeout): stop the server with the load, never leave it running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killGroup(server.child, 'SIGTERM')
      process.exit(130)
    })
  }
  console.log(`Load at scale ${scale}: server up in ${(server.startMs / 1000).toFixed(1)} s on ${server.baseURL}`)
  const settledMs = await waitUntilSettled(server.child)
  console.log(`  its start-up housekeeping done after another ${(settledMs / 1000).toFixed(1)} s; loading`)
  const samples: Sample[] = []
  let stored: Record<string, number> = {}
  try {
    const buyers = await Promise.all(
      facts.buyers.map(async (b) => ({ ...b, cookie: await signIn(server.baseURL, b.email, GENERATED_PASSWORD) })),
    )
    const suppliers = await Promise.all(
      facts.suppliers.map(async (s) => ({ ...s, cookie: await signIn(server.baseURL, s.email, GENERATED_PASSWORD) })),
    )
    const pick = <T>(items: readonly T[], n: number) => items[n % items.length] as T
    const products = facts.products
    const operations: Operation[] = [
      { name: 'register', role: 'visitor', kind: 'read', weight: 8, run: () => ({ path: '/register' }) },
      {
        name: 'search',
        role: 'visitor',
        kind: 'read',
        weight: 12,
        run: (n) => ({ path: `/register?q=${encodeURIComponent(pick(SEARCHES, n))}` }),
      },
      {
        name: 'product page',
        role: 'visitor',
        kind: 'read',
        weight: 10,
        run: (n) => ({ path: `/register/${pick(products, n)}` }),
      },
      {
        name: 'compare',
        role: 'visitor',
        kind: 'read',
        weight: 3,
        run: (n) => ({ path: `/sammenlign?p=${[0, 1, 2, 3].map((i) => pick(products, n + i)).join(',')}` }),
      },
      { name: 'decisions', role: 'visitor', kind: 'read', weight: 3, run: () => ({ path: '/vedtak' }) },
      { name: 'insight', role: 'visitor', kind: 'read', weight: 3, run: () => ({ path: '/innsikt' }) },
      {
        name: 'benefit insight',
        role: 'visitor',
        kind: 'read',
        weight: 2,
        run: () => ({ path: '/innsikt/gevinster' }),
      },
      { name: 'procurements', role: 'visitor', kind: 'read', weight: 4, run: () => ({ path: '/anskaffelser' }) },
      {
        name: 'procurement page',
        role: 'visitor',
        kind: 'read',
        weight: 3,
        run: (n) => ({ path: `/anskaffelser/${pick(facts.procurements, n)}` }),
      },
      { name: 'API products', role: 'visitor', kind: 'read', weight: 4, run: () => ({ path: '/api/v1/products' }) },
      {
        name: 'procurements',
        role: 'buyer',
        kind: 'read',
        weight: 3,
        run: (n) => ({ path: '/anskaffelser', cookie: pick(buyers, n).cookie }),
      },
      {
        name: 'my municipality',
        role: 'buyer',
        kind: 'read',
        weight: 3,
        run: (n) => ({ path: '/min-kommune', cookie: pick(buyers, n).cookie }),
      },
      {
        name: 'my municipality, due',
        role: 'buyer',
        kind: 'read',
        weight: 2,
        run: (n) => ({ path: '/min-kommune?forfall=1', cookie: pick(buyers, n).cookie }),
      },
      {
        name: 'procurement page',
        role: 'buyer',
        kind: 'read',
        weight: 5,
        run: (n) => {
          const b = pick(buyers, n)
          return { path: `/anskaffelser/${b.procurementId}`, cookie: b.cookie }
        },
      },
      {
        name: 'benefits page',
        role: 'buyer',
        kind: 'read',
        weight: 2,
        run: (n) => {
          const b = pick(buyers, n)
          return { path: `/anskaffelser/${b.procurementId}/gevinster`, cookie: b.cookie }
        },
      },
      {
        name: 'experience report',
        role: 'buyer',
        kind: 'write',
        weight: 4,
        run: (n) => {
          const b = pick(buyers, n)
          return {
            path: `/anskaffelser/${b.procurementId}/erfaringer/ny`,
            cookie: b.cookie,
            form: experienceForm(b, n),
          }
        },
      },
      {
        name: 'benefit measurement',
        role: 'buyer',
        kind: 'write',
        weight: 3,
        run: (n) => {
          const b = pick(
            buyers.filter((x) => x.benefit),
            n,
          )
          if (!b?.benefit) return null
          return {
            path: `/anskaffelser/${b.benefit.procurementId}/gevinster/${b.benefit.id}`,
            cookie: b.cookie,
            form: measurementForm(n),
          }
        },
      },
      {
        name: 'workspace',
        role: 'supplier',
        kind: 'read',
        weight: 6,
        run: (n) => ({ path: '/leverandor', cookie: pick(suppliers, n).cookie }),
      },
      {
        name: 'draft version',
        role: 'supplier',
        kind: 'read',
        weight: 3,
        run: (n) => {
          const s = pick(suppliers, n)
          return { path: `/leverandor/versjoner/${s.versionId}`, cookie: s.cookie }
        },
      },
      {
        name: 'save draft version',
        role: 'supplier',
        kind: 'write',
        weight: 3,
        run: (n) => {
          const s = pick(suppliers, n)
          return {
            path: `/leverandor/versjoner/${s.versionId}`,
            cookie: s.cookie,
            form: new URLSearchParams({
              intent: 'saveVersion',
              versionLabel: s.label,
              releaseNotes: `Lasttest ${n}: rettelser.`,
            }),
          }
        },
      },
    ]
    const totalWeight = operations.reduce((s, o) => s + o.weight, 0)
    // A fixed, deterministic mix: operation i of the run is chosen by a low-discrepancy sequence over the weights.
    const choose = (i: number) => {
      let r = ((i * 0.6180339887498949) % 1) * totalWeight
      for (const o of operations) {
        r -= o.weight
        if (r < 0) return o
      }
      return operations[operations.length - 1] as Operation
    }

    const send = async (op: Operation, n: number) => {
      const request = op.run(n)
      if (!request) return
      const started = performance.now()
      const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' }
      if (request.cookie) headers.cookie = request.cookie
      if (request.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded'
        headers.origin = server.baseURL
        headers['sec-fetch-site'] = 'same-origin'
      }
      try {
        const res = await fetch(server.baseURL + request.path, {
          method: request.form ? 'POST' : 'GET',
          headers,
          body: request.form,
          redirect: 'manual',
          signal: AbortSignal.timeout(30_000),
        })
        await res.arrayBuffer()
        samples.push({
          name: op.name,
          role: op.role,
          kind: op.kind,
          status: res.status,
          ms: performance.now() - started,
        })
      } catch (e) {
        samples.push({
          name: op.name,
          role: op.role,
          kind: op.kind,
          status: 0,
          ms: performance.now() - started,
          error: e instanceof Error ? e.message : String(e),
        })
      }
    }

    const total = Math.round(duration * rate)
    const interval = 1000 / rate
    console.log(`${total} requests at ${rate}/s over ${duration} s: ${operations.length} kinds of reads and writes`)
    const inFlight: Array<Promise<void>> = []
    const t0 = performance.now()
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval
      const wait = due - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      inFlight.push(send(choose(i), i))
      if (i % (rate * 10) === 0 && i > 0) process.stdout.write(`  ${Math.round(i / rate)} s\n`)
    }
    await Promise.all(inFlight)
    // Every acknowledged write is in the database (the action answered; did it store?).
    const db = new Database(databasePath, { readonly: true })
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
      stored = {
        'experience report': count(`select count(*) as n from experience_report where worked_well like 'Lasttest %'`),
        'benefit measurement': count(`select count(*) as n from benefit_measurement where note like 'Lasttest %'`),
        'save draft version': count(`select count(*) as n from product_version where release_notes like 'Lasttest %'`),
      }
    } finally {
      db.close()
    }
  } finally {
    killGroup(server.child, 'SIGTERM')
    await exited(server.child)
    for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath + suffix, { force: true })
  }

  const failed = (s: Sample) => s.status === 0 || s.status >= 400 || s.error !== undefined
  const summarise = (label: string, group: readonly Sample[]) => {
    const ms = group.map((s) => s.ms).sort((a, b) => a - b)
    return {
      label,
      requests: group.length,
      p50: quantile(ms, 0.5),
      p95: quantile(ms, 0.95),
      p99: quantile(ms, 0.99),
      max: Math.round(ms[ms.length - 1] ?? 0),
      errors: group.filter(failed).length,
    }
  }
  const groups = [
    summarise(
      'visitor reads',
      samples.filter((s) => s.role === 'visitor'),
    ),
    summarise(
      'buyer reads',
      samples.filter((s) => s.role === 'buyer' && s.kind === 'read'),
    ),
    summarise(
      'buyer writes',
      samples.filter((s) => s.role === 'buyer' && s.kind === 'write'),
    ),
    summarise(
      'supplier reads',
      samples.filter((s) => s.role === 'supplier' && s.kind === 'read'),
    ),
    summarise(
      'supplier writes',
      samples.filter((s) => s.role === 'supplier' && s.kind === 'write'),
    ),
    summarise(
      'all reads',
      samples.filter((s) => s.kind === 'read'),
    ),
    summarise(
      'all writes',
      samples.filter((s) => s.kind === 'write'),
    ),
    summarise('overall', samples),
  ]
  const byOperation = [...new Set(samples.map((s) => `${s.role}: ${s.name}`))].map((key) =>
    summarise(
      key,
      samples.filter((s) => `${s.role}: ${s.name}` === key),
    ),
  )
  const table = (rows: ReturnType<typeof summarise>[]) =>
    markdownTable(
      ['', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      rows.map((g) => [g.label, ...[g.requests, g.p50, g.p95, g.p99, g.max, g.errors].map(String)]),
    )
  console.log(`\nLoad, scale ${scale}: ${rate} requests/s for ${duration} s (open loop)\n`)
  console.log(table(groups))
  console.log('\nBy operation\n')
  console.log(table(byOperation))
  const errors = samples.filter(failed)
  const statuses = new Map<string, number>()
  for (const s of errors) {
    const key = `${s.role}: ${s.name} -> ${s.error ?? s.status}`
    statuses.set(key, (statuses.get(key) ?? 0) + 1)
  }
  for (const [key, n] of statuses) console.log(`  error: ${key} (${n}×)`)
  // Reports and measurements add a row each; a saved draft version is one row however often it is saved.
  const acknowledged = (name: string) => samples.filter((s) => s.name === name && !failed(s)).length
  const lost = ['experience report', 'benefit measurement'].filter((name) => (stored[name] ?? 0) < acknowledged(name))
  if (acknowledged('save draft version') > 0 && (stored['save draft version'] ?? 0) === 0)
    lost.push('save draft version')
  console.log(
    `\nWrites acknowledged and stored: ${['experience report', 'benefit measurement', 'save draft version']
      .map((name) => `${name} ${acknowledged(name)}/${stored[name] ?? 0}`)
      .join(', ')}`,
  )
  for (const name of lost) console.log(`  error: ${name}: acknowledged writes missing from the database`)

  const overall = groups[groups.length - 1]
  const passed = overall !== undefined && overall.p99 <= p99Limit && overall.errors === 0 && lost.length === 0
  mkdirSync(join('bench', 'results'), { recursive: true })
  const out = join('bench', 'results', `load-${stamp()}.json`)
  writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        scale,
        rate,
        durationSeconds: duration,
        limits: { p99Ms: p99Limit, errors: 0 },
        passed,
        groups,
        byOperation,
        errors: Object.fromEntries(statuses),
        writesStored: stored,
        writesMissing: lost,
      },
      null,
      2,
    ) + '\n',
  )
  console.log(
    `\nWritten ${out}\n${passed ? 'PASS' : 'FAIL'}: overall p99 ${overall?.p99} ms (limit ${p99Limit}), ` +
      `${overall?.errors} errors (limit 0)`,
  )
  if (!passed && !values['report-only']) process.exit(1)
}

await main()
