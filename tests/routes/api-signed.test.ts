import { beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  BenefitOverview,
  BenefitRecordList,
  ExperiencePage,
  ProcurementDetail,
  ProcurementPage,
} from '../../app/api/contract'
import { refreshPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import { createExperience } from '../../app/models/experiences.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest } from '../helpers/app'
import { createUser, sessionFor } from '../helpers/accounts'
import {
  insertBenefit,
  insertMeasurement,
  municipalitiesInBand,
  municipalityBenefit,
} from '../helpers/benefit-fixtures'
import { testDb } from '../helpers/db'
import { acceptInvitations, experienceInput, must, procurementInput, renameUser } from '../helpers/experience-fixtures'
import {
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
} from '../helpers/register-fixtures'

// The API for signed-in viewers (decision 012): with the session cookie of the site, each viewer gets what the pages
// show them, under the same policy and models; without it, what a visitor sees. Each test names what a caller would
// notice if a visibility rule were broken.

const INTERNAL = 'Intern API-vurdering APIINTERN9Z'
const PARTICIPANT_NOTES = 'Deltakernotat APIDELTAKER9Z'
const PRICE_TERMS = 'Enhetspris APIPRIS9Z'
const CONTRACT_VALUE = 4_567_891
const DRAFT = 'Utkast APIUTKAST9Z'
const BENEFIT = 'Gevinst APIGEVINST9Z'
const BENEFIT_WITHOUT_PRODUCT = 'Uten produkt APIUTEN9Z'
const AUTHOR = 'Forfatter Apisen'

type Role = 'visitor' | 'lead' | 'participant' | 'otherBuyer' | 'supplier' | 'otherSupplier' | 'coordinator'
const users = {} as Record<Exclude<Role, 'visitor'>, number>
let procurementId = 0
let leadBenefitId = 0

beforeAll(async () => {
  const coordinator = await createCoordinator()
  const supplier = await createSupplier('API Leverandør AS')
  const { productId } = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'API Tilsyn', categoryId: await categoryId('digitalt-tilsyn') }),
    'approved',
  )
  const lead = await createBuyer('3909')
  await renameUser(lead.userId, AUTHOR)
  procurementId = must(
    await createProcurement(
      lead.viewer,
      procurementInput({
        title: 'API-anskaffelse',
        contractValueNok: String(CONTRACT_VALUE),
        priceTerms: PRICE_TERMS,
        commercialTermsVisibility: 'municipalities',
        internalNotes: INTERNAL,
        productIds: [String(productId)],
        participantMunicipalities: ['4601'],
      }),
    ),
  ).procurementId
  const access = await acceptInvitations(procurementId)
  const participant = await createBuyer('4601')
  await testDb()
    .updateTable('procurement_participant')
    .set({ internal_notes: PARTICIPANT_NOTES })
    .where('procurement_id', '=', procurementId)
    .where('municipality_number', '=', '4601')
    .execute()
  must(await createExperience(lead.viewer, access, experienceInput()))
  must(await createExperience(lead.viewer, access, experienceInput({ publish: '', workedWell: DRAFT })))
  leadBenefitId = await insertBenefit({
    procurementId,
    municipalityNumber: '3909',
    createdBy: lead,
    productId,
    description: BENEFIT,
  })
  await insertMeasurement(leadBenefitId, lead, { value: 60, status: 'realised' })
  await insertBenefit({
    procurementId,
    municipalityNumber: '3909',
    createdBy: lead,
    description: BENEFIT_WITHOUT_PRODUCT,
  })
  users.lead = lead.userId
  users.participant = participant.userId
  users.otherBuyer = (await createBuyer('0301')).userId
  users.supplier = supplier.userId
  users.otherSupplier = (await createSupplier('Annen API AS')).userId
  users.coordinator = coordinator.userId
})

const cookieOf = async (role: Role) => (role === 'visitor' ? undefined : sessionFor(users[role]))

async function get<S extends z.ZodType>(schema: S, path: string, role: Role) {
  const res = await appRequest(path, { cookie: await cookieOf(role) })
  const text = await res.text()
  if (res.status !== 200) return { res, text, body: null }
  // Every answer is the documented one (strict schemas: nothing undocumented gets through).
  return { res, text, body: schema.parse(JSON.parse(text)) as z.output<S> }
}

