import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { createExperience } from '../../app/models/experiences.server'
import { createReply } from '../../app/models/replies.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  acceptInvitations,
  experienceFields,
  experienceInput,
  must,
  procurementFields,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// Issue 10, problems 4 and 5, through the real routes.
// - The report-move test: a lead municipality re-posting its procurement with other products used to move every
//   participant's reports, ratings and the supplier's reply to another supplier's product. Now a report stays with
//   the product it was written about: taking that product out is refused with a field message, adding another moves
//   nothing, the original supplier keeps reading and editing its reply, and the other product's figures stay as
//   they were.
// - The consent test: a municipality the lead invites is shown to nobody else and counted nowhere until one of its
//   verified buyers accepts; declining makes it gone; leaving takes it off every list while its reports stay its own.

type ProcurementPage = {
  procurement: {
    participants: Array<{ municipality: { number: string } }>
    invitations: Array<{ municipality: { number: string } }>
    viewerCan: { respondToInvitation: boolean; leave: boolean; writeExperience: boolean }
  }
}
type ProductPage = {
  experience: {
    aggregate: unknown
    usage: { items: Array<{ municipality: { number: string }; procurementId: number }>; total: number }
  } | null
}
type ListPage = { list: { items: Array<{ id: number; participantCount: number }> } }
type MinePage = {
  mine: {
    invitations: { items: Array<{ procurementId: number }> }
    procurements: { items: Array<{ procurementId: number }> }
    counts: { participating: number }
  }
}

const procurementPage = (id: number, cookie?: string) =>
  loaderData<ProcurementPage>(`/anskaffelser/${id}`, 'routes/procurements/detail', cookie)
const productPage = (id: number, cookie?: string) =>
  loaderData<ProductPage>(`/register/${id}`, 'routes/product', cookie)
const listPage = (query: string, cookie?: string) =>
  loaderData<ListPage>(`/anskaffelser${query}`, 'routes/procurements/index', cookie)
// The register list's "Brukes av N kommuner" for a product (its search by name finds it on the first page).
const registerUsage = async (productId: number, name: string, cookie?: string) =>
  (
    await loaderData<{ result: { items: Array<{ id: number; municipalityCount: number }> } }>(
      `/register?q=${encodeURIComponent(name)}`,
      'routes/register',
      cookie,
    )
  ).result.items.find((p) => p.id === productId)?.municipalityCount
const minePage = async (cookie: string) =>
  (await loaderData<MinePage>('/min-kommune', 'routes/my-municipality', cookie)).mine
const numbers = (rows: ReadonlyArray<{ municipality: { number: string } }>) => rows.map((r) => r.municipality.number)

const today = new Date().toISOString().slice(0, 10)

let coordinator: Actor
beforeAll(async () => {
  coordinator = await createCoordinator()
})

