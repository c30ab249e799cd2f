import { beforeAll, describe, expect, it } from 'vitest'
import routes from '../../app/routes'
import { recordDecision } from '../../app/models/decisions.server'
import { addAttachment, saveDossierSection } from '../../app/models/dossier.server'
import { createProduct } from '../../app/models/products.server'
import { appRequest, dataUrl } from '../helpers/app'
import { createUser, sessionFor } from '../helpers/accounts'
import { allMet, categoryId, createBuyer, createCoordinator, createSupplier, moveVersionTo, productInput, productInState, type Actor } from '../unit/register-fixtures'

// Marker strings placed where only the supplier itself and the coordinators may look. No response, to any other role,
// on any route (HTML document or .data), may contain them.
const DOSSIER = 'KANARIDOSSIER7Q'
const DRAFT = 'KANARIUTKAST7Q'
const REJECTED = 'KANARIAVSLAG7Q'
const markers = [DOSSIER, DRAFT, REJECTED]

const sample = { productIds: [] as number[], versionIds: [] as number[], attachmentIds: [] as number[] }
let owner: Actor
let coordinator: Actor
const userIds = {} as Record<string, number>

beforeAll(async () => {
  owner = await createSupplier('Kanari Leverandør AS')
  coordinator = await createCoordinator()
  const other = await createSupplier('Annen Leverandør AS')
  const buyer = await createBuyer('3909')
  const category = await categoryId('digitalt-tilsyn')

  // An approved, public product whose version carries a confidential dossier (section and PDF).
  const must = <T,>(r: { ok: true; value: T } | { ok: false; code: string }) => {
    if (!r.ok) throw new Error(r.code)
    return r.value
  }
  const publicProduct = must(await createProduct(owner.viewer, productInput({ name: 'Synlig Tilsynssensor', categoryId: category }), { versionLabel: '1.0' }))
  must(await saveDossierSection(owner.viewer, publicProduct.versionId, { kind: 'prices_offered', heading: `Pris ${DOSSIER}`, body: `Tilbudt pris ${DOSSIER}` }))
  const attachment = must(await addAttachment(owner.viewer, publicProduct.versionId, { filename: 'pris.pdf', bytes: new TextEncoder().encode(`%PDF-1.7\n${DOSSIER}\n%%EOF`) }))
  await moveVersionTo(publicProduct.versionId, 'approved', owner, coordinator)

  // A draft product, and a product whose only version was rejected.
  const draft = await productInState(owner, coordinator, productInput({ name: `Utkast ${DRAFT}`, categoryId: category, description: `Beskrivelse ${DRAFT}` }), 'draft')
  const rejected = await productInState(owner, coordinator, productInput({ name: `Avslått ${REJECTED}`, categoryId: category }), 'in_review')
  must(await recordDecision(coordinator.viewer, rejected.versionId, { outcome: 'rejected', rationale: `Avslag ${REJECTED}`, results: allMet({ privacy: 'not_met' }) }))

  sample.productIds = [publicProduct.productId, draft.productId, rejected.productId]
  sample.versionIds = [publicProduct.versionId, draft.versionId, rejected.versionId]
  sample.attachmentIds = [attachment.attachmentId]

  userIds.pending = (await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id
  userIds.buyer = buyer.userId
  userIds.otherSupplier = other.userId
  userIds.supplier = owner.userId
  userIds.coordinator = coordinator.userId
})

/** Every GET URL the app has, with each route parameter filled in by every sample id. */
function allUrls(): string[] {
  const paths = routes.map((r) => r.path ?? '/')
  const urls = new Set<string>()
  for (const raw of paths) {
    const path = raw === '*' ? 'finnes-ikke' : raw
    const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
    if (params.length === 0) urls.add(`/${path}`.replace('//', '/'))
    for (const param of params) {
      const values = { productId: sample.productIds, versionId: sample.versionIds, attachmentId: sample.attachmentIds }[param]
      if (!values) throw new Error(`The canary test has no sample values for :${param} in ${raw}: add them`)
      for (const v of values) urls.add(`/${path.replace(`:${param}`, String(v))}`)
    }
  }
  for (const q of ['kanari', 'utkast', 'avslått', 'synlig']) urls.add(`/register?q=${encodeURIComponent(q)}`)
  urls.add('/register?status=not_approved')
  urls.add(`/sammenlign?p=${sample.productIds.join(',')}`)
  urls.add('/koordinator/revisjon?hendelse=register.product_created')
  return [...urls]
}

async function leaks(role: keyof typeof userIds | 'visitor') {
  const found: string[] = []
  for (const url of allUrls()) {
    for (const u of [url, url.includes('/vedlegg/') || url === '/healthz' ? url : dataUrl(url)]) {
      const cookie = role === 'visitor' ? undefined : await sessionFor(userIds[role]!)
      const body = await (await appRequest(u, { cookie })).text()
      for (const m of markers) if (body.includes(m)) found.push(`${m} in ${u}`)
    }
  }
  return found
}

describe('canary: confidential dossier, drafts and rejected submissions', () => {
  for (const role of ['visitor', 'pending', 'buyer', 'otherSupplier'] as const) {
    it(`never reach a ${role}`, async () => {
      expect(await leaks(role)).toEqual([])
    })
  }

  it('do reach the supplier itself and the coordinators (so the test can see a leak)', async () => {
    for (const role of ['supplier', 'coordinator'] as const) {
      const found = await leaks(role)
      for (const m of markers) expect(found.some((f) => f.startsWith(m)), `${role} sees ${m}`).toBe(true)
    }
  })
})
