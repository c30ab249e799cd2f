import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { createProcurement } from '../../app/models/procurements.server'
import { APPROVAL_NOTICES_PAGE_SIZE, INVITATIONS_PAGE_SIZE } from '../../app/models/my-municipality.server'
import { PICKER_LIMIT } from '../../app/domain/procurement-rules'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { must, procurementInput } from '../helpers/experience-fixtures'
import {
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

// Issue 14: the procurement forms never list the whole register, every supplier or every municipality. Each picker
// offers at most PICKER_LIMIT matches and what is chosen; a search (a plain form round trip, so without JavaScript)
// narrows it, and the save still accepts only what the models allow. "Min kommune" pages its notices.

let buyer: Actor // Larvik 3909
let outsider: Actor // Oslo 0301
let coordinator: Actor
let rareProductId: number
let draftProductId: number
let pendingSupplierId: number
const manyProductIds: number[] = []
const cookie = {} as Record<'buyer' | 'outsider', string>

const form = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Plukkertest',
  need: 'Finne produktet uten å laste hele registeret.',
  replacesPractice: '',
  productIds: [] as string[],
  productNames: '',
  supplierOrganisationId: '',
  supplierName: '',
  procedure: 'competition_with_negotiation',
  doffinReference: '',
  contractValueNok: '',
  priceTerms: '',
  contractStart: '',
  contractEnd: '',
  commercialTermsVisibility: 'municipalities',
  careSettings: ['home_care'],
  internalNotes: 'Beholdt internt notat',
  usersCount: '',
  unitsCount: '',
  sitesCount: '',
  goLiveDate: '',
  phase: 'planning',
  participantMunicipalities: [] as string[],
  ...overrides,
})

/** The distinct names in the HTML (options and the serialised loader data alike) that match `pattern`. */
const distinct = (html: string, pattern: RegExp) => new Set(html.match(pattern) ?? []).size

/** The labels of the options of the form's select named `name` (the page without JavaScript). */
function optionsOf(html: string, name: string) {
  const select = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's'))?.[1] ?? ''
  return [...select.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])
}

beforeAll(async () => {
  coordinator = await createCoordinator()
  buyer = await createBuyer('3909')
  outsider = await createBuyer('0301')
  cookie.buyer = await sessionFor(buyer.userId)
  cookie.outsider = await sessionFor(outsider.userId)
  const category = await categoryId('digitalt-tilsyn')
  const supplier = await createSupplier('Plukk Leverandør AS')
  for (let i = 1; i <= 55; i++) {
    const name = `Plukkprodukt ${String(i).padStart(2, '0')}`
    const { productId } = await productInState(
      supplier,
      coordinator,
      productInput({ name, categoryId: category }),
      'approved',
    )
    manyProductIds.push(productId)
  }
  rareProductId = (
    await productInState(
      supplier,
      coordinator,
      productInput({ name: 'Sjeldenfunn Alarm', categoryId: category }),
      'approved',
    )
  ).productId
  draftProductId = (
    await productInState(
      supplier,
      coordinator,
      productInput({ name: 'Hemmelig Utkast', categoryId: category }),
      'draft',
    )
  ).productId
  for (let i = 1; i <= 30; i++) await createSupplier(`Firma ${String(i).padStart(2, '0')} AS`)
  pendingSupplierId = (await createSupplier('Ventende Firma AS', 'pending')).organisationId
})

