import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, type Compilable } from 'kysely'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openGeneratedDatabase } from '../helpers/generated-db'
import type { BenefitCategory } from '../../db/schema'
import { updateStatistics } from '../../db/client'
import type { DB } from '../../db/schema'
import { acceptedParticipationWhere, aggregateReportsWhere, visibleExperienceWhere } from '~/policy/experience'
import { visibleVersionsWhere } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { liveTotalsQuery } from '~/models/experience-aggregates.server'
import { usageQuery } from '~/models/product-experience.server'
import { countedMeasurements, countedQuery, municipalitiesWithHoursQuery } from '~/models/benefit-aggregates.server'
import { populationBand } from '~/domain/population-bands'
import { MEASURED_BASES } from '~/domain/benefit-figures'
import { dueEmailsQuery } from '~/utils/mail.server'

// The query plans of the statements that grew with the data at ten times national scale (README, "Scale and
// operations"): on a generated database, with the planner's statistics kept by updateStatistics, each starts from the
// narrow side (the product, the supplier's products) instead of every published report or accepted participation.

let generated: Awaited<ReturnType<typeof openGeneratedDatabase>>
let root: string
let path: string
let sqlite: Database.Database
let db: Kysely<DB>

beforeAll(async () => {
  generated = await openGeneratedDatabase(7)
  ;({ root, path, sqlite, db } = generated)
}, 180_000)

afterAll(() => generated?.close())

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

/** A realised measurement of the same benefit with the same period end as `row`: its benefit's latest by id. */
function insertLaterTie(row: { benefit_id: number; period_end: string; created_by: number }) {
  sqlite
    .prepare(
      `insert into benefit_measurement (benefit_id, value, period_start, period_end, method, status, uncertainty,
       reported_by, created_by) values (?, 1, ?, ?, 'estimate', 'realised', 'high', 'municipality', ?)`,
    )
    .run(row.benefit_id, row.period_end, row.period_end, row.created_by)
}

