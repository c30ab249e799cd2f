import { beforeAll, describe, expect, it } from 'vitest'
import { addMonths, osloDate } from '../../app/domain/dates'
import { withdrawApproval } from '../../app/models/decisions.server'
import { createExperience } from '../../app/models/experiences.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { insertBenefit } from '../helpers/benefit-fixtures'
import { testDb } from '../helpers/db'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// "Min kommune" pages each of its lists on a query-string key of its own. A page past the end of a list (an old link:
// items answered, published or deleted since) shows the list's last page, not an empty list, for every list.

const ITEMS = 11 // one more than a page of the side lists (10)
const PROCUREMENTS = 21 // one more than a page of the procurements (20)
const today = osloDate(new Date())

let buyer: Actor // Stavanger (1103), with more than a page of each list
let cookie: string
let withdrawnNames: string[]

type PageOf<T> = { items: T[]; total: number; page: number; pageCount: number }
type Mine = {
  mine: {
    procurements: PageOf<{ procurementId: number }>
    approvalNotices: PageOf<{ productId: number; name: string; approval: { status: string } }>
    invitations: PageOf<{ procurementId: number }>
    drafts: PageOf<Record<string, unknown>>
  }
  benefitFollowUp: { due: PageOf<{ benefitId: number }>; missingBaseline: PageOf<{ benefitId: number }> }
}
const data = (query = '') => loaderData<Mine>(`/min-kommune${query}`, 'routes/my-municipality', cookie)

/** Each list: its query-string key and where it is in the page's data. */
const LISTS: Array<[string, (d: Mine) => PageOf<unknown>]> = [
  ['minside', (d) => d.mine.procurements],
  ['varselside', (d) => d.mine.approvalNotices],
  ['invitasjonsside', (d) => d.mine.invitations],
  ['utkastside', (d) => d.mine.drafts],
  ['gevinstside', (d) => d.benefitFollowUp.due],
  ['nullpunktside', (d) => d.benefitFollowUp.missingBaseline],
]

beforeAll(async () => {
  buyer = await createBuyer('1103')
  cookie = await sessionFor(buyer.userId)
  const coordinator = await createCoordinator()
  // Products the municipality bought whose approval was withdrawn afterwards: a notice each.
  const products = []
  for (let i = 0; i < ITEMS; i++) {
    products.push(await supplierWithProduct(`Leverandør ${i} AS`, `Tilbaketrukket produkt ${i}`, coordinator))
  }
  withdrawnNames = products.map((_, i) => `Tilbaketrukket produkt ${i}`)
  const productIds = products.map((p) => String(p.productId))
  // In operation since 8 months ago: due for follow-up, and each may have benefits and reports.
  const procurementIds: number[] = []
  for (let i = 0; i < PROCUREMENTS; i++) {
    const { procurementId } = must(
      await createProcurement(
        buyer.viewer,
        procurementInput({
          title: `Stavanger anskaffelse ${i}`,
          phase: 'in_operation',
          goLiveDate: addMonths(today, -8),
          productIds: i === PROCUREMENTS - 1 ? productIds : [],
        }),
      ),
    )
    procurementIds.push(procurementId)
  }
  for (const { productId } of products) {
    const version = await testDb()
      .selectFrom('product_version')
      .select('id')
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow()
    must(await withdrawApproval(coordinator.viewer, version.id, { rationale: 'Trukket tilbake.' }))
  }
  for (const procurementId of procurementIds.slice(0, ITEMS)) {
    // A draft report, a benefit due for a measurement (baseline, nothing measured) and one without a baseline.
    must(await createExperience(buyer.viewer, await procurementAccess(procurementId), experienceInput({ publish: '' })))
    await insertBenefit({ procurementId, municipalityNumber: '1103', createdBy: buyer, indicator: 'hours_per_month' })
    await insertBenefit({
      procurementId,
      municipalityNumber: '1103',
      createdBy: buyer,
      indicator: 'falls_per_month',
      baseline: null,
    })
  }
  // Invitations from Sandnes (1108), waiting for Stavanger's answer.
  const sandnes = await createBuyer('1108')
  for (let i = 0; i < ITEMS; i++) {
    must(
      await createProcurement(
        sandnes.viewer,
        procurementInput({ title: `Sandnes anskaffelse ${i}`, participantMunicipalities: ['1103'] }),
      ),
    )
  }
})

describe('"Min kommune" lists paged past the end', () => {
  it('has more than one page of every list', async () => {
    const first = await data()
    for (const [key, list] of LISTS) {
      expect(list(first).pageCount, key).toBeGreaterThan(1)
      expect(list(first).page, key).toBe(1)
    }
  })

  it.each(LISTS)('shows the last page of the list on %s for a page past the end', async (key, list) => {
    const past = list(await data(`?${key}=999`))
    expect(past.page).toBe(past.pageCount)
    expect(past.items.length).toBeGreaterThan(0)
    expect(past.items).toEqual(list(await data(`?${key}=${past.pageCount}`)).items)
    // The other lists stay on their first page.
    for (const [other, otherList] of LISTS) if (other !== key) expect(otherList(await data(`?${key}=999`)).page).toBe(1)
  })

  it('links the last page back to the one before it, in the HTML too', async () => {
    const res = await appRequest('/min-kommune?utkastside=999', { cookie })
    expect(res.status).toBe(200)
    // Page 1 is the list's own address, without the page parameter.
    expect(await res.text()).toMatch(/<a [^>]*href="\/min-kommune"[^>]*>Forrige side<\/a>/)
  })
})

describe('the lists of "Min kommune"', () => {
  it('name the products no longer approved, by name, with how their approval ended', async () => {
    const [first, second] = [await data(), await data('?varselside=2')]
    const notices = [...first.mine.approvalNotices.items, ...second.mine.approvalNotices.items]
    expect(notices.map((n) => n.name).sort()).toEqual([...withdrawnNames].sort())
    expect(notices.every((n) => n.approval.status === 'withdrawn')).toBe(true)
    expect(first.mine.approvalNotices.total).toBe(ITEMS)
  })

  it('list the drafts by procurement and date only: no text, ratings or replies', async () => {
    const { drafts } = (await data()).mine
    expect(drafts.total).toBe(ITEMS)
    for (const d of drafts.items)
      expect(Object.keys(d).sort()).toEqual(['id', 'procurementId', 'procurementTitle', 'reportDate'])
  })

  it("shows another buyer of the same municipality the municipality's lists, but not the first buyer's drafts", async () => {
    const colleague = await createBuyer('1103')
    const theirs = await loaderData<Mine>('/min-kommune', 'routes/my-municipality', await sessionFor(colleague.userId))
    expect(theirs.mine.drafts.total).toBe(0)
    expect(theirs.mine.drafts.items).toEqual([])
    // The municipality's own lists are the same for both (kept per municipality between writes).
    const mine = await data()
    expect(theirs.mine.procurements.total).toBe(mine.mine.procurements.total)
    expect(theirs.mine.approvalNotices.total).toBe(mine.mine.approvalNotices.total)
  })
})
