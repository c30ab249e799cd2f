import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import type { VersionState } from '../../db/schema'
import { formatDate } from '../../app/components/date-text'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { seedDemo } from '../helpers/parity'
import { createBuyer, createCoordinator, createSupplier } from '../helpers/register-fixtures'

// Issue 10, deliverable 3: a product whose approval was withdrawn or expired stays on the public record, saying so
// (never "Godkjent"), is found with the register's status filter, and the municipalities that bought it are told.
// Products never approved stay invisible. Run against the demo data, which has both kinds.

type DemoProduct = { id: number; name: string; supplierOrganisationId: number }

/** A demo product whose newest version is in `state`, with the date that ended its approval. */
async function demoProductIn(state: VersionState) {
  const row = await getDb()
    .selectFrom('product')
    .innerJoin('product_version as v', 'v.product_id', 'product.id')
    .select(['product.id', 'product.name', 'product.supplier_organisation_id', 'v.id as version_id'])
    .where('v.state', '=', state)
    .orderBy('product.id')
    .executeTakeFirstOrThrow()
  return {
    id: row.id,
    name: row.name,
    supplierOrganisationId: row.supplier_organisation_id,
    versionId: row.version_id,
  }
}

let withdrawn: DemoProduct & { withdrawnAt: string; rationale: string }
let expired: DemoProduct & { validUntil: string }
let rejected: DemoProduct
/** A municipality with the withdrawn product in one of its procurements, and one without procurements at all. */
let buyerWithProduct: number
let buyerWithout: number
let buyerOfOtherProducts: number

const html = async (path: string, cookie?: string) => {
  const res = await appRequest(path, { cookie })
  return { status: res.status, text: await res.text() }
}
/** The text as the browser shows it (React escapes a few characters in HTML). */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;')

beforeAll(async () => {
  await seedDemo()
  const db = getDb()
  const w = await demoProductIn('withdrawn')
  const withdrawal = await db
    .selectFrom('version_decision')
    .select(['decided_at', 'rationale'])
    .where('version_id', '=', w.versionId)
    .where('outcome', '=', 'withdrawn')
    .executeTakeFirstOrThrow()
  withdrawn = { ...w, withdrawnAt: withdrawal.decided_at, rationale: withdrawal.rationale }
  const e = await demoProductIn('expired')
  const approval = await db
    .selectFrom('version_decision')
    .select('valid_until')
    .where('version_id', '=', e.versionId)
    .where('outcome', '=', 'approved')
    .executeTakeFirstOrThrow()
  if (!approval.valid_until) throw new Error('the expired demo approval has no end date')
  expired = { ...e, validUntil: approval.valid_until }
  rejected = await demoProductIn('rejected')

  const buyers = await db
    .selectFrom('procurement_participant as pp')
    .innerJoin('procurement_product as prod', 'prod.procurement_id', 'pp.procurement_id')
    .select('pp.municipality_number')
    .where('prod.product_id', '=', withdrawn.id)
    .orderBy('pp.municipality_number')
    .executeTakeFirstOrThrow()
  buyerWithProduct = (await createBuyer(buyers.municipality_number)).userId
  // A municipality with procurements in the demo, none of them with a product that is no longer approved.
  const formerProducts = db
    .selectFrom('product_version')
    .select('product_id')
    .where('state', 'in', ['withdrawn', 'expired'])
  const other = await db
    .selectFrom('procurement_participant as pp')
    .select('pp.municipality_number')
    .where('pp.municipality_number', 'not in', (eb) =>
      eb
        .selectFrom('procurement_participant as p2')
        .innerJoin('procurement_product as prod', 'prod.procurement_id', 'p2.procurement_id')
        .select('p2.municipality_number')
        .where('prod.product_id', 'in', formerProducts),
    )
    .orderBy('pp.municipality_number')
    .executeTakeFirstOrThrow()
  buyerOfOtherProducts = (await createBuyer(other.municipality_number)).userId
  const none = await db
    .selectFrom('municipality')
    .select('number')
    .where('number', 'not in', (eb) => eb.selectFrom('procurement_participant').select('municipality_number'))
    .orderBy('number')
    .executeTakeFirstOrThrow()
  buyerWithout = (await createBuyer(none.number)).userId
})

describe('a withdrawn approval', () => {
  it('keeps the product page open to a visitor, with the date and the published reason, never "Godkjent"', async () => {
    const { status, text } = await html(`/register/${withdrawn.id}`)
    expect(status).toBe(200)
    expect(text).toContain(escaped(withdrawn.name))
    expect(text).toContain(`Godkjenning trukket tilbake ${formatDate(withdrawn.withdrawnAt, 'nb')}`)
    expect(text).toContain('Begrunnelse for tilbaketrekkingen')
    expect(text).toContain(escaped(withdrawn.rationale))
    expect(text).toContain('Produktet er ikke lenger godkjent.')
    expect(text).not.toContain('Godkjent')
    expect((await appRequest(dataUrl(`/register/${withdrawn.id}`))).status).toBe(200)
  })

  it('says so in English too', async () => {
    const { status, text } = await html(`/register/${withdrawn.id}?lang=en`)
    expect(status).toBe(200)
    expect(text).toContain(`Approval withdrawn ${formatDate(withdrawn.withdrawnAt, 'en')}`)
    expect(text).toContain('Reason for the withdrawal')
    expect(text).not.toMatch(/>Approved</)
  })

  it('answers 200 to every signed-in role as well', async () => {
    const cookies = [
      await sessionFor(buyerWithout),
      await sessionFor((await createSupplier('Annen Leverandør Tilbaketrukket AS')).userId),
      await sessionFor((await createCoordinator()).userId),
    ]
    for (const cookie of cookies) expect((await appRequest(`/register/${withdrawn.id}`, { cookie })).status).toBe(200)
  })
})

