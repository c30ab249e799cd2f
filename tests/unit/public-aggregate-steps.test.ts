import { beforeAll, describe, expect, it } from 'vitest'
import {
  contributorBand,
  decideStep,
  differingContributors,
  newContributors,
  type Contributions,
} from '../../app/domain/experience-aggregates'
import { osloDate } from '../../app/domain/dates'
import { refreshAllPublicAggregates } from '../../app/models/experience-aggregates.server'
import { createExperience, publishExperience, updateExperienceDraft } from '../../app/models/experiences.server'
import { decideFlags, flagContent } from '../../app/models/moderation.server'
import { getProductExperience } from '../../app/models/product-experience.server'
import { createProcurement, updateProcurement } from '../../app/models/procurements.server'
import { testDb } from '../helpers/db'
import {
  acceptInvitations,
  experienceAccess,
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// Public aggregates change only in published steps (docs/decisions/010-public-aggregate-steps.md): the rule itself,
// a long random history that must never let two public views differ by one or two municipalities, and every write
// path that changes which reports count.

const views = (entries: Record<string, number[]>): Contributions => new Map(Object.entries(entries))

describe('the step rule', () => {
  it('publishes a figure first from three municipalities, then only with three that no earlier step counted', () => {
    const none = new Set<string>()
    expect(decideStep(views({ A: [1], B: [2] }), none, [])).toBe('too_few_new')
    expect(decideStep(views({ A: [1], B: [2], C: [3] }), none, [])).toBe('publish')

    const counted = new Set(['A', 'B', 'C'])
    // A fourth municipality alone: its ratings would be the difference.
    expect(decideStep(views({ A: [1], B: [2], C: [3], D: [4] }), counted, [])).toBe('too_few_new')
    expect(decideStep(views({ A: [1], B: [2], C: [3], D: [4], E: [5] }), counted, [])).toBe('too_few_new')
    expect(decideStep(views({ A: [1], B: [2], C: [3], D: [4], E: [5], F: [6] }), counted, [])).toBe('publish')
    // A counted municipality's newer report, or a hidden one, is no new municipality.
    expect(decideStep(views({ A: [7], B: [2], C: [3], D: [4], E: [5] }), counted, [])).toBe('too_few_new')
    expect(decideStep(views({ A: [1], B: [2], D: [4], E: [5] }), counted, [])).toBe('too_few_new')
    expect(decideStep(views({ A: [1], B: [2], D: [4], E: [5], F: [6] }), counted, [])).toBe('publish')
    // A municipality once counted never counts as new again, even after it left a step.
    expect(newContributors(views({ A: [1], G: [8] }), new Set(['A', 'B']))).toEqual(['G'])
  })

  it('keeps a product’s view three municipalities away from every view of another product', () => {
    const other = views({ A: [1], B: [2], C: [3] })
    const none = new Set<string>()
    // The same reports (one joint procurement for both products): nothing to subtract.
    expect(decideStep(views({ A: [1], B: [2], C: [3] }), none, [other])).toBe('publish')
    // One or two municipalities apart: the difference would single them out.
    expect(decideStep(views({ A: [1], B: [2], C: [3], D: [4] }), none, [other])).toBe('too_close_to_another_product')
    expect(decideStep(views({ A: [1], B: [2], C: [9] }), none, [other])).toBe('too_close_to_another_product')
    expect(decideStep(views({ A: [1], B: [2], C: [3], D: [4], E: [5], F: [6] }), none, [other])).toBe('publish')
    expect(differingContributors(views({ A: [1, 5], B: [2] }), views({ A: [1], B: [2] }))).toEqual(['A'])
  })

  it('shows the number of municipalities as a band only', () => {
    expect([3, 9, 10, 49, 50, 357].map(contributorBand)).toEqual(['3_9', '3_9', '10_49', '10_49', '50_plus', '50_plus'])
  })

  it('never lets two public views of a figure differ by one or two municipalities, whatever happens', () => {
    // A seeded random history of 2,000 events over 40 municipalities: first reports, newer reports from municipalities
    // already counted, and reports hidden by moderation. After every event the live figure is offered to the rule.
    let seed = 20261202
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const live = new Map<string, number[]>()
    const everPublished = new Set<string>()
    const published: Contributions[] = []
    let nextReport = 1
    for (let event = 0; event < 2_000; event++) {
      const municipality = `M${Math.floor(random() * 40)}`
      const roll = random()
      if (roll < 0.6) live.set(municipality, [nextReport++])
      else if (roll < 0.8 && live.has(municipality)) live.set(municipality, [...live.get(municipality)!, nextReport++])
      else live.delete(municipality)
      const candidate: Contributions = new Map([...live].map(([m, ids]) => [m, [...ids]]))
      if (decideStep(candidate, everPublished, []) === 'publish') {
        published.push(candidate)
        for (const m of candidate.keys()) everPublished.add(m)
      }
    }
    expect(published.length).toBeGreaterThan(5)
    for (const [i, a] of published.entries()) {
      expect(a.size).toBeGreaterThanOrEqual(3)
      for (const b of published.slice(i + 1)) expect(differingContributors(a, b).length).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('publishing steps on every change that affects a product’s reports', () => {
  let coordinator: Actor
  let productId: number
  const today = osloDate(new Date())

  beforeAll(async () => {
    coordinator = await createCoordinator()
    ;({ productId } = await supplierWithProduct('Steg AS', 'Steg Sensor', coordinator))
  })

  /** A municipality's own procurement of the product and a published report on it. */
  async function report(
    municipality: string,
    overall: number,
    extra: Record<string, string> = {},
    product = productId,
  ) {
    const buyer = await createBuyer(municipality)
    const { procurementId } = must(
      await createProcurement(buyer.viewer, procurementInput({ title: `Steg ${municipality}`, productIds: [product] })),
    )
    const { experienceId } = must(
      await createExperience(
        buyer.viewer,
        await procurementAccess(procurementId),
        experienceInput({ reportDate: today, ratingOverall: String(overall), ...extra }),
      ),
    )
    return { buyer, procurementId, experienceId }
  }
  const publicView = async (id = productId) => (await getProductExperience(null, id))!.aggregate
  const liveView = async (viewer: Actor, id = productId) => (await getProductExperience(viewer.viewer, id))!.aggregate
  const overallOf = (aggregate: Awaited<ReturnType<typeof publicView>>) =>
    aggregate?.dimensions.find((d) => d.dimension === 'overall')?.mean

  it('publishes with the third municipality and holds the figures until three more have reported', async () => {
    const { buyer } = await report('1101', 5, { ratingIntegration: '2' })
    await report('1103', 4, { ratingIntegration: '4' })
    expect(await publicView()).toBeNull()
    await report('1106', 1)
    const first = await publicView()
    expect(first).toMatchObject({ source: 'published', contributorBand: '3_9', municipalityCount: null })
    expect(overallOf(first)).toBe(3.3)
    // Only two municipalities gave an integration rating: that figure is not published yet.
    expect(first!.dimensions.find((d) => d.dimension === 'integration')!.mean).toBeNull()

    await report('1108', 1)
    await report('1111', 1)
    expect(await publicView()).toEqual(first)
    expect(await liveView(buyer)).toMatchObject({ source: 'live', municipalityCount: 5 })
    await report('1112', 1)
    const second = await publicView()
    expect(overallOf(second)).toBe(2.2)
    expect(await liveView(buyer)).toMatchObject({ source: 'live', municipalityCount: 6 })

    const log = await testDb()
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'aggregate.published')
      .where('target_id', '=', String(productId))
      .execute()
    expect(log.map((l) => JSON.parse(l.details).figures.includes('overall'))).toEqual([true, true])
  })

  it('surfaces a counted municipality’s newer report, drafts published later and hidden reports only with three new municipalities', async () => {
    const before = await publicView()
    // 1101 reports again, much worse: the public figures stay.
    const again = await report('1101', 1)
    expect(await publicView()).toEqual(before)

    // A report hidden by moderation: gone from the live figures at once, not from the published ones.
    const flagger = await createBuyer('1103')
    must(
      await flagContent(flagger.viewer, {
        targetType: 'experience',
        targetId: again.experienceId,
        reason: 'Feil produkt.',
      }),
    )
    must(
      await decideFlags(coordinator.viewer, {
        targetType: 'experience',
        targetId: again.experienceId,
        decision: 'hide',
        reason: 'Navngir en ansatt.',
      }),
    )
    expect(await publicView()).toEqual(before)

    // Three new municipalities through the draft paths: saved, then published by editing, by publishing, and at once.
    const drafts = []
    for (const municipality of ['1114', '1119']) {
      const buyer = await createBuyer(municipality)
      const { procurementId } = must(
        await createProcurement(
          buyer.viewer,
          procurementInput({ title: `Utkast ${municipality}`, productIds: [productId] }),
        ),
      )
      const { experienceId } = must(
        await createExperience(
          buyer.viewer,
          await procurementAccess(procurementId),
          experienceInput({ reportDate: today, ratingOverall: '5', publish: '' }),
        ),
      )
      drafts.push({ buyer, experienceId })
    }
    expect(await publicView()).toEqual(before)
    must(
      await updateExperienceDraft(
        drafts[0]!.buyer.viewer,
        await experienceAccess(drafts[0]!.buyer.viewer, drafts[0]!.experienceId),
        experienceInput({ reportDate: today, ratingOverall: '5' }),
      ),
    )
    must(
      await publishExperience(
        drafts[1]!.buyer.viewer,
        await experienceAccess(drafts[1]!.buyer.viewer, drafts[1]!.experienceId),
      ),
    )
    expect(await publicView()).toEqual(before)
    await report('1120', 5)
    const after = await publicView()
    expect(after).not.toEqual(before)
    // Now without the hidden report: (5 + 4 + 1 + 1 + 1 + 1 + 5 + 5 + 5) / 9.
    expect(overallOf(after)).toBe(3.1)
  })

  it('never steps another product when a procurement’s products change: its reports stay with their product', async () => {
    const { productId: other } = await supplierWithProduct('Annet Steg AS', 'Steg Plattform', coordinator)
    const lead = await createBuyer('1124')
    const joint = must(
      await createProcurement(
        lead.viewer,
        procurementInput({
          title: 'Felles steg',
          productIds: [productId],
          participantMunicipalities: ['1127', '1130'],
        }),
      ),
    ).procurementId
    await acceptInvitations(joint)
    for (const municipality of ['1124', '1127', '1130']) {
      const buyer = await createBuyer(municipality)
      must(
        await createExperience(
          buyer.viewer,
          await procurementAccess(joint),
          experienceInput({ reportDate: today, ratingOverall: '2' }),
        ),
      )
    }
    const mine = await publicView()
    expect(await publicView(other)).toBeNull()
    // The lead swaps the product for another: refused, the reports are about this product.
    expect(
      await updateProcurement(
        lead.viewer,
        await procurementAccess(joint),
        procurementInput({ title: 'Felles steg', productIds: [other] }),
      ),
    ).toMatchObject({ ok: false, code: 'product_has_reports', fieldErrors: { productIds: expect.any(String) } })
    // Adding the other product beside it moves nothing either: no step for either product.
    must(
      await updateProcurement(
        lead.viewer,
        await procurementAccess(joint),
        procurementInput({ title: 'Felles steg', productIds: [productId, other] }),
      ),
    )
    expect(await publicView(other)).toBeNull()
    expect(await liveView(lead, other)).toBeNull()
    expect(await publicView()).toEqual(mine)
  })

  it('counts a report of a procurement with several products for the product it names, and only there', async () => {
    const { productId: sensor } = await supplierWithProduct('Par AS', 'Par Sensor', coordinator)
    const { productId: hub } = await supplierWithProduct('Par Hub AS', 'Par Hub', coordinator)
    const lead = await createBuyer('1133')
    const joint = must(
      await createProcurement(
        lead.viewer,
        procurementInput({
          title: 'Par felles',
          productIds: [sensor, hub],
          participantMunicipalities: ['1134', '1135'],
        }),
      ),
    ).procurementId
    const access = await acceptInvitations(joint)
    // With several products the author must say which one the report is about.
    expect(
      await createExperience(lead.viewer, access, experienceInput({ reportDate: today, ratingOverall: '4' })),
    ).toMatchObject({ ok: false, fieldErrors: { productId: 'validation.experience.productRequired' } })
    for (const municipality of ['1133', '1134', '1135']) {
      const buyer = await createBuyer(municipality)
      must(
        await createExperience(
          buyer.viewer,
          access,
          experienceInput({ reportDate: today, ratingOverall: '4', productId: String(sensor) }),
        ),
      )
    }
    expect(overallOf(await publicView(sensor))).toBe(4)
    expect(await publicView(hub)).toBeNull()
    expect(await liveView(lead, hub)).toBeNull()
    expect(await liveView(lead, sensor)).toMatchObject({ municipalityCount: 3 })
  })

  it('catches up at start-up, and publishing again without changes publishes nothing', async () => {
    const db = testDb()
    await db.deleteFrom('public_aggregate_figure').execute()
    expect(await publicView()).toBeNull()
    const first = await refreshAllPublicAggregates()
    expect(first.get(productId)).toContain('overall')
    // A first step over what counts now: twelve municipalities (the joint procurement's reports stayed with this
    // product when the lead tried to swap it): (28 + 3 × 2) / 12.
    expect(await publicView()).toMatchObject({ source: 'published', contributorBand: '10_49' })
    expect(overallOf(await publicView())).toBe(2.8)
    expect((await refreshAllPublicAggregates()).size).toBe(0)
  })
})
