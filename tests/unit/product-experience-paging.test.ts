import { beforeAll, describe, expect, it } from 'vitest'
import { aggregateRatings } from '../../app/domain/experience-aggregates'
import { createExperience } from '../../app/models/experiences.server'
import { compareProductExperience, getProductExperience } from '../../app/models/product-experience.server'
import { createProcurement } from '../../app/models/procurements.server'
import { testDb } from '../helpers/db'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'

// A product with many reports and participations (issue 14): the product page shows one page of each, with totals
// and a live aggregate computed in SQL that equal what counting every report by hand gives.

const MUNICIPALITIES = 25
const PROCUREMENTS_EACH = 3
let product: Awaited<ReturnType<typeof supplierWithProduct>>
let reader: Actor
/** The report that counts for each participation (its latest), as the aggregate should see it. */
const counted = new Map<number, { municipality: string; overall: number; recommendation: 'yes' | 'no' }>()
let published = 0

beforeAll(async () => {
  const coordinator = await createCoordinator()
  product = await supplierWithProduct('Mange AS', 'Mange Sensor', coordinator)
  const numbers = (
    await testDb()
      .selectFrom('municipality')
      .select('number')
      .orderBy('number')
      .limit(MUNICIPALITIES + 1)
      .execute()
  ).map((m) => m.number)
  // A buyer with no reports of its own reads them all (its own drafts would otherwise join the list).
  reader = await createBuyer(numbers.pop())
  for (const [i, number] of numbers.entries()) {
    const buyer = await createBuyer(number)
    for (let p = 0; p < PROCUREMENTS_EACH; p++) {
      const { procurementId } = must(
        await createProcurement(
          buyer.viewer,
          procurementInput({ title: `Anskaffelse ${number}-${p}`, productIds: [product.productId] }),
        ),
      )
      const access = await procurementAccess(procurementId)
      const overall = ((i + p) % 5) + 1
      must(await createExperience(buyer.viewer, access, experienceInput({ ratingOverall: String(overall) })))
      published++
      // Every other participation reported again later: only that newer report counts.
      const newer = p === 1 ? (overall % 5) + 1 : overall
      if (p === 1) {
        must(
          await createExperience(
            buyer.viewer,
            access,
            experienceInput({ ratingOverall: String(newer), reportDate: '2026-01-15', recommendation: 'no' }),
          ),
        )
        published++
      }
      counted.set(procurementId, { municipality: number, overall: newer, recommendation: p === 1 ? 'no' : 'yes' })
    }
  }
}, 120_000)

describe('a product with many reports', () => {
  it('shows one page of reports and of usage, with the totals of all of them', async () => {
    const experience = (await getProductExperience(reader.viewer, product.productId))!
    const participations = MUNICIPALITIES * PROCUREMENTS_EACH
    expect(experience.experiences!.items).toHaveLength(20)
    expect(experience.experiences!.total).toBe(published)
    // Newest first.
    const dates = experience.experiences!.items.map((e) => e.reportDate)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(experience.usage.items).toHaveLength(50)
    expect(experience.usage.total).toBe(participations)
    expect(Object.values(experience.phaseCounts).reduce((a, b) => a + b, 0)).toBe(participations)

    // The second page of usage holds the rest, in the same order (by municipality name, then procurement).
    const second = (await getProductExperience(reader.viewer, product.productId, { usagePage: 2 }))!
    expect(second.usage.items).toHaveLength(participations - 50)
    const order = (
      await testDb().selectFrom('municipality').select('number').orderBy('name_sort').orderBy('number').execute()
    ).map((m) => m.number)
    const keys = [...experience.usage.items, ...second.usage.items].map(
      (u) => [order.indexOf(u.municipality.number), u.procurementId] as const,
    )
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]))
    expect(new Set(keys.map((k) => k[1])).size).toBe(participations)
  })

  it('computes the live aggregate over each participation’s latest report, as counting them by hand does', async () => {
    const reports = [...counted.values()]
    const expected = aggregateRatings(
      reports.map((r) => ({
        recommendation: r.recommendation,
        ratings: {
          overall: r.overall,
          supplier_cooperation: 5,
          delivery_as_agreed: 4,
          product_quality: 3,
          integration: null,
          training_support: 4,
          staff_satisfaction: 4,
          resident_satisfaction: 5,
          value_for_money: 3,
        },
      })),
    )
    const experience = (await getProductExperience(reader.viewer, product.productId))!
    expect(experience.aggregate).toEqual({
      source: 'live',
      municipalityCount: MUNICIPALITIES,
      reportCount: MUNICIPALITIES * PROCUREMENTS_EACH,
      dimensions: expected.dimensions,
      recommendation: expected.recommendation,
      filtered: false,
    })
    expect(experience.aggregate!.dimensions.find((d) => d.dimension === 'integration')).toEqual({
      dimension: 'integration',
      mean: null,
      count: 0,
    })
    const [compared] = await compareProductExperience(reader.viewer, [product.productId])
    expect(compared!.aggregate).toEqual(experience.aggregate)
    expect(compared!.municipalitiesUsing).toBe(MUNICIPALITIES)
    expect(compared!.phaseCounts).toEqual(experience.phaseCounts)
  })
})
