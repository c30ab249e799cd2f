import { beforeAll, describe, expect, it } from 'vitest'
import routes from '../../app/routes'
import { recordDecision } from '../../app/models/decisions.server'
import { addAttachment, saveDossierSection } from '../../app/models/dossier.server'
import { createExperience } from '../../app/models/experiences.server'
import { decideFlags, flagContent } from '../../app/models/moderation.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createProduct } from '../../app/models/products.server'
import { addVersion } from '../../app/models/versions.server'
import { appRequest, dataUrl } from '../helpers/app'
import { createUser, sessionFor } from '../helpers/accounts'
import { acceptInvitations, experienceInput, must, procurementInput, renameUser } from '../helpers/experience-fixtures'
import {
  allMet,
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  moveVersionTo,
  productInput,
  productInState,
} from '../helpers/register-fixtures'

// Marker strings placed where only some roles may look. No response to any other role, on any route in
// app/routes.ts (HTML document and .data), may contain them. New routes are crawled automatically; a new route
// parameter makes the test fail until it gets sample values.
const roles = [
  'visitor',
  'pending',
  'buyer',
  'otherBuyer',
  'supplier',
  'otherSupplier',
  'coordinator',
  'admin',
] as const
type Role = (typeof roles)[number]

const markers: Record<string, { text: string[]; mayNotSee: Role[]; shouldSee: Role[] }> = {
  dossier: {
    text: ['KANARIDOSSIER7Q'],
    mayNotSee: ['visitor', 'pending', 'buyer', 'otherBuyer', 'otherSupplier'],
    shouldSee: ['supplier', 'coordinator'],
  },
  draftProduct: {
    text: ['KANARIUTKAST7Q'],
    mayNotSee: ['visitor', 'pending', 'buyer', 'otherBuyer', 'otherSupplier'],
    shouldSee: ['supplier', 'coordinator'],
  },
  rejectedSubmission: {
    text: ['KANARIAVSLAG7Q'],
    mayNotSee: ['visitor', 'pending', 'buyer', 'otherBuyer', 'otherSupplier'],
    shouldSee: ['supplier', 'coordinator'],
  },
  // Commercial terms shared with municipalities only: the value (raw in .data, formatted in HTML) and the price terms.
  contractTerms: {
    text: ['98765432', '98\u00a0765\u00a0432', '98 765 432', 'KANARIPRIS7Q'],
    mayNotSee: ['visitor', 'pending', 'supplier', 'otherSupplier'],
    shouldSee: ['buyer', 'otherBuyer'],
  },
  authorName: {
    text: ['Forfatter Kanarisen'],
    mayNotSee: ['visitor', 'pending', 'supplier', 'otherSupplier'],
    shouldSee: ['buyer', 'otherBuyer'],
  },
  reportDraft: {
    text: ['KANARIRAPPORTUTKAST7Q'],
    mayNotSee: ['visitor', 'pending', 'otherBuyer', 'supplier', 'otherSupplier', 'coordinator', 'admin'],
    shouldSee: ['buyer'],
  },
  hiddenReport: {
    text: ['KANARISKJULT7Q'],
    mayNotSee: ['visitor', 'pending', 'buyer', 'supplier', 'otherSupplier'],
    shouldSee: ['otherBuyer', 'coordinator'],
  },
  switchingCost: {
    text: ['7777777', '7\u00a0777\u00a0777', '7 777 777'],
    mayNotSee: ['visitor', 'pending', 'supplier', 'otherSupplier'],
    shouldSee: ['buyer'],
  },
  internalNotes: {
    text: ['KANARIINTERN7Q'],
    mayNotSee: ['visitor', 'pending', 'otherBuyer', 'supplier', 'otherSupplier', 'coordinator', 'admin'],
    shouldSee: ['buyer'],
  },
}

const samples: Record<string, number[]> = {
  productId: [],
  versionId: [],
  attachmentId: [],
  procurementId: [],
  experienceId: [],
}
const userIds = {} as Record<Role, number | undefined>