describe('reports stay with their product (the report-move test)', () => {
  let lead: Actor
  let original: Awaited<ReturnType<typeof supplierWithProduct>>
  let other: Awaited<ReturnType<typeof supplierWithProduct>>
  let procurementId: number
  let replyId: number
  const cookie = {} as Record<'lead' | 'original' | 'other' | 'buyer', string>
  const REPLY = 'Svar fra den opprinnelige leverandøren: alarmen er rettet.'

  beforeAll(async () => {
    original = await supplierWithProduct('Opprinnelig Flytt AS', 'Flytt Nattsyn', coordinator)
    other = await supplierWithProduct('Annen Flytt AS', 'Flytt Sensor', coordinator)
    lead = await createBuyer('3401')
    cookie.lead = await sessionFor(lead.userId)
    cookie.original = await sessionFor(original.supplier.userId)
    cookie.other = await sessionFor(other.supplier.userId)
    cookie.buyer = await sessionFor((await createBuyer('3403')).userId)
    // The original product's joint procurement: three municipalities report, the supplier answers one.
    procurementId = must(
      await createProcurement(
        lead.viewer,
        procurementInput({
          title: 'Flyttetest',
          productIds: [String(original.productId)],
          participantMunicipalities: ['3405', '3407'],
        }),
      ),
    ).procurementId
    const access = await acceptInvitations(procurementId)
    const reportIds: number[] = []
    for (const [i, municipality] of ['3401', '3405', '3407'].entries()) {
      const { viewer } = await createBuyer(municipality)
      const { experienceId } = must(
        await createExperience(viewer, access, experienceInput({ reportDate: today, ratingOverall: String(i + 2) })),
      )
      reportIds.push(experienceId)
    }
    replyId = must(await createReply(original.supplier.viewer, reportIds[0] ?? 0, { body: REPLY })).replyId
    // The other product has figures of its own, from three other municipalities.
    const otherLead = await createBuyer('3411')
    const otherProcurement = must(
      await createProcurement(
        otherLead.viewer,
        procurementInput({
          title: 'Annen flyttetest',
          productIds: [String(other.productId)],
          participantMunicipalities: ['3412', '3413'],
        }),
      ),
    ).procurementId
    const otherAccess = await acceptInvitations(otherProcurement)
    for (const municipality of ['3411', '3412', '3413']) {
      const { viewer } = await createBuyer(municipality)
      must(await createExperience(viewer, otherAccess, experienceInput({ reportDate: today, ratingOverall: '5' })))
    }
  })

  const reportsAndReplies = async () => ({
    reports: await getDb()
      .selectFrom('experience_report')
      .selectAll()
      .where('procurement_id', '=', procurementId)
      .orderBy('id')
      .execute(),
    replies: await getDb()
      .selectFrom('supplier_reply')
      .innerJoin('experience_report', 'experience_report.id', 'supplier_reply.experience_report_id')
      .selectAll('supplier_reply')
      .where('experience_report.procurement_id', '=', procurementId)
      .orderBy('supplier_reply.id')
      .execute(),
  })
  // Posted as the edit form posts it (to ?rediger=1, where the form shows its field messages).
  const repost = (productIds: number[]) =>
    appRequest(`/anskaffelser/${procurementId}?rediger=1`, {
      cookie: cookie.lead,
      form: (() => {
        const {
          phase: _p,
          usersCount: _u,
          unitsCount: _n,
          sitesCount: _s,
          goLiveDate: _g,
          participantMunicipalities: _m,
          ...core
        } = procurementFields({ title: 'Flyttetest', productIds: productIds.map(String) })
        return { intent: 'update', ...core } as Record<string, string | string[]>
      })(),
    })

  it('refuses the re-post with other products, and adding a product moves nothing', async () => {
    const before = await reportsAndReplies()
    expect(before.reports.map((r) => r.product_id)).toEqual([
      original.productId,
      original.productId,
      original.productId,
    ])
    const otherPublicBefore = (await productPage(other.productId)).experience?.aggregate
    const otherLiveBefore = (await productPage(other.productId, cookie.buyer)).experience?.aggregate
    expect(otherPublicBefore).toMatchObject({ source: 'published' })
    expect(otherLiveBefore).toMatchObject({ source: 'live', municipalityCount: 3 })

    // The lead re-posts the procurement with the other supplier's product instead: refused, with the field message.
    const swapped = await repost([other.productId])
    expect(swapped.status).toBe(409)
    const html = await swapped.text()
    expect(html).toContain('Erfaringsrapporter gjelder Flytt Nattsyn')
    expect(html).toContain('Produkter som har erfaringsrapporter, blir stående i anskaffelsen')
    expect(await reportsAndReplies()).toEqual(before)

    // With both products: accepted, and still every report, rating and reply is where it was.
    expect((await repost([original.productId, other.productId])).status).toBe(302)
    expect(await reportsAndReplies()).toEqual(before)

    // The other product's figures do not change, for the public nor for a buyer reading the live figures.
    expect((await productPage(other.productId)).experience?.aggregate).toEqual(otherPublicBefore)
    expect((await productPage(other.productId, cookie.buyer)).experience?.aggregate).toEqual(otherLiveBefore)
    // The original product keeps its three municipalities.
    expect((await productPage(original.productId, cookie.buyer)).experience?.aggregate).toMatchObject({
      municipalityCount: 3,
    })
  })

  it('the original supplier still reads and edits its reply; the other supplier neither reads nor answers', async () => {
    const page = await appRequest(`/anskaffelser/${procurementId}`, { cookie: cookie.original })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(REPLY)
    const edited = await appRequest(`/anskaffelser/${procurementId}`, {
      cookie: cookie.original,
      form: { intent: 'updateReply', replyId: String(replyId), body: 'Oppdatert svar etter endringen.' },
    })
    expect(edited.status).toBe(302)
    const reply = await getDb()
      .selectFrom('supplier_reply')
      .select(['body', 'supplier_organisation_id'])
      .where('id', '=', replyId)
      .executeTakeFirstOrThrow()
    expect(reply).toEqual({
      body: 'Oppdatert svar etter endringen.',
      supplier_organisation_id: original.supplier.organisationId,
    })

    // The other supplier's product is in the procurement now, but no report is about it.
    const otherHtml = await (await appRequest(`/anskaffelser/${procurementId}`, { cookie: cookie.other })).text()
    expect(otherHtml).not.toContain('Oppdatert svar etter endringen.')
    const report = await getDb()
      .selectFrom('experience_report')
      .select('id')
      .where('procurement_id', '=', procurementId)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const hijack = await appRequest(`/anskaffelser/${procurementId}`, {
      cookie: cookie.other,
      form: { intent: 'reply', experienceId: String(report.id), body: 'Svar fra feil leverandør.' },
    })
    expect([403, 404]).toContain(hijack.status)
    const inbox = await (await appRequest('/leverandor', { cookie: cookie.other })).text()
    expect(inbox).not.toContain(`/anskaffelser/${procurementId}#experience-`)
  })
})

