import { beforeAll, describe, expect, it } from 'vitest'
import { populationBand } from '../../app/domain/population-bands'
import { ProductExperienceFilter } from '../../app/forms/experience'
import { ProcurementListFilter } from '../../app/forms/procurement'
import { createExperience } from '../../app/models/experiences.server'
import { likeMineFilter } from '../../app/models/my-municipality.server'
import { listProcurements } from '../../app/models/procurement-list.server'
import { updateParticipant } from '../../app/models/procurement-participants.server'
import {
  compareProductExperience,
  getProductExperience,
  municipalityFilterOptions,
} from '../../app/models/product-experience.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import {
  experienceInput,
  must,
  participantInput,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'

// "Municipalities like mine": population band and county, on the product page, the compare page and the lists.

let product: Awaited<ReturnType<typeof supplierWithProduct>>
let second: Awaited<ReturnType<typeof supplierWithProduct>>
let larvik: Actor
const municipalities = {
  sokndal: '1111', // Rogaland, 3 347
  lund: '1112', // Rogaland, 3 226
  horten: '3901', // Vestfold, 27 939
  larvik: '3909', // Vestfold, 48 715
  sandefjord: '3907', // Vestfold, 66 231
  bergen: '4601', // Vestland, 291 940
}
const rating: Record<string, number> = { '1111': 5, '1112': 4, '3901': 3, '3909': 2, '3907': 1, '4601': 1 }

beforeAll(async () => {
  const coordinator = await createCoordinator()
  product = await supplierWithProduct('Filter AS', 'Filter Sensor', coordinator)
  second = await supplierWithProduct('Filter To AS', 'Filter Lås', coordinator)
  for (const number of Object.values(municipalities)) {
    const buyer = await createBuyer(number)
    if (number === '3909') larvik = buyer
    const pid = must(
      await createProcurement(
        buyer.viewer,
        procurementInput({ title: `Anskaffelse ${number}`, productIds: [product.productId], phase: 'pilot' }),
      ),
    ).procurementId
    const access = await procurementAccess(pid)
    if (number === '4601')
      must(
        await updateParticipant(
          buyer.viewer,
          access,
          participantInput({ municipalityNumber: number, phase: 'in_operation' }),
        ),
      )
    must(await createExperience(buyer.viewer, access, experienceInput({ ratingOverall: String(rating[number]) })))
  }
  // The second product has reports from two small municipalities only.
  for (const number of ['1111', '1112']) {
    const buyer = await createBuyer(number)
    const pid = must(
      await createProcurement(
        buyer.viewer,
        procurementInput({ title: `Lås ${number}`, productIds: [second.productId] }),
      ),
    ).procurementId
    must(await createExperience(buyer.viewer, await procurementAccess(pid), experienceInput({ ratingOverall: '3' })))
  }
})

describe('municipalities like mine', () => {
  it('filters reports, usage and the aggregate by population band for buyers', async () => {
    const small = (await getProductExperience(larvik.viewer, product.productId, { populationBand: 'under_5000' }))!
    expect(small.experiences!.items.map((e) => e.municipality.number).sort()).toEqual(['1111', '1112'])
    expect(small.usage.items.map((u) => u.municipality.number).sort()).toEqual(['1111', '1112'])
    expect(small.usage.items.every((u) => u.municipality.populationBand === 'under_5000')).toBe(true)
    expect(small.aggregate).toMatchObject({ municipalityCount: 2, filtered: true })
    expect(small.aggregate!.dimensions.find((d) => d.dimension === 'overall')!.mean).toBe(4.5)

    const mid = (await getProductExperience(larvik.viewer, product.productId, { populationBand: '20000_50000' }))!
    expect(mid.experiences!.items.map((e) => e.municipality.number).sort()).toEqual(['3901', '3909'])
    const big = (await getProductExperience(larvik.viewer, product.productId, { populationBand: 'over_100000' }))!
    expect(big.usage.items.map((u) => [u.municipality.number, u.phase])).toEqual([['4601', 'in_operation']])
    expect(big.phaseCounts).toMatchObject({ in_operation: 1, pilot: 0 })
    const all = (await getProductExperience(larvik.viewer, product.productId))!
    expect(all.experiences!.total).toBe(6)
    expect(all.phaseCounts).toMatchObject({ pilot: 5, in_operation: 1 })
  })

  it('filters by county, and by both', async () => {
    const vestfold = (await getProductExperience(larvik.viewer, product.productId, { county: '39' }))!
    expect(vestfold.experiences!.items.map((e) => e.municipality.number).sort()).toEqual(['3901', '3907', '3909'])
    const both = (await getProductExperience(larvik.viewer, product.productId, {
      county: '39',
      populationBand: '50000_100000',
    }))!
    expect(both.experiences!.items.map((e) => e.municipality.number)).toEqual(['3907'])
    // Nonsense filters are ignored rather than failing the page.
    const junk = (await getProductExperience(
      larvik.viewer,
      product.productId,
      ProductExperienceFilter.parse({ county: 'x', populationBand: 'huge' }),
    ))!
    expect(junk.experiences!.total).toBe(6)
  })

  it('never narrows a public aggregate (two thresholded aggregates could be subtracted)', async () => {
    const vestfold = (await getProductExperience(null, product.productId, { county: '39' }))!
    expect(vestfold.aggregate).toMatchObject({
      source: 'published',
      municipalityCount: null,
      contributorBand: '3_9',
      filtered: false,
    })
    expect(vestfold.experiences).toBeNull()
    // The usage list is public information and is filtered for everyone.
    expect(vestfold.usage.items.map((u) => u.municipality.number).sort()).toEqual(['3901', '3907', '3909'])
  })

  it('compares products side by side with the same rules', async () => {
    const forBuyer = await compareProductExperience(larvik.viewer, [second.productId, product.productId], {
      populationBand: 'under_5000',
    })
    expect(forBuyer.map((c) => [c.productId, c.municipalitiesUsing, c.aggregate?.municipalityCount])).toEqual([
      [second.productId, 2, 2],
      [product.productId, 2, 2],
    ])
    const forPublic = await compareProductExperience(null, [second.productId, product.productId], {
      populationBand: 'under_5000',
    })
    expect(
      forPublic.map((c) => [
        c.productId,
        c.aggregate?.source === 'published' ? c.aggregate.contributorBand : null,
        c.thresholdMet,
      ]),
    ).toEqual([
      [second.productId, null, false],
      [product.productId, '3_9', true],
    ])
  })

  it('offers the viewer’s own band and county as the default, and filters procurement lists', async () => {
    expect(await likeMineFilter(larvik.viewer)).toEqual({ populationBand: populationBand(48_715), county: '39' })
    expect(await likeMineFilter(null)).toBeNull()
    const list = await listProcurements(
      larvik.viewer,
      ProcurementListFilter.parse({ populationBand: 'under_5000', productId: String(product.productId), county: 'x' }),
    )
    expect(list.items.map((p) => p.lead.number).sort()).toEqual(['1111', '1112'])
    expect((await listProcurements(null, { county: '39' })).total).toBe(3)
    const options = await municipalityFilterOptions()
    expect(options.counties).toHaveLength(15)
    expect(options.populationBands.map((b) => b.code)).toEqual([
      'under_5000',
      '5000_20000',
      '20000_50000',
      '50000_100000',
      'over_100000',
    ])
  })
})
