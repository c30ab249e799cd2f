import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { canViewBenefit, visibleBenefitsWhere } from '../../app/policy/benefits'
import { demoViewers, expectParity, seedDemo, type RoleViewer } from '../helpers/parity'

// benefit-visible (app/policy/benefits.ts; docs/domain.md, "Visibility"): the predicate for one benefit record and its
// list form select the same records for every role of the demo data: buyers and coordinators all of them, a supplier
// those about its own products, the public none.

let viewers: RoleViewer[]
const db = () => getDb()

beforeAll(async () => {
  await seedDemo()
  // A benefit about no register product (the procurement also bought something named in free text): no supplier's.
  const any = await db()
    .selectFrom('benefit')
    .select(['procurement_id', 'municipality_number', 'created_by'])
    .orderBy('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('benefit')
    .values({
      ...any,
      product_id: null,
      category: 'quality',
      area: 5,
      beneficiary: 'relatives',
      indicator: 'share_feeling_safer',
    })
    .execute()
  viewers = await demoViewers()
})

describe('benefit-visible: canViewBenefit and visibleBenefitsWhere', () => {
  it('select the same benefit records for every role', async () => {
    const rows = (
      await db()
        .selectFrom('benefit')
        .leftJoin('product', 'product.id', 'benefit.product_id')
        .select(['benefit.id', 'product.supplier_organisation_id'])
        .execute()
    ).map((r) => ({ id: r.id, productSupplierOrganisationId: r.supplier_organisation_id ?? null }))
    // The rows cover both demo suppliers' products and a record about no register product.
    expect(new Set(rows.map((r) => r.productSupplierOrganisationId)).size).toBeGreaterThanOrEqual(3)
    await expectParity({
      viewers,
      rows,
      predicate: (viewer, row) => canViewBenefit(viewer, row),
      listed: async (viewer) =>
        (await db().selectFrom('benefit').select('benefit.id').where(visibleBenefitsWhere(viewer)).execute()).map(
          (r) => r.id,
        ),
    })
  })

  it('lets each demo supplier see some records and not others', async () => {
    for (const label of ['supplier (Nordlys)', 'supplier (Fjordtrygg)']) {
      const viewer = viewers.find((v) => v.label === label)?.viewer ?? null
      const seen = await db().selectFrom('benefit').select('benefit.id').where(visibleBenefitsWhere(viewer)).execute()
      const all = await db().selectFrom('benefit').select('id').execute()
      expect(seen.length, label).toBeGreaterThan(0)
      expect(seen.length, label).toBeLessThan(all.length)
    }
  })
})
