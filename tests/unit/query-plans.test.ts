import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, type Compilable } from 'kysely'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateStatistics } from '../../db/client'
import type { DB } from '../../db/schema'
import { acceptedParticipationWhere, aggregateReportsWhere, visibleExperienceWhere } from '~/policy/experience'
import { visibleVersionsWhere } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'

// The query plans of the statements that grew with the data at ten times national scale (README, "Scale and
// operations"): on a generated database, with the planner's statistics kept by updateStatistics, each starts from the
// narrow side (the product, the supplier's products) instead of every published report or accepted participation.

const root = mkdtempSync(join(tmpdir(), 'eb-plans-'))
let path: string
let sqlite: Database.Database
let db: Kysely<DB>

beforeAll(async () => {
  path = join(root, 'db.sqlite')
  await promisify(execFile)('node_modules/.bin/tsx', [
    'scripts/data-generate.ts',
    '--scale',
    '0.05',
    '--seed',
    '7',
    '--today',
    '2026-12-01',
    '--out',
    path,
  ])
  sqlite = new Database(path)
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
}, 180_000)

afterAll(async () => {
  await db?.destroy()
  rmSync(root, { recursive: true, force: true })
})

/** EXPLAIN QUERY PLAN of a Kysely query on a database file, as its lines. */
function planOf(database: Database.Database, query: Compilable) {
  const { sql, parameters } = query.compile()
  return (database.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('\n')
}

const sample = () =>
  sqlite
    .prepare(
      `select p.id, p.supplier_organisation_id as supplier from product p
       join procurement_product pp on pp.product_id = p.id group by p.id order by count(*) desc limit 1`,
    )
    .get() as { id: number; supplier: number }

/** The product page's and compare page's usage count: the product's participations. */
const usageCount = (productId: number) =>
  db
    .selectFrom('procurement_product')
    .innerJoin(
      'procurement_participant',
      'procurement_participant.procurement_id',
      'procurement_product.procurement_id',
    )
    .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
    .select(['procurement_participant.phase', (eb) => eb.fn.countAll<number>().as('n')])
    .where('procurement_product.product_id', 'in', [productId])
    .where(acceptedParticipationWhere)
    .groupBy('procurement_participant.phase')

describe('query plans at scale', () => {
  it('without statistics the planner starts from every accepted participation; updateStatistics fixes it', async () => {
    const { id } = sample()
    // A copy as a bulk load leaves it without the generator's closing ANALYZE (the tables were empty when the
    // migrations analysed them): no statistics. They are read when a connection opens, so drop them and reopen.
    const unanalysedPath = join(root, 'unanalysed.sqlite')
    copyFileSync(path, unanalysedPath)
    const stripped = new Database(unanalysedPath)
    stripped.exec('delete from sqlite_stat1')
    stripped.close()
    const unanalysed = new Database(unanalysedPath, { readonly: true })
    try {
      expect(planOf(unanalysed, usageCount(id))).toMatch(/^SEARCH procurement_participant/)
    } finally {
      unanalysed.close()
    }
    const withStatistics = new Database(unanalysedPath)
    try {
      await updateStatistics(new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatistics }) }))
      expect(planOf(withStatistics, usageCount(id))).toMatch(
        /^SEARCH procurement_product USING COVERING INDEX procurement_product_product_idx/,
      )
    } finally {
      withStatistics.close()
    }
    await updateStatistics(db)
    expect(planOf(sqlite, usageCount(id))).toMatch(
      /^SEARCH procurement_product USING COVERING INDEX procurement_product_product_idx/,
    )
    // A second run, with nothing grown, analyses nothing.
    const before = sqlite.prepare('select count(*) as n from sqlite_stat1').get()
    const started = performance.now()
    await updateStatistics(db)
    expect(performance.now() - started).toBeLessThan(50)
    expect(sqlite.prepare('select count(*) as n from sqlite_stat1').get()).toEqual(before)
  })

  it("a supplier's reports are found from its products, not by checking every published report", async () => {
    await updateStatistics(db)
    const { supplier } = sample()
    const viewer: Viewer = {
      userId: 1,
      sessionId: 'plan',
      name: 'Planleser',
      email: 'plan@example.invalid',
      role: 'supplier',
      status: 'verified',
      organisationId: supplier,
      organisationName: 'Leverandør',
      organisationKind: 'supplier',
      organisationStatus: 'verified',
      municipalityNumber: null,
      twoFactorEnabled: false,
      mustEnrolTwoFactor: false,
    }
    const query = db
      .selectFrom('experience_report')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(visibleExperienceWhere(viewer))
    expect(planOf(sqlite, query)).toMatch(
      /^SEARCH experience_report USING (COVERING )?INDEX experience_report_product_idx/,
    )
  })

  it("a product page's versions are checked against their own product, not the whole register", async () => {
    await updateStatistics(db)
    const { id } = sample()
    const query = db
      .selectFrom('product_version')
      .select('id')
      .where('product_id', 'in', [id])
      .where(visibleVersionsWhere(null, '2026-12-01'))
    const plan = planOf(sqlite, query)
    expect(plan).toMatch(/^SEARCH product_version/)
    expect(plan).not.toMatch(/SCAN product\b/)
    // And the live aggregate starts from the product's own reports.
    const reports = db
      .selectFrom('experience_report')
      .select('id')
      .where('experience_report.product_id', 'in', [id])
      .where(aggregateReportsWhere)
    expect(planOf(sqlite, reports)).toMatch(
      /^SEARCH experience_report USING (COVERING )?INDEX experience_report_product_idx/,
    )
  })
})