describe('an expired approval', () => {
  it('keeps the product page open to a visitor with the date the approval ran out, never "Godkjent"', async () => {
    const { status, text } = await html(`/register/${expired.id}`)
    expect(status).toBe(200)
    expect(text).toContain(escaped(expired.name))
    expect(text).toContain(`Godkjenningen utløp ${formatDate(expired.validUntil, 'nb')}`)
    expect(text).not.toContain('Godkjent')
    const en = (await html(`/register/${expired.id}?lang=en`)).text
    expect(en).toContain(`The approval expired ${formatDate(expired.validUntil, 'en')}`)
  })
})

describe('the register', () => {
  const query = (name: string) => encodeURIComponent(name.split(' ')[0] ?? name)

  it('lists no longer approved products only when the status filter asks for them', async () => {
    const byDefault = (await html(`/register?q=${query(withdrawn.name)}`)).text
    expect(byDefault).not.toContain(`href="/register/${withdrawn.id}"`)
    const withdrawnList = (await html(`/register?q=${query(withdrawn.name)}&status=withdrawn`)).text
    expect(withdrawnList).toContain(`href="/register/${withdrawn.id}"`)
    expect(withdrawnList).toContain('Godkjenning trukket tilbake')
    expect((await html(`/register?status=expired`)).text).toContain(`href="/register/${expired.id}"`)
    expect((await html(`/register?status=expired`)).text).not.toContain(`href="/register/${withdrawn.id}"`)
    const notApproved = (await html('/register?status=not_approved')).text
    expect(notApproved).toContain(`href="/register/${withdrawn.id}"`)
    expect(notApproved).toContain(`href="/register/${expired.id}"`)
    expect(notApproved).not.toContain(`href="/register/${rejected.id}"`)
    // Every option of the filter is offered.
    const form = (await html('/register')).text
    for (const option of ['withdrawn', 'expired', 'not_approved']) expect(form).toContain(`value="${option}"`)
  })

  it('labels them on the compare page too', async () => {
    const { status, text } = await html(`/sammenlign?p=${withdrawn.id},${expired.id}`)
    expect(status).toBe(200)
    expect(text).toContain(`Godkjenning trukket tilbake ${formatDate(withdrawn.withdrawnAt, 'nb')}`)
    expect(text).toContain(`Godkjenningen utløp ${formatDate(expired.validUntil, 'nb')}`)
  })
})

describe('a product never approved', () => {
  it('still answers 404 to everyone but its supplier and the coordinators', async () => {
    const path = `/register/${rejected.id}`
    expect((await appRequest(path)).status).toBe(404)
    expect((await appRequest(path, { cookie: await sessionFor(buyerWithProduct) })).status).toBe(404)
    const other = await createSupplier('Tredje Leverandør AS')
    expect((await appRequest(dataUrl(path), { cookie: await sessionFor(other.userId) })).status).toBe(404)
    const owner = await getDb()
      .selectFrom('user')
      .select('id')
      .where('organisation_id', '=', rejected.supplierOrganisationId)
      .where('status', '=', 'verified')
      .executeTakeFirstOrThrow()
    expect((await appRequest(path, { cookie: await sessionFor(owner.id) })).status).toBe(200)
    expect((await appRequest(path, { cookie: await sessionFor((await createCoordinator()).userId) })).status).toBe(200)
  })
})

describe('Min kommune', () => {
  it('tells the buyers of a municipality that bought the product, with a link to it', async () => {
    const notice = `er ikke lenger godkjent (trukket tilbake ${formatDate(withdrawn.withdrawnAt, 'nb')})`
    const { status, text } = await html('/min-kommune', await sessionFor(buyerWithProduct))
    expect(status).toBe(200)
    expect(text).toContain('Produkter som ikke lenger er godkjent')
    // «<product> er ikke lenger godkjent (trukket tilbake <date>)», the product's name linking to its page.
    const item = new RegExp(
      `<li><a [^>]*href="/register/${withdrawn.id}"[^>]*>${literal(escaped(withdrawn.name))}</a> (<!-- -->)?${literal(notice)}</li>`,
    )
    expect(text).toMatch(item)
  })

  it('tells no one else', async () => {
    for (const userId of [buyerWithout, buyerOfOtherProducts]) {
      const { status, text } = await html('/min-kommune', await sessionFor(userId))
      expect(status).toBe(200)
      expect(text).toContain('Min kommune')
      expect(text).not.toContain('Produkter som ikke lenger er godkjent')
    }
    expect((await html('/anskaffelser')).text).not.toContain('Produkter som ikke lenger er godkjent')
  })
})
