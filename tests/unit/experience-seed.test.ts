import { beforeAll, describe, expect, it } from 'vitest'
import { POPULATION_BAND_CODES, populationBand } from '../../app/domain/population-bands'
import { PHASES } from '../../app/domain/procurement-rules'
import { getMyMunicipality } from '../../app/models/my-municipality.server'
import { getProductExperience } from '../../app/models/product-experience.server'
import { demoAccounts, demoSuppliers } from '../../db/seed/demo-accounts'
import { seedExperienceDemo } from '../../db/seed/experience-demo'
import { seedRegisterDemo } from '../../db/seed/register-demo'
import { testDb } from '../helpers/db'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

let larvik: Actor
let bergen: Actor
let supplierIds: number[]
const now = new Date()

beforeAll(async () => {
  const db = testDb()
  const coordinator = await createCoordinator()
  supplierIds = []
  for (const s of demoSuppliers) {
    const { id } = await db
      .insertInto('organisation')
      .values({ kind: 'supplier', name: s.name, org_number: s.orgNumber, status: 'verified' })
      .returning('id')
      .executeTakeFirstOrThrow()
    supplierIds.push(id)
  }
  // The demo buyer accounts of Larvik and Bergen, as db/seed/demo.ts creates them.
  larvik = await createBuyer('3909')
  bergen = await createBuyer('4601')
  for (const [actor, org] of [
    [larvik, '3909'],
    [bergen, '4601'],
  ] as const) {
    const email = demoAccounts.find((a) => a.org === org)!.email
    await db.updateTable('user').set({ email }).where('id', '=', actor.userId).execute()
  }
  // Tønsberg waits for verification in the demo: the seed must not put procurements on an unverified municipality.
  await db
    .insertInto('organisation')
    .values({ kind: 'municipality', name: 'Tønsberg kommune', municipality_number: '3905' })
    .execute()
  await seedRegisterDemo(db, { supplierOrganisationIds: supplierIds, coordinatorUserId: coordinator.userId, now })
  await seedExperienceDemo(db, { now })
}, 60_000)

