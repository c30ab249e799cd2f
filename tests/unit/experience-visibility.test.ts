import { beforeAll, describe, expect, it } from 'vitest'
import { osloDate } from '../../app/domain/dates'
import { getExperience, listProcurementExperiences } from '../../app/models/experience-views.server'
import { createExperience } from '../../app/models/experiences.server'
import { getProcurement } from '../../app/models/procurement-detail.server'
import { listProcurements } from '../../app/models/procurement-list.server'
import { acceptInvitation, updateParticipant } from '../../app/models/procurement-participants.server'
import { getProductExperience, compareProductExperience } from '../../app/models/product-experience.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createReply } from '../../app/models/replies.server'
import type { Viewer } from '../../app/policy/viewer'
import { refusalStatus } from '../../app/utils/refusal.server'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import {
  experienceInput,
  must,
  participantInput,
  procurementAccess,
  procurementInput,
  renameUser,
  serialised,
  supplierWithProduct,
} from '../helpers/experience-fixtures'

// docs/domain.md's visibility table for procurements and experience, with canary values that must never reach a supplier,
// another supplier or a visitor: a municipalities-only contract value and price terms, internal notes, authors'
// names, switching costs and drafts.

const CANARY = {
  value: 4_321_987,
  priceTerms: 'PRISKANARI 289 kr per enhet',
  leadNotes: 'INTERNKANARI-larvik',
  bergenNotes: 'INTERNKANARI-bergen',
  authorName: 'Kanarifugl Forfatter',
  switchingCost: 777_555,
  draft: 'UTKASTKANARI',
}
const canaryStrings = ['4321987', CANARY.priceTerms, 'INTERNKANARI', CANARY.authorName, '777555', CANARY.draft]

let coordinator: Actor
let admin: Actor
let owner: Awaited<ReturnType<typeof supplierWithProduct>>
let other: Awaited<ReturnType<typeof supplierWithProduct>>
let larvik: Actor
let larvikColleague: Actor
let bergen: Actor
let oslo: Actor
let procurementId: number
let publicTermsProcurementId: number
let publishedId: number
let endedId: number
let draftId: number

beforeAll(async () => {
  coordinator = await createCoordinator()
  admin = await createCoordinator('admin')
  owner = await supplierWithProduct('Eier Omsorg AS', 'Nattvakt Sensor', coordinator)
  other = await supplierWithProduct('Konkurrent Omsorg AS', 'Konkurrent Tilsyn', coordinator)
  larvik = await createBuyer('3909')
  larvikColleague = await createBuyer('3909')
  bergen = await createBuyer('4601')
  oslo = await createBuyer('0301')
  await renameUser(larvik.userId, CANARY.authorName)
  larvik.viewer.name = CANARY.authorName

  procurementId = must(
    await createProcurement(
      larvik.viewer,
      procurementInput({
        contractValueNok: String(CANARY.value),
        priceTerms: CANARY.priceTerms,
        internalNotes: CANARY.leadNotes,
        productIds: [String(owner.productId)],
        participantMunicipalities: ['4601'],
        goLiveDate: '2025-01-15',
      }),
    ),
  ).procurementId
  // Bergen accepts its invitation and takes part.
  must(await acceptInvitation(bergen.viewer, await procurementAccess(procurementId)))
  must(
    await updateParticipant(
      bergen.viewer,
      await procurementAccess(procurementId),
      participantInput({
        municipalityNumber: '4601',
        phase: 'pilot',
        usersCount: '12',
        internalNotes: CANARY.bergenNotes,
      }),
    ),
  )
  publicTermsProcurementId = must(
    await createProcurement(
      larvik.viewer,
      procurementInput({
        title: 'Offentlige vilkår',
        contractValueNok: '999 001',
        commercialTermsVisibility: 'public',
        productIds: [owner.productId],
      }),
    ),
  ).procurementId

  publishedId = must(await write(larvik.viewer, procurementId, { reportDate: '2025-06-01' })).experienceId
  endedId = must(
    await write(bergen.viewer, procurementId, {
      reportDate: '2025-09-01',
      ended: 'on',
      endingReason: 'switched_supplier',
      endingDetails: 'Byttet etter pilot.',
      switchingCostNok: String(CANARY.switchingCost),
      dataExported: 'partly',
    }),
  ).experienceId
  draftId = must(await write(larvik.viewer, procurementId, { workedWell: CANARY.draft, publish: '' })).experienceId
  must(
    await createReply(owner.supplier.viewer, publishedId, {
      body: 'Takk for tilbakemeldingen; vi har forbedret opplæringen.',
    }),
  )
})

