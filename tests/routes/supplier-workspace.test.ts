import { existsSync, readdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { attachmentsDir } from '../../app/utils/attachment-storage.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { appRequest, dataUrl } from '../helpers/app'
import { createUser, sessionFor } from '../helpers/accounts'
import { outcomeOf } from '../helpers/outcome'
import {
  categoryId,
  createCoordinator,
  createSupplier,
  productInState,
  productInput,
} from '../helpers/register-fixtures'

// The supplier workspace (/leverandor/...) through the built app: forms posted as a browser posts them, answers
// checked by status, page text and the rows left behind.

type Users = Record<'supplier' | 'otherSupplier' | 'buyer' | 'coordinator' | 'admin' | 'pending', number>
const users = {} as Users
const cookie = (who: keyof Users) => sessionFor(users[who])
let supplierOrg: number
let tilsyn: number

const PDF = new TextEncoder().encode(
  '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)

function form(
  fields: Record<string, string | string[]>,
  file?: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string },
) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one)
  if (file) body.append('file', new File([file.bytes], file.name, { type: file.type ?? 'application/pdf' }))
  return body
}

const productFields = (overrides: Record<string, string | string[]> = {}) => ({
  intent: 'create',
  name: 'Nattro Digitalt Tilsyn',
  categoryId: String(tilsyn),
  shortDescription: 'Digitalt tilsyn om natten med sensorer i stedet for fysiske runder.',
  description: 'Sensorer varsler nattevakten når en beboer står opp eller faller.',
  intendedUsers: 'Beboere i omsorgsboliger og nattevakter.',
  website: 'https://nattro.example',
  mdrClass: 'none',
  ceMarked: 'on',
  intendedUse: 'professional',
  standards: 'HL7 FHIR R4, ISO/IEC 27001',
  dataStorageLocation: 'Norge, hos norsk driftsleverandør',
  dpiaTemplateAvailable: 'on',
  dpaAvailable: 'on',
  universalDesign: 'Testet mot WCAG 2.1 AA.',
  priceModel: 'Månedsleie per sensor.',
  careSettings: ['sheltered_housing', 'nursing_home'],
  integrations: ['hl7_fhir', 'epj'],
  versionLabel: '1.0',
  ...overrides,
})

/** Creates a product through the form and returns its ids. */
async function createThroughForm(name: string) {
  const res = await appRequest('/leverandor/produkter/ny', {
    cookie: await cookie('supplier'),
    form: form(productFields({ name })),
  })
  expect(res.status).toBe(302)
  const productId = Number(res.headers.get('location')!.split('/').pop())
  const version = await getDb()
    .selectFrom('product_version')
    .select(['id', 'state'])
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow()
  return { productId, versionId: version.id }
}

