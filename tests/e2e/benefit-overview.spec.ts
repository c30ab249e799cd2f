import { expect, it } from 'vitest'
import { e2eDb } from './support/database'
import { refreshAllPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import { municipalitiesInBand, municipalityBenefit } from '../helpers/benefit-fixtures'
import type { Page } from 'playwright-core'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'

// The national benefit overview with its charts, as a visitor (published figures) and a buyer (live figures): axe
// passes with the charts drawn, each chart has its table, and a number leads to the records behind it.
/** Opens a page with charts and runs axe once they are drawn (the charts draw in the browser). */
async function visitWithCharts(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), `status of ${path}`).toBe(200)
  await page.locator('.recharts-surface').first().waitFor()
  await checkA11y(page)
}

let seeded = false
async function seed() {
  if (seeded) return
  seeded = true
  // Three municipalities of one band with realised and estimated hours (the demo data may hold more).
  for (const [i, m] of (await municipalitiesInBand('under_5000', 3)).entries()) {
    await municipalityBenefit(m, { indicator: 'home_visits_per_month', hoursPerUnit: 0.5, baseline: 600, area: 2 }, [
      { value: 420 + i * 10, status: 'realised' },
      { value: 400, status: 'estimated', method: 'estimate', uncertainty: 'high' },
    ])
  }
  await refreshAllPublicBenefitFigures(e2eDb())
}

browserDescribe('benefit overview on /innsikt', (b) => {
  it('a visitor: published figures in charts and tables; a number links to its records, without values', async () => {
    await seed()
    const visitor = await b.openPage()
    await visitWithCharts(visitor, '/innsikt')
    await visitor.getByRole('heading', { name: 'Gevinster per kategori' }).waitFor()
    expect(await visitor.getByRole('img', { name: /Stolpediagram/ }).count()).toBe(2)
    await visitor.getByRole('heading', { name: 'Framskriving (anslag)' }).waitFor()
    // A realised number leads to the records behind it, without their values for a visitor.
    await visitor
      .getByRole('table', { name: /per gevinstområde/ })
      .getByRole('row', { name: /2 Spart tid/ })
      .getByRole('link')
      .first()
      .click()
    await visitor.waitForURL(/\/innsikt\/gevinster\?/)
    await visitor.getByRole('heading', { level: 1, name: 'Gevinstregistreringer bak tallet' }).waitFor()
    await checkA11y(visitor)
    expect(await visitor.getByRole('columnheader', { name: 'Nullpunkt' }).count()).toBe(0)
  })

  it('a buyer: live figures with filters, charts in both languages, records with values', async () => {
    await seed()
    const buyer = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.larvik) })
    await visitWithCharts(buyer, '/innsikt?kategori=efficiency&innbyggere=under_5000')
    await visit(buyer, '/innsikt/gevinster?kategori=efficiency&omrade=2&grunnlag=realised&maal=hours')
    await buyer.getByRole('columnheader', { name: 'Nullpunkt' }).waitFor()
    await visitWithCharts(buyer, '/innsikt?lang=en')
  })
})