// What the routes do: load the procurement's access once and pass it on.
const read = async (viewer: Viewer | null, id: number) => getProcurement(viewer, await procurementAccess(id))
const reports = async (viewer: Viewer | null, id: number) =>
  listProcurementExperiences(viewer, await procurementAccess(id))
const write = async (viewer: Viewer, id: number, fields: Record<string, unknown>) =>
  createExperience(viewer, await procurementAccess(id), experienceInput(fields))

const outsiders = (): Array<[string, Viewer | null]> => [
  ['visitor', null],
  ['pending buyer', { ...oslo.viewer, status: 'pending' }],
  ['other supplier', other.supplier.viewer],
]

describe('procurement visibility', () => {
  it('never gives a supplier, another supplier or a visitor municipalities-only terms, notes or names', async () => {
    for (const [who, viewer] of [...outsiders(), ['own supplier', owner.supplier.viewer] as [string, Viewer]]) {
      const p = await read(viewer, procurementId)
      expect(p, who).not.toBeNull()
      expect(p!.commercialTerms, who).toBeNull()
      expect(p!.internalNotes, who).toBeNull()
      expect(p!.createdBy, who).toBeNull()
      expect(
        p!.participants.every((x) => x.internalNotes === null && x.followUp === null),
        who,
      ).toBe(true)
      if (who !== 'own supplier')
        expect(
          p!.participants.every((x) => x.lastReportDate === null),
          who,
        ).toBe(true)
      const list = await listProcurements(viewer, {})
      const json = serialised([p, list])
      for (const canary of canaryStrings) expect(json, `${who}: ${canary}`).not.toContain(canary)
      // The public part is there: it is public information about public spending.
      expect(p!.title).toBe('Digitalt tilsyn i hjemmetjenesten')
      expect(p!.participants.map((x) => x.municipality.number)).toEqual(['3909', '4601'])
      expect(p!.doffinUrl).toBe('https://doffin.no/notices/2024-105432')
    }
  })

  it('shows public terms to visitors but still never to suppliers', async () => {
    expect((await read(null, publicTermsProcurementId))!.commercialTerms).toMatchObject({
      contractValueNok: 999_001,
    })
    expect((await read(other.supplier.viewer, publicTermsProcurementId))!.commercialTerms).toBeNull()
    expect((await read(owner.supplier.viewer, publicTermsProcurementId))!.commercialTerms).toBeNull()
    const visitorList = await listProcurements(null, {})
    expect(visitorList.items.find((i) => i.id === publicTermsProcurementId)!.contractValueNok).toBe(999_001)
    expect(visitorList.items.find((i) => i.id === procurementId)!.contractValueNok).toBeNull()
    const supplierList = await listProcurements(owner.supplier.viewer, {})
    expect(supplierList.items.every((i) => i.contractValueNok === null)).toBe(true)
  })

  it('gives every municipality the terms and names, but internal notes only to the municipality they belong to', async () => {
    const forOslo = await read(oslo.viewer, procurementId)
    expect(forOslo!.commercialTerms).toEqual({ contractValueNok: CANARY.value, priceTerms: CANARY.priceTerms })
    expect(forOslo!.createdBy!.name).toBe(CANARY.authorName)
    expect(serialised(forOslo)).not.toContain('INTERNKANARI')

    const forColleague = await read(larvikColleague.viewer, procurementId)
    expect(forColleague!.internalNotes).toBe(CANARY.leadNotes)
    expect(serialised(forColleague)).not.toContain(CANARY.bergenNotes)
    expect(forColleague!.viewerCan).toMatchObject({
      edit: true,
      manageParticipants: true,
      editParticipants: ['3909'],
      writeExperience: true,
    })

    const forBergen = await read(bergen.viewer, procurementId)
    expect(forBergen!.internalNotes).toBeNull()
    expect(forBergen!.participants.find((x) => x.municipality.number === '4601')!.internalNotes).toBe(
      CANARY.bergenNotes,
    )
    expect(serialised(forBergen)).not.toContain(CANARY.leadNotes)
    expect(forBergen!.viewerCan).toMatchObject({
      edit: false,
      manageParticipants: false,
      editParticipants: ['4601'],
      writeExperience: true,
    })
  })

  it('gives coordinators everything except internal notes', async () => {
    for (const viewer of [coordinator.viewer, admin.viewer]) {
      const p = await read(viewer, procurementId)
      expect(p!.commercialTerms!.contractValueNok).toBe(CANARY.value)
      expect(p!.createdBy!.name).toBe(CANARY.authorName)
      expect(serialised(p)).not.toContain('INTERNKANARI')
      expect(p!.viewerCan.edit).toBe(false)
    }
  })
})