const versionRow = (id: number) =>
  getDb()
    .selectFrom('product_version')
    .select(['state', 'release_notes', 'version_label', 'submitted_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
const storedFiles = () =>
  existsSync(attachmentsDir()) ? readdirSync(attachmentsDir()).filter((n) => !n.endsWith('.part')) : []

beforeAll(async () => {
  const supplier = await createUser({ role: 'supplier' })
  users.supplier = supplier.id
  supplierOrg = supplier.organisationId
  users.otherSupplier = (await createUser({ role: 'supplier' })).id
  users.buyer = (await createUser({ role: 'buyer', municipalityNumber: '3909' })).id
  users.coordinator = (await createUser({ role: 'coordinator' })).id
  users.admin = (await createUser({ role: 'admin' })).id
  users.pending = (await createUser({ role: 'supplier', organisationId: supplierOrg, status: 'pending' })).id
  tilsyn = await categoryId('digitalt-tilsyn')
})

describe('who may use the workspace', () => {
  it('lets verified suppliers in, sends visitors to sign in and refuses everyone else with 403', async () => {
    for (const path of ['/leverandor', '/leverandor/produkter/ny']) {
      for (const url of [path, dataUrl(path)]) {
        expect(await outcomeOf(await appRequest(url, { cookie: await cookie('supplier') })), url).toBe('ok')
        for (const who of ['buyer', 'coordinator', 'admin', 'pending'] as const) {
          expect(await outcomeOf(await appRequest(url, { cookie: await cookie(who) })), `${who} ${url}`).toBe(403)
        }
        expect(await outcomeOf(await appRequest(url)), `visitor ${url}`).toBe('login')
      }
    }
    const visitor = await appRequest('/leverandor')
    expect(visitor.headers.get('location')).toBe('/logg-inn?redirectTo=%2Fleverandor')
  })

  it('shows an empty state to a supplier without products', async () => {
    const res = await appRequest('/leverandor', { cookie: await cookie('otherSupplier') })
    const html = await res.text()
    expect(html).toContain('Ingen produkter ennå')
    expect(html).toContain('href="/leverandor/produkter/ny"')
  })

  it('refuses a product created by a buyer or coordinator posting the form directly', async () => {
    for (const who of ['buyer', 'coordinator', 'pending'] as const) {
      const res = await appRequest('/leverandor/produkter/ny', {
        cookie: await cookie(who),
        form: form(productFields({ name: `Ulovlig ${who}` })),
      })
      expect(res.status, who).toBe(403)
    }
    expect(await getDb().selectFrom('product').select('id').where('name', 'like', 'Ulovlig%').execute()).toEqual([])
  })
})

describe('the product list', () => {
  it('pages 20 products at a time, sorted by name, and sends a page past the end to the last page', async () => {
    const lister = await createUser({ role: 'supplier' })
    const c = await sessionFor(lister.id)
    // Created in reverse order: the list sorts by name, not by creation.
    for (let i = 21; i >= 1; i--) {
      const name = `Listeprodukt ${String(i).padStart(2, '0')}`
      const res = await appRequest('/leverandor/produkter/ny', { cookie: c, form: form(productFields({ name })) })
      expect(res.status).toBe(302)
    }
    const first = await (await appRequest('/leverandor', { cookie: c })).text()
    expect(first).toContain('Antall produkter: 21.')
    expect(first).toContain('Listeprodukt 01')
    expect(first).toContain('Listeprodukt 20')
    expect(first).not.toContain('Listeprodukt 21')
    expect(first.indexOf('Listeprodukt 01')).toBeLessThan(first.indexOf('Listeprodukt 02'))
    expect(first).toContain('href="/leverandor?side=2"')
    const second = await (await appRequest('/leverandor?side=2', { cookie: c })).text()
    expect(second).toContain('Listeprodukt 21')
    expect(second).not.toContain('Listeprodukt 01')
    expect(second).toContain('Side 2 av 2')
    const past = await appRequest('/leverandor?side=9', { cookie: c })
    expect(past.status).toBe(302)
    expect(past.headers.get('location')).toBe('/leverandor?side=2')
    expect((await appRequest('/leverandor?side=abc', { cookie: c })).status).toBe(200)
  })

  it('warns about the own approvals that end within 60 days, and only those', async () => {
    const owner = await createSupplier('Snart Utløpt AS')
    const coordinator = await createCoordinator()
    await productInState(owner, coordinator, productInput({ name: 'Utløper Snart', categoryId: tilsyn }), 'approved')
    const others = await createSupplier('Annen Utløper AS')
    await productInState(
      others,
      coordinator,
      productInput({ name: 'Ikke Min Utløper', categoryId: tilsyn }),
      'approved',
    )
    const before = await (await appRequest('/leverandor', { cookie: await sessionFor(owner.userId) })).text()
    expect(before).not.toContain('Godkjenninger som snart utløper')
    // Three years on, less 30 days: the approval (valid three years) ends within the warning window.
    advanceClock((3 * 365 - 30) * 86_400_000)
    try {
      const html = await (await appRequest('/leverandor', { cookie: await sessionFor(owner.userId) })).text()
      expect(html).toContain('Godkjenninger som snart utløper')
      expect(html).toMatch(/Utløper Snart, versjon 1\.0: utløper/)
      expect(html).not.toContain('Ikke Min Utløper')
    } finally {
      resetClock()
    }
  })

  it('speaks English on request', async () => {
    const { versionId } = await createThroughForm('Engelsk Side')
    const html = await (
      await appRequest(`/leverandor/versjoner/${versionId}?lang=en`, { cookie: await cookie('supplier') })
    ).text()
    expect(html).toContain('Confidential dossier')
    expect(html).toContain('Submit for assessment')
    expect(html).not.toContain('Fortrolig dokumentasjon')
  })
})

describe('products', () => {
  it('creates a product with every field and its first draft version, then lists it', async () => {
    const res = await appRequest('/leverandor/produkter/ny', {
      cookie: await cookie('supplier'),
      form: form(productFields({ versionLabel: '2.1' })),
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/leverandor\/produkter\/\d+$/)
    expect(res.headers.getSetCookie().some((c) => c.startsWith('eb_flash='))).toBe(true)
    const productId = Number(res.headers.get('location')!.split('/').pop())
    const db = getDb()
    const row = await db.selectFrom('product').selectAll().where('id', '=', productId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      supplier_organisation_id: supplierOrg,
      name: 'Nattro Digitalt Tilsyn',
      category_id: tilsyn,
      website: 'https://nattro.example',
      ce_marked: 1,
      intended_use: 'professional',
      mdr_class: 'none',
      dpia_template_available: 1,
      dpa_available: 1,
      price_model: 'Månedsleie per sensor.',
    })
    const care = await db
      .selectFrom('product_care_setting')
      .select('code')
      .where('product_id', '=', productId)
      .orderBy('code')
      .execute()
    expect(care.map((c) => c.code)).toEqual(['nursing_home', 'sheltered_housing'])
    const integrations = await db
      .selectFrom('product_integration')
      .select('code')
      .where('product_id', '=', productId)
      .orderBy('code')
      .execute()
    expect(integrations.map((c) => c.code)).toEqual(['epj', 'hl7_fhir'])
    const versions = await db
      .selectFrom('product_version')
      .select(['version_label', 'state'])
      .where('product_id', '=', productId)
      .execute()
    expect(versions).toEqual([{ version_label: '2.1', state: 'draft' }])

    const page = await appRequest(`/leverandor/produkter/${productId}`, { cookie: await cookie('supplier') })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('value="Nattro Digitalt Tilsyn"')
    expect(html).toContain(`href="/register/${productId}"`)
    const list = await (await appRequest('/leverandor', { cookie: await cookie('supplier') })).text()
    expect(list).toContain(`href="/leverandor/produkter/${productId}"`)
    expect(list).toContain('Utkast')
  })

  it('answers invalid input with 400, a message per field and the typed values kept', async () => {
    const before = await getDb()
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await appRequest('/leverandor/produkter/ny', {
      cookie: await cookie('supplier'),
      form: form(
        productFields({
          name: '   ',
          website: 'javascript:alert(1)',
          mdrClass: 'IIa',
          ceMarked: [],
          shortDescription: 'Beholdes når skjemaet kommer tilbake',
          careSettings: ['hospital'],
          integrations: ['scaip', 'not-a-code'],
          versionLabel: '',
        }),
      ),
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Skriv navnet på produktet (høyst 120 tegn).')
    expect(html).toContain('Skriv en fullstendig nettadresse som begynner med https://')
    expect(html).toContain('Medisinsk utstyr må være CE-merket.')
    expect(html).toContain('Velg integrasjoner fra listen.')
    expect(html).toContain('Skriv versjonsnummeret (1–40 tegn)')
    expect(html).toContain('value="Beholdes når skjemaet kommer tilbake"')
    // The checked boxes come back checked, the others not.
    const box = (value: string) => html.match(new RegExp(`<input[^>]*value="${value}"[^>]*>`))?.[0] ?? ''
    expect(box('hospital')).toContain('checked')
    expect(box('home_care')).not.toContain('checked')
    expect(box('scaip')).toContain('checked')
    const after = await getDb()
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('refuses a category that does not exist with a field message, not a 500', async () => {
    const res = await appRequest('/leverandor/produkter/ny', {
      cookie: await cookie('supplier'),
      form: form(productFields({ categoryId: '99999' })),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Velg kategorien som passer best.')
  })

  it('edits the product, keeps it when a field is wrong, and refuses a duplicate version label', async () => {
    const { productId } = await createThroughForm('Redigerbar Alarm')
    const c = await cookie('supplier')
    const saved = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: c,
      form: form(productFields({ intent: 'saveProduct', name: 'Redigert Alarm', careSettings: ['home_care'] })),
    })
    expect(saved.status).toBe(302)
    const row = await getDb().selectFrom('product').select('name').where('id', '=', productId).executeTakeFirstOrThrow()
    expect(row.name).toBe('Redigert Alarm')
    const bad = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: c,
      form: form(productFields({ intent: 'saveProduct', name: 'x'.repeat(121) })),
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Skriv navnet på produktet (høyst 120 tegn).')
    expect(
      (await getDb().selectFrom('product').select('name').where('id', '=', productId).executeTakeFirstOrThrow()).name,
    ).toBe('Redigert Alarm')

    const added = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: c,
      form: form({ intent: 'addVersion', versionLabel: '1.1', releaseNotes: 'Ny firmware.' }),
    })
    expect(added.status).toBe(302)
    expect(added.headers.get('location')).toMatch(/^\/leverandor\/versjoner\/\d+$/)
    const duplicate = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: c,
      form: form({ intent: 'addVersion', versionLabel: '1.1' }),
    })
    expect(duplicate.status).toBe(409)
    const html = await duplicate.text()
    expect(html).toContain('Produktet har allerede en versjon med dette nummeret.')
    expect(html).toContain('value="1.1"')
    const labels = await getDb()
      .selectFrom('product_version')
      .select('version_label')
      .where('product_id', '=', productId)
      .execute()
    expect(labels.map((l) => l.version_label).sort()).toEqual(['1.0', '1.1'])
  })

  it("hides another supplier's products and versions (404), even approved public ones", async () => {
    const { productId, versionId } = await createThroughForm('Bare Våre Øyne')
    const other = await cookie('otherSupplier')
    expect((await appRequest(`/leverandor/produkter/${productId}`, { cookie: other })).status).toBe(404)
    expect((await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: other })).status).toBe(404)
    expect((await appRequest(dataUrl(`/leverandor/versjoner/${versionId}`), { cookie: other })).status).toBe(404)
    // Nor may it change them.
    const post = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: other,
      form: form({ intent: 'submit' }),
    })
    expect(post.status).toBe(404)
    expect((await versionRow(versionId)).state).toBe('draft')
    const edit = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: other,
      form: form(productFields({ intent: 'saveProduct', name: 'Kapret' })),
    })
    expect(edit.status).toBe(404)
    // Whatever the form says: no answer tells another supplier that the product exists.
    for (const body of [{}, { intent: 'addVersion', versionLabel: '1.0' }] as Array<Record<string, string>>) {
      expect((await appRequest(`/leverandor/produkter/${productId}`, { cookie: other, form: form(body) })).status).toBe(
        404,
      )
      expect((await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: other, form: form(body) })).status).toBe(
        404,
      )
    }

    const owner = await createSupplier('Godkjent Konkurrent AS')
    const coordinator = await createCoordinator()
    const approved = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Offentlig Godkjent', categoryId: tilsyn }),
      'approved',
    )
    expect(
      (await appRequest(`/leverandor/produkter/${approved.productId}`, { cookie: await cookie('supplier') })).status,
    ).toBe(404)
    expect(
      (await appRequest(`/leverandor/versjoner/${approved.versionId}`, { cookie: await cookie('supplier') })).status,
    ).toBe(404)
    // Coordinators assess from their own pages; the workspace is not theirs.
    expect(
      (await appRequest(`/leverandor/produkter/${approved.productId}`, { cookie: await cookie('coordinator') })).status,
    ).toBe(403)
    expect((await appRequest('/leverandor/produkter/999999', { cookie: await cookie('supplier') })).status).toBe(404)
    expect((await appRequest('/leverandor/produkter/abc', { cookie: await cookie('supplier') })).status).toBe(404)
  })
})