describe('the pickers of the new-procurement form', () => {
  it('offer at most the bound of products, suppliers and municipalities, though there are more', async () => {
    const res = await appRequest('/anskaffelser/ny', { cookie: cookie.buyer })
    expect(res.status).toBe(200)
    const html = await res.text()
    const products = distinct(html, /Plukkprodukt \d\d/g)
    expect(products).toBeGreaterThan(0)
    expect(products).toBeLessThanOrEqual(PICKER_LIMIT)
    expect(distinct(html, /Firma \d\d AS/g)).toBeLessThanOrEqual(PICKER_LIMIT)
    // 356 other municipalities exist; the page offers the first matches only.
    expect(distinct(html, /<option value="\d{4}"/g)).toBeLessThanOrEqual(PICKER_LIMIT)
    expect(html).not.toContain('Sjeldenfunn Alarm')
  })

  it('a search finds a specific product, keeps everything typed and what was chosen, and saves nothing', async () => {
    const chosen = String(manyProductIds[54])
    const res = await appRequest('/anskaffelser/ny', {
      cookie: cookie.buyer,
      form: form({
        intent: 'searchOptions',
        productSearch: 'sjeldenFUNN',
        productIds: [chosen],
        title: 'Tittel beholdt æøå',
        municipalitySearch: 'berg',
      }),
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Sjeldenfunn Alarm (Plukk Leverandør AS)')
    expect(html).toContain(`value="${rareProductId}"`)
    // The product chosen before the search stays, selected; no other product is offered.
    expect(html).toMatch(new RegExp(`<option value="${chosen}" selected[^>]*>Plukkprodukt 55`))
    expect(optionsOf(html, 'productIds')).toEqual([
      'Plukkprodukt 55 (Plukk Leverandør AS)',
      'Sjeldenfunn Alarm (Plukk Leverandør AS)',
    ])
    expect(html).toContain('value="Tittel beholdt æøå"')
    expect(html).toContain('Beholdt internt notat')
    expect(html).toContain('value="sjeldenFUNN"')
    expect(html).toContain('4601 Bergen')
    const saved = await getDb()
      .selectFrom('procurement')
      .select('id')
      .where('title', '=', 'Tittel beholdt æøå')
      .execute()
    expect(saved).toHaveLength(0)
  })

  it('a supplier search finds one verified supplier; a pending one is never offered', async () => {
    const html = await (
      await appRequest('/anskaffelser/ny', {
        cookie: cookie.buyer,
        form: form({ intent: 'searchOptions', supplierSearch: 'firma 27' }),
      })
    ).text()
    expect(optionsOf(html, 'supplierOrganisationId')).toEqual(['Ingen valgt', 'Firma 27 AS'])
    const pending = await (
      await appRequest('/anskaffelser/ny', {
        cookie: cookie.buyer,
        form: form({ intent: 'searchOptions', supplierSearch: 'Ventende' }),
      })
    ).text()
    expect(pending).not.toContain('Ventende Firma AS')
  })

  it('the save refuses a product or supplier that is not allowed, whatever the list showed', async () => {
    const draft = await appRequest('/anskaffelser/ny', {
      cookie: cookie.buyer,
      form: form({ title: 'Med utkast', productIds: [String(draftProductId)] }),
    })
    expect(draft.status).toBe(400)
    const pending = await appRequest('/anskaffelser/ny', {
      cookie: cookie.buyer,
      form: form({ title: 'Med ventende', supplierOrganisationId: String(pendingSupplierId) }),
    })
    expect(pending.status).toBe(400)
    const rows = await getDb()
      .selectFrom('procurement')
      .select('id')
      .where('title', 'in', ['Med utkast', 'Med ventende'])
      .execute()
    expect(rows).toHaveLength(0)
    // A product found by the search (not among the first offered) is saved.
    const ok = await appRequest('/anskaffelser/ny', {
      cookie: cookie.buyer,
      form: form({ title: 'Med sjeldenfunn', productIds: [String(rareProductId)] }),
    })
    expect(ok.status).toBe(302)
  })
})

describe('the matches as JSON, for the MultiSelects with JavaScript', () => {
  it('answer at most the bound, find a specific product and municipality, and never the own municipality', async () => {
    const json = async (query: string) => {
      const res = await appRequest(`/anskaffelser/valg${query}`, { cookie: cookie.buyer })
      expect(res.status).toBe(200)
      return (await res.json()) as Record<'products' | 'municipalities', Array<{ value: string; label: string }>>
    }
    const first = await json('')
    expect(first.products.length).toBe(PICKER_LIMIT)
    expect(first.municipalities.length).toBe(PICKER_LIMIT)
    const found = await json('?produktsok=sjelden&kommunesok=larvik')
    expect(found.products).toEqual([{ value: String(rareProductId), label: 'Sjeldenfunn Alarm (Plukk Leverandør AS)' }])
    expect(found.municipalities).toEqual([])
    expect((await json('?kommunesok=bergen')).municipalities.map((m) => m.value)).toEqual(['4601'])
  })
})

describe('the pickers of the edit and invite forms on the procurement page', () => {
  let procurementId: number
  beforeAll(async () => {
    procurementId = must(
      await createProcurement(
        buyer.viewer,
        procurementInput({ title: 'Redigeres', productIds: [String(rareProductId)] }),
      ),
    ).procurementId
  })

  it('the edit form offers the saved product and at most the bound; a search answers only the lead', async () => {
    const html = await (await appRequest(`/anskaffelser/${procurementId}?rediger=1`, { cookie: cookie.buyer })).text()
    expect(html).toContain('Sjeldenfunn Alarm (Plukk Leverandør AS)')
    expect(distinct(html, /Plukkprodukt \d\d/g)).toBeLessThanOrEqual(PICKER_LIMIT)
    // The invite form: at most the bound of municipalities.
    expect(distinct(html, /<option value="\d{4}"/g)).toBeLessThanOrEqual(PICKER_LIMIT)

    const search = (c: string, fields: Record<string, string | string[]>) =>
      appRequest(`/anskaffelser/${procurementId}?rediger=1`, { cookie: c, form: fields })
    const found = await search(cookie.buyer, {
      ...form({ title: 'Endret tittel beholdt', productIds: [String(rareProductId)] }),
      intent: ['update', 'searchOptions'],
      productSearch: 'Plukkprodukt 4',
    })
    expect(found.status).toBe(200)
    const foundHtml = await found.text()
    expect(optionsOf(foundHtml, 'productIds')).toEqual([
      'Sjeldenfunn Alarm (Plukk Leverandør AS)',
      ...Array.from({ length: 10 }, (_, i) => `Plukkprodukt 4${i} (Plukk Leverandør AS)`),
    ])
    expect(foundHtml).toContain('value="Endret tittel beholdt"')
    const title = await getDb()
      .selectFrom('procurement')
      .select('title')
      .where('id', '=', procurementId)
      .executeTakeFirstOrThrow()
    expect(title.title).toBe('Redigeres')

    expect((await search(cookie.outsider, { intent: ['update', 'searchOptions'] })).status).toBe(403)
  })

  it('the invite form finds a municipality by name', async () => {
    const res = await appRequest(`/anskaffelser/${procurementId}`, {
      cookie: cookie.buyer,
      form: { intent: ['addParticipant', 'searchOptions'], municipalitySearch: 'bergen', usersCount: '7' },
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(optionsOf(html, 'municipalityNumber')).toEqual(['Velg kommune', expect.stringMatching(/^4601 Bergen/)])
    expect(html).toContain('value="7"')
  })
})

describe('Min kommune', () => {
  it('pages the notices of products no longer approved', async () => {
    const supplier = await createSupplier('Utgått Leverandør AS')
    const category = await categoryId('digitalt-tilsyn')
    const ended: number[] = []
    for (let i = 1; i <= 23; i++) {
      const name = `Utgått ${String(i).padStart(2, '0')}`
      ended.push(
        (await productInState(supplier, coordinator, productInput({ name, categoryId: category }), 'withdrawn'))
          .productId,
      )
    }
    for (const ids of [ended.slice(0, 12), ended.slice(12)]) {
      must(await createProcurement(buyer.viewer, procurementInput({ title: 'Utgått', productIds: ids.map(String) })))
    }
    const notices = async (query: string) => {
      const html = await (await appRequest(`/min-kommune${query}`, { cookie: cookie.buyer })).text()
      const section = html.slice(html.indexOf('data-testid="approval-notices"'))
      return { html, names: new Set(section.slice(0, section.indexOf('</ul>')).match(/Utgått \d\d/g)) }
    }
    const first = await notices('')
    expect(first.names.size).toBe(APPROVAL_NOTICES_PAGE_SIZE)
    expect(first.html).toContain('varselside=2')
    const last = await notices('?varselside=3')
    expect([...last.names].sort()).toEqual(['Utgått 21', 'Utgått 22', 'Utgått 23'])
  })

  it('pages the invitations waiting for an answer', async () => {
    for (let i = 1; i <= INVITATIONS_PAGE_SIZE + 1; i++) {
      const title = `Invitasjon ${String(i).padStart(2, '0')}`
      must(await createProcurement(outsider.viewer, procurementInput({ title, participantMunicipalities: ['3909'] })))
    }
    const invitations = async (query: string) => {
      const html = await (await appRequest(`/min-kommune${query}`, { cookie: cookie.buyer })).text()
      const section = html.slice(html.indexOf('id="my-invitations"'))
      return { html, titles: new Set(section.slice(0, section.indexOf('</ul>')).match(/Invitasjon \d\d/g)) }
    }
    const first = await invitations('')
    expect(first.titles.size).toBe(INVITATIONS_PAGE_SIZE)
    expect(first.html).toContain('invitasjonsside=2')
    expect([...(await invitations('?invitasjonsside=2')).titles]).toEqual(['Invitasjon 01'])
  })
})