describe('participation by consent (the consent test)', () => {
  let product: Awaited<ReturnType<typeof supplierWithProduct>>
  let procurementId: number
  const cookie = {} as Record<'lead' | 'bergen' | 'bodo' | 'oslo', string>

  beforeAll(async () => {
    product = await supplierWithProduct('Samtykke AS', 'Samtykke Alarm', coordinator)
    const lead = await createBuyer('3909')
    cookie.lead = await sessionFor(lead.userId)
    cookie.bergen = await sessionFor((await createBuyer('4601')).userId)
    cookie.bodo = await sessionFor((await createBuyer('1804')).userId)
    cookie.oslo = await sessionFor((await createBuyer('0301')).userId)
    const created = await appRequest('/anskaffelser/ny', {
      cookie: cookie.lead,
      form: procurementFields({
        title: 'Samtykketest',
        productIds: [String(product.productId)],
        participantMunicipalities: ['4601', '1804'],
      }) as Record<string, string | string[]>,
    })
    expect(created.status).toBe(302)
    procurementId = Number(created.headers.get('location')?.split('/').pop())
  })

  const post = (who: keyof typeof cookie, intent: string) =>
    appRequest(`/anskaffelser/${procurementId}`, { cookie: cookie[who], form: { intent } })

  it('an invited municipality is shown to nobody else and counted nowhere until it accepts', async () => {
    for (const viewer of [undefined, cookie.oslo]) {
      const page = await procurementPage(procurementId, viewer)
      expect(numbers(page.procurement.participants)).toEqual(['3909'])
      expect(page.procurement.invitations).toEqual([])
      const usage = (await productPage(product.productId, viewer)).experience?.usage
      expect(usage?.items.map((u) => u.municipality.number)).toEqual(['3909'])
      expect(await registerUsage(product.productId, 'Samtykke Alarm', viewer)).toBe(1)
      const list = await listPage(`?produkt=${product.productId}`, viewer)
      expect(list.list.items.find((p) => p.id === procurementId)?.participantCount).toBe(1)
      // A filter on the invited municipality's county (Vestland) does not find the procurement.
      const inVestland = await listPage(`?produkt=${product.productId}&fylke=46`, viewer)
      expect(inVestland.list.items.map((p) => p.id)).not.toContain(procurementId)
    }
    const visitorHtml = await (await appRequest(`/anskaffelser/${procurementId}`)).text()
    expect(visitorHtml).not.toContain('Bergen')
    expect(visitorHtml).not.toContain('Bodø')

    // The lead sees its invitations; the invited municipality sees its own, and may answer.
    expect(numbers((await procurementPage(procurementId, cookie.lead)).procurement.invitations)).toEqual([
      '1804',
      '4601',
    ])
    const bergenView = await procurementPage(procurementId, cookie.bergen)
    expect(numbers(bergenView.procurement.invitations)).toEqual(['4601'])
    expect(bergenView.procurement.viewerCan).toMatchObject({ respondToInvitation: true, writeExperience: false })
    const mine = await minePage(cookie.bergen)
    expect(mine.invitations.items.map((i) => i.procurementId)).toContain(procurementId)
    expect(mine.procurements.items.map((p) => p.procurementId)).not.toContain(procurementId)

    // It writes no report (so it cannot be counted in any aggregate), and nobody else answers for it.
    const write = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.bergen,
      form: { intent: 'create', ...(experienceFields() as Record<string, string>) },
    })
    expect(write.status).toBe(403)
    expect((await post('oslo', 'acceptInvitation')).status).toBe(403)
    expect((await post('lead', 'acceptInvitation')).status).toBe(403)
    const reports = await getDb()
      .selectFrom('experience_report')
      .select('id')
      .where('procurement_id', '=', procurementId)
      .execute()
    expect(reports).toEqual([])
  })

  it('accepted: listed, counted and writing reports; declined: gone', async () => {
    expect((await post('bergen', 'acceptInvitation')).status).toBe(302)
    expect((await post('bodo', 'declineInvitation')).status).toBe(302)
    for (const viewer of [undefined, cookie.oslo, cookie.lead]) {
      const page = await procurementPage(procurementId, viewer)
      expect(numbers(page.procurement.participants)).toEqual(['3909', '4601'])
      expect(page.procurement.invitations).toEqual([])
      const usage = (await productPage(product.productId, viewer)).experience?.usage
      expect(usage?.items.map((u) => u.municipality.number).sort()).toEqual(['3909', '4601'])
      expect(await registerUsage(product.productId, 'Samtykke Alarm', viewer)).toBe(2)
      const list = await listPage(`?produkt=${product.productId}`, viewer)
      expect(list.list.items.find((p) => p.id === procurementId)?.participantCount).toBe(2)
      const inVestland = await listPage(`?produkt=${product.productId}&fylke=46`, viewer)
      expect(inVestland.list.items.map((p) => p.id)).toContain(procurementId)
    }
    expect((await minePage(cookie.bodo)).invitations.items.map((i) => i.procurementId)).not.toContain(procurementId)
    const write = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.bergen,
      form: { intent: 'create', ...(experienceFields() as Record<string, string>), publish: 'on' },
    })
    expect(write.status).toBe(302)
    const draft = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.bergen,
      form: { intent: 'create', ...(experienceFields() as Record<string, string>), publish: '' },
    })
    expect(draft.status).toBe(302)
    const mine = await minePage(cookie.bergen)
    expect(mine.procurements.items.map((p) => p.procurementId)).toContain(procurementId)
  })

  it('leaving: no longer listed nor followed up, while its reports stay its own', async () => {
    expect((await post('lead', 'leaveProcurement')).status).toBe(403)
    expect((await post('oslo', 'leaveProcurement')).status).toBe(403)
    expect((await post('bergen', 'leaveProcurement')).status).toBe(302)
    for (const viewer of [undefined, cookie.oslo, cookie.lead, cookie.bergen]) {
      const page = await procurementPage(procurementId, viewer)
      expect(numbers(page.procurement.participants)).toEqual(['3909'])
      const usage = (await productPage(product.productId, viewer)).experience?.usage
      expect(usage?.items.map((u) => u.municipality.number)).toEqual(['3909'])
      expect(await registerUsage(product.productId, 'Samtykke Alarm', viewer)).toBe(1)
      const list = await listPage(`?produkt=${product.productId}`, viewer)
      expect(list.list.items.find((p) => p.id === procurementId)?.participantCount).toBe(1)
    }
    const mine = await minePage(cookie.bergen)
    expect(mine.procurements.items.map((p) => p.procurementId)).not.toContain(procurementId)

    // Its reports are kept, still Bergen's own, and still read by the municipalities.
    const reports = await getDb()
      .selectFrom('experience_report')
      .select(['id', 'municipality_number', 'status', 'product_id'])
      .where('procurement_id', '=', procurementId)
      .orderBy('id')
      .execute()
    expect(reports.map((r) => [r.municipality_number, r.status, r.product_id])).toEqual([
      ['4601', 'published', product.productId],
      ['4601', 'draft', product.productId],
    ])
    const osloHtml = await (await appRequest(`/anskaffelser/${procurementId}`, { cookie: cookie.oslo })).text()
    expect(osloHtml).toContain('Færre unødige tilsyn om natten.')
    // No more reports from it: a new one is refused, and its draft stays a draft.
    const write = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.bergen,
      form: { intent: 'create', ...(experienceFields() as Record<string, string>) },
    })
    expect(write.status).toBe(403)
    const draftId = reports[1]?.id ?? 0
    const publish = await appRequest(`/anskaffelser/${procurementId}/erfaringer/${draftId}`, {
      cookie: cookie.bergen,
      form: { intent: 'publish' },
    })
    expect(publish.status).toBe(409)
    const row = await getDb()
      .selectFrom('procurement_participant')
      .select('status')
      .where('procurement_id', '=', procurementId)
      .where('municipality_number', '=', '4601')
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('left')
  })
})
