import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDatabase } from '../helpers/generated-db'
import { refreshAllPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import { ensureSearchIndex } from '../../app/models/search-index.server'
import type { DB } from '../../db/schema'
import { signInAccounts } from '../../db/generate/index'

// npm run data:generate: valid (every CHECK, foreign key and domain rule the schema cannot state), skewed, and the
// same database for the same seed and date. Run through the CLI: migrations are TypeScript loaded by path.

const root = mkdtempSync(join(tmpdir(), 'eb-generate-'))
const generate = async (name: string, seed: number) => {
  const out = join(root, name, 'db.sqlite')
  await generateDatabase(out, { seed })
  return new Database(out, { readonly: true })
}
let a: Database.Database
let b: Database.Database
let c: Database.Database

beforeAll(async () => {
  ;[a, b, c] = await Promise.all([generate('a', 3), generate('b', 3), generate('c', 4)])
}, 180_000)

afterAll(() => {
  for (const db of [a, b, c]) db?.close()
  rmSync(root, { recursive: true, force: true })
})

const all = (db: Database.Database, sql: string) => db.prepare(sql).all()
const value = (db: Database.Database, sql: string) => Object.values(db.prepare(sql).get() as object)[0]
const tables = (db: Database.Database) =>
  (
    all(
      db,
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'product_fts%'
       and name not like 'kysely_%' order by name`,
    ) as Array<{ name: string }>
  ).map((t) => t.name)

describe('the data generator', () => {
  it('writes a database that passes integrity_check (CHECK and NOT NULL included) and foreign_key_check', () => {
    expect(a.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(a.pragma('foreign_key_check')).toEqual([])
    // Every real municipality, and the national shape scaled down.
    expect(value(a, "select count(*) from organisation where kind = 'municipality'")).toBe(357)
    expect(value(a, 'select count(*) from procurement')).toBe(250)
    expect(value(a, 'select count(*) from experience_report')).toBeGreaterThan(500)
  })

  it('keeps the rules the schema cannot state', () => {
    // Reports are written by buyers of their own municipality; procurements are registered by the lead's buyers.
    expect(
      value(
        a,
        `select count(*) from experience_report r join user u on u.id = r.author_user_id
         join organisation o on o.id = u.organisation_id
         where u.role != 'buyer' or o.municipality_number != r.municipality_number`,
      ),
    ).toBe(0)
    expect(
      value(
        a,
        `select count(*) from procurement p join user u on u.id = p.created_by join organisation o on o.id = u.organisation_id
         where o.municipality_number != p.lead_municipality_number`,
      ),
    ).toBe(0)
    // Only products that have been on the public register are named as bought.
    expect(
      value(
        a,
        `select count(*) from procurement_product pp where pp.product_id is not null and not exists (
           select 1 from product_version v where v.product_id = pp.product_id
           and v.state in ('approved', 'provisionally_approved', 'withdrawn', 'expired'))`,
      ),
    ).toBe(0)
    // Replies come from the supplier of a product in the procurement, by one of its members.
    expect(
      value(
        a,
        `select count(*) from supplier_reply s join experience_report r on r.id = s.experience_report_id
         join user u on u.id = s.author_user_id
         where u.organisation_id != s.supplier_organisation_id or not exists (
           select 1 from procurement_product pp join product p on p.id = pp.product_id
           where pp.procurement_id = r.procurement_id and p.supplier_organisation_id = s.supplier_organisation_id)`,
      ),
    ).toBe(0)
    // A report saying the contract ended belongs to an ended participation.
    expect(
      value(
        a,
        `select count(*) from experience_report r join procurement_participant pp
         on pp.procurement_id = r.procurement_id and pp.municipality_number = r.municipality_number
         where r.ended = 1 and pp.phase != 'ended'`,
      ),
    ).toBe(0)
  })

  it('generates accounts of every role that can sign in: buyers in every municipality, suppliers, coordinators, admin', () => {
    expect(
      value(
        a,
        `select count(*) from organisation o where o.kind = 'municipality' and not exists (
           select 1 from user u where u.organisation_id = o.id and u.role = 'buyer' and u.status = 'verified')`,
      ),
    ).toBe(0)
    for (const role of ['supplier', 'coordinator', 'admin']) {
      expect(
        value(a, `select count(*) from user where role = '${role}' and status = 'verified'`),
        role,
      ).toBeGreaterThan(0)
    }
    // The accounts the generator prints to sign in with (the database has none of the demo accounts): one per role,
    // verified, in a verified organisation; the buyer of the most populous municipality.
    const accounts = signInAccounts(a)
    expect(accounts.map((x) => x.role)).toEqual(['admin', 'coordinator', 'buyer', 'supplier'])
    for (const account of accounts) {
      expect(
        value(
          a,
          `select count(*) from user u join organisation o on o.id = u.organisation_id
           where u.email = '${account.email}' and u.role = '${account.role}' and u.status = 'verified'
             and o.status = 'verified' and o.name = '${account.organisation.replaceAll("'", "''")}'`,
        ),
        account.email,
      ).toBe(1)
    }
    expect(accounts.find((x) => x.role === 'buyer')?.organisation).toBe('Oslo kommune')
    // Every verified supplier member belongs to a verified supplier organisation (the bench signs in as one).
    expect(
      value(
        a,
        `select count(*) from user u join organisation o on o.id = u.organisation_id
         where u.role = 'supplier' and u.status = 'verified' and (o.kind != 'supplier' or o.status != 'verified')`,
      ),
    ).toBe(0)
  })

  it('writes benefit records only where the rules allow them, with consistent public benefit figures', async () => {
    expect(value(a, 'select count(*) from benefit')).toBeGreaterThan(50)
    expect(value(a, "select count(*) from benefit_measurement where status = 'realised'")).toBeGreaterThan(50)
    // Recorded by a verified buyer of the benefit's own municipality, for a participation it accepted (canRecordBenefit).
    expect(
      value(
        a,
        `select count(*) from benefit b join user u on u.id = b.created_by join organisation o on o.id = u.organisation_id
         where u.role != 'buyer' or u.status != 'verified' or o.municipality_number != b.municipality_number
            or not exists (select 1 from procurement_participant pp where pp.procurement_id = b.procurement_id
                           and pp.municipality_number = b.municipality_number and pp.status = 'accepted')`,
      ),
    ).toBe(0)
    expect(
      value(
        a,
        `select count(*) from benefit_measurement m join benefit b on b.id = m.benefit_id
         join user u on u.id = m.created_by join organisation o on o.id = u.organisation_id
         where o.municipality_number != b.municipality_number`,
      ),
    ).toBe(0)
    // The model's rules: realised needs a baseline and a period begun; NOK has a price year; home visits say their
    // hours; nothing is measured or recorded after the generator's today; a baseline comes before its measurements.
    expect(
      value(
        a,
        `select count(*) from benefit_measurement m join benefit b on b.id = m.benefit_id
         where (m.status = 'realised' and (b.baseline_value is null or m.period_start > '2026-12-01'))
            or (b.indicator = 'nok_per_year') != (m.price_year is not null)
            or m.period_end > '2026-12-01' or m.created_at > '2026-12-02' or b.created_at > '2026-12-02'
            or m.period_start < b.baseline_period_end`,
      ),
    ).toBe(0)
    expect(
      value(a, "select count(*) from benefit where indicator = 'home_visits_per_month' and hours_per_unit is null"),
    ).toBe(0)
    // Public figures: published (the step rule allows some at this size), and the catch-up the server runs at
    // start-up finds nothing left to publish on a copy of the file.
    expect(value(a, 'select count(*) from public_benefit_figure')).toBeGreaterThan(0)
    const copy = join(root, 'copy.sqlite')
    await a.backup(copy)
    const kdb = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(copy) }) })
    try {
      expect(await refreshAllPublicBenefitFigures(kdb, '2026-12-01T12:00:00.000Z')).toEqual([])
    } finally {
      await kdb.destroy()
    }
  })

  it("builds the register's search index, so that the server's first start has none to build before it listens", async () => {
    expect(value(a, 'select count(*) from product_search')).toBe(value(a, 'select count(*) from product'))
    const copy = join(root, 'copy-search.sqlite')
    await a.backup(copy)
    const kdb = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(copy) }) })
    try {
      expect(await ensureSearchIndex(kdb)).toBe(0)
    } finally {
      await kdb.destroy()
    }
  })

  it('skews benefit records: large municipalities record them for more of their procurements than small ones', () => {
    const share = (where: string) =>
      Number(
        value(
          a,
          `select avg(exists (select 1 from benefit b where b.procurement_id = pp.procurement_id
                                and b.municipality_number = pp.municipality_number))
           from procurement_participant pp join municipality m on m.number = pp.municipality_number where ${where}`,
        ),
      )
    expect(share('m.population >= 50000')).toBeGreaterThan(2 * share('m.population < 5000'))
    const perMunicipality = (
      all(a, 'select count(*) as n from benefit group by municipality_number order by n') as Array<{ n: number }>
    ).map((r) => r.n)
    const median = perMunicipality[Math.floor(perMunicipality.length / 2)] ?? 0
    expect(perMunicipality[perMunicipality.length - 1]).toBeGreaterThan(4 * median)
  })

  it('is skewed: a few products have many reports, most have few', () => {
    const perProduct = (
      all(
        a,
        `select count(*) as n from procurement_product pp join experience_report r on r.procurement_id = pp.procurement_id
         where pp.product_id is not null group by pp.product_id order by n`,
      ) as Array<{ n: number }>
    ).map((r) => r.n)
    const median = perProduct[Math.floor(perProduct.length / 2)] ?? 0
    // At this small scale (about 20 public products) the curve is flatter than at national size.
    expect(perProduct[perProduct.length - 1]).toBeGreaterThan(2 * median)
  })

  it('gives the same rows for the same seed and date, and other rows for another seed', () => {
    expect(tables(a)).toEqual(tables(b))
    for (const table of tables(a)) {
      expect(all(a, `select * from "${table}" order by 1, 2`), table).toEqual(
        all(b, `select * from "${table}" order by 1, 2`),
      )
    }
    expect(all(a, 'select * from experience_report order by id')).not.toEqual(
      all(c, 'select * from experience_report order by id'),
    )
  })
})