describe('versions and the workflow', () => {
  it('submits a draft once; a second submission is refused with 409', async () => {
    const { versionId } = await createThroughForm('Innsendt Dispenser')
    const c = await cookie('supplier')
    const first = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'submit' }),
    })
    expect(first.status).toBe(302)
    const submitted = await versionRow(versionId)
    expect(submitted.state).toBe('submitted')
    expect(submitted.submitted_at).toBeTruthy()
    const second = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'submit' }),
    })
    expect(second.status).toBe(409)
    expect(await second.text()).toContain('kan ikke sendes til vurdering i den statusen den har nå')
    expect(await versionRow(versionId)).toEqual(submitted)
  })

  it('refuses to edit a submitted version or its dossier (409) and changes nothing', async () => {
    const { versionId } = await createThroughForm('Låst Versjon')
    const c = await cookie('supplier')
    await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'saveVersion', versionLabel: '1.0', releaseNotes: 'Opprinnelig tekst.' }),
    })
    expect(
      (await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: c, form: form({ intent: 'submit' }) })).status,
    ).toBe(302)
    const before = await versionRow(versionId)
    expect(before.release_notes).toBe('Opprinnelig tekst.')

    const edit = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'saveVersion', versionLabel: '9.9', releaseNotes: 'Endret etter innsending.' }),
    })
    expect(edit.status).toBe(409)
    expect(await edit.text()).toContain('Endringen ble ikke lagret')
    expect(await versionRow(versionId)).toEqual(before)

    const section = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'saveSection', kind: 'test_reports', heading: 'Sniket inn', body: 'Etter innsending.' }),
    })
    expect(section.status).toBe(409)
    const upload = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'upload' }, { name: 'sent.pdf', bytes: PDF }),
    })
    expect(upload.status).toBe(409)
    const db = getDb()
    expect(await db.selectFrom('dossier_section').select('id').where('version_id', '=', versionId).execute()).toEqual(
      [],
    )
    expect(
      await db.selectFrom('dossier_attachment').select('id').where('version_id', '=', versionId).execute(),
    ).toEqual([])

    const page = await (await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: c })).text()
    expect(page).toContain('kan ikke endres mens koordinatorene vurderer den')
    expect(page).not.toContain('name="releaseNotes"')
  })

  it("shows the coordinator's comments per criterion after a change request, and lets the supplier resubmit", async () => {
    const owner = await createSupplier('Endringsønske AS')
    const coordinator = await createCoordinator()
    const { productId, versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Endres Snart', categoryId: tilsyn }),
      'changes_requested',
    )
    const c = await sessionFor(owner.userId)
    const page = await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: c })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Endringer etterspurt')
    expect(html).toContain('information_security: not_met') // the fixture's comment on the unmet criterion
    expect(html).toContain('Informasjonssikkerhet')
    expect(html).toContain('name="releaseNotes"')
    const product = await (await appRequest(`/leverandor/produkter/${productId}`, { cookie: c })).text()
    expect(product).toContain('information_security: not_met')
    const resubmit = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      form: form({ intent: 'submit' }),
    })
    expect(resubmit.status).toBe(302)
    expect((await versionRow(versionId)).state).toBe('submitted')
  })

  it('answers a form without an intent or with a broken body with 400, never 500', async () => {
    const { productId, versionId } = await createThroughForm('Rar Forespørsel')
    const c = await cookie('supplier')
    expect((await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: c, form: form({}) })).status).toBe(400)
    expect(
      (await appRequest(`/leverandor/produkter/${productId}`, { cookie: c, form: form({ intent: 'nonsense' }) }))
        .status,
    ).toBe(400)
    const text = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: c,
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    })
    expect(text.status).toBe(400)
  })
})

