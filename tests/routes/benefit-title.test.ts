import { beforeAll, describe, expect, it } from 'vitest'
import { sessionFor } from '../helpers/accounts'
import { appRequest } from '../helpers/app'
import { insertBenefit, procurementOf } from '../helpers/benefit-fixtures'
import { testDb } from '../helpers/db'

// A benefit's page is titled by its heading (indicator and municipality), as a procurement's page is by its title:
// every benefit page was titled "Gevinst – Erfaringsbanken", so a buyer with several open could not tell the tabs,
// the history or the bookmarks apart.

let path: string
let customPath: string
let cookie: string

beforeAll(async () => {
  const { procurementId, buyer } = await procurementOf('3909', [], 'Digitalt tilsyn')
  cookie = await sessionFor(buyer.userId)
  const benefitId = await insertBenefit({
    procurementId,
    municipalityNumber: '3909',
    createdBy: buyer,
    indicator: 'night_watches_per_night',
  })
  path = `/anskaffelser/${procurementId}/gevinster/${benefitId}`
  const customId = await insertBenefit({ procurementId, municipalityNumber: '3909', createdBy: buyer })
  await testDb()
    .updateTable('benefit')
    .set({ indicator: 'custom', custom_indicator: 'Leteaksjoner', custom_unit: 'per måned' })
    .where('id', '=', customId)
    .execute()
  customPath = `/anskaffelser/${procurementId}/gevinster/${customId}`
})

const title = async (path: string, query = '') => {
  const response = await appRequest(path + query, { cookie })
  expect(response.status).toBe(200)
  return /<title>([^<]*)<\/title>/.exec(await response.text())?.[1]
}

describe("a benefit page's title", () => {
  it('names the indicator and the municipality, as the heading does, in the language of the page', async () => {
    expect(await title(path)).toBe('Nattevakter per natt – Larvik – Erfaringsbanken')
    expect(await title(path, '?lang=en')).toBe('Night watches per night – Larvik – Erfaringsbanken')
    expect(await title(customPath, '?lang=nb')).toBe('Leteaksjoner (per måned) – Larvik – Erfaringsbanken')
  })
})