describe('experience demo seed', () => {
  it('creates about 200 procurements across at least 80 municipalities of every size and most counties', async () => {
    const db = testDb()
    const { n } = await db
      .selectFrom('procurement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(n).toBe(200)
    const involved = await db
      .selectFrom('procurement_participant as pa')
      .innerJoin('municipality as m', 'm.number', 'pa.municipality_number')
      .select(['m.number', 'm.county_number', 'm.population'])
      .distinct()
      .execute()
    expect(involved.length).toBeGreaterThanOrEqual(80)
    expect(new Set(involved.map((m) => m.county_number)).size).toBeGreaterThanOrEqual(14)
    expect(new Set(involved.map((m) => populationBand(m.population)))).toEqual(new Set(POPULATION_BAND_CODES))
    expect(involved.map((m) => m.number)).not.toContain('3905')
    const leads = await db.selectFrom('procurement').select('lead_municipality_number').distinct().execute()
    expect(leads.length).toBeGreaterThanOrEqual(80)
  })

  it('has joint procurements, every phase, and only the fictional suppliers’ products', async () => {
    const db = testDb()
    const sizes = await db
      .selectFrom('procurement_participant')
      .select(['procurement_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('procurement_id')
      .execute()
    expect(sizes.filter((s) => s.n > 1).length).toBeGreaterThanOrEqual(15)
    expect(Math.max(...sizes.map((s) => s.n))).toBeGreaterThanOrEqual(15)
    const phases = await db.selectFrom('procurement_participant').select('phase').distinct().execute()
    expect(new Set(phases.map((p) => p.phase))).toEqual(new Set(PHASES))
    const bought = await db
      .selectFrom('procurement_product as pp')
      .leftJoin('product as p', 'p.id', 'pp.product_id')
      .select(['pp.product_id', 'pp.product_name', 'p.supplier_organisation_id'])
      .execute()
    for (const b of bought) {
      if (b.product_id !== null) expect(supplierIds).toContain(b.supplier_organisation_id)
      else expect(demoSuppliers.some((s) => b.product_name!.includes(s.name))).toBe(true)
    }
    const contracted = await db
      .selectFrom('procurement')
      .select('supplier_organisation_id')
      .where('supplier_organisation_id', 'is not', null)
      .distinct()
      .execute()
    for (const c of contracted) expect(supplierIds).toContain(c.supplier_organisation_id)
  })

  it('has experience over time, ended contracts with switching data, replies and flags', async () => {
    const db = testDb()
    const count = async (q: { execute(): Promise<Array<{ n: number }>> }) => (await q.execute())[0]!.n
    const reports = db.selectFrom('experience_report').select((eb) => eb.fn.countAll<number>().as('n'))
    expect(await count(reports.where('status', '=', 'published'))).toBeGreaterThan(250)
    expect(await count(reports.where('status', '=', 'draft'))).toBeGreaterThanOrEqual(1)
    expect(
      await count(
        reports
          .where('ended', '=', 1)
          .where('switching_cost_nok', 'is not', null)
          .where('data_exported', 'is not', null),
      ),
    ).toBeGreaterThanOrEqual(10)
    const perParticipation = await db
      .selectFrom('experience_report')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['procurement_id', 'municipality_number'])
      .execute()
    expect(perParticipation.some((p) => p.n >= 3)).toBe(true)
    expect(
      await count(db.selectFrom('supplier_reply').select((eb) => eb.fn.countAll<number>().as('n'))),
    ).toBeGreaterThanOrEqual(20)
    const flags = await db
      .selectFrom('content_flag')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute()
    const byStatus = Object.fromEntries(flags.map((f) => [f.status, f.n]))
    expect(byStatus.open).toBeGreaterThanOrEqual(3)
    expect(byStatus.kept).toBeGreaterThanOrEqual(2)
    expect(byStatus.hidden).toBeGreaterThanOrEqual(2)
    expect(await count(reports.where('hidden', '=', 1))).toBe(1)
    // Fictional authors cannot sign in.
    const authors = await db
      .selectFrom('user')
      .select(['email', 'password_hash'])
      .where('email', 'like', 'forfatter.%')
      .execute()
    expect(authors.length).toBeGreaterThanOrEqual(78)
    expect(authors.every((a) => a.password_hash === '!demo-no-login')).toBe(true)
  })

  it('demonstrates the aggregate threshold: one approved product below it, others above', async () => {
    const db = testDb()
    const used = await db
      .selectFrom('procurement_product')
      .select('product_id')
      .where('product_id', 'is not', null)
      .distinct()
      .orderBy('product_id')
      .execute()
    const results = await Promise.all(
      used.map(async (u) => [u.product_id!, await getProductExperience(null, u.product_id!)] as const),
    )
    const visible = results.filter(([, r]) => r !== null)
    expect(visible.filter(([, r]) => r!.aggregate !== null).length).toBeGreaterThanOrEqual(10)
    const below = visible.filter(([, r]) => r!.aggregate === null)
    expect(below.length).toBeGreaterThanOrEqual(1)
    // Below the threshold for the public, but with experience a buyer can read.
    const [belowId] = below[0]!
    const forBuyer = await getProductExperience(bergen.viewer, belowId)
    expect(forBuyer!.aggregate!.municipalityCount).toBeGreaterThanOrEqual(1)
    expect(forBuyer!.aggregate!.municipalityCount).toBeLessThan(3)
  })

  it('gives Larvik procurements due for follow-up, a joint participation and a draft', async () => {
    const mine = (await getMyMunicipality(larvik.viewer))!
    expect(mine.counts.followUpDue).toBeGreaterThanOrEqual(2)
    expect(mine.counts.led).toBeGreaterThanOrEqual(4)
    expect(mine.counts.participating).toBeGreaterThanOrEqual(1)
    expect(mine.counts.drafts).toBe(1)
    expect(mine.procurements.items[0]!.followUp.due).toBe(true)
    expect(mine.procurements.items.some((i) => !i.followUp.due && i.phase === 'in_operation')).toBe(true)
  })

  it('does nothing when procurements already exist', async () => {
    await seedExperienceDemo(testDb(), { now })
    const { n } = await testDb()
      .selectFrom('procurement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(n).toBe(200)
  })
})