describe('the confidential dossier', () => {
  it('adds, edits and deletes a section', async () => {
    const { versionId } = await createThroughForm('Dokumentert Lås')
    const c = await cookie('supplier')
    const url = `/leverandor/versjoner/${versionId}`
    const invalid = await appRequest(url, {
      cookie: c,
      form: form({ intent: 'saveSection', kind: 'bogus', heading: '', body: 'Tekst' }),
    })
    expect(invalid.status).toBe(400)
    const invalidHtml = await invalid.text()
    expect(invalidHtml).toContain('Velg hva slags dokumentasjon seksjonen inneholder.')
    expect(invalidHtml).toContain('Skriv en overskrift (høyst 200 tegn).')

    expect(
      (
        await appRequest(url, {
          cookie: c,
          form: form({
            intent: 'saveSection',
            kind: 'test_reports',
            heading: 'Penetrasjonstest 2026',
            body: 'Ingen kritiske funn.',
          }),
        })
      ).status,
    ).toBe(302)
    const section = await getDb()
      .selectFrom('dossier_section')
      .select(['id', 'heading'])
      .where('version_id', '=', versionId)
      .executeTakeFirstOrThrow()
    const html = await (await appRequest(url, { cookie: c })).text()
    expect(html).toContain('Slett seksjon «Penetrasjonstest 2026»')
    expect(html).toContain('Bare medlemmer av')

    const edited = await appRequest(url, {
      cookie: c,
      form: form({
        intent: 'saveSection',
        sectionId: String(section.id),
        kind: 'test_reports',
        heading: 'Penetrasjonstest 2027',
        body: 'Ingen funn.',
      }),
    })
    expect(edited.status).toBe(302)
    expect(
      (
        await getDb()
          .selectFrom('dossier_section')
          .select('heading')
          .where('id', '=', section.id)
          .executeTakeFirstOrThrow()
      ).heading,
    ).toBe('Penetrasjonstest 2027')
    expect(
      (await appRequest(url, { cookie: c, form: form({ intent: 'deleteSection', sectionId: String(section.id) }) }))
        .status,
    ).toBe(302)
    expect(await getDb().selectFrom('dossier_section').select('id').where('id', '=', section.id).execute()).toEqual([])
  })

  it('uploads a real PDF that the owner and a coordinator can download, and nobody else', async () => {
    const { versionId } = await createThroughForm('Vedlagt Sensor')
    const upload = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: await cookie('supplier'),
      form: form({ intent: 'upload' }, { name: 'Sikkerhet og test.pdf', bytes: PDF }),
    })
    expect(upload.status).toBe(302)
    const attachment = await getDb()
      .selectFrom('dossier_attachment')
      .select(['id', 'original_filename', 'size_bytes'])
      .where('version_id', '=', versionId)
      .executeTakeFirstOrThrow()
    expect(attachment).toMatchObject({ original_filename: 'Sikkerhet og test.pdf', size_bytes: PDF.length })
    const page = await (
      await appRequest(`/leverandor/versjoner/${versionId}`, { cookie: await cookie('supplier') })
    ).text()
    expect(page).toContain(`href="/leverandor/vedlegg/${attachment.id}"`)
    expect(page).toContain('Slett vedlegg Sikkerhet og test.pdf')

    const url = `/leverandor/vedlegg/${attachment.id}`
    for (const who of ['supplier', 'coordinator', 'admin'] as const) {
      const res = await appRequest(url, { cookie: await cookie(who) })
      expect(res.status, who).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Sikkerhet og test.pdf"/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true)
    }
    for (const who of ['otherSupplier', 'buyer', 'pending'] as const) {
      const res = await appRequest(url, { cookie: await cookie(who) })
      expect(res.status, who).toBe(403)
      expect(res.headers.get('content-type') ?? '').not.toContain('pdf')
    }
    expect(await outcomeOf(await appRequest(url))).toBe('login')
    expect((await appRequest('/leverandor/vedlegg/987654', { cookie: await cookie('supplier') })).status).toBe(404)
    expect((await appRequest('/leverandor/vedlegg/987654', { cookie: await cookie('coordinator') })).status).toBe(404)
    expect((await appRequest('/leverandor/vedlegg/x1', { cookie: await cookie('supplier') })).status).toBe(404)

    // Deleting it (after the confirmation the button asks for) removes the row and the file.
    const files = storedFiles().length
    const deleted = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: await cookie('supplier'),
      form: form({ intent: 'deleteAttachment', attachmentId: String(attachment.id) }),
    })
    expect(deleted.status).toBe(302)
    expect(
      await getDb().selectFrom('dossier_attachment').select('id').where('id', '=', attachment.id).execute(),
    ).toEqual([])
    expect(storedFiles().length).toBe(files - 1)
    expect((await appRequest(url, { cookie: await cookie('supplier') })).status).toBe(404)
  })

  it('rejects a renamed text file by its content and stores nothing', async () => {
    const { versionId } = await createThroughForm('Falsk PDF')
    const files = storedFiles().length
    const res = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: await cookie('supplier'),
      form: form(
        { intent: 'upload' },
        {
          name: 'notes.pdf',
          bytes: new TextEncoder().encode('Bare vanlig tekst, ikke en PDF.'),
          type: 'application/pdf',
        },
      ),
    })
    expect([400, 415]).toContain(res.status)
    expect(await res.text()).toContain('Filen er ikke en PDF')
    expect(
      await getDb().selectFrom('dossier_attachment').select('id').where('version_id', '=', versionId).execute(),
    ).toEqual([])
    expect(storedFiles().length).toBe(files)

    const none = await appRequest(`/leverandor/versjoner/${versionId}`, {
      cookie: await cookie('supplier'),
      form: form({ intent: 'upload' }),
    })
    expect(none.status).toBe(400)
    expect(await none.text()).toContain('Velg en PDF-fil å laste opp.')
  })

  it('refuses a file over 10 MB with 413 and a friendly message, before or while reading the body', async () => {
    const { versionId } = await createThroughForm('For Stor Fil')
    const url = `/leverandor/versjoner/${versionId}`
    const big = new Uint8Array(11 * 1024 * 1024)
    big.set(PDF)
    const streamed = await appRequest(url, {
      cookie: await cookie('supplier'),
      form: form({ intent: 'upload' }, { name: 'stor.pdf', bytes: big }),
    })
    expect(streamed.status).toBe(413)
    expect(await streamed.text()).toContain('Filen er for stor')
    const declared = await appRequest(url, {
      cookie: await cookie('supplier'),
      headers: { 'Content-Length': String(50 * 1024 * 1024), 'Content-Type': 'multipart/form-data; boundary=x' },
      method: 'POST',
    })
    expect(declared.status).toBe(413)
    expect(
      await getDb().selectFrom('dossier_attachment').select('id').where('version_id', '=', versionId).execute(),
    ).toEqual([])
  })
})
