import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import { experienceFields, procurementFields, supplierWithProduct } from '../helpers/experience-fixtures'

// One reply per supplier per report (issue 10, problem 8): in a procurement with products from two suppliers, each
// supplier replies to the same report, and the report shows both replies with the company names. Until it has replied,
// the report is in each supplier's inbox on /leverandor.

let buyer: Actor // Larvik 3909, leads
let first: Actor
let second: Actor
let third: Actor // has a product, but not in this procurement
let procurementId: number
let reportId: number
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
  const report = await appRequest(`/anskaffelser/${procurementId}/erfaringer/ny`, {
    cookie: cookie.buyer,
    form: { intent: 'create', ...(experienceFields() as Record<string, string>), publish: 'on' },
  })
  expect(report.status).toBe(302)
  const row = await getDb()
    .selectFrom('experience_report')
    .select(['id', 'status'])
    .where('procurement_id', '=', procurementId)
    .executeTakeFirstOrThrow()
  expect(row.status).toBe('published')
  reportId = row.id
})

const reply = (who: keyof typeof cookie, body: string) =>
  appRequest(`/anskaffelser/${procurementId}`, {
    cookie: cookie[who],
    form: { intent: 'reply', experienceId: String(reportId), body },
  })

const page = async (who: keyof typeof cookie) => {
  const res = await appRequest(`/anskaffelser/${procurementId}`, { cookie: cookie[who] })
  expect(res.status).toBe(200)
  return res.text()
}

/** The report is in this supplier's inbox on /leverandor (reports about its products awaiting its reply). */
const inInbox = async (who: keyof typeof cookie) => {
  const res = await appRequest('/leverandor', { cookie: cookie[who] })
  expect(res.status).toBe(200)
  return (await res.text()).includes(`href="/anskaffelser/${procurementId}#experience-${reportId}"`)
}

const offersReplyForm = (html: string) => html.includes(`id="reply-new-${reportId}-body"`)

describe('one reply per supplier per report', () => {
  it('both suppliers with products in the procurement reply; a buyer sees both replies with the company names', async () => {
    expect(offersReplyForm(await page('first'))).toBe(true)
    expect(offersReplyForm(await page('second'))).toBe(true)
    expect([await inInbox('first'), await inInbox('second'), await inInbox('third')]).toEqual([true, true, false])
    expect((await reply('first', FIRST_REPLY)).status).toBe(302)
    expect([await inInbox('first'), await inInbox('second')]).toEqual([false, true])
    // The first reply does not take the slot: the second supplier is still offered the form, and replies.
    expect(offersReplyForm(await page('second'))).toBe(true)
    expect(offersReplyForm(await page('first'))).toBe(false)
    expect((await reply('second', SECOND_REPLY)).status).toBe(302)
    const rows = await getDb()
      .selectFrom('supplier_reply')
      .select(['supplier_organisation_id', 'body'])
      .where('experience_report_id', '=', reportId)
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { supplier_organisation_id: first.organisationId, body: FIRST_REPLY },
      { supplier_organisation_id: second.organisationId, body: SECOND_REPLY },
    ])
    const html = await page('buyer')
    expect(html).toContain(FIRST_REPLY)
    expect(html).toContain(SECOND_REPLY)
    expect(html).toContain('Svar fra Nordlys Svartest AS')
    expect(html).toContain('Svar fra Fjordtrygg Svartest AS')
    expect(html.indexOf(FIRST_REPLY)).toBeLessThan(html.indexOf(SECOND_REPLY))
    const data = await (await appRequest(dataUrl(`/anskaffelser/${procurementId}`), { cookie: cookie.buyer })).text()
    expect(data).toContain(FIRST_REPLY)
    expect(data).toContain(SECOND_REPLY)
    expect(offersReplyForm(await page('second'))).toBe(false)
    expect(await inInbox('second')).toBe(false)
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
      .where('experience_report_id', '=', reportId)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
  })

  it('each supplier edits only its own reply', async () => {
    const ids = await getDb()
      .selectFrom('supplier_reply')
      .select(['id', 'supplier_organisation_id'])
      .where('experience_report_id', '=', reportId)
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
