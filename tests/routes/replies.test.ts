import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import { experienceFields, procurementFields, supplierWithProduct } from '../helpers/experience-fixtures'

// Replies in a procurement with products from two suppliers (issue 10, problems 4 and 8). A report is about one
// product (the author chooses it), and the supplier of that product replies, once; the other supplier's product is in
// the same procurement, but the report is not about it, so it neither reads nor answers it. Each supplier answers the
// report about its own product, and the page shows each reply with the company name. Until it has replied, the
// report is in its supplier's inbox on /leverandor, and only there.

let buyer: Actor // Larvik 3909, leads
let first: Actor
let second: Actor
let third: Actor // has a product, but not in this procurement
let procurementId: number
let reportId: number // about the first supplier's product
let otherReportId: number // about the second supplier's product
const cookie = {} as Record<'buyer' | 'first' | 'second' | 'third', string>

const FIRST_REPLY = 'Svar fra Nordlys Svartest: vi har rettet alarmen.'
const SECOND_REPLY = 'Svar fra Fjordtrygg Svartest: sensoren er byttet.'

beforeAll(async () => {
  const coordinator = await createCoordinator()
  buyer = await createBuyer('3909')
  const a = await supplierWithProduct('Nordlys Svartest AS', 'Nattsyn Svartest', coordinator)
  const b = await supplierWithProduct('Fjordtrygg Svartest AS', 'Sengesensor Svartest', coordinator)
  const c = await supplierWithProduct('Utenfor Svartest AS', 'Annet Svartest', coordinator)
  first = a.supplier
  second = b.supplier
  third = c.supplier
  for (const [k, actor] of Object.entries({ buyer, first, second, third })) {
    cookie[k as keyof typeof cookie] = await sessionFor(actor.userId)
  }
  const created = await appRequest('/anskaffelser/ny', {
    cookie: cookie.buyer,
    form: procurementFields({ productIds: [String(a.productId), String(b.productId)] }) as Record<
      string,
      string | string[]
    >,
  })
  expect(created.status).toBe(302)
  procurementId = Number(created.headers.get('location')?.split('/').pop())
  const write = (productId: number) =>
    appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
      cookie: cookie.buyer,
      form: {
        intent: 'create',
        ...(experienceFields() as Record<string, string>),
        productId: String(productId),
        publish: 'on',
      },
    })
  expect((await write(a.productId)).status).toBe(302)
  expect((await write(b.productId)).status).toBe(302)
  const rows = await getDb()
    .selectFrom('experience_report')
    .select(['id', 'status', 'product_id'])
    .where('procurement_id', '=', procurementId)
    .orderBy('id')
    .execute()
  expect(rows).toEqual([
    { id: expect.any(Number), status: 'published', product_id: a.productId },
    { id: expect.any(Number), status: 'published', product_id: b.productId },
  ])
  reportId = rows[0]?.id ?? 0
  otherReportId = rows[1]?.id ?? 0
})

const reply = (who: keyof typeof cookie, body: string, experienceId = reportId) =>
  appRequest(`/anskaffelser/${procurementId}`, {
    cookie: cookie[who],
    form: { intent: 'reply', experienceId: String(experienceId), body },
  })

const page = async (who: keyof typeof cookie) => {
  const res = await appRequest(`/anskaffelser/${procurementId}`, { cookie: cookie[who] })
  expect(res.status).toBe(200)
  return res.text()
}

/** The report is in this supplier's inbox on /leverandor (reports about its products awaiting its reply). */
const inInbox = async (who: keyof typeof cookie, experienceId = reportId) => {
  const res = await appRequest('/leverandor', { cookie: cookie[who] })
  expect(res.status).toBe(200)
  return (await res.text()).includes(`href="/anskaffelser/${procurementId}#experience-${experienceId}"`)
}

const offersReplyForm = (html: string, experienceId = reportId) => html.includes(`id="reply-new-${experienceId}-body"`)

