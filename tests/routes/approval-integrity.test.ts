import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  categoryId,
  createCoordinator,
  createSupplier,
  moveVersionTo,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

// Approval integrity (issue 10, deliverable 2; docs/domain.md, "Approval facts"): the facts an approval rests on
// belong to the version. Changing them on an assessed version is refused field by field, the public page keeps
// showing the approved version's facts, and a new version carrying the change can be created and submitted.

let supplier: Actor
let coordinator: Actor
let tilsyn: number

const NORWAY = 'Norge, i Oslo-regionen (Integritetsprøven)'
const USA = 'USA, hos en amerikansk skyleverandør (Integritetsprøven)'

/** The product form as the supplier page posts it, with the product's data and these changes. */
const productForm = (overrides: Record<string, string | string[]> = {}) => ({
  intent: 'saveProduct',
  name: 'Integritetsalarmen',
  categoryId: String(tilsyn),
  shortDescription: 'Kort beskrivelse av Integritetsalarmen.',
  description: '',
  mdrClass: 'none',
  ceMarked: 'on',
  dataStorageLocation: NORWAY,
  dpiaTemplateAvailable: 'on',
  dpaAvailable: 'on',
  careSettings: ['home_care'],
  integrations: ['hl7_fhir'],
  ...overrides,
})

const publicPage = async (productId: number) => (await appRequest(`/register/${productId}`)).text()
const versionFacts = (versionId: number) =>
  getDb()
    .selectFrom('product_version')
    .select(['data_storage_location', 'state'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
const auditOf = (action: string, targetId: number) =>
  getDb()
    .selectFrom('audit_log')
    .select(['details'])
    .where('action', '=', action)
    .where('target_id', '=', String(targetId))
    .orderBy('id')
    .execute()

beforeAll(async () => {
  supplier = await createSupplier('Integritet AS')
  coordinator = await createCoordinator()
  tilsyn = await categoryId('digitalt-tilsyn')
})

describe('an approved version', () => {
  let productId: number
  let versionId: number
  beforeAll(async () => {
    ;({ productId, versionId } = await productInState(
      supplier,
      coordinator,
      productInput({
        name: 'Integritetsalarmen',
        categoryId: tilsyn,
        dataStorageLocation: NORWAY,
        integrations: ['hl7_fhir'],
      }),
      'approved',
    ))
  })

  it('refuses a change of its data location with a field message, and the public page is unchanged', async () => {
    expect(await publicPage(productId)).toContain(NORWAY)
    const res = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: await sessionFor(supplier.userId),
      form: productForm({ dataStorageLocation: USA, name: 'Integritetsalarmen omdøpt' }),
    })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Hører til godkjenningsgrunnlaget for en vurdert versjon.')
    expect(html).toContain('Ingenting er lagret.')
    // The offer: a form creating a new version that carries the change.
    expect(html).toContain('value="addVersionWithFacts"')
    expect(html).toContain(`value="${USA}"`)

    expect((await versionFacts(versionId)).data_storage_location).toBe(NORWAY)
    const page = await publicPage(productId)
    expect(page).toContain(NORWAY)
    expect(page).not.toContain(USA)
    // Nothing else in the refused form was saved either.
    expect(page).not.toContain('Integritetsalarmen omdøpt')
  })

  it('refuses the integrations too, by field, and keeps the product columns the register filters on', async () => {
    const res = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: await sessionFor(supplier.userId),
      form: productForm({ integrations: ['hl7_fhir', 'scaip'], mdrClass: 'I' }),
    })
    expect(res.status).toBe(409)
    const product = await getDb()
      .selectFrom('product')
      .select(['mdr_class'])
      .where('id', '=', productId)
      .executeTakeFirstOrThrow()
    expect(product.mdr_class).toBe('none')
    const codes = await getDb()
      .selectFrom('product_integration')
      .select('code')
      .where('product_id', '=', productId)
      .execute()
    expect(codes.map((c) => c.code)).toEqual(['hl7_fhir'])
  })

  it('saves the product’s own fields at any time, audited with before and after', async () => {
    const res = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: await sessionFor(supplier.userId),
      form: productForm({ shortDescription: 'En ny kort beskrivelse.' }),
    })
    expect(res.status).toBe(302)
    expect(await publicPage(productId)).toContain('En ny kort beskrivelse.')
    const [entry] = (await auditOf('register.product_updated', productId)).slice(-1)
    expect(JSON.parse(entry!.details)).toEqual({
      changes: [
        {
          field: 'short_description',
          from: 'Kort beskrivelse av Integritetsalarmen.',
          to: 'En ny kort beskrivelse.',
        },
      ],
    })
  })

  it('creates a new version carrying the change, which can be submitted; the page changes only on approval', async () => {
    const cookie = await sessionFor(supplier.userId)
    const res = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie,
      form: {
        intent: 'addVersionWithFacts',
        versionLabel: '2.0',
        mdrClass: 'none',
        ceMarked: 'on',
        dataStorageLocation: USA,
        dpiaTemplateAvailable: 'on',
        dpaAvailable: 'on',
        integrations: ['hl7_fhir'],
      },
    })
    expect(res.status).toBe(302)
    const newVersionId = Number(res.headers.get('location')!.split('/').pop())
    expect(newVersionId).not.toBe(versionId)
    expect((await versionFacts(newVersionId)).data_storage_location).toBe(USA)
    expect((await versionFacts(versionId)).data_storage_location).toBe(NORWAY)
    expect(await publicPage(productId)).not.toContain(USA)

    const submitted = await appRequest(`/leverandor/versjoner/${newVersionId}`, { cookie, form: { intent: 'submit' } })
    expect(submitted.status).toBe(302)
    expect((await versionFacts(newVersionId)).state).toBe('submitted')
    expect(await publicPage(productId)).not.toContain(USA)

    // Once submitted, the new version's facts are locked as well.
    const locked = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie,
      form: productForm({ dataStorageLocation: 'Et tredje sted' }),
    })
    expect(locked.status).toBe(409)

    // The coordinator assesses the version with its own facts, and its approval publishes them.
    const assessment = await (
      await appRequest(`/koordinator/vurdering/${newVersionId}`, { cookie: await sessionFor(coordinator.userId) })
    ).text()
    expect(assessment).toContain(USA)
    const { startReview, recordDecision } = await import('../../app/models/decisions.server')
    const { allMet } = await import('../helpers/register-fixtures')
    expect((await startReview(coordinator.viewer, newVersionId)).ok).toBe(true)
    expect(
      (
        await recordDecision(coordinator.viewer, newVersionId, {
          outcome: 'approved',
          rationale: 'Ny versjon vurdert.',
          validUntil: null,
          results: allMet(),
        })
      ).ok,
    ).toBe(true)
    const page = await publicPage(productId)
    expect(page).toContain(USA)
    expect(page).not.toContain(NORWAY)
  })
})