describe('a procurement through the API', () => {
  const detail = (role: Role) => get(ProcurementDetail, `/api/v1/procurements/${procurementId}`, role)

  it("gives the lead's buyer its internal notes, the terms and who registered it; never cached", async () => {
    const { res, body } = await detail('lead')
    expect(body?.internalNotes).toBe(INTERNAL)
    expect(body?.commercialTerms).toEqual({ contractValueNok: CONTRACT_VALUE, priceTerms: PRICE_TERMS })
    expect(body?.createdBy?.name).toBe(AUTHOR)
    expect(body?.benefitsUrl).toBe(`/api/v1/procurements/${procurementId}/benefits`)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('etag')).toBeNull()
  })

  it('gives a participating municipality its own notes, not the lead’s', async () => {
    const { text, body } = await detail('participant')
    expect(body?.internalNotes).toBeNull()
    expect(body?.participants.find((p) => p.municipality.number === '4601')?.internalNotes).toBe(PARTICIPANT_NOTES)
    expect(text).not.toContain(INTERNAL)
  })

  it("withholds both municipalities' notes and follow-up from another municipality's buyer, not the shared terms", async () => {
    const { text, body } = await detail('otherBuyer')
    expect(text).not.toContain(INTERNAL)
    expect(text).not.toContain(PARTICIPANT_NOTES)
    expect(body?.participants.every((p) => p.internalNotes === null && p.followUp === null)).toBe(true)
    // commercial-terms: municipalities-only terms are for every municipality.
    expect(body?.commercialTerms?.contractValueNok).toBe(CONTRACT_VALUE)
  })

  it('gives suppliers, coordinators and visitors no internal notes; suppliers and visitors no terms or names', async () => {
    for (const role of ['visitor', 'supplier', 'otherSupplier', 'coordinator'] as const) {
      const { text, body } = await detail(role)
      expect(body?.title, role).toBe('API-anskaffelse')
      expect(text, role).not.toContain(INTERNAL)
      expect(text, role).not.toContain(PARTICIPANT_NOTES)
      if (role === 'coordinator') continue
      expect(body?.commercialTerms, role).toBeNull()
      expect(text, role).not.toContain(PRICE_TERMS)
      expect(body?.createdBy, role).toBeNull()
    }
  })

  it('answers a visitor the public view, cacheable; a session cookie that signs no one in is still never cached', async () => {
    const visitor = await appRequest(`/api/v1/procurements/${procurementId}`)
    expect(visitor.headers.get('cache-control')).toBe('public, max-age=300')
    expect(visitor.headers.get('etag')).toMatch(/^".+"$/)
    const stale = await appRequest(`/api/v1/procurements/${procurementId}`, { cookie: 'eb_session=ikke-gyldig' })
    expect(stale.status).toBe(200)
    expect(stale.headers.get('cache-control')).toBe('private, no-store')
    expect(await stale.text()).toBe(await visitor.text())
  })

  it('is a JSON 404 for a procurement that does not exist and a 400 naming a bad id', async () => {
    expect((await appRequest('/api/v1/procurements/999999')).status).toBe(404)
    const bad = await appRequest('/api/v1/procurements/abc')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('procurementId')
  })
})

describe('the procurement list through the API', () => {
  const list = (query: string, role: Role) => get(ProcurementPage, `/api/v1/procurements${query}`, role)

  it("filters with the list page's keys and shows the contract value to municipalities only", async () => {
    const mine = await list('?kommune=3909&fase=pilot', 'otherBuyer')
    const row = mine.body?.items.find((p) => p.id === procurementId)
    expect(row?.contractValueNok).toBe(CONTRACT_VALUE)
    expect(mine.res.headers.get('cache-control')).toBe('private, no-store')
    for (const role of ['visitor', 'supplier'] as const) {
      const seen = (await list('?kommune=3909', role)).body?.items.find((p) => p.id === procurementId)
      expect(seen?.title, role).toBe('API-anskaffelse')
      expect(seen?.contractValueNok, role).toBeNull()
    }
    expect((await list('?kommune=5001', 'lead')).body?.items.some((p) => p.id === procurementId)).toBe(false)
  })

  it('refuses a bad or unknown parameter with 400 naming it', async () => {
    for (const [query, parameter] of [
      ['?prosedyre=ukjent', 'prosedyre'],
      ['?kommune=39', 'kommune'],
      ['?antall=500', 'antall'],
      ['?forfall=1', 'forfall'],
    ] as const) {
      const res = await appRequest(`/api/v1/procurements${query}`, { cookie: await cookieOf('lead') })
      expect(res.status, query).toBe(400)
      const body = (await res.json()) as { error: { parameters: Array<{ parameter: string }> } }
      expect(
        body.error.parameters.map((p) => p.parameter),
        query,
      ).toEqual([parameter])
    }
  })
})

