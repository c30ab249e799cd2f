import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { outcomeOf } from '../helpers/outcome'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import { supplierWithProduct } from '../helpers/experience-fixtures'

// The procurement and experience pages through the built app: status codes, redirects, rows, and what each viewer's
// HTML and `.data` contain.

let buyer: Actor // Larvik 3909, leads
let colleague: Actor // another buyer of Larvik
let participant: Actor // Bergen 4601, joins
let outsider: Actor // Oslo 0301, not participating
let supplier: Actor
let otherSupplier: Actor
let coordinator: Actor
let productId: number
const cookie = {} as Record<
  'buyer' | 'colleague' | 'participant' | 'outsider' | 'supplier' | 'otherSupplier' | 'coordinator',
  string
>

const VALUE = '7654321'
const VALUE_FORMATTED = /7[\s\u00a0\u202f]654[\s\u00a0\u202f]321/
const NOTES = 'HEMMELIG-INTERNT-NOTAT-larvik'
const PARTICIPANT_NOTES = 'HEMMELIG-BERGEN-NOTAT'

function procurementForm(overrides: Record<string, string | string[]> = {}) {
  return {
    title: 'Digitalt tilsyn i Larvik og Bergen',
    need: 'Nattlige tilsynsrunder vekker brukerne.',
    replacesPractice: 'Fysiske tilsyn om natten.',
    productIds: String(productId),
    productNames: 'Egen app\n',
    supplierOrganisationId: '',
    supplierName: '',
    procedure: 'competition_with_negotiation',
    doffinReference: '2024-105432',
    contractValueNok: '7 654 321',
    priceTerms: 'Månedspris per bruker',
    contractStart: '2025-01-01',
    contractEnd: '2027-12-31',
    commercialTermsVisibility: 'municipalities',
    careSettings: ['home_care', 'nursing_home'],
    openForJoining: 'on',
    internalNotes: NOTES,
    usersCount: '40',
    unitsCount: '',
    sitesCount: '2',
    goLiveDate: '2025-03-01',
    phase: 'pilot',
    participantMunicipalities: ['4601'],
    ...overrides,
  }
}

const experienceForm = (overrides: Record<string, string> = {}) => ({
  reportDate: '2025-06-01',
  ratingOverall: '4',
  ratingSupplierCooperation: '5',
  ratingDeliveryAsAgreed: '4',
  ratingProductQuality: '3',
  ratingIntegration: '0',
  ratingTrainingSupport: '4',
  ratingStaffSatisfaction: '4',
  ratingResidentSatisfaction: '5',
  ratingValueForMoney: '3',
  recommendation: 'with_reservations',
  workedWell: 'Færre unødige tilsyn om natten.',
  wasHard: 'Opplæring av vikarer.',
  advice: 'Sett av tid til opplæring.',
  ended: '',
  endingReason: '',
  endingDetails: '',
  switchingCostNok: '',
  dataExported: '',
  ...overrides,
})

let procurementId: number

beforeAll(async () => {
  coordinator = await createCoordinator()
  buyer = await createBuyer('3909')
  colleague = await createBuyer('3909')
  participant = await createBuyer('4601')
  outsider = await createBuyer('0301')
  const withProduct = await supplierWithProduct('Nordlys Rutetest AS', 'Nattsyn Rutetest', coordinator)
  supplier = withProduct.supplier
  productId = withProduct.productId
  otherSupplier = (await supplierWithProduct('Konkurrent Rutetest AS', 'Annet Produkt', coordinator)).supplier
  for (const [k, a] of Object.entries({
    buyer,
    colleague,
    participant,
    outsider,
    supplier,
    otherSupplier,
    coordinator,
  })) {
    cookie[k as keyof typeof cookie] = await sessionFor(a.userId)
  }
})

const get = async (path: string, c?: string) => {
  const res = await appRequest(path, { cookie: c })
  return { status: res.status, text: await res.text(), res }
}

