import { beforeAll, describe, expect, it } from 'vitest'
import routes from '../../app/routes'
import { BaselineInput, BenefitInput, MeasurementInput } from '../../app/forms/benefit'
import { addMeasurement, createBenefit, getBenefitRef, saveBaseline } from '../../app/models/benefits.server'
import { recordDecision } from '../../app/models/decisions.server'
import { addAttachment, saveDossierSection } from '../../app/models/dossier.server'
import { createExperience } from '../../app/models/experiences.server'
import { decideFlags, flagContent } from '../../app/models/moderation.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createProduct } from '../../app/models/products.server'
import { addVersion } from '../../app/models/versions.server'
import { refreshPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import { getDb } from '../../db/client'
import { enqueueEmail } from '../../app/utils/mail.server'
import { createSession } from '../../app/utils/session.server'
import { appRequest, dataUrl } from '../helpers/app'
import { insertBenefit, insertMeasurement } from '../helpers/benefit-fixtures'
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
  // Benefit records (benefit-visible): municipalities and coordinators read them, the supplier those about its own
  // products; never the public or another supplier.
  benefitRecord: {
    text: ['KANARIGEVINST7Q', 'KANARINULLPUNKT7Q', 'KANARIMALING7Q'],
    mayNotSee: ['visitor', 'pending', 'otherSupplier'],
    shouldSee: ['buyer', 'otherBuyer', 'supplier', 'coordinator'],
  },
  benefitWithoutProduct: {
    text: ['KANARIGEVINSTUTEN7Q'],
    mayNotSee: ['visitor', 'pending', 'supplier', 'otherSupplier'],
    shouldSee: ['buyer', 'otherBuyer', 'coordinator'],
  },
  // A benefit record's values (raw in .data, formatted in HTML): municipalities and coordinators read them (the
  // records behind the overview's figures); the public gets published aggregates only (decision 011).
  benefitValues: {
    text: ['86421.37', '12345.67', '86\u00a0421,4', '12\u00a0345,7', '86 421,4', '12 345,7', '86421,37', '12345,67'],
    mayNotSee: ['visitor', 'pending', 'otherSupplier'],
    shouldSee: ['buyer', 'otherBuyer', 'coordinator'],
  },
  // A benefit record's description, data-quality note and measurement notes: never to the public or another
  // supplier through any page (the overview shows none of them to anyone).
  benefitNotes: {
    text: ['KANARIGEVINST7Q'],
    mayNotSee: ['visitor', 'pending', 'otherSupplier'],
    shouldSee: [],
  },
  // Issue 11: a person's own sessions (browser, address), on /konto and in the personal-data download.
  ownSessions: {
    text: ['KANARIOKT7Q'],
    mayNotSee: ['visitor', 'pending', 'otherBuyer', 'supplier', 'otherSupplier', 'coordinator', 'admin'],
    shouldSee: ['buyer'],
  },
  internalNotes: {
    text: ['KANARIINTERN7Q'],
    mayNotSee: ['visitor', 'pending', 'otherBuyer', 'supplier', 'otherSupplier', 'coordinator', 'admin'],
    shouldSee: ['buyer'],
  },
  // Outgoing mail (/admin/utboks): other people's messages and the links in them, for admins only. The notifications
  // queued by the fixtures above (decisions, moderation) are in the outbox too, so the markers above also check that
  // no message carries what its recipient, or the admin reading the outbox, may not see.
  outbox: {
    text: ['KANARIUTBOKS7Q'],
    mayNotSee: ['visitor', 'pending', 'buyer', 'otherBuyer', 'supplier', 'otherSupplier', 'coordinator'],
    shouldSee: ['admin'],
  },
}

