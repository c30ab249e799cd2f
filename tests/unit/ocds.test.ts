import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { toReleasePackage } from '../../app/domain/ocds'
import { ocdsRelease, ocdsReleasePage } from '../../app/models/ocds.server'
import type { Viewer } from '../../app/policy/viewer'
import { demoViewers, seedDemo, type RoleViewer } from '../helpers/parity'
import { ocdsPackageValidator } from '../helpers/ocds-schema'

// Procurements as OCDS 1.1 release packages, built from the demo data for every role and validated against the
// official release-package and release schemas with the Metrics extension: zero schema errors, withheld fields
// absent, and realised benefits as metrics whose observations keep baseline, estimated and realised apart.

let viewers: RoleViewer[] = []
const benefitProcurement = { id: 0, benefitId: 0 }

beforeAll(async () => {
  await seedDemo()
  viewers = await demoViewers()
  const db = getDb()
  // A benefit with its baseline and three measurements on a demo procurement with a register product.
  const target = await db
    .selectFrom('procurement_product')
    .innerJoin('procurement_participant as p', 'p.procurement_id', 'procurement_product.procurement_id')
    .select(['procurement_product.procurement_id', 'procurement_product.product_id', 'p.municipality_number'])
    .where('procurement_product.product_id', 'is not', null)
    .where('p.role', '=', 'lead')
    .orderBy('procurement_product.procurement_id')
    .executeTakeFirstOrThrow()
  const author = await db.selectFrom('user').select('id').where('role', '=', 'buyer').executeTakeFirstOrThrow()
  benefitProcurement.id = target.procurement_id
  const { id: benefitId } = await db
    .insertInto('benefit')
    .values({
      procurement_id: target.procurement_id,
      municipality_number: target.municipality_number,
      product_id: target.product_id,
      category: 'efficiency',
      area: 2,
      beneficiary: 'staff',
      indicator: 'home_visits_per_month',
      hours_per_unit: 0.5,
      concerns_count: 35,
      baseline_value: 613,
      baseline_period_start: '2024-01-01',
      baseline_period_end: '2024-03-31',
      baseline_method: 'system_data',
      created_by: author.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  benefitProcurement.benefitId = benefitId
  const measurement = (status: 'realised' | 'estimated' | 'planned', value: number, end: string) => ({
    benefit_id: benefitId,
    value,
    period_start: '2025-01-01',
    period_end: end,
    method: status === 'estimated' ? ('estimate' as const) : ('system_data' as const),
    status,
    uncertainty: status === 'estimated' ? ('high' as const) : ('low' as const),
    reported_by: 'municipality' as const,
    created_by: author.id,
  })
  await db
    .insertInto('benefit_measurement')
    .values([
      measurement('planned', 450, '2025-03-31'),
      measurement('estimated', 440, '2025-06-30'),
      measurement('realised', 429, '2025-09-30'),
    ])
    .execute()
})

async function everyRelease(viewer: Viewer | null) {
  const releases = []
  for (let page = 1; ; page++) {
    const result = await ocdsReleasePage(viewer, { page, pageSize: 100 })
    releases.push(...result.items)
    if (page >= result.pageCount) break
  }
  return releases
}

const metricsOf = (release: unknown) =>
  ((release as { contracts?: Array<{ implementation?: { metrics?: unknown[] } }> }).contracts ?? []).flatMap(
    (c) => c.implementation?.metrics ?? [],
  ) as Array<{ observations: Array<{ id: string; dimensions: Record<string, string>; measure?: number }> }>

describe('OCDS release packages from the demo data', () => {
  it('validate against the release-package and release schemas with the Metrics extension, for every role', async () => {
    const validate = ocdsPackageValidator()
    for (const { label, viewer } of viewers) {
      const releases = await everyRelease(viewer)
      expect(releases.length, label).toBeGreaterThan(0)
      const pkg = toReleasePackage(releases, {
        uri: 'http://localhost/api/v1/ocds/releases',
        fallbackDate: '2026-01-01T00:00:00Z',
      })
      expect(validate(pkg), label).toEqual([])
    }
  })

  it('carry realised benefits as metrics for those who may read benefit records, with each basis apart', async () => {
    const buyer = viewers.find((v) => v.label === 'buyer (Bergen)')?.viewer ?? null
    const release = await ocdsRelease(buyer, benefitProcurement.id)
    expect(release?.tag).toContain('implementation')
    const observations = metricsOf(release)
      .filter((m) => (m as { id?: string }).id === `benefit-${benefitProcurement.benefitId}`)
      .flatMap((m) => m.observations)
    const bases = observations.map((o) => o.dimensions.basis)
    expect(bases).toEqual(expect.arrayContaining(['baseline', 'planned', 'estimated', 'realised']))
    expect(observations.find((o) => o.dimensions.basis === 'realised')?.measure).toBe(429)
    expect(observations.find((o) => o.dimensions.basis === 'baseline')?.measure).toBe(613)
  })

  it('leave benefit records and municipalities-only contract values out for a visitor', async () => {
    const visitorReleases = await everyRelease(null)
    expect(visitorReleases.flatMap(metricsOf)).toEqual([])
    const hidden = await getDb()
      .selectFrom('procurement')
      .select(['id', 'contract_value_nok'])
      .where('commercial_terms_visibility', '=', 'municipalities')
      .where('contract_value_nok', 'is not', null)
      .execute()
    expect(hidden.length).toBeGreaterThan(0)
    const text = JSON.stringify(visitorReleases)
    for (const p of hidden) {
      const release = visitorReleases.find((r) => r.ocid.endsWith(`-${p.id}`))
      expect(JSON.stringify(release)).not.toContain('"amount"')
    }
    expect(text).not.toContain('internal')
    // A buyer gets them.
    const buyer = viewers.find((v) => v.label === 'buyer (Larvik)')?.viewer ?? null
    const buyerRelease = await ocdsRelease(buyer, hidden[0]?.id ?? 0)
    expect(JSON.stringify(buyerRelease)).toContain(`"amount":${hidden[0]?.contract_value_nok}`)
  })
})