describe('registering a procurement', () => {
  it('refuses an invalid Doffin reference with the expected format and keeps what was typed', async () => {
    const res = await appRequest('/anskaffelser/ny', {
      cookie: cookie.buyer,
      form: procurementForm({ doffinReference: '123456-2024', title: 'Beholdt tittel æøå' }),
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Doffin-referansen må ha formen ÅÅÅÅ-NNNNNN')
    expect(html).toContain('value="123456-2024"')
    expect(html).toContain('value="Beholdt tittel æøå"')
    const rows = await getDb()
      .selectFrom('procurement')
      .select('id')
      .where('title', '=', 'Beholdt tittel æøå')
      .execute()
    expect(rows).toHaveLength(0)
  })

  it('a buyer registers a joint procurement: 302 to the detail page, rows for the lead and the participant', async () => {
    const res = await appRequest('/anskaffelser/ny', { cookie: cookie.buyer, form: procurementForm() })
    expect(res.status).toBe(302)
    const location = res.headers.get('location')!
    expect(location).toMatch(/^\/anskaffelser\/\d+$/)
    procurementId = Number(location.split('/').pop())
    const participants = await getDb()
      .selectFrom('procurement_participant')
      .select(['municipality_number', 'role', 'users_count', 'phase'])
      .where('procurement_id', '=', procurementId)
      .orderBy('municipality_number')
      .execute()
    expect(participants).toEqual([
      { municipality_number: '3909', role: 'lead', users_count: 40, phase: 'pilot' },
      { municipality_number: '4601', role: 'participant', users_count: null, phase: 'pilot' },
    ])
    const p = await getDb()
      .selectFrom('procurement')
      .select(['contract_value_nok', 'supplier_organisation_id'])
      .where('id', '=', procurementId)
      .executeTakeFirstOrThrow()
    expect(p.contract_value_nok).toBe(7654321)
    // The supplier follows from the register product.
    expect(p.supplier_organisation_id).toBe(supplier.organisationId)

    // Bergen is invited; it takes part once one of its buyers accepts (an outsider cannot accept for it).
    const accept = (c: string) =>
      appRequest(`/anskaffelser/${procurementId}`, { cookie: c, form: { intent: 'acceptInvitation' } })
    expect((await accept(cookie.outsider)).status).toBe(403)
    expect((await accept(cookie.participant)).status).toBe(302)
  })

  it('the list filters by part of a register product name (no picker of every product), and so does its CSV', async () => {
    const html = async (query: string) => (await get(`/anskaffelser${query}`)).text
    // Any case, Norwegian letters folded as the register search folds them; the page keeps what was typed.
    const found = await html('?produktnavn=nATTSYN%20rute')
    expect(found).toContain('Digitalt tilsyn i Larvik og Bergen')
    expect(found).toContain('value="nATTSYN rute"')
    expect(await html('?produktnavn=Annet%20Produkt')).not.toContain('Digitalt tilsyn i Larvik og Bergen')
    // The page lists no product it does not filter by: a link's product id is its one option.
    expect(await html('')).not.toContain('Annet Produkt (Konkurrent Rutetest AS)')
    expect(await html(`?produkt=${productId}`)).toContain('Nattsyn Rutetest (Nordlys Rutetest AS)')
    const csv = async (query: string) => (await get(`/anskaffelser/eksport${query}`)).text
    expect(await csv('?produktnavn=nattsyn')).toContain('Digitalt tilsyn i Larvik og Bergen')
    expect(await csv('?produktnavn=annet%20produkt')).not.toContain('Digitalt tilsyn i Larvik og Bergen')
  })

  it('is for verified buyers only: a visitor signs in, a supplier and a coordinator get 403', async () => {
    expect(await outcomeOf(await appRequest('/anskaffelser/ny'))).toBe('login')
    expect(await outcomeOf(await appRequest('/anskaffelser/ny', { cookie: cookie.supplier }))).toBe(403)
    expect(await outcomeOf(await appRequest('/anskaffelser/ny', { cookie: cookie.coordinator }))).toBe(403)
    expect(
      await outcomeOf(await appRequest('/anskaffelser/ny', { cookie: cookie.supplier, form: procurementForm() })),
    ).toBe(403)
  })
})

describe('editing a procurement and its participants', () => {
  it('a buyer of another municipality cannot edit the procurement nor any participant row (403)', async () => {
    const before = await getDb()
      .selectFrom('procurement')
      .select(['title', 'updated_at'])
      .where('id', '=', procurementId)
      .executeTakeFirstOrThrow()
    const path = `/anskaffelser/${procurementId}`
    expect(
      (
        await appRequest(path, {
          cookie: cookie.outsider,
          form: { intent: 'update', ...procurementForm({ title: 'Kapret' }) },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await appRequest(path, {
          cookie: cookie.outsider,
          form: { intent: 'updateParticipant', municipalityNumber: '3909', usersCount: '1', phase: 'ended' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await appRequest(path, {
          cookie: cookie.outsider,
          form: { intent: 'updateParticipant', municipalityNumber: '4601', usersCount: '1', phase: 'ended' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await appRequest(path, {
          cookie: cookie.outsider,
          form: { intent: 'removeParticipant', municipalityNumber: '4601' },
        })
      ).status,
    ).toBe(403)
    // The participant may not edit the lead's core fields either.
    expect(
      (
        await appRequest(path, {
          cookie: cookie.participant,
          form: { intent: 'update', ...procurementForm({ title: 'Kapret' }) },
        })
      ).status,
    ).toBe(403)
    const after = await getDb()
      .selectFrom('procurement')
      .select(['title', 'updated_at'])
      .where('id', '=', procurementId)
      .executeTakeFirstOrThrow()
    expect(after).toEqual(before)
    expect((await get(`${path}?rediger=1`, cookie.outsider)).text).not.toContain('Rediger anskaffelsen')
  })

  it('the lead edits the core fields', async () => {
    const res = await appRequest(`/anskaffelser/${procurementId}?rediger=1`, {
      cookie: cookie.buyer,
      form: { intent: 'update', ...procurementForm({ title: 'Digitalt tilsyn, endret' }) },
    })
    expect(res.status).toBe(302)
    const p = await getDb()
      .selectFrom('procurement')
      .select('title')
      .where('id', '=', procurementId)
      .executeTakeFirstOrThrow()
    expect(p.title).toBe('Digitalt tilsyn, endret')
  })

  it('the participant edits only its own row', async () => {
    const path = `/anskaffelser/${procurementId}`
    const own = await appRequest(path, {
      cookie: cookie.participant,
      form: {
        intent: 'updateParticipant',
        municipalityNumber: '4601',
        usersCount: '120',
        sitesCount: '5',
        phase: 'implementation',
        internalNotes: PARTICIPANT_NOTES,
      },
    })
    expect(own.status).toBe(302)
    const lead = await appRequest(path, {
      cookie: cookie.participant,
      form: { intent: 'updateParticipant', municipalityNumber: '3909', usersCount: '1', phase: 'ended' },
    })
    expect(lead.status).toBe(403)
    const rows = await getDb()
      .selectFrom('procurement_participant')
      .select(['municipality_number', 'users_count', 'phase'])
      .where('procurement_id', '=', procurementId)
      .orderBy('municipality_number')
      .execute()
    expect(rows).toEqual([
      { municipality_number: '3909', users_count: 40, phase: 'pilot' },
      { municipality_number: '4601', users_count: 120, phase: 'implementation' },
    ])
    // Bad input on the own row: 400 with the message, nothing saved.
    const bad = await appRequest(path, {
      cookie: cookie.participant,
      form: { intent: 'updateParticipant', municipalityNumber: '4601', usersCount: 'mange', phase: 'pilot' },
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Skriv et helt tall')
  })
})

describe('experience reports, replies and flags', () => {
  let draftId: number
  let reportId: number

  it('the author saves a draft that no one else sees', async () => {
    const res = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.buyer,
      form: { intent: 'create', ...experienceForm({ workedWell: 'UTKAST-MARKØR fungerte' }), publish: '' },
    })
    expect(res.status).toBe(302)
    draftId = Number(res.headers.get('location')!.split('/').pop())
    const row = await getDb()
      .selectFrom('experience_report')
      .select(['status', 'author_user_id'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'draft', author_user_id: buyer.userId })

    const mine = await get(`/anskaffelser/${procurementId}/erfaringer/${draftId}`, cookie.buyer)
    expect(mine.status).toBe(200)
    expect(mine.text).toContain('UTKAST-MARKØR')
    for (const who of ['colleague', 'supplier', 'coordinator', 'participant'] as const) {
      const detail = await get(`/anskaffelser/${procurementId}`, cookie[who])
      expect(detail.status, who).toBe(200)
      expect(detail.text, who).not.toContain('UTKAST-MARKØR')
      const data = await get(dataUrl(`/anskaffelser/${procurementId}`), cookie[who])
      expect(data.text, who).not.toContain('UTKAST-MARKØR')
      expect(
        await outcomeOf((await get(`/anskaffelser/${procurementId}/erfaringer/${draftId}`, cookie[who])).res),
        who,
      ).toBe(404)
      const list = await get('/anskaffelser', cookie[who])
      expect(list.text, who).not.toContain(`/erfaringer/${draftId}`)
      if (who === 'colleague' || who === 'participant') {
        const mineOther = await get('/min-kommune', cookie[who])
        expect(mineOther.status, who).toBe(200)
        expect(mineOther.text, who).not.toContain(`/erfaringer/${draftId}`)
      }
    }
    // The author's "Min kommune" links the draft, without its text (in the page or in its data).
    const own = await get('/min-kommune', cookie.buyer)
    expect(own.text).toContain(`/anskaffelser/${procurementId}/erfaringer/${draftId}`)
    expect(own.text).not.toContain('UTKAST-MARKØR')
    expect((await get(dataUrl('/min-kommune'), cookie.buyer)).text).not.toContain('UTKAST-MARKØR')
    // Nor can another buyer of the same municipality publish or delete it.
    expect(
      (
        await appRequest(`/anskaffelser/${procurementId}/erfaringer/${draftId}`, {
          cookie: cookie.colleague,
          form: { intent: 'publish' },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await appRequest(`/anskaffelser/${procurementId}/erfaringer/${draftId}`, {
          cookie: cookie.colleague,
          form: { intent: 'delete' },
        })
      ).status,
    ).toBe(404)
  })

  it('the author publishes the draft; the report is then read-only', async () => {
    const res = await appRequest(`/anskaffelser/${procurementId}/erfaringer/${draftId}`, {
      cookie: cookie.buyer,
      form: { intent: 'publish' },
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/anskaffelser/${procurementId}`)
    reportId = draftId
    const row = await getDb()
      .selectFrom('experience_report')
      .select('status')
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('published')
    const again = await appRequest(`/anskaffelser/${procurementId}/erfaringer/${reportId}`, {
      cookie: cookie.buyer,
      form: { intent: 'save', ...experienceForm() },
    })
    expect(again.status).toBe(409)
    const colleagueView = await get(`/anskaffelser/${procurementId}`, cookie.colleague)
    expect(colleagueView.text).toContain('UTKAST-MARKØR')
  })

  it('an experience form without an overall rating is a 400 with the message and the typed text kept', async () => {
    const res = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.participant,
      form: { intent: 'create', ...experienceForm({ ratingOverall: '', advice: 'Beholdt råd' }), publish: 'on' },
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Velg en vurdering fra 1 til 5.')
    expect(html).toContain('Beholdt råd')
    expect(
      await outcomeOf(await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, { cookie: cookie.outsider })),
    ).toBe(403)
  })

  it("the product's supplier replies once (302); a second reply is a 409; another supplier cannot reply (403)", async () => {
    const path = `/anskaffelser/${procurementId}`
    const first = await appRequest(path, {
      cookie: cookie.supplier,
      form: { intent: 'reply', experienceId: String(reportId), body: 'Takk, vi har bedret opplæringen.' },
    })
    expect(first.status).toBe(302)
    const second = await appRequest(path, {
      cookie: cookie.supplier,
      form: { intent: 'reply', experienceId: String(reportId), body: 'Et svar til.' },
    })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain('Leverandøren har allerede svart')
    const other = await appRequest(path, {
      cookie: cookie.otherSupplier,
      form: { intent: 'reply', experienceId: String(reportId), body: 'Konkurrentens svar' },
    })
    expect([403, 404]).toContain(other.status)
    const buyerTry = await appRequest(path, {
      cookie: cookie.outsider,
      form: { intent: 'reply', experienceId: String(reportId), body: 'Kommunesvar' },
    })
    expect(buyerTry.status).toBe(403)
    const replies = await getDb()
      .selectFrom('supplier_reply')
      .select(['body', 'supplier_organisation_id'])
      .where('experience_report_id', '=', reportId)
      .execute()
    expect(replies).toEqual([
      { body: 'Takk, vi har bedret opplæringen.', supplier_organisation_id: supplier.organisationId },
    ])
    const page = await get(path, cookie.outsider)
    expect(page.text).toContain('Takk, vi har bedret opplæringen.')
  })

  it('another supplier gets 403 for a reply even though it cannot read the report', async () => {
    // The model answers not_found for a report the viewer cannot see; the matrix only needs "not allowed".
    const other = await appRequest(`/anskaffelser/${procurementId}`, {
      cookie: cookie.otherSupplier,
      form: { intent: 'reply', experienceId: String(reportId), body: 'x x x x' },
    })
    expect(other.status === 403 || other.status === 404).toBe(true)
  })

  it('a signed-in user flags a report (302); a visitor is sent to sign in; a flag needs a reason', async () => {
    const path = `/anskaffelser/${procurementId}`
    const empty = await appRequest(path, {
      cookie: cookie.outsider,
      form: { intent: 'flag', targetType: 'experience', targetId: String(reportId), reason: '' },
    })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Skriv hvorfor du flagger')
    const ok = await appRequest(path, {
      cookie: cookie.outsider,
      form: {
        intent: 'flag',
        targetType: 'experience',
        targetId: String(reportId),
        reason: 'Inneholder personopplysninger.',
      },
    })
    expect(ok.status).toBe(302)
    const flags = await getDb()
      .selectFrom('content_flag')
      .select(['target_type', 'flagged_by'])
      .where('target_id', '=', reportId)
      .execute()
    expect(flags).toEqual([{ target_type: 'experience', flagged_by: outsider.userId }])
    // The author may not flag its own report: refused on the server, not only hidden in the interface.
    const own = await appRequest(path, {
      cookie: cookie.buyer,
      form: { intent: 'flag', targetType: 'experience', targetId: String(reportId), reason: 'Min egen rapport.' },
    })
    expect(own.status).toBe(403)
    const visitor = await appRequest(path, {
      form: { intent: 'flag', targetType: 'experience', targetId: String(reportId), reason: 'Besøkende flagger.' },
    })
    expect(await outcomeOf(visitor)).toBe('login')
    const twice = await appRequest(path, {
      cookie: cookie.outsider,
      form: { intent: 'flag', targetType: 'experience', targetId: String(reportId), reason: 'Enda en gang.' },
    })
    expect(twice.status).toBe(409)
  })
})

describe('what each viewer gets', () => {
  it('municipalities-only contract value and internal notes are absent for the supplier, another supplier and a visitor', async () => {
    const path = `/anskaffelser/${procurementId}`
    for (const who of ['supplier', 'otherSupplier', 'visitor'] as const) {
      const c = who === 'visitor' ? undefined : cookie[who]
      const html = await get(path, c)
      expect(html.status, who).toBe(200)
      const data = await get(dataUrl(path), c)
      expect(data.status, who).toBe(200)
      for (const body of [html.text, data.text]) {
        expect(body, who).toContain('Digitalt tilsyn, endret')
        expect(body, who).not.toContain(VALUE)
        expect(body, who).not.toMatch(VALUE_FORMATTED)
        expect(body, who).not.toContain('Månedspris per bruker')
        expect(body, who).not.toContain(NOTES)
        expect(body, who).not.toContain(PARTICIPANT_NOTES)
      }
      const list = await get(dataUrl('/anskaffelser'), c)
      expect(list.text, who).not.toContain(VALUE)
    }
    // The control: municipalities see the value; only Larvik sees its notes, only Bergen its own.
    const lead = await get(path, cookie.buyer)
    expect(lead.text).toMatch(VALUE_FORMATTED)
    expect(lead.text).toContain(NOTES)
    expect(lead.text).not.toContain(PARTICIPANT_NOTES)
    const bergen = await get(path, cookie.participant)
    expect(bergen.text).toMatch(VALUE_FORMATTED)
    expect(bergen.text).not.toContain(NOTES)
    expect(bergen.text).toContain(PARTICIPANT_NOTES)
    const oslo = await get(path, cookie.outsider)
    expect(oslo.text).toMatch(VALUE_FORMATTED)
    expect(oslo.text).not.toContain(NOTES)
  })

  it('visitors see the public list with an explanation, never a 403; a visitor sees no individual report', async () => {
    const list = await get('/anskaffelser')
    expect(list.status).toBe(200)
    expect(list.text).toContain('Digitalt tilsyn, endret')
    expect(list.text).toContain('deles bare mellom verifiserte kommuner')
    const detail = await get(`/anskaffelser/${procurementId}`)
    expect(detail.text).not.toContain('UTKAST-MARKØR')
    expect(detail.text).not.toContain('Takk, vi har bedret opplæringen.')
    expect(await outcomeOf((await get(`/anskaffelser/${procurementId}`)).res)).toBe('ok')
    expect(await outcomeOf((await get('/anskaffelser/999999')).res)).toBe(404)
    expect(await outcomeOf((await get('/anskaffelser/abc')).res)).toBe(404)
  })

  it('old "Min kommune" links on /anskaffelser lead to /min-kommune with their query; the list links there too', async () => {
    const old = await appRequest('/anskaffelser?forfall=1&minside=2', { cookie: cookie.buyer })
    expect(old.status).toBe(302)
    expect(old.headers.get('location')).toBe('/min-kommune?forfall=1&minside=2')
    // Those without a "Min kommune" keep the list.
    expect((await get('/anskaffelser?forfall=1', cookie.supplier)).status).toBe(200)
    const list = await get('/anskaffelser', cookie.buyer)
    expect(list.text).toContain('href="/min-kommune"')
    expect(list.text).not.toContain('id="mine"')
  })

  it("the buyer's overview shows its procurements with the follow-up flag and its drafts", async () => {
    const page = await get('/min-kommune', cookie.participant)
    expect(page.status).toBe(200)
    expect(page.text).toMatch(/<h1[^>]*>Min kommune: /)
    expect(page.text).toContain('Digitalt tilsyn, endret')
    expect(page.text).toContain('Ny anskaffelse')
  })
})