const samples: Record<string, (number | string)[]> = {
  // The messages are public and the same for everyone; listed so that the canary reads them as every role.
  locale: ['nb', 'en'],
  productId: [],
  versionId: [],
  attachmentId: [],
  procurementId: [],
  experienceId: [],
  benefitId: [],
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
  await createSession(larvik.userId, { ip: '10.9.9.9', userAgent: 'Nettleser KANARIOKT7Q', twoFactorVerified: true })
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

  // Larvik's benefit on the public product: a baseline, a realised measurement and an estimate, with markers.
  const overviewBenefitId = await insertBenefit({
    procurementId,
    municipalityNumber: '3909',
    createdBy: larvik,
    productId: publicProduct.productId,
    indicator: 'hours_per_month',
    baseline: 86421.37,
    description: 'Gevinst KANARIGEVINST7Q',
    baselineNote: 'Datakvalitet KANARIGEVINST7Q',
  })
  await insertMeasurement(overviewBenefitId, larvik, {
    value: 12345.67,
    status: 'realised',
    note: 'Måling KANARIGEVINST7Q',
  })
  await insertMeasurement(overviewBenefitId, larvik, {
    value: 12345.67,
    status: 'estimated',
    note: 'Anslag KANARIGEVINST7Q',
  })
  await refreshPublicBenefitFigures(getDb(), [overviewBenefitId])

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

  // Larvik's benefit records: one about the public product (its supplier may read it), one about no register product.
  const benefitFields = {
    category: 'efficiency',
    area: '2',
    beneficiary: 'staff',
    indicator: 'hours_per_month',
    concernsCount: '40',
  }
  const { benefitId } = must(
    await createBenefit(
      larvik.viewer,
      procurement,
      BenefitInput.parse({
        ...benefitFields,
        productId: String(publicProduct.productId),
        description: 'Beskrivelse KANARIGEVINST7Q',
      }),
    ),
  )
  const ref = must(await getBenefitRef(larvik.viewer, procurementId, benefitId))
  must(
    await saveBaseline(
      larvik.viewer,
      ref,
      BaselineInput.parse({
        baselineValue: '320',
        baselinePeriodStart: '2025-01-01',
        baselinePeriodEnd: '2025-03-31',
        baselineMethod: 'system_data',
        baselineQualityNote: 'Datakvalitet KANARINULLPUNKT7Q',
      }),
    ),
  )
  must(
    await addMeasurement(
      larvik.viewer,
      ref,
      MeasurementInput.parse({
        value: '300',
        periodStart: '2025-09-01',
        periodEnd: '2025-09-30',
        method: 'system_data',
        status: 'realised',
        uncertainty: 'low',
        reportedBy: 'municipality',
        note: 'Merknad KANARIMALING7Q',
      }),
    ),
  )
  const withoutProduct = must(
    await createBenefit(
      larvik.viewer,
      procurement,
      BenefitInput.parse({ ...benefitFields, description: 'Uten produkt KANARIGEVINSTUTEN7Q' }),
    ),
  )
  samples.benefitId = [benefitId, withoutProduct.benefitId]

  await enqueueEmail(getDb(), {
    kind: 'password_reset',
    userId: larvik.userId,
    to: 'mottaker@kanari.example',
    locale: 'nb',
    content: { subject: 'Emne KANARIUTBOKS7Q', text: 'Lenke KANARIUTBOKS7Q', html: '<p>KANARIUTBOKS7Q</p>' },
  })
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
  // Open data: the API and the CSV export search the same way (JSON and CSV are searched for the markers too).
  for (const q of ['kanari', 'utkast', 'avslått']) {
    urls.add(`/api/v1/products?q=${encodeURIComponent(q)}`)
    urls.add(`/register/eksport?q=${encodeURIComponent(q)}`)
  }
  for (const status of ['not_approved', 'withdrawn']) {
    urls.add(`/api/v1/products?status=${status}&antall=50`)
    urls.add(`/register/eksport?status=${status}`)
  }
  urls.add('/api/v1/decisions?antall=50')
  urls.add('/api/v1/ocds/releases?antall=100')
  // The signed-in API (procurements, experience, benefit records are crawled by their route parameters too).
  urls.add('/api/v1/procurements?antall=50')
  for (const id of samples.procurementId!) urls.add(`/api/v1/procurements/${id}/experiences?antall=50`)
  urls.add('/api/v1/benefits')
  urls.add('/api/v1/benefits?kategori=efficiency&innbyggere=20000_50000')
  urls.add('/anskaffelser/eksport')
  for (const status of ['withdrawn', 'expired']) urls.add(`/register?status=${status}`)
  urls.add(`/sammenlign?p=${samples.productId!.join(',')}`)
  urls.add('/koordinator/revisjon?hendelse=register.product_created')
  // Branches behind query strings: the procurement edit form, and filtered product pages.
  for (const id of samples.procurementId!) urls.add(`/anskaffelser/${id}?rediger=1`)
  for (const id of samples.procurementId!) urls.add(`/anskaffelser/${id}/gevinster`)
  for (const id of samples.productId!) urls.add(`/register/${id}?innbyggere=20000_50000&fylke=39`)
  urls.add('/min-kommune?forfall=1')
  // The benefit overview with filters, and the records behind its figures.
  urls.add('/innsikt?kategori=efficiency&fylke=39&innbyggere=20000_50000')
  urls.add('/innsikt/gevinster?grunnlag=estimated')
  urls.add(`/innsikt/gevinster?produkt=${samples.productId![0]}&maal=any`)
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
      // The API's rate limit is per client address: each role crawls it from its own.
      const ip = u.startsWith('/api/') ? `10.211.${roles.indexOf(role)}.1` : undefined
      result.push({ url: u, body: await (await appRequest(u, { cookie, ip })).text() })
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

  it('the signed-in API is searched with data in it (so the test would see a leak there too)', async () => {
    const apiSees = async (role: Role, marker: string) =>
      (await responsesFor(role)).some(({ url, body }) => url.startsWith('/api/v1/') && body.includes(marker))
    expect(await apiSees('buyer', 'KANARIINTERN7Q')).toBe(true)
    expect(await apiSees('otherBuyer', '98765432')).toBe(true)
    expect(await apiSees('buyer', 'KANARIRAPPORTUTKAST7Q')).toBe(true)
    expect(await apiSees('otherBuyer', 'KANARIGEVINST7Q')).toBe(true)
    expect(await apiSees('supplier', 'KANARIMALING7Q')).toBe(true)
  })
})