describe('one reply per supplier per report', () => {
  it('each supplier replies to the report about its own product only; a buyer sees both replies with the company names', async () => {
    expect(offersReplyForm(await page('first'))).toBe(true)
    expect(offersReplyForm(await page('second'))).toBe(false)
    expect(offersReplyForm(await page('second'), otherReportId)).toBe(true)
    expect(offersReplyForm(await page('first'), otherReportId)).toBe(false)
    expect([await inInbox('first'), await inInbox('second'), await inInbox('third')]).toEqual([true, false, false])
    expect([await inInbox('first', otherReportId), await inInbox('second', otherReportId)]).toEqual([false, true])
    // The second supplier's product is in the procurement, but the report is not about it: not its report to answer.
    expect([403, 404]).toContain((await reply('second', 'Svar på en rapport om et annet produkt.')).status)
    expect((await reply('first', FIRST_REPLY)).status).toBe(302)
    expect(await inInbox('first')).toBe(false)
    expect(offersReplyForm(await page('first'))).toBe(false)
    expect((await reply('second', SECOND_REPLY, otherReportId)).status).toBe(302)
    const rows = await getDb()
      .selectFrom('supplier_reply')
      .select(['experience_report_id', 'supplier_organisation_id', 'body'])
      .where('experience_report_id', 'in', [reportId, otherReportId])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { experience_report_id: reportId, supplier_organisation_id: first.organisationId, body: FIRST_REPLY },
      { experience_report_id: otherReportId, supplier_organisation_id: second.organisationId, body: SECOND_REPLY },
    ])
    const html = await page('buyer')
    expect(html).toContain(FIRST_REPLY)
    expect(html).toContain(SECOND_REPLY)
    expect(html).toContain('Svar fra Nordlys Svartest AS')
    expect(html).toContain('Svar fra Fjordtrygg Svartest AS')
    const data = await (await appRequest(dataUrl(`/anskaffelser/${procurementId}`), { cookie: cookie.buyer })).text()
    expect(data).toContain(FIRST_REPLY)
    expect(data).toContain(SECOND_REPLY)
    // Each supplier reads only the report about its own product, with its own reply.
    const firstPage = await page('first')
    expect(firstPage).toContain(FIRST_REPLY)
    expect(firstPage).not.toContain(SECOND_REPLY)
    expect(offersReplyForm(await page('second'), otherReportId)).toBe(false)
    expect(await inInbox('second', otherReportId)).toBe(false)
  })

  it('the same supplier replying twice gets 409, and its reply is unchanged', async () => {
    const again = await reply('first', 'Et svar til fra Nordlys.')
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Leverandøren har allerede svart')
    const rows = await getDb()
      .selectFrom('supplier_reply')
      .select('body')
      .where('experience_report_id', '=', reportId)
      .where('supplier_organisation_id', '=', first.organisationId)
      .execute()
    expect(rows).toEqual([{ body: FIRST_REPLY }])
  })

  it('a supplier without a product in the procurement cannot reply (403/404) and is offered no form', async () => {
    const res = await reply('third', 'Svar fra en leverandør utenfor anskaffelsen.')
    expect([403, 404]).toContain(res.status)
    const count = await getDb()
      .selectFrom('supplier_reply')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('experience_report_id', 'in', [reportId, otherReportId])
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
  })

  it('each supplier edits only its own reply', async () => {
    const ids = await getDb()
      .selectFrom('supplier_reply')
      .select(['id', 'supplier_organisation_id'])
      .where('experience_report_id', 'in', [reportId, otherReportId])
      .execute()
    const firstReply = ids.find((r) => r.supplier_organisation_id === first.organisationId)?.id
    const secondReply = ids.find((r) => r.supplier_organisation_id === second.organisationId)?.id
    const edit = (who: keyof typeof cookie, replyId: number | undefined, body: string) =>
      appRequest(`/anskaffelser/${procurementId}`, {
        cookie: cookie[who],
        form: { intent: 'updateReply', experienceId: String(reportId), replyId: String(replyId), body },
      })
    expect((await edit('second', secondReply, 'Fjordtrygg har oppdatert svaret.')).status).toBe(302)
    expect([403, 404]).toContain((await edit('second', firstReply, 'Kapret av Fjordtrygg.')).status)
    const html = await page('buyer')
    expect(html).toContain('Fjordtrygg har oppdatert svaret.')
    expect(html).toContain(FIRST_REPLY)
    expect(html).not.toContain('Kapret av Fjordtrygg.')
  })
})
