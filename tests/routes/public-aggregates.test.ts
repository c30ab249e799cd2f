import { beforeAll, describe, expect, it } from 'vitest'
import { RATING_DIMENSIONS, RATING_FIELDS, type Recommendation } from '../../app/domain/procurement-rules'
import { createExperience } from '../../app/models/experiences.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, createSupplier } from '../helpers/register-fixtures'

// The differencing attack from issue 10, through the real routes: read the public aggregate with exactly three
// municipalities in it, let a fourth publish, read again, and compute the fourth's ratings as 4 × new − 3 × old. With
// public figures that change only in published steps of at least three new municipalities
// (docs/decisions/010-public-aggregate-steps.md) the attack must come out wrong, for every rating and the
// recommendation, and for every pair of public views taken along the way; signed-in buyers keep live, exact figures.

type Figures = {
  source: 'live' | 'published'
  municipalityCount: number | null
  reportCount: number | null
  contributorBand?: string
  dimensions: Array<{ dimension: string; mean: number | null; count: number | null }>
  recommendation: Record<Recommendation, { count: number | null; share: number }>
}
type ProductData = { experience: { aggregate: Figures | null } }

/** Each municipality rates every dimension the same, and recommends as given. */
const municipalities = [
  { number: '3209', rating: 5, recommendation: 'yes' },
  { number: '3201', rating: 4, recommendation: 'yes' },
  { number: '3203', rating: 4, recommendation: 'with_reservations' },
  // The fourth: the one the attack is after.
  { number: '3205', rating: 1, recommendation: 'no' },
  { number: '3207', rating: 2, recommendation: 'no' },
  { number: '3301', rating: 3, recommendation: 'yes' },
] as const

let productId: number
let buyerCookie: string
let otherSupplierCookie: string

beforeAll(async () => {
  const coordinator = await createCoordinator()
  ;({ productId } = await supplierWithProduct('Differanse AS', 'Differanse Alarm', coordinator))
  // A buyer of a municipality that does not use the product: signed in, reads live figures.
  buyerCookie = await sessionFor((await createBuyer('0301')).userId)
  otherSupplierCookie = await sessionFor((await createSupplier('Nysgjerrig Konkurrent AS')).userId)
})

async function publish(m: (typeof municipalities)[number]) {
  const buyer = await createBuyer(m.number)
  const { procurementId } = must(
    await createProcurement(buyer.viewer, procurementInput({ title: `Alarm ${m.number}`, productIds: [productId] })),
  )
  const ratings = Object.fromEntries(RATING_DIMENSIONS.map((d) => [RATING_FIELDS[d], String(m.rating)]))
  must(
    await createExperience(
      buyer.viewer,
      await procurementAccess(procurementId),
      experienceInput({ ...ratings, recommendation: m.recommendation }),
    ),
  )
}

const publicAggregate = async (cookie?: string) =>
  (await loaderData<ProductData>(`/register/${productId}`, 'routes/product', cookie)).experience.aggregate

/** What the attacker reads off a view: the nine means and the share that would not recommend. */
const figuresOf = (view: Figures) => [...view.dimensions.map((d) => d.mean), view.recommendation.no.share]