beforeAll(async () => {
  const owner = await createSupplier('Kanari Leverandør AS')
  const coordinator = await createCoordinator()
  const category = await categoryId('digitalt-tilsyn')

  // An approved, public product whose version carries a confidential dossier (section and PDF).
  const publicProduct = must(
    await createProduct(owner.viewer, productInput({ name: 'Synlig Tilsynssensor', categoryId: category }), {
      versionLabel: '1.0',
    }),
  )
  must(
    await saveDossierSection(owner.viewer, publicProduct.versionId, {
      kind: 'prices_offered',
      heading: 'Pris KANARIDOSSIER7Q',
      body: 'Tilbudt pris KANARIDOSSIER7Q',
    }),
  )
  const attachment = must(
    await addAttachment(owner.viewer, publicProduct.versionId, {
      filename: 'pris.pdf',
      bytes: new TextEncoder().encode('%PDF-1.7\nKANARIDOSSIER7Q\n%%EOF'),
    }),
  )
  await moveVersionTo(publicProduct.versionId, 'approved', owner, coordinator)
  const draft = await productInState(
    owner,
    coordinator,
    productInput({ name: 'Utkast KANARIUTKAST7Q', categoryId: category, description: 'Beskrivelse KANARIUTKAST7Q' }),
    'draft',
  )
  const rejected = await productInState(
    owner,
    coordinator,
    productInput({ name: 'Avslått KANARIAVSLAG7Q', categoryId: category }),
    'in_review',
  )
  must(
    await recordDecision(coordinator.viewer, rejected.versionId, {
      outcome: 'rejected',
      rationale: 'Avslag KANARIAVSLAG7Q',
      results: allMet({ privacy: 'not_met' }),
    }),
  )

  // A product whose approval was withdrawn: public again (issue 10), but never its dossier, its newer draft or a
  // rejection of a later version.
  const withdrawn = must(
    await createProduct(owner.viewer, productInput({ name: 'Trukket Kanarisensor', categoryId: category }), {
      versionLabel: '1.0',
    }),
  )
  must(
    await saveDossierSection(owner.viewer, withdrawn.versionId, {
      kind: 'security_documentation',
      heading: 'Sikkerhet KANARIDOSSIER7Q',
      body: 'Funn KANARIDOSSIER7Q',
    }),
  )
  await moveVersionTo(withdrawn.versionId, 'withdrawn', owner, coordinator)
  const withdrawnDraft = must(
    await addVersion(owner.viewer, withdrawn.productId, {
      versionLabel: '2.0',
      releaseNotes: 'Utkast KANARIUTKAST7Q',
    }),
  )
  const withdrawnRejected = must(await addVersion(owner.viewer, withdrawn.productId, { versionLabel: '3.0' }))
  await moveVersionTo(withdrawnRejected.versionId, 'in_review', owner, coordinator)
  must(
    await recordDecision(coordinator.viewer, withdrawnRejected.versionId, {
      outcome: 'rejected',
      rationale: 'Avslag KANARIAVSLAG7Q',
      results: allMet({ privacy: 'not_met' }),
    }),
  )

  // A joint procurement led by Larvik with Bergen, with municipalities-only terms, internal notes and a published
  // report whose author has a marker name.
  const larvik = await createBuyer('3909')
  const bergen = await createBuyer('4601')
  await renameUser(larvik.userId, 'Forfatter Kanarisen')
  const { procurementId } = must(
    await createProcurement(
      larvik.viewer,
      procurementInput({
        title: 'Kanari-anskaffelse',
        contractValueNok: '98765432',
        priceTerms: 'Pris per enhet KANARIPRIS7Q',
        commercialTermsVisibility: 'municipalities',
        internalNotes: 'Intern vurdering KANARIINTERN7Q',
        productIds: [String(publicProduct.productId)],
        participantMunicipalities: ['4601'],
      }),
    ),
  )
  // Bergen accepts the invitation and takes part.
  const procurement = await acceptInvitations(procurementId)
  const { experienceId } = must(await createExperience(larvik.viewer, procurement, experienceInput()))
  // Larvik's unpublished draft; Bergen's report hidden by a coordinator; a report on an ended contract with its
  // switching cost.
  must(
    await createExperience(
      larvik.viewer,
      procurement,
      experienceInput({ publish: '', workedWell: 'Utkast KANARIRAPPORTUTKAST7Q' }),
    ),
  )
  const hidden = must(
    await createExperience(bergen.viewer, procurement, experienceInput({ workedWell: 'Skjult KANARISKJULT7Q' })),
  )
  must(
    await flagContent(larvik.viewer, {
      targetType: 'experience',
      targetId: hidden.experienceId,
      reason: 'Upassende innhold her.',
    }),
  )
  must(
    await decideFlags(coordinator.viewer, {
      targetType: 'experience',
      targetId: hidden.experienceId,
      decision: 'hide',
      reason: 'Skjult av koordinator.',
    }),
  )
  must(
    await createExperience(
      larvik.viewer,
      procurement,
      experienceInput({
        ended: 'on',
        endingReason: 'switched_supplier',
        switchingCostNok: '7777777',
        dataExported: 'partly',
      }),
    ),
  )

  samples.productId = [publicProduct.productId, draft.productId, rejected.productId, withdrawn.productId]
  samples.versionId = [
    publicProduct.versionId,
    draft.versionId,
    rejected.versionId,
    withdrawn.versionId,
    withdrawnDraft.versionId,
    withdrawnRejected.versionId,
  ]
  samples.attachmentId = [attachment.attachmentId]
  samples.procurementId = [procurementId]
  samples.experienceId = [experienceId]

  userIds.pending = (await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id
  userIds.buyer = larvik.userId
  userIds.otherBuyer = bergen.userId
  userIds.supplier = owner.userId
  userIds.otherSupplier = (await createSupplier('Annen Leverandør AS')).userId
  userIds.coordinator = coordinator.userId
  userIds.admin = (await createCoordinator('admin')).userId
})

/** Every GET URL the app has, with each route parameter filled in by every sample id. */
function allUrls(): string[] {
  const urls = new Set<string>()
  for (const route of routes) {
    const path = route.path === '*' ? 'finnes-ikke' : (route.path ?? '')
    let expanded = [`/${path}`.replace(/\/$/, '') || '/']
    for (const param of [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
      const values = samples[param]
      if (!values) throw new Error(`The canary test has no sample values for :${param} in ${path}: add them`)
      expanded = expanded.flatMap((u) => values.map((v) => u.replace(`:${param}`, String(v))))
    }
    for (const u of expanded) urls.add(u)
  }
  for (const q of ['kanari', 'utkast', 'avslått', 'synlig']) urls.add(`/register?q=${encodeURIComponent(q)}`)
  urls.add('/register?status=not_approved')
  for (const status of ['withdrawn', 'expired']) urls.add(`/register?status=${status}`)
  urls.add(`/sammenlign?p=${samples.productId!.join(',')}`)
  urls.add('/koordinator/revisjon?hendelse=register.product_created')
  // Branches behind query strings: the procurement edit form, and filtered product pages.
  for (const id of samples.procurementId!) urls.add(`/anskaffelser/${id}?rediger=1`)
  for (const id of samples.productId!) urls.add(`/register/${id}?innbyggere=20000_50000&fylke=39`)
  urls.add('/anskaffelser?forfall=1')
  return [...urls]
}

const bodies = new Map<Role, Array<{ url: string; body: string }>>()

async function responsesFor(role: Role) {
  const cached = bodies.get(role)
  if (cached) return cached
  const result: Array<{ url: string; body: string }> = []
  for (const url of allUrls()) {
    const variants = url.includes('/vedlegg/') || url === '/healthz' ? [url] : [url, dataUrl(url)]
    for (const u of variants) {
      const cookie = userIds[role] === undefined ? undefined : await sessionFor(userIds[role]!)
      result.push({ url: u, body: await (await appRequest(u, { cookie })).text() })
    }
  }
  bodies.set(role, result)
  return result
}

describe('canary: what each role may not see never reaches it', () => {
  for (const role of roles) {
    const forbidden = Object.entries(markers).filter(([, m]) => m.mayNotSee.includes(role))
    if (forbidden.length === 0) continue
    it(`${role}: ${forbidden.map(([name]) => name).join(', ')}`, async () => {
      const leaks = (await responsesFor(role)).flatMap(({ url, body }) =>
        forbidden.flatMap(([name, m]) => (m.text.some((text) => body.includes(text)) ? [`${name} in ${url}`] : [])),
      )
      expect(leaks).toEqual([])
    })
  }

  it('each marker does reach the roles that may see it (so the test would see a leak)', async () => {
    for (const [name, m] of Object.entries(markers)) {
      for (const role of m.shouldSee) {
        const seen = (await responsesFor(role)).some(({ body }) => m.text.some((text) => body.includes(text)))
        expect(seen, `${role} sees ${name}`).toBe(true)
      }
    }
  })
})