describe("a procurement's experience reports through the API", () => {
  const reports = (role: Role) => get(ExperiencePage, `/api/v1/procurements/${procurementId}/experiences`, role)

  it('gives the author its own draft and the names; another municipality the published report without the draft', async () => {
    const own = await reports('lead')
    expect(own.text).toContain(DRAFT)
    expect(own.body?.items.find((r) => r.status === 'published')?.author?.name).toBe(AUTHOR)
    const other = await reports('otherBuyer')
    expect(other.body?.items.map((r) => r.status)).toEqual(['published'])
    expect(other.text).not.toContain(DRAFT)
  })

  it('gives the rated supplier the report without names, and the public and other suppliers none', async () => {
    const supplier = await reports('supplier')
    expect(supplier.body?.items.length).toBe(1)
    expect(supplier.body?.items[0]?.author).toBeNull()
    expect(supplier.text).not.toContain(AUTHOR)
    for (const role of ['visitor', 'otherSupplier'] as const)
      expect((await reports(role)).body?.items, role).toEqual([])
  })
})

describe("a procurement's benefit records through the API", () => {
  const records = (role: Role) => get(BenefitRecordList, `/api/v1/procurements/${procurementId}/benefits`, role)

  it('gives municipalities and coordinators every record with baseline and measurements, never cached', async () => {
    for (const role of ['lead', 'participant', 'otherBuyer', 'coordinator'] as const) {
      const { res, body } = await records(role)
      expect(res.headers.get('cache-control'), role).toBe('private, no-store')
      const own = body?.items.find((b) => b.id === leadBenefitId)
      expect(own?.description, role).toBe(BENEFIT)
      expect(own?.baseline?.value, role).toBe(100)
      expect(
        own?.measurements.map((m) => [m.status, m.value, m.derived?.change]),
        role,
      ).toEqual([['realised', 60, -40]])
      expect(body?.items.length, role).toBe(2)
    }
  })

  it('gives the supplier only the records about its own product; others the page’s 404', async () => {
    const supplier = await records('supplier')
    expect(supplier.body?.items.map((b) => b.id)).toEqual([leadBenefitId])
    expect(supplier.text).not.toContain(BENEFIT_WITHOUT_PRODUCT)
    for (const role of ['visitor', 'otherSupplier'] as const) {
      const { res, text } = await records(role)
      expect(res.status, role).toBe(404)
      expect(text, role).not.toContain('APIGEVINST9Z')
    }
    const pending = await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })
    const res = await appRequest(`/api/v1/procurements/${procurementId}/benefits`, {
      cookie: await sessionFor(pending.id),
    })
    expect(res.status).toBe(404)
  })
})

describe('the national benefit overview through the API', () => {
  it('answers only published figures, the same to everyone: a signed-in buyer does not get live sums', async () => {
    // Three municipalities publish a cell (hours a year, quality, area 5); a fourth adds to the live sum only.
    const numbers = await municipalitiesInBand('under_5000', 4)
    const benefitIds: number[] = []
    for (const number of numbers.slice(0, 3)) {
      const { benefitId } = await municipalityBenefit(number, { category: 'quality', area: 5 }, [{ value: 60 }])
      benefitIds.push(benefitId)
    }
    await refreshPublicBenefitFigures(testDb(), benefitIds)
    const fourth = await municipalityBenefit(numbers[3] ?? '', { category: 'quality', area: 5 }, [{ value: 0 }])
    await refreshPublicBenefitFigures(testDb(), [fourth.benefitId])

    const visitor = await get(BenefitOverview, '/api/v1/benefits?kategori=quality', 'visitor')
    const buyer = await get(BenefitOverview, '/api/v1/benefits?kategori=quality', 'lead')
    expect(visitor.res.headers.get('cache-control')).toBe('public, max-age=300')
    expect(visitor.res.headers.get('etag')).toMatch(/^".+"$/)
    expect(buyer.text).toBe(visitor.text)
    const area = visitor.body?.perArea.find((r) => r.key === 5)
    // 40 hours a month from each of three municipalities: 1,440 hours a year (the fourth's 100 a month is not in it).
    expect(area?.realised?.hoursPerYear).toBe(1440)
    expect(area?.realised?.contributorBand).toBe('3_9')
    expect(visitor.body?.perCategory.map((r) => r.key)).toEqual(['quality'])
    // A cell no three municipalities have reported is absent, not a small number.
    expect(visitor.body?.perArea.find((r) => r.key === 1)?.realised).toBeNull()
  })

  it('refuses county (it does not narrow public figures) and bad codes with 400 naming them', async () => {
    for (const [query, parameter] of [
      ['?fylke=39', 'fylke'],
      ['?kategori=alt', 'kategori'],
      ['?innbyggere=mange', 'innbyggere'],
    ] as const) {
      const res = await appRequest(`/api/v1/benefits${query}`)
      expect(res.status, query).toBe(400)
      const body = (await res.json()) as { error: { parameters: Array<{ parameter: string }> } }
      expect(body.error.parameters.map((p) => p.parameter)).toEqual([parameter])
    }
  })
})