describe('experience visibility', () => {
  it('shows no individual report to visitors, pending accounts or another supplier', async () => {
    for (const [who, viewer] of outsiders()) {
      expect((await reports(viewer, procurementId)).items, who).toEqual([])
      expect(await getExperience(viewer, publishedId), who).toBeNull()
      const product = await getProductExperience(viewer, owner.productId)
      expect(product!.experiences, who).toBeNull()
      // Two municipalities reported: below the threshold, so no aggregate either.
      expect(product!.aggregate, who).toBeNull()
      expect(product!.thresholdMet, who).toBe(false)
      const json = serialised([product, await compareProductExperience(viewer, [owner.productId])])
      for (const canary of canaryStrings) expect(json, `${who}: ${canary}`).not.toContain(canary)
    }
  })

  it('shows the product’s supplier the reports with the municipality, without author, money or drafts', async () => {
    const list = await reports(owner.supplier.viewer, procurementId)
    expect(list.items.map((e) => e.id).sort()).toEqual([publishedId, endedId].sort())
    for (const e of list.items) {
      expect(e.author).toBeNull()
      expect(e.moderation).toBeNull()
      expect(['Larvik', 'Bergen']).toContain(e.municipality.name)
    }
    const ended = list.items.find((e) => e.id === endedId)!
    expect(ended.ending).toEqual({
      reason: 'switched_supplier',
      details: 'Byttet etter pilot.',
      switchingCostNok: null,
      dataExported: 'partly',
    })
    const product = await getProductExperience(owner.supplier.viewer, owner.productId)
    expect(product!.audience).toBe('own_supplier')
    expect(product!.aggregate).not.toBeNull()
    const json = serialised([list, product, await read(owner.supplier.viewer, procurementId)])
    for (const canary of canaryStrings) expect(json, canary).not.toContain(canary)
    expect(list.items.find((e) => e.id === publishedId)!.viewerCan.reply).toBe(false) // already replied
    expect(ended.viewerCan.reply).toBe(true)
  })

  it('shows buyers every published report with its author and switching cost, but not others’ drafts', async () => {
    const list = await reports(oslo.viewer, procurementId)
    expect(list.items.map((e) => e.id)).toEqual([endedId, publishedId])
    expect(list.items.find((e) => e.id === publishedId)!.author).toMatchObject({ name: CANARY.authorName })
    expect(list.items.find((e) => e.id === endedId)!.ending!.switchingCostNok).toBe(CANARY.switchingCost)
    expect(list.items.find((e) => e.id === publishedId)!.replies).toMatchObject([
      {
        body: expect.stringContaining('Takk'),
        authorName: null,
      },
    ])
    expect(serialised(list)).not.toContain(CANARY.draft)
    expect(await getExperience(larvikColleague.viewer, draftId)).toBeNull()
    expect(await getExperience(coordinator.viewer, draftId)).toBeNull()
  })

  it('keeps a draft private to its author', async () => {
    const own = await getExperience(larvik.viewer, draftId)
    expect(own).toMatchObject({
      status: 'draft',
      workedWell: CANARY.draft,
      viewerCan: { edit: true, publish: true, delete: true },
    })
    for (const viewer of [null, owner.supplier.viewer, bergen.viewer, larvikColleague.viewer, coordinator.viewer]) {
      expect(await getExperience(viewer, draftId)).toBeNull()
    }
    const buyerProduct = await getProductExperience(oslo.viewer, owner.productId)
    expect(buyerProduct!.experiences!.items.map((e) => e.id)).not.toContain(draftId)
  })

  it('maps refusals to HTTP statuses', () => {
    expect(refusalStatus({ code: 'forbidden' })).toBe(403)
    expect(refusalStatus({ code: 'not_found' })).toBe(404)
    expect(refusalStatus({ code: 'already_replied' })).toBe(409)
    expect(refusalStatus({ code: 'invalid_input' })).toBe(400)
  })
})

