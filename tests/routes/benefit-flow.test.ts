import { beforeAll, describe, expect, it } from 'vitest'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import { BaselineInput, BenefitInput, MeasurementInput } from '../../app/forms/benefit'
import type { BenefitOverview, BenefitRecords } from '../../app/models/benefit-overview.server'
import { addMeasurement, createBenefit, getBenefitRef, saveBaseline } from '../../app/models/benefits.server'
import { updateParticipant } from '../../app/models/procurement-participants.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { municipalitiesInBand } from '../helpers/benefit-fixtures'
import {
  acceptInvitations,
  must,
  participantInput,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// The whole benefit-realisation chain through the real model writes (no fixture inserts, no direct call of
// refreshPublicBenefitFigures): three municipalities taking part in procurements of the same register product each
// plan a benefit, record its baseline and a realised measurement; a visitor reads the public overview over HTTP.
// Nothing is published for two municipalities; the third one's measurement publishes a realised figure whose number
// links to the records behind it; each municipality's "Min kommune" stops listing the benefit as due.

const today = osloDate(new Date())
const goLive = addMonths(today, -7)
/** Hours a month saved by each municipality (realised, against a baseline of 100 hours a month). */
const gains = [10, 20, 30]
const AREA = 2

let municipalities: string[]
let productId: number
const procurementOf: number[] = []
const buyers: Actor[] = []
const cookies: string[] = []
const benefitIds: number[] = []

type Mine = {
  benefitFollowUp: {
    due: { items: Array<{ benefitId: number; due: { months: number } }> }
    missingBaseline: { items: Array<{ benefitId: number }> }
  }
  mine: { procurements: { items: Array<{ procurementId: number; followUp: { due: boolean } }> } }
}
const mine = (i: number) => loaderData<Mine>('/min-kommune', 'routes/my-municipality', cookies[i])
const overview = async (cookie?: string) =>
  (await loaderData<{ benefits: BenefitOverview }>('/innsikt', 'routes/insight', cookie)).benefits
const records = async (query: string, cookie?: string) =>
  (await loaderData<{ records: BenefitRecords }>(`/innsikt/gevinster${query}`, 'routes/insight-benefits', cookie))
    .records
const areaRow = (o: BenefitOverview) => o.perArea.find((r) => r.key === AREA)
const categoryRow = (o: BenefitOverview) => o.perCategory.find((r) => r.key === 'efficiency')

beforeAll(async () => {
  const coordinator = await createCoordinator()
  ;({ productId } = await supplierWithProduct('Gevinstflyt AS', 'Gevinstflyt Tilsyn', coordinator))
  municipalities = await municipalitiesInBand('5000_20000', 3)
  const [a, b, c] = municipalities as [string, string, string]
  const lead = await createBuyer(a)
  // A joint procurement led by A with B invited (B accepts), and C's own procurement of the same product; the
  // leads went live seven months ago, so their 6-month follow-up point has passed.
  const joint = must(
    await createProcurement(
      lead.viewer,
      procurementInput({
        title: 'Felles tilsyn',
        productIds: [String(productId)],
        participantMunicipalities: [b],
        phase: 'pilot',
        goLiveDate: goLive,
      }),
    ),
  ).procurementId
  const accepted = await acceptInvitations(joint)
  expect(accepted.participants.find((p) => p.municipalityNumber === b)?.status).toBe('accepted')
  const buyerB = await createBuyer(b)
  // B's own deployment: in pilot since the same go-live date (an invited municipality starts without one).
  must(
    await updateParticipant(
      buyerB.viewer,
      accepted,
      participantInput({
        municipalityNumber: b,
        usersCount: '10',
        unitsCount: '',
        sitesCount: '1',
        goLiveDate: goLive,
        phase: 'pilot',
        internalNotes: '',
      }),
    ),
  )
  const buyerC = await createBuyer(c)
  const own = must(
    await createProcurement(
      buyerC.viewer,
      procurementInput({ title: 'Eget tilsyn', productIds: [String(productId)], phase: 'pilot', goLiveDate: goLive }),
    ),
  ).procurementId
  procurementOf.push(joint, joint, own)
  buyers.push(lead, buyerB, buyerC)
  for (const buyer of buyers) cookies.push(await sessionFor(buyer.userId))
})

/** Municipality i's buyer plans the benefit and records its baseline (through the models, as the forms do). */
async function planWithBaseline(i: number) {
  const buyer = buyers[i]!
  const procurement = await procurementAccess(procurementOf[i]!)
  const { benefitId } = must(
    await createBenefit(
      buyer.viewer,
      procurement,
      BenefitInput.parse({
        category: 'efficiency',
        area: String(AREA),
        beneficiary: 'staff',
        indicator: 'hours_per_month',
        concernsCount: '30',
        productId: String(productId),
      }),
    ),
  )
  benefitIds[i] = benefitId
  const ref = must(await getBenefitRef(buyer.viewer, procurement.id, benefitId))
  must(
    await saveBaseline(
      buyer.viewer,
      ref,
      BaselineInput.parse({
        baselineValue: '100',
        baselinePeriodStart: addMonths(goLive, -3),
        baselinePeriodEnd: addDays(goLive, -1),
        baselineMethod: 'system_data',
      }),
    ),
  )
}

/** Municipality i's buyer records the realised result of the last month. */
async function measure(i: number) {
  const buyer = buyers[i]!
  const ref = must(await getBenefitRef(buyer.viewer, procurementOf[i]!, benefitIds[i]!))
  must(
    await addMeasurement(
      buyer.viewer,
      ref,
      MeasurementInput.parse({
        value: String(100 - gains[i]!),
        periodStart: addMonths(today, -1),
        periodEnd: addDays(today, -1),
        method: 'system_data',
        status: 'realised',
        uncertainty: 'low',
        reportedBy: 'municipality',
        priceYear: '',
      }),
    ),
  )
}

/** The benefit is due under the municipality's "Min kommune" before its measurement and not after. */
async function measureAndCheckFollowUp(i: number) {
  let data = await mine(i)
  expect(data.benefitFollowUp.due.items.find((d) => d.benefitId === benefitIds[i])?.due.months).toBe(6)
  expect(data.mine.procurements.items.find((p) => p.procurementId === procurementOf[i])?.followUp.due).toBe(true)
  await measure(i)
  data = await mine(i)
  expect(data.benefitFollowUp.due.items.map((d) => d.benefitId)).not.toContain(benefitIds[i])
  expect(data.benefitFollowUp.missingBaseline.items.map((d) => d.benefitId)).not.toContain(benefitIds[i])
  expect(data.mine.procurements.items.find((p) => p.procurementId === procurementOf[i])?.followUp.due).toBe(false)
}

describe('benefit realisation from the municipalities’ records to the public overview', () => {
  it('publishes nothing for two municipalities, a realised figure once the third measures', async () => {
    for (const i of gains.keys()) await planWithBaseline(i)

    // Two municipalities measured: the records are there (a municipality reads them live), the public sees nothing.
    for (const i of [0, 1]) await measureAndCheckFollowUp(i)
    const live = await overview(cookies[0])
    expect(live.source).toBe('live')
    expect(areaRow(live)?.realised?.hoursPerYear).toBe((gains[0]! + gains[1]!) * 12)
    let visitor = await overview()
    expect(visitor.source).toBe('published')
    expect(areaRow(visitor)?.realised ?? null).toBeNull()
    expect(categoryRow(visitor)?.realised ?? null).toBeNull()
    expect((await records('?omrade=2&grunnlag=realised&maal=hours')).page.total).toBe(0)

    // The third municipality's measurement: its own model write takes the public step.
    await measureAndCheckFollowUp(2)
    visitor = await overview()
    const hours = gains.reduce((s, g) => s + g * 12, 0)
    expect(areaRow(visitor)?.realised?.hoursPerYear).toBe(hours)
    expect(areaRow(visitor)?.realised?.municipalities).toEqual({ count: null, band: '3_9' })
    expect(categoryRow(visitor)?.realised?.hoursPerYear).toBe(hours)
    // Realised results are not estimates: the estimated column has nothing.
    expect(areaRow(visitor)?.estimated ?? null).toBeNull()
    expect(categoryRow(visitor)?.estimated ?? null).toBeNull()
    expect((await records('?omrade=2&grunnlag=estimated&maal=hours')).page.total).toBe(0)

    // The number on the page links to the records behind it.
    const html = await (await appRequest('/innsikt')).text()
    const link = '/innsikt/gevinster?omrade=2&amp;grunnlag=realised&amp;maal=hours'
    expect(html).toMatch(new RegExp(`href="${link.replace(/[?.]/g, '\\$&')}"[^>]*>${hours}</a>`))
    expect(html).toContain('/innsikt/gevinster?kategori=efficiency&amp;grunnlag=realised&amp;maal=hours')

    // The records behind it: the three municipalities, without their values for a visitor.
    const behind = await records('?omrade=2&grunnlag=realised&maal=hours')
    expect(behind.source).toBe('published')
    expect(behind.page.total).toBe(3)
    expect(behind.page.items.map((r) => r.municipality.number).sort()).toEqual([...municipalities].sort())
    expect(behind.page.items.every((r) => r.values === null && r.product?.id === productId)).toBe(true)
    const byCategory = await records('?kategori=efficiency&grunnlag=realised&maal=hours')
    expect(byCategory.page.items.map((r) => r.municipality.number).sort()).toEqual([...municipalities].sort())
    const page = await (await appRequest('/innsikt/gevinster?omrade=2&grunnlag=realised&maal=hours')).text()
    expect(page).not.toContain('Nullpunkt')
  })
})

describe('one wording for the code lists of benefit realisation', () => {
  it('names the kind, area, indicator and method alike on the overview, its records, the benefit page and the CSV', async () => {
    const kind = 'Effektiviseringsgevinst'
    const area = '2 Spart tid og lavere bemanningsbehov'
    const indicator = 'Timer brukt per måned'
    const method = 'Systemdata'
    const text = async (path: string, cookie?: string) => (await appRequest(path, { cookie })).text()
    const insight = await text('/innsikt')
    for (const label of [kind, area]) expect(insight, label).toContain(label)
    const behind = await text('/innsikt/gevinster?omrade=2&grunnlag=realised&maal=hours')
    for (const label of [area, indicator, method]) expect(behind, label).toContain(label)
    const page = await text(`/anskaffelser/${procurementOf[0]}/gevinster/${benefitIds[0]}`, cookies[0])
    for (const label of [kind, area, indicator, method]) expect(page, label).toContain(label)
    const csv = await text(`/anskaffelser/${procurementOf[0]}/gevinster/eksport`, cookies[0])
    for (const label of [kind, area, indicator, method]) expect(csv, label).toContain(label)
  })
})
