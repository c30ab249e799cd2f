import { beforeAll, describe, expect, it } from 'vitest'
import { refreshPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import type { BenefitOverview, BenefitRecords, ProductBenefits } from '../../app/models/benefit-overview.server'
import { appRequest, dataUrl, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { municipalitiesInBand, municipalityBenefit } from '../helpers/benefit-fixtures'
import { testDb } from '../helpers/db'
import { supplierWithProduct } from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, createSupplier, type Actor } from '../helpers/register-fixtures'

// The differencing attack on benefit figures (issue 9, acceptance; docs/decisions/011-public-benefit-figures.md),
// through the real routes: read the public overview with exactly three municipalities behind a figure, let a fourth
// record its benefit, read again, and subtract. The public figures change only in published steps of at least three
// new municipalities, so no pair of public views isolates one municipality's hours; the public filters do not narrow
// the figures; the list behind a public figure names only the records it was computed from, without their values.

/** Each municipality saves this many hours a month (realised, against a baseline of 100 hours a month). */
const gains = [10, 20, 30, 40, 50, 60]
let municipalities: string[]
let productId: number
let supplier: Actor
let buyerCookie: string
let otherSupplierCookie: string
let ownSupplierCookie: string
const at = (i: number) => `2026-12-0${1 + Math.floor(i / 3)}T1${i}:00:00.000Z`

beforeAll(async () => {
  const coordinator = await createCoordinator()
  ;({ productId, supplier } = await supplierWithProduct('Gevinstdiff AS', 'Gevinstdiff Tilsyn', coordinator))
  municipalities = await municipalitiesInBand('5000_20000', gains.length)
  buyerCookie = await sessionFor((await createBuyer('0301')).userId)
  otherSupplierCookie = await sessionFor((await createSupplier('Nysgjerrig Gevinst AS')).userId)
  ownSupplierCookie = await sessionFor(supplier.userId)
})

/** The write path the records forms take: the record, then the step in the same transaction. */
async function record(i: number) {
  const { benefitId } = await municipalityBenefit(
    municipalities[i]!,
    { productId, category: 'efficiency', area: 2, indicator: 'hours_per_month', baseline: 100 },
    [{ value: 100 - gains[i]!, status: 'realised', method: 'manual_count', uncertainty: 'moderate' }],
  )
  await testDb()
    .transaction()
    .execute((trx) => refreshPublicBenefitFigures(trx, [benefitId], at(i)))
}

const overview = async (query = '', cookie?: string) =>
  (await loaderData<{ benefits: BenefitOverview }>(`/innsikt${query}`, 'routes/insight', cookie)).benefits
const productFigures = async (cookie?: string) =>
  (await loaderData<{ benefits: ProductBenefits }>(`/register/${productId}`, 'routes/product', cookie)).benefits
const records = async (query: string, cookie?: string) =>
  (await loaderData<{ records: BenefitRecords }>(`/innsikt/gevinster${query}`, 'routes/insight-benefits', cookie))
    .records

const timeSavedHours = (o: BenefitOverview) => o.perArea.find((r) => r.key === 2)?.realised?.hoursPerYear ?? null
/** What the public is shown, without the filter it echoes back. */
const shown = (o: BenefitOverview) => ({ ...o, applied: null })

describe('public benefit figures cannot be differenced', () => {
  it('a fourth and fifth municipality change nothing public; three new ones do; no pair of views gives one away', async () => {
    const reads: Array<{ recorded: number; hours: number | null; view: BenefitOverview; product: ProductBenefits }> = []
    for (const i of gains.keys()) {
      await record(i)
      const view = await overview()
      const product = await productFigures()
      if (i < 2) {
        // Fewer than three municipalities: nothing public, not even a band.
        expect(timeSavedHours(view)).toBeNull()
        expect(product.figures).toEqual([])
        continue
      }
      reads.push({ recorded: i + 1, hours: timeSavedHours(view), view, product })

      // No exact count anywhere in the public view: bands only.
      expect(view.source).toBe('published')
      for (const row of [...view.perCategory, ...view.perArea])
        for (const totals of [row.realised, row.estimated]) if (totals) expect(totals.municipalities.count).toBeNull()
      for (const f of product.figures) expect(f.municipalities).toEqual({ count: null, band: '3_9' })

      // Visitors, other suppliers and the product's own supplier all get the published figures; filters by county
      // and population band do not narrow them.
      expect(shown(await overview('', otherSupplierCookie))).toEqual(shown(view))
      expect(shown(await overview('', ownSupplierCookie))).toEqual(shown(view))
      const filtered = await overview(`?fylke=${municipalities[0]!.slice(0, 2)}&innbyggere=5000_20000`)
      expect({ ...shown(filtered), extrapolation: null }).toEqual({ ...shown(view), extrapolation: null })

      // A reader sees live, exact figures at once.
      const live = await overview('', buyerCookie)
      expect(live.source).toBe('live')
      expect(timeSavedHours(live)).toBe(gains.slice(0, i + 1).reduce((s, g) => s + g * 12, 0))
      expect(live.perArea.find((r) => r.key === 2)?.realised?.municipalities.count).toBe(i + 1)
    }

    // Three, four and five municipalities: the same public figures (the attack of issue 10 gets nothing).
    const [three, four, five, six] = reads
    expect(three!.hours).toBe((10 + 20 + 30) * 12)
    expect(four!.view).toEqual(three!.view)
    expect(five!.view).toEqual(three!.view)
    expect(four!.product).toEqual(three!.product)
    expect(five!.product).toEqual(three!.product)
    // Three new municipalities since the last step: the figures move.
    expect(six!.hours).toBe(gains.reduce((s, g) => s + g * 12, 0))
    expect(six!.product.figures[0]?.medianImprovementPercent).toBe(35)

    // Every pair of reads, with an attacker who knows exactly how many municipalities had recorded at each read and
    // assumes one municipality separates the two views: the difference never is that municipality's hours.
    let hypotheses = 0
    for (const [k, earlier] of reads.entries())
      for (const later of reads.slice(k + 1)) {
        if (later.hours === earlier.hours) continue
        for (let n = earlier.recorded; n < later.recorded; n++) {
          const estimate = (later.hours ?? 0) - (earlier.hours ?? 0)
          expect(Math.abs(estimate - gains[n]! * 12), `municipality ${n + 1}`).toBeGreaterThan(10)
          hypotheses++
        }
      }
    expect(hypotheses).toBeGreaterThanOrEqual(3)
    // Each step is audited.
    const steps = await testDb()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'benefit_figures.published')
      .execute()
    expect(steps).toHaveLength(2)
  })

  it('the records behind a public figure are the ones it was computed from, without values; readers see values', async () => {
    // Six recorded, published at three and six: add a seventh, which no public figure counts yet.
    const [seventh] = await municipalitiesInBand('20000_50000', 1)
    const { benefitId } = await municipalityBenefit(
      seventh!,
      { productId, category: 'efficiency', area: 2, indicator: 'hours_per_month', baseline: 100 },
      [{ value: 1, status: 'realised' }],
    )
    await refreshPublicBenefitFigures(testDb(), [benefitId])
    const query = '?kategori=efficiency&omrade=2&grunnlag=realised&maal=hours'
    const visitor = await records(query)
    expect(visitor.source).toBe('published')
    expect(visitor.page.total).toBe(6)
    expect(visitor.page.items.every((r) => r.values === null)).toBe(true)
    expect(visitor.page.items.map((r) => r.municipality.number)).not.toContain(seventh)
    const reader = await records(query, buyerCookie)
    expect(reader.page.total).toBe(7)
    expect(reader.page.items.every((r) => r.values !== null)).toBe(true)
    // The product's own supplier may read the records about its product; another supplier may not.
    expect((await records(query, ownSupplierCookie)).page.items.every((r) => r.values !== null)).toBe(true)
    expect((await records(query, otherSupplierCookie)).page.items.every((r) => r.values === null)).toBe(true)
    // The page itself shows no value column to a visitor.
    const html = await (await appRequest(`/innsikt/gevinster${query}`)).text()
    expect(html).not.toContain('Nullpunkt')
    expect(html).toContain('Gevinstregistreringer bak tallet')
  })

  it("the compare page shows the product page's figures: published for the public, live for readers", async () => {
    type Compared = { benefits: ProductBenefits[] }
    for (const cookie of [undefined, buyerCookie]) {
      const compared = await loaderData<Compared>(`/sammenlign?p=${productId}`, 'routes/compare', cookie)
      expect(compared.benefits.find((b) => b.productId === productId)).toEqual(await productFigures(cookie))
    }
    const html = await (await appRequest(`/sammenlign?p=${productId}`)).text()
    expect(html).toContain('Gevinster (realisert)')
    expect(html).toContain('3–9 kommuner')
  })

  it('every number on the public overview links to its records', async () => {
    const html = await (await appRequest('/innsikt')).text()
    expect(html).toContain('/innsikt/gevinster?kategori=efficiency&amp;grunnlag=realised&amp;maal=hours')
    expect(html).toContain('/innsikt/gevinster?omrade=2&amp;grunnlag=realised&amp;maal=hours')
    expect(html).toContain('Framskriving (anslag)')
  })
})

