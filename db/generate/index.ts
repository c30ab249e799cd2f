import type Database from 'better-sqlite3'
import { hash } from '@node-rs/argon2'
import { createHash } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { refreshAllPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import { refreshAllPublicAggregates } from '../../app/models/experience-aggregates.server'
import { refreshFollowUpDueFrom } from '../../app/models/follow-up-due.server'
import { rebuildSearchIndex } from '../../app/models/search-index.server'
import { openSqlite } from '../client'
import { migrateToLatest } from '../migrate'
import type { DB } from '../schema'
import type { GeneratorContext, GeneratorFacts, GeneratorStep } from './context'
import { Random } from './random'
import { accountsStep } from './steps/accounts'
import { benefitsStep } from './steps/benefits'
import { experienceStep } from './steps/experience'
import { procurementsStep } from './steps/procurements'
import { registerStep } from './steps/register'

// The data generator (`npm run data:generate`): a valid database at N times national size. It migrates an empty file
// with the real migrations, then runs the steps below in order, each in one transaction with prepared statements.
// A new table gets a step of its own (db/generate/steps/<area>.ts), added here after the steps whose facts it needs;
// every step has its own random source, so adding one leaves the rows of the others unchanged.
export const GENERATOR_STEPS: GeneratorStep[] = [
  accountsStep,
  registerStep,
  procurementsStep,
  experienceStep,
  benefitsStep,
]

/** Every generated account's password (the same as the demo accounts'; generated data is never real data). */
export const GENERATED_PASSWORD = 'demo-erfaring-2026'

export interface GenerateOptions {
  out: string
  scale: number
  seed: number
  /** YYYY-MM-DD; every date is relative to it. Same seed and same date: the same database. */
  today: string
  /** Replace an existing database (and the attachments folder beside it). */
  force?: boolean
  log?: (line: string) => void
}

export interface GenerateSummary {
  path: string
  attachmentsDir: string
  seconds: number
  rows: Record<string, number>
  /** One account per role to sign in with (signInAccounts). */
  accounts: SignInAccount[]
}

export type SignInAccount = {
  role: 'admin' | 'coordinator' | 'buyer' | 'supplier'
  email: string
  organisation: string
}

const stepSeed = (seed: number, name: string) => createHash('sha256').update(`${seed}:${name}`).digest().readUInt32LE(0)

export async function generateDatabase(options: GenerateOptions): Promise<GenerateSummary> {
  const log = options.log ?? (() => {})
  const started = performance.now()
  const path = resolve(options.out)
  // Attachments live beside the database (app/utils/attachment-storage.server.ts); a generated database gets its own.
  const attachmentsDir = join(dirname(path), 'attachments')
  if (existsSync(path) && !options.force) {
    throw new Error(`${path} exists; the generator replaces it (and ${attachmentsDir}) only with --force`)
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  if (existsSync(attachmentsDir)) rmSync(attachmentsDir, { recursive: true, force: true })

  const sqlite = openSqlite(path)
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  try {
    await migrateToLatest(db)
    // Rows the migrations date with the clock (the first criteria version) take the generator's date instead, so
    // the same seed and date give the same database.
    sqlite.prepare('update criteria_version set created_at = ?').run(`${options.today}T00:00:00.000Z`)
    // Bulk loading: nothing to lose if the machine stops (the file is thrown away and generated again).
    sqlite.pragma('synchronous = OFF')
    sqlite.pragma('cache_size = -200000')

    const facts: GeneratorFacts = {
      municipalities: [],
      coordinatorUserIds: [],
      adminUserIds: [],
      suppliers: [],
      categories: [],
      products: [],
      participations: [],
      publishedReports: [],
    }
    const passwordHash = await hash(GENERATED_PASSWORD, {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
      salt: createHash('sha256').update(`salt:${options.seed}`).digest().subarray(0, 16),
    })
    for (const step of GENERATOR_STEPS) {
      const t = performance.now()
      const ctx: GeneratorContext = {
        sqlite,
        random: new Random(stepSeed(options.seed, step.name)),
        scale: options.scale,
        today: options.today,
        passwordHash,
        attachmentsDir,
        facts,
      }
      await sqlite.transaction(() => step.run(ctx))()
      log(`  ${step.name.padEnd(14)} ${((performance.now() - t) / 1000).toFixed(1)} s`)
    }

    // Statistics for the query planner (sqlite_stat1), which stay in the file: without them the public figures'
    // per-product statements start from every measurement in the country (the benefit figures of scale 10 took
    // minutes instead of seconds). A server started on the file plans with them too.
    sqlite.exec('ANALYZE')

    // The steps write rows directly: every participation's follow-up date once, as the writes of the app keep it.
    const tf = performance.now()
    await db.transaction().execute((trx) => refreshFollowUpDueFrom(trx, 'all'))
    log(`  ${'follow-up'.padEnd(14)} ${((performance.now() - tf) / 1000).toFixed(1)} s`)

    // Public figures take their first steps here, as the server's start-up catch-up would
    // (docs/decisions/010-public-aggregate-steps.md), so the server starts without that work.
    const t = performance.now()
    await refreshAllPublicAggregates(db, `${options.today}T12:00:00.000Z`)
    log(`  ${'aggregates'.padEnd(14)} ${((performance.now() - t) / 1000).toFixed(1)} s`)
    const tb = performance.now()
    await refreshAllPublicBenefitFigures(db, `${options.today}T12:00:00.000Z`)
    log(`  ${'benefit figures'.padEnd(14)} ${((performance.now() - tb) / 1000).toFixed(1)} s`)
    // The register's search index, which the app writes with every product change: built here rather than by the
    // server's first start (ensureSearchIndex), which would otherwise spend seconds on it before it listens.
    const ts = performance.now()
    await db.transaction().execute((trx) => rebuildSearchIndex(trx))
    log(`  ${'search index'.padEnd(14)} ${((performance.now() - ts) / 1000).toFixed(1)} s`)

    const problems = checkDatabase(sqlite)
    if (problems.length > 0) throw new Error(`The generated database is not valid:\n${problems.join('\n')}`)

    const tables = [
      ...new Set(GENERATOR_STEPS.flatMap((s) => s.tables)),
      'public_aggregate_figure',
      'public_benefit_figure',
    ]
    const rows = Object.fromEntries(
      tables.map((table) => [table, (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n]),
    )
    const accounts = signInAccounts(sqlite)
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    return { path, attachmentsDir, seconds: (performance.now() - started) / 1000, rows, accounts }
  } finally {
    await db.destroy()
  }
}

/**
 * One verified account of each role, in a verified organisation, to sign in with: a generated database has none of the
 * demo accounts (the server loads demo data only into an empty database), so the generator prints these. The buyer is
 * one of the most populous municipality's (the most procurements), the supplier a member of the company with the most
 * products.
 */
export function signInAccounts(sqlite: Database.Database): SignInAccount[] {
  const pick = (role: SignInAccount['role'], order: string) =>
    sqlite
      .prepare(
        `select u.email, o.name as organisation from user u join organisation o on o.id = u.organisation_id
         where u.role = ? and u.status = 'verified' and o.status = 'verified' order by ${order}, u.id limit 1`,
      )
      .get(role) as { email: string; organisation: string } | undefined
  const accounts: SignInAccount[] = []
  for (const [role, order] of [
    ['admin', 'u.id'],
    ['coordinator', 'u.id'],
    ['buyer', '(select population from municipality m where m.number = o.municipality_number) desc'],
    ['supplier', '(select count(*) from product p where p.supplier_organisation_id = o.id) desc'],
  ] as const) {
    const account = pick(role, order)
    if (account) accounts.push({ role, ...account })
  }
  return accounts
}

/** `PRAGMA integrity_check` and `foreign_key_check`: the problems found, none when the file is sound. */
export function checkDatabase(sqlite: Database.Database): string[] {
  const integrity = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>
  const problems = integrity.filter((r) => r.integrity_check !== 'ok').map((r) => `integrity: ${r.integrity_check}`)
  const foreignKeys = sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>
  problems.push(...foreignKeys.slice(0, 20).map((r) => `foreign key: ${r.table} row ${r.rowid} -> ${r.parent}`))
  if (foreignKeys.length > 20) problems.push(`... ${foreignKeys.length - 20} more foreign key problems`)
  return problems
}
