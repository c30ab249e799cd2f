import { beforeAll, describe, expect, it } from 'vitest'
import { VERSION_STATES } from '../../app/domain/approval-workflow'
import { validateDecision } from '../../app/domain/assessment'
import { listExpiringApprovals } from '../../app/models/assessment-queue.server'
import { listCriteria } from '../../app/models/criteria.server'
import { listPublishedDecisions } from '../../app/models/decision-views.server'
import { getProductForViewer } from '../../app/models/products.server'
import { searchRegister } from '../../app/models/register-search.server'
import { seedRegisterDemo } from '../../db/seed/register-demo'
import { testDb } from '../helpers/db'
import { createCoordinator, createSupplier, type Actor } from '../helpers/register-fixtures'

let suppliers: Array<Awaited<ReturnType<typeof createSupplier>>>
let coordinator: Actor

beforeAll(async () => {
  suppliers = [
    await createSupplier('Demo Alfa AS'),
    await createSupplier('Demo Beta AS'),
    await createSupplier('Demo Gamma AS'),
  ]
  coordinator = await createCoordinator()
  await seedRegisterDemo(testDb(), {
    supplierOrganisationIds: suppliers.map((s) => s.organisationId),
    coordinatorUserId: coordinator.userId,
  })
})

describe('register demo seed', () => {
  it('creates 40 products over all ten categories and every supplier', async () => {
    const db = testDb()
    const products = await db.selectFrom('product').select(['id', 'category_id', 'supplier_organisation_id']).execute()
    expect(products).toHaveLength(40)
    expect(new Set(products.map((p) => p.category_id)).size).toBe(10)
    expect(new Set(products.map((p) => p.supplier_organisation_id))).toEqual(
      new Set(suppliers.map((s) => s.organisationId)),
    )
  })

  it('has versions in every workflow state, with the distribution it promises', async () => {
    const rows = await testDb()
      .selectFrom('product_version')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute()
    const counts = Object.fromEntries(rows.map((r) => [r.state, r.n]))
    expect(Object.keys(counts).sort()).toEqual([...VERSION_STATES].sort())
    expect(counts).toEqual({
      approved: 20,
      provisionally_approved: 4,
      draft: 4,
      submitted: 6,
      in_review: 4,
      changes_requested: 3,
      rejected: 2,
      withdrawn: 2,
      expired: 1,
    })
  })

  it('shows the public 24 approved products, some with a newer version not yet assessed', async () => {
    const result = await searchRegister(null, { pageSize: 50 })
    expect(result.total).toBe(24)
    const labels = result.items.map((i) => i.approval)
    expect(labels.every((l) => l.status === 'approved' || l.status === 'provisionally_approved')).toBe(true)
    expect(labels.filter((l) => l.status === 'provisionally_approved')).toHaveLength(4)
    const unassessed = labels.filter((l) => 'newestAssessed' in l && !l.newestAssessed)
    // v2 submitted (3), in review (1) and changes requested (1); a v2 draft is not public.
    expect(unassessed).toHaveLength(5)
    expect((await searchRegister(coordinator.viewer, { pageSize: 50 })).total).toBe(40)
    expect(names(await searchRegister(null, { q: 'trygghets', pageSize: 50 }))).toContain('Trygghetsalarm Fjordvakt 4G')
    expect(names(await searchRegister(null, { q: 'dørlås' }))).toContain('Nøkkelfri Dørlås Pro')
    expect(names(await searchRegister(null, { q: 'øyeblikk' }))).toEqual(['Øyeblikk Nettbrett for eldre'])
  })

  it('records decisions that follow the published rules', async () => {
    const db = testDb()
    const criteria = (await listCriteria()).map((c) => ({
      code: c.code,
      mandatory: c.mandatory,
      notApplicableAllowed: c.notApplicableAllowed,
    }))
    const decisions = await db.selectFrom('version_decision').selectAll().where('outcome', '!=', 'withdrawn').execute()
    const results = await db.selectFrom('decision_criterion_result').selectAll().execute()
    expect(decisions.length).toBeGreaterThan(30)
    for (const d of decisions) {
      const checked = validateDecision(
        {
          outcome: d.outcome as 'approved',
          rationale: d.rationale,
          validUntil: d.valid_until,
          results: results
            .filter((r) => r.decision_id === d.id)
            .map((r) => ({ criterionCode: r.criterion_code, result: r.result })),
        },
        criteria,
        d.decided_at.slice(0, 10),
      )
      expect(checked, `decision ${d.id}`).toMatchObject({ ok: true })
      expect(d.coordinator_user_id).toBe(coordinator.userId)
    }
    expect((await listPublishedDecisions(null, { pageSize: 5 })).total).toBeGreaterThanOrEqual(26)
  })

  it('has approvals due for re-assessment and confidential dossiers', async () => {
    const expiring = (await listExpiringApprovals(coordinator.viewer))!
    expect(expiring).toHaveLength(2)
    const sections = await testDb().selectFrom('dossier_section').select(['version_id', 'kind']).execute()
    expect(new Set(sections.map((s) => s.kind))).toEqual(
      new Set(['security_documentation', 'test_reports', 'customer_references', 'prices_offered']),
    )
    const product = await getProductForViewer(null, (await searchRegister(null, { q: 'fjordvakt' })).items[0]!.id)
    expect(product!.description).toMatch(/responssenteret/)
  })

  it('does nothing when products already exist', async () => {
    await seedRegisterDemo(testDb(), {
      supplierOrganisationIds: [suppliers[0]!.organisationId],
      coordinatorUserId: coordinator.userId,
    })
    const { n } = await testDb()
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(n).toBe(40)
  })
})

const names = (r: { items: Array<{ name: string }> }) => r.items.map((i) => i.name)