describe('public aggregates cannot be differenced', () => {
  it('a fourth (and fifth) municipality changes nothing public; three new ones change it; no pair of views gives one away', async () => {
    const reads: Array<{ published: number; view: Figures }> = []
    const live: Figures[] = []
    for (const [i, m] of municipalities.entries()) {
      await publish(m)
      if (i < 2) continue
      const view = await publicAggregate()
      expect(view, `after ${i + 1} municipalities`).not.toBeNull()
      reads.push({ published: i + 1, view: view! })
      // Other suppliers read what a visitor reads.
      expect(await publicAggregate(otherSupplierCookie)).toEqual(view)
      live.push((await publicAggregate(buyerCookie))!)

      // No exact count anywhere in the public view, in its data or its page.
      expect(view).toMatchObject({ source: 'published', municipalityCount: null, reportCount: null })
      expect(view!.contributorBand).toBe('3_9')
      for (const d of view!.dimensions) expect(d.count).toBeNull()
      for (const r of Object.values(view!.recommendation)) expect(r.count).toBeNull()
      const html = await (await appRequest(`/register/${productId}`)).text()
      expect(html).toContain('fra 3–9 kommuner')
      expect(html).not.toMatch(/fra \d+ kommuner/)
      expect(html).not.toMatch(/\d+ rapporter/)
    }

    // The attack of issue 10: with three and then four municipalities, the public figures are the same.
    const [three, four, five, six] = reads.map((r) => r.view)
    expect(four).toEqual(three)
    expect(five).toEqual(three)
    // Three new municipalities since the last step: the figures move (6 municipalities: (5+4+4+1+2+3)/6 → 3.2).
    expect(six).not.toEqual(three)
    expect(six!.dimensions.find((d) => d.dimension === 'overall')!.mean).toBe(3.2)

    // The public figures change only after at least three more municipalities have published since the last change.
    let lastChange = reads[0]!
    for (const read of reads.slice(1)) {
      if (JSON.stringify(read.view) === JSON.stringify(lastChange.view)) continue
      expect(read.published - lastChange.published, `change at ${read.published}`).toBeGreaterThanOrEqual(3)
      lastChange = read
    }

    // Every pair of reads, with the strongest attacker: one who knows exactly which municipalities had published
    // before each read (the public is told only a band) and may assume a view is as old as the first read that
    // showed it. For every hypothesis that one municipality separates the two views, the difference
    // (n_j × later − n_i × earlier) must not give that municipality's ratings or its "would not recommend".
    const firstSeen = (view: Figures) => reads.find((r) => JSON.stringify(r.view) === JSON.stringify(view))!.published
    let hypotheses = 0
    for (const [i, earlier] of reads.entries()) {
      for (const later of reads.slice(i + 1)) {
        for (let n = firstSeen(earlier.view); n <= earlier.published; n++) {
          if (n + 1 < firstSeen(later.view) || n + 1 > later.published) continue
          const target = municipalities[n]!
          const before = figuresOf(earlier.view)
          const estimate = figuresOf(later.view).map((v, k) => Math.round((v ?? 0) * (n + 1) - (before[k] ?? 0) * n))
          const truth = [...RATING_DIMENSIONS.map(() => target.rating), target.recommendation === 'no' ? 1 : 0]
          for (const [k, value] of estimate.entries())
            expect(value, `figure ${k} of ${target.number}, reads ${earlier.published}/${later.published}`).not.toBe(
              truth[k],
            )
          hypotheses++
        }
      }
    }
    expect(hypotheses).toBeGreaterThanOrEqual(3)

    // Signed-in buyers see the live, exact figures at every read.
    expect(live.map((l) => [l.source, l.municipalityCount, l.reportCount])).toEqual([
      ['live', 3, 3],
      ['live', 4, 4],
      ['live', 5, 5],
      ['live', 6, 6],
    ])
    expect(live.map((l) => l.dimensions.find((d) => d.dimension === 'overall')!.mean)).toEqual([4.33, 3.5, 3.2, 3.17])
    expect(live.map((l) => l.recommendation.no.count)).toEqual([0, 1, 2, 2])
  })

  it('the compare page shows the same published figures, and "municipalities like mine" does not narrow them', async () => {
    const view = await publicAggregate()
    const compared = await loaderData<{ experience: Array<{ productId: number; aggregate: Figures | null }> }>(
      `/sammenlign?p=${productId}`,
      'routes/compare',
    )
    expect(compared.experience.find((e) => e.productId === productId)!.aggregate).toEqual(view)
    const filtered = await loaderData<ProductData>(
      `/register/${productId}?innbyggere=under_5000&fylke=32`,
      'routes/product',
    )
    expect(filtered.experience.aggregate).toEqual(view)
  })
})