describe('query plans at scale', () => {
  it('the usage count starts from the product, with or without statistics; updateStatistics restores them', async () => {
    const { id } = sample()
    // A copy as a bulk load leaves it without the generator's closing ANALYZE (the tables were empty when the
    // migrations analysed them): no statistics. They are read when a connection opens, so drop them and reopen.
    // Without them the planner used to start from every accepted participation (procurement_participant_status_idx);
    // procurement_participant_usage_idx (migration 2026-12-03-0704) makes the product's side the cheaper one anyway.
    const unanalysedPath = join(root, 'unanalysed.sqlite')
    copyFileSync(path, unanalysedPath)
    const stripped = new Database(unanalysedPath)
    stripped.exec('delete from sqlite_stat1')
    stripped.close()
    const unanalysed = new Database(unanalysedPath, { readonly: true })
    try {
      expect(planOf(unanalysed, usageCount(id))).toMatch(
        /^SEARCH procurement_product USING COVERING INDEX procurement_product_product_idx/,
      )
    } finally {
      unanalysed.close()
    }
    const withStatistics = new Database(unanalysedPath)
    try {
      await updateStatistics(new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatistics }) }))
      expect(
        withStatistics.prepare(`select count(*) as n from sqlite_stat1 where tbl = 'procurement_participant'`).get(),
      ).not.toEqual({ n: 0 })
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

  // Product page and compare page (issue 14): a product with thousands of reports and participations is read from
  // its own index entries, in the order the page needs; nothing scans experience_report or sorts every report.
  it('the live aggregate reads the product’s reports from one covering index, participation by participation', async () => {
    await updateStatistics(db)
    const ids = topReported(4)
    for (const query of [liveTotalsQuery(db, ids.slice(0, 1), {}), liveTotalsQuery(db, ids, {})]) {
      const plan = planOf(sqlite, query)
      expect(plan).toMatch(/SEARCH experience_report USING COVERING INDEX experience_report_product_idx/)
      expect(plan).not.toMatch(/SCAN experience_report/)
      // The participations and their latest report come from the index order: no sort of the product's reports (the
      // only temporary trees are the per-product totals over one row per participation).
      expect(plan).not.toMatch(/TEMP B-TREE FOR (LAST|RIGHT|ORDER)/)
      expect(plan.match(/TEMP B-TREE FOR GROUP BY/g) ?? []).toHaveLength(1)
    }
    // Filtered to "municipalities like mine", the planner may start from the few municipalities in the band instead;
    // either way it never reads every report.
    const filtered = planOf(
      sqlite,
      liveTotalsQuery(db, ids.slice(0, 1), { county: '46', populationBand: '50000_100000' }),
    )
    expect(filtered).toMatch(/SEARCH experience_report USING/)
    expect(filtered).not.toMatch(/SCAN experience_report/)
  })

  it('the product’s report list reads one page newest first, and counts from the index alone', async () => {
    await updateStatistics(db)
    const [id] = topReported(1)
    const reports = db
      .selectFrom('experience_report')
      .innerJoin('municipality', 'municipality.number', 'experience_report.municipality_number')
      .where(visibleExperienceWhere(buyer))
      .where('experience_report.status', '=', 'published')
      .where('experience_report.product_id', '=', id!)
    const page = planOf(
      sqlite,
      reports
        .select('experience_report.id')
        .orderBy('experience_report.report_date', 'desc')
        .orderBy('experience_report.id', 'desc')
        .limit(20),
    )
    expect(page).toMatch(/^SEARCH experience_report USING (COVERING )?INDEX experience_report_product_listing_idx/)
    expect(page).not.toMatch(/TEMP B-TREE/)
    expect(
      planOf(
        sqlite,
        reports.select((eb) => eb.fn.countAll<number>().as('n')),
      ),
    ).toMatch(/^SEARCH experience_report USING COVERING INDEX experience_report_product_listing_idx/)
  })

  it('usage and its counts per phase read the product’s participations from the index alone', async () => {
    await updateStatistics(db)
    const ids = topReported(4)
    const participations = /SEARCH procurement_participant USING COVERING INDEX procurement_participant_usage_idx/
    const phases = usageQuery(db, ids, {})
      .select(['procurement_product.product_id', 'procurement_participant.phase', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['procurement_product.product_id', 'procurement_participant.phase'])
    const page = usageQuery(db, ids.slice(0, 1), {})
      .select('procurement_participant.id')
      .orderBy('municipality.name_sort')
      .limit(50)
    for (const query of [phases, page]) {
      const plan = planOf(sqlite, query)
      expect(plan).toMatch(/^SEARCH procurement_product USING COVERING INDEX procurement_product_product_idx/)
      expect(plan).toMatch(participations)
      expect(plan).not.toMatch(/SCAN procurement_participant/)
    }
  })

  // /innsikt/gevinster for the public (issue 14): the records behind the published figures are read from the
  // figures' contributors, each checked to be still its benefit's latest, instead of numbering every measurement.
  it('the records behind published benefit figures start from their contributors, the same rows as numbering all', async () => {
    await updateStatistics(db)
    const figures = sqlite
      .prepare(
        `select f.id, f.figure_key as key from public_benefit_figure f
         where f.id = (select max(g.id) from public_benefit_figure g where g.figure_key = f.figure_key)
           and exists (select 1 from public_benefit_contributor pc where pc.figure_id = f.id)`,
      )
      .all() as Array<{ id: number; key: string }>
    expect(figures.length).toBeGreaterThan(0)
    const rowsOf = (query: ReturnType<typeof countedQuery>) =>
      query.select(['c.measurement_id', 'c.benefit_id', 'c.value']).orderBy('c.measurement_id').execute()
    // A contributor that a newer measurement of its benefit has replaced since the figure was published drops out.
    const replaced = sqlite
      .prepare(
        `select m.* from public_benefit_contributor pc join benefit_measurement m on m.id = pc.benefit_measurement_id
         where m.status = 'realised' order by m.id limit 1`,
      )
      .get() as { id: number; benefit_id: number; period_end: string; created_by: number }
    sqlite.exec('begin')
    try {
      insertLaterTie(replaced)
      for (const basis of MEASURED_BASES) {
        const ids = figures.filter((f) => f.key.includes(`:${basis}:`)).map((f) => f.id)
        const fromContributors = await rowsOf(countedQuery(db, { basis, inFigures: ids }))
        const numbered = await rowsOf(
          countedQuery(db, { basis }).where('c.measurement_id', 'in', (eb) =>
            eb
              .selectFrom('public_benefit_contributor as pc')
              .select('pc.benefit_measurement_id')
              .where('pc.figure_id', 'in', ids.length ? ids : [0]),
          ),
        )
        expect(fromContributors).toEqual(numbered)
        if (basis === 'realised') {
          expect(fromContributors.length).toBeGreaterThan(0)
          expect(fromContributors.map((r) => r.measurement_id)).not.toContain(replaced.id)
        }
      }
      const plan = planOf(
        sqlite,
        countedQuery(db, { basis: 'realised', inFigures: figures.map((f) => f.id) }).select((eb) =>
          eb.fn.countAll().as('n'),
        ),
      )
      expect(plan).toMatch(/public_benefit_contributor/)
      expect(plan).not.toMatch(/SCAN (benefit_measurement|m)\b/)
    } finally {
      sqlite.exec('rollback')
    }
  })

  it('a benefit slice by county and population band narrows the benefits first, and counts the same measurements', async () => {
    const all = await countedMeasurements(db, {})
    const countyOf = new Map(
      (
        sqlite.prepare('select number, county_number from municipality').all() as Array<{
          number: string
          county_number: string
        }>
      ).map((r) => [r.number, r.county_number]),
    )
    const { county } = sqlite
      .prepare(
        `select mu.county_number as county from benefit b join municipality mu on mu.number = b.municipality_number
         group by 1 order by count(*) desc limit 1`,
      )
      .get() as { county: string }
    let matched = 0
    for (const band of ['under_5000', '20000_50000', 'over_100000'] as const) {
      const slice = await countedMeasurements(db, { county, populationBand: band })
      const expected = all.filter(
        (m) => countyOf.get(m.municipalityNumber) === county && populationBand(m.population) === band,
      )
      expect(slice.map((m) => m.measurementId).sort()).toEqual(expected.map((m) => m.measurementId).sort())
      matched += expected.length
    }
    expect(matched).toBeGreaterThan(0)
  })

  // The counted measurements are each benefit's latest per basis (period end, then id), found by probing for a later
  // one (issue 14: a benefit measurement write refreshes its cell and band through them). The reference here is the
  // former formulation, numbering every measurement of a benefit and basis with row_number().
  it('counts each benefit’s latest measurement per basis: the same rows as numbering them all, ties by id', async () => {
    const numbered = (where: string, params: unknown[] = []) =>
      (
        sqlite
          .prepare(
            `select measurement_id as id from (
               select m.id as measurement_id, b.category, b.area, b.product_id, b.municipality_number, m.status,
                 row_number() over (partition by m.benefit_id, m.status order by m.period_end desc, m.id desc) as rn
               from benefit b join benefit_measurement m on m.benefit_id = b.id
               where b.baseline_value is not null and m.status in ('realised', 'estimated')
             ) where rn = 1 ${where} order by measurement_id`,
          )
          .all(...params) as Array<{ id: number }>
      ).map((r) => r.id)
    const counted = async (slice: Parameters<typeof countedMeasurements>[1]) =>
      (await countedMeasurements(db, slice)).map((m) => m.measurementId).sort((a, b) => a - b)
    const cell = sqlite
      .prepare(
        `select category, area from benefit where baseline_value is not null group by 1, 2 order by count(*) desc limit 1`,
      )
      .get() as { category: BenefitCategory; area: number }
    const { product } = sqlite
      .prepare(
        `select product_id as product from benefit where product_id is not null group by 1 order by count(*) desc`,
      )
      .get() as { product: number }
    // A tie on the period end: a later row of the same benefit, basis and end date wins by its id.
    const latest = sqlite
      .prepare(
        `select m.* from benefit_measurement m join benefit b on b.id = m.benefit_id
         where b.baseline_value is not null and m.status = 'realised' and b.category = ? and b.area = ?
         order by m.id limit 1`,
      )
      .get(cell.category, cell.area) as { benefit_id: number; period_end: string; created_by: number }
    sqlite.exec('begin')
    try {
      insertLaterTie(latest)
      const all = await counted({})
      expect(all.length).toBeGreaterThan(0)
      expect(all).toEqual(numbered(''))
      expect(await counted({ basis: 'estimated' })).toEqual(numbered(`and status = 'estimated'`))
      const inCell = await counted(cell)
      expect(inCell.length).toBeGreaterThan(0)
      expect(inCell).toEqual(numbered('and category = ? and area = ?', [cell.category, cell.area]))
      expect(await counted({ productIds: [product] })).toEqual(numbered('and product_id = ?', [product]))
    } finally {
      sqlite.exec('rollback')
    }
  })

  it('Min kommune reads the municipality’s participations, last reports and benefits from covering indexes', async () => {
    await updateStatistics(db)
    const { m } = sqlite
      .prepare(
        `select municipality_number as m from procurement_participant where status = 'accepted'
         group by municipality_number order by count(*) desc limit 1`,
      )
      .get() as { m: string }
    const participations = planOf(
      sqlite,
      db
        .selectFrom('procurement_participant')
        .select([
          'procurement_participant.procurement_id as id',
          'procurement_participant.role',
          'procurement_participant.phase',
          'procurement_participant.go_live_date',
          'procurement_participant.created_at',
        ])
        .where('procurement_participant.municipality_number', '=', m)
        .where(acceptedParticipationWhere)
        .orderBy('procurement_participant.procurement_id', 'desc'),
    )
    expect(participations).toMatch(
      /^SEARCH procurement_participant USING COVERING INDEX procurement_participant_mine_idx/,
    )
    expect(participations).not.toMatch(/TEMP B-TREE|procurement USING/)
    const lastReports = planOf(
      sqlite,
      db
        .selectFrom('experience_report')
        .select(['procurement_id', (eb) => eb.fn.max('report_date').as('last')])
        .where('municipality_number', '=', m)
        .where('status', '=', 'published')
        .groupBy('procurement_id'),
    )
    expect(lastReports).toMatch(
      /^SEARCH experience_report USING COVERING INDEX experience_report_municipality_last_idx/,
    )
    expect(lastReports).not.toMatch(/TEMP B-TREE/)
    const benefits = planOf(
      sqlite,
      db
        .selectFrom('benefit')
        .innerJoin('procurement_participant', (j) =>
          j
            .onRef('procurement_participant.procurement_id', '=', 'benefit.procurement_id')
            .onRef('procurement_participant.municipality_number', '=', 'benefit.municipality_number'),
        )
        .where(acceptedParticipationWhere)
        .select([
          'benefit.id',
          'benefit.procurement_id',
          'benefit.product_id',
          'benefit.indicator',
          'benefit.custom_indicator',
          'benefit.custom_unit',
          'benefit.baseline_value',
          'procurement_participant.go_live_date',
          'procurement_participant.phase',
        ])
        .where('benefit.municipality_number', '=', m)
        .orderBy('benefit.id', 'desc'),
    )
    // Either side may lead (the planner picks by the statistics); both are the municipality's rows, never a scan.
    expect(benefits).toMatch(
      /^SEARCH (benefit USING COVERING INDEX benefit_follow_up_idx|procurement_participant USING COVERING INDEX procurement_participant_mine_idx) \(municipality_number=/,
    )
    expect(benefits).not.toMatch(/SCAN/)
    const measurements = planOf(
      sqlite,
      db
        .selectFrom('benefit_measurement')
        .innerJoin('benefit', 'benefit.id', 'benefit_measurement.benefit_id')
        .select(['benefit_measurement.benefit_id', (eb) => eb.fn.max('benefit_measurement.period_end').as('last')])
        .where('benefit.municipality_number', '=', m)
        .where('benefit_measurement.status', '!=', 'planned')
        .groupBy('benefit_measurement.benefit_id'),
    )
    expect(measurements).toMatch(/^SEARCH benefit USING COVERING INDEX/)
    expect(measurements).toMatch(/SEARCH benefit_measurement USING COVERING INDEX benefit_measurement_last_idx/)
    expect(measurements).not.toMatch(/SCAN/)
  })

  // A benefit measurement write's refresh asks first which municipalities could make a figure step
  // (slicesThatMayStep): one probe per municipality, from an index, never a scan of every benefit or measurement.
  it('the refresh pre-check probes each municipality through an index, for a cell and for a band', async () => {
    await updateStatistics(db)
    const cellPlan = planOf(
      sqlite,
      municipalitiesWithHoursQuery(db, 'realised', { cell: { category: 'efficiency', area: 2 } }),
    )
    expect(cellPlan).toMatch(/benefit_cell_idx/)
    expect(cellPlan).toMatch(/SEARCH m USING (COVERING )?INDEX benefit_measurement_(last|status)_idx/)
    expect(cellPlan).not.toMatch(/SCAN (b|m)\b/)
    const bandPlan = planOf(sqlite, municipalitiesWithHoursQuery(db, 'realised', { band: 'over_100000' }))
    expect(bandPlan).toMatch(/SEARCH b (EXISTS )?USING (COVERING )?INDEX \w+ \(municipality_number=\?\)/)
    expect(bandPlan).not.toMatch(/SCAN (b|m)\b/)
  })
})

describe('the e-mail queue', () => {
  it('the delivery poll reads the due messages from their index, not every message ever sent', async () => {
    const insert = sqlite.prepare(
      `insert into outbound_email (to_address, locale, kind, subject, text_body, html_body, status, next_attempt_at)
       values ('a@example.invalid', 'nb', 'test', 'Emne', ?, ?, ?, ?)`,
    )
    const body = 'x'.repeat(2_000)
    sqlite.transaction(() => {
      for (let i = 0; i < 3_000; i++) insert.run(body, body, i % 2 ? 'sent' : 'outbox', '2026-01-01T00:00:00.000Z')
      insert.run(body, body, 'queued', '2026-03-02T00:00:00.000Z')
      insert.run(body, body, 'queued', '2026-03-01T00:00:00.000Z')
      insert.run(body, body, 'queued', '2026-04-01T00:00:00.000Z')
    })()
    await updateStatistics(db)
    const query = dueEmailsQuery(db, '2026-03-15T00:00:00.000Z')
    const plan = planOf(sqlite, query)
    expect(plan).toContain('outbound_email_due_idx')
    expect(plan).not.toMatch(/SCAN outbound_email\b/)
    // The longest due first; one not yet due stays.
    expect((await query.execute()).map((m) => m.next_attempt_at)).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ])
  })
})

/** The products with the most reports, most first. */
const topReported = (n: number) =>
  (
    sqlite
      .prepare(
        `select product_id as id from experience_report where product_id is not null
         group by product_id order by count(*) desc limit ?`,
      )
      .all(n) as Array<{ id: number }>
  ).map((r) => r.id)

const buyer: Viewer = {
  userId: 1,
  sessionId: 'plan',
  name: 'Planleser',
  email: 'plan@example.invalid',
  role: 'buyer',
  status: 'verified',
  organisationId: 1,
  organisationName: 'Kommune',
  organisationKind: 'municipality',
  organisationStatus: 'verified',
  municipalityNumber: '4601',
  twoFactorEnabled: false,
  mustEnrolTwoFactor: false,
}