describe('benefit filters in the URL', () => {
  it('refuses a value that is not a code with 400, never 500', async () => {
    for (const path of [
      '/innsikt?kategori=tull',
      '/innsikt?fylke=abc',
      '/innsikt?innbyggere=alle',
      '/innsikt/gevinster?omrade=9',
      '/innsikt/gevinster?grunnlag=extrapolated',
      '/innsikt/gevinster?maal=liter',
      '/innsikt/gevinster?produkt=-1',
      '/innsikt/gevinster?prisaar=20x4',
      '/innsikt/gevinster?side=0',
      '/innsikt/gevinster?kategori=%27%20or%201=1--',
    ]) {
      expect((await appRequest(path)).status, path).toBe(400)
      expect((await appRequest(dataUrl(path))).status, `${path} (.data)`).toBe(400)
    }
  })

  it('accepts every valid filter, and blank ones', async () => {
    for (const path of [
      '/innsikt?kategori=quality&fylke=32&innbyggere=over_100000',
      '/innsikt?kategori=&fylke=&innbyggere=',
      '/innsikt/gevinster?kategori=quality&omrade=5&grunnlag=estimated&maal=nok&prisaar=2024&fylke=32&innbyggere=under_5000&side=1',
      `/innsikt/gevinster?produkt=${productId}&maal=any`,
    ]) {
      expect((await appRequest(path, { cookie: buyerCookie })).status, path).toBe(200)
      expect((await appRequest(path)).status, path).toBe(200)
    }
  })
})