describe('the three-municipality threshold for public aggregates', () => {
  it('publishes an aggregate only once three different municipalities have published, visible reports', async () => {
    const { supplier, productId } = await supplierWithProduct('Terskel AS', 'Terskel Alarm', coordinator)
    const today = osloDate(new Date())
    const report = async (buyer: Actor, overall: number, publish = true) => {
      const pid = must(
        await createProcurement(
          buyer.viewer,
          procurementInput({ title: `Terskel ${buyer.viewer.municipalityNumber}`, productIds: [productId] }),
        ),
      ).procurementId
      return must(
        await write(buyer.viewer, pid, {
          reportDate: today,
          ratingOverall: String(overall),
          publish: publish ? 'on' : '',
        }),
      )
    }
    const a = await createBuyer('1111')
    const b = await createBuyer('1112')
    const c = await createBuyer('1114')
    await report(a, 5)
    // The same municipality reporting again, on another procurement, is still one municipality.
    await report(a, 4)
    await report(b, 3)
    await report(c, 1, false) // a draft does not count

    for (const viewer of [null, other.supplier.viewer]) {
      const two = await getProductExperience(viewer, productId)
      expect(two!.aggregate).toBeNull()
      expect(two!.thresholdMet).toBe(false)
      const [compared] = await compareProductExperience(viewer, [productId])
      expect(compared!.aggregate).toBeNull()
    }
    // Those who may read the reports get the exact aggregate regardless of the threshold.
    const exact = (await getProductExperience(a.viewer, productId))!.aggregate!
    expect(exact.municipalityCount).toBe(2)
    expect(exact.reportCount).toBeGreaterThan(0)
    expect(exact.dimensions.find((d) => d.dimension === 'overall')!.count).toBeGreaterThan(0)
    expect((await getProductExperience(supplier.viewer, productId))!.aggregate).toMatchObject({ municipalityCount: 2 })

    await report(c, 1)
    for (const viewer of [null, other.supplier.viewer]) {
      const three = await getProductExperience(viewer, productId)
      expect(three!.thresholdMet).toBe(true)
      expect(three!.experiences).toBeNull()
      const overall = three!.aggregate!.dimensions.find((d) => d.dimension === 'overall')!
      // The public gets the published figures: coarse (3.25 → 3.3), without counts, and the number of
      // municipalities as a band only.
      expect(three!.aggregate).toMatchObject({ source: 'published', municipalityCount: null, contributorBand: '3_9' })
      expect(overall).toEqual({ dimension: 'overall', mean: 3.3, count: null })
      expect(three!.aggregate!.reportCount).toBeNull()
      expect(three!.aggregate!.dimensions.find((d) => d.dimension === 'integration')).toEqual({
        dimension: 'integration',
        mean: null,
        count: null,
      })
      expect(three!.aggregate!.recommendation.yes).toEqual({ count: null, share: 1 })
      expect(serialised(three)).not.toMatch(/Test buyer/)
      const [compared] = await compareProductExperience(viewer, [productId])
      expect(compared!.aggregate).toEqual(three!.aggregate)
      expect(compared!.municipalitiesUsing).toBe(3)
    }
  })
})
