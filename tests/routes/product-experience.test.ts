import { beforeAll, describe, expect, it } from 'vitest'
import { createExperience } from '../../app/models/experiences.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  renameUser,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, createSupplier, type Actor } from '../helpers/register-fixtures'

let productId: number
let supplier: Actor
let otherSupplier: Actor
let buyer: Actor

async function reportFrom(municipalityNumber: string, text: string) {
  const b = await createBuyer(municipalityNumber)
  await renameUser(b.userId, `Forfatter ${municipalityNumber}`)
  const { procurementId } = must(
    await createProcurement(b.viewer, procurementInput({ productIds: [String(productId)] })),
  )
  must(await createExperience(b.viewer, await procurementAccess(procurementId), experienceInput({ workedWell: text })))
  return b
}

beforeAll(async () => {
  const coordinator = await createCoordinator()
  ;({ supplier, productId } = await supplierWithProduct('Terskel Leverandør AS', 'Terskel Sensor', coordinator))
  otherSupplier = await createSupplier('Konkurrent AS')
  buyer = await reportFrom('3909', 'Tekst fra Larvik TERSKEL1')
  await reportFrom('4601', 'Tekst fra Bergen TERSKEL2')
})

const page = async (cookie?: string, query = '') =>
  (await appRequest(`/register/${productId}${query}`, { cookie })).text()

describe('experience on the product page', () => {
  it('shows visitors and other suppliers no aggregate while fewer than three municipalities have reported, and never single reports', async () => {
    for (const cookie of [undefined, await sessionFor(otherSupplier.userId)]) {
      const html = await page(cookie)
      expect(html).toContain('Samlede vurderinger vises når minst 3 kommuner')
      expect(html).not.toContain('Snitt (1–5)')
      expect(html).not.toContain('TERSKEL1')
      expect(html).not.toContain('Forfatter 3909')
    }
  })

  it('shows buyers every report with its author, and the supplier its reports without author names', async () => {
    const forBuyer = await page(await sessionFor(buyer.userId))
    expect(forBuyer).toContain('TERSKEL1')
    expect(forBuyer).toContain('TERSKEL2')
    expect(forBuyer).toContain('Forfatter 4601')
    const forSupplier = await page(await sessionFor(supplier.userId))
    expect(forSupplier).toContain('TERSKEL2')
    expect(forSupplier).not.toContain('Forfatter 4601')
    const data = await (
      await appRequest(dataUrl(`/register/${productId}`), { cookie: await sessionFor(supplier.userId) })
    ).text()
    expect(data).not.toContain('Forfatter 4601')
  })

  it('shows the public aggregate from the third municipality on, still without single reports', async () => {
    await reportFrom('1804', 'Tekst fra Bodø TERSKEL3')
    const html = await page()
    expect(html).toContain('Snitt (1–5)')
    // The number of municipalities as a band, never exactly (docs/decisions/010-public-aggregate-steps.md).
    expect(html).toContain('fra 3–9 kommuner')
    expect(html).not.toContain('fra 3 kommuner')
    expect(html).toContain('Tallene er avrundet')
    expect(html).not.toContain('TERSKEL3')
    const data = await (await appRequest(dataUrl(`/register/${productId}`))).text()
    expect(data).not.toContain('TERSKEL3')
  })

  it('filters to municipalities like mine for buyers (Larvik and Bodø are 20–50 000 and 50–100 000; Bergen over 100 000)', async () => {
    const html = await page(await sessionFor(buyer.userId), '?innbyggere=over_100000')
    expect(html).toContain('TERSKEL2')
    expect(html).not.toContain('TERSKEL1')
    expect(html).toContain('Vis kommuner som ligner min')
  })
})