describe('a draft version', () => {
  it('takes changed facts through the product form, audited field by field', async () => {
    const { productId, versionId } = await productInState(
      supplier,
      coordinator,
      productInput({ name: 'Utkastalarmen', categoryId: tilsyn, dataStorageLocation: NORWAY }),
      'draft',
    )
    const res = await appRequest(`/leverandor/produkter/${productId}`, {
      cookie: await sessionFor(supplier.userId),
      form: productForm({
        name: 'Utkastalarmen',
        shortDescription: 'Kort beskrivelse av Utkastalarmen.',
        dataStorageLocation: USA,
        integrations: [],
      }),
    })
    expect(res.status).toBe(302)
    expect((await versionFacts(versionId)).data_storage_location).toBe(USA)
    const [entry] = await auditOf('register.version_updated', versionId)
    expect(JSON.parse(entry!.details).changes).toEqual([{ field: 'dataStorageLocation', from: NORWAY, to: USA }])
  })

  it('is locked from submission on, in every assessed state', async () => {
    for (const state of ['submitted', 'in_review', 'provisionally_approved', 'rejected', 'withdrawn'] as const) {
      const name = `Låst ${state}`
      const { productId, versionId } = await productInState(
        supplier,
        coordinator,
        productInput({ name, categoryId: tilsyn, dataStorageLocation: NORWAY }),
        'draft',
      )
      await moveVersionTo(versionId, state, supplier, coordinator)
      const res = await appRequest(`/leverandor/produkter/${productId}`, {
        cookie: await sessionFor(supplier.userId),
        form: productForm({
          name,
          shortDescription: `Kort beskrivelse av ${name}.`,
          dataStorageLocation: USA,
          integrations: [],
        }),
      })
      expect(res.status, state).toBe(409)
      expect((await versionFacts(versionId)).data_storage_location, state).toBe(NORWAY)
    }
  })
})

describe('the audit trail', () => {
  it('records a procurement edit field by field, but never internal notes or non-public contract values', async () => {
    const { createBuyer } = await import('../helpers/register-fixtures')
    const { procurementInput, procurementAccess, must } = await import('../helpers/experience-fixtures')
    const { createProcurement, updateProcurement } = await import('../../app/models/procurements.server')
    const buyer = await createBuyer('4601')
    const { procurementId } = must(
      await createProcurement(
        buyer.viewer,
        procurementInput({ title: 'Revisjonsprøven', internalNotes: 'Gammel hemmelighet' }),
      ),
    )
    must(
      await updateProcurement(
        buyer.viewer,
        await procurementAccess(procurementId),
        procurementInput({
          title: 'Revisjonsprøven 2',
          internalNotes: 'Ny hemmelig notat-tekst',
          contractValueNok: '9 876 543',
        }),
      ),
    )
    const [entry] = await auditOf('procurement.updated', procurementId)
    const details = entry!.details
    expect(details).not.toContain('hemmelig')
    expect(details).not.toContain('9876543')
    expect(details).not.toContain('1250000')
    expect(JSON.parse(details).changes).toEqual([
      { field: 'title', from: 'Revisjonsprøven', to: 'Revisjonsprøven 2' },
      { field: 'contract_value_nok', changed: true },
      { field: 'internal_notes', changed: true },
    ])

    // The coordinators read it as a sentence with a link to the procurement, not as a code and JSON.
    const page = await (
      await appRequest('/koordinator/revisjon?hendelse=procurement.updated', {
        cookie: await sessionFor(coordinator.userId),
      })
    ).text()
    expect(page).toContain('Endret anskaffelsen')
    expect(page).toContain(`href="/anskaffelser/${procurementId}"`)
    expect(page).toContain('Tittel: «Revisjonsprøven» → «Revisjonsprøven 2»')
    expect(page).toContain('Interne notater ble endret (innholdet logges ikke)')
    expect(page).not.toContain('hemmelig')
    expect(page).not.toContain('{&quot;')
  })

  it('names the product and links to it for product edits', async () => {
    const page = await (
      await appRequest('/koordinator/revisjon?hendelse=register.product_updated', {
        cookie: await sessionFor(coordinator.userId),
      })
    ).text()
    expect(page).toContain('Endret produktopplysningene for')
    expect(page).toMatch(/href="\/register\/\d+"[^>]*>Integritetsalarmen</)
    expect(page).toContain('Kort beskrivelse: «Kort beskrivelse av Integritetsalarmen.» → «En ny kort beskrivelse.»')
  })
})
