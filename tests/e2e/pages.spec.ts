import { expect, it } from 'vitest'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'

// Every page with the demo data in it, as each kind of user sees it: axe must pass on all of them.
browserDescribe('pages with demo data', (b) => {
  it('public pages for a visitor, in both languages', async () => {
    const page = await b.openPage()
    for (const path of [
      '/register',
      '/register?q=trygghets&sortering=name',
      '/vedtak',
      '/kriterier',
      '/innsikt',
      '/sammenlign?p=1,2,3',
      '/anskaffelser',
      '/registrer',
      '/logg-inn',
    ]) {
      await visit(page, path)
    }
    await visit(page, '/register?lang=en')
    await visit(page, '/innsikt')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await visit(page, '/kriterier')
  })

  it('the open-data API page, reached from the footer', async () => {
    const page = await b.openPage()
    await visit(page, '/kriterier')
    await page.getByRole('link', { name: 'Åpne data (API)' }).click()
    await page.waitForURL(/\/api$/)
    await visit(page, '/api')
    await page.getByRole('heading', { name: 'GET /api/v1/products', exact: true }).waitFor()
  })

  it('product pages with experience, as a visitor and as a buyer with the "like mine" filter', async () => {
    const visitor = await b.openPage()
    await visit(visitor, '/register')
    const firstProduct = await visitor.getByRole('article').first().getByRole('link').first().getAttribute('href')
    await visit(visitor, firstProduct!)
    await visitor.getByRole('heading', { name: 'Erfaringer fra kommunene' }).waitFor()
    const buyer = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.larvik) })
    await visit(buyer, firstProduct!)
    await buyer.getByRole('link', { name: 'Vis kommuner som ligner min' }).click()
    await buyer.waitForURL(/innbyggere=/)
    await visit(buyer, buyer.url().replace(/^https?:\/\/[^/]+/, ''))
    await visit(buyer, '/anskaffelser')
    // "Min kommune" from the menu: the municipality's own procurements, its follow-up and the buyer's drafts.
    await buyer.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Min kommune' }).click()
    await buyer.getByRole('heading', { level: 1, name: 'Min kommune: Larvik' }).waitFor()
    await visit(buyer, '/min-kommune?forfall=1')
  })

  it('products no longer approved: found with the status filter, their pages say why, never "Godkjent"', async () => {
    const page = await b.openPage()
    for (const status of ['withdrawn', 'expired']) {
      await visit(page, `/register?status=${status}`)
      const link = await page.getByRole('article').first().getByRole('link').first().getAttribute('href')
      await visit(page, link!)
      const approval = page.getByTestId('approval-text')
      expect(await approval.innerText()).toMatch(
        status === 'withdrawn' ? /Godkjenning trukket tilbake .*Begrunnelse/s : /Godkjenningen utløp /,
      )
      expect(await page.getByText('Godkjent', { exact: true }).count()).toBe(0)
    }
    await visit(page, '/register?status=not_approved&lang=en')
  })

  it('a visitor sees aggregates only, and none for a product fewer than three municipalities have rated', async () => {
    const page = await b.openPage()
    await visit(page, '/register?q=datavev')
    await page.getByRole('link', { name: 'Datavev Velferdsplattform' }).click()
    await page.getByRole('heading', { level: 1, name: 'Datavev Velferdsplattform' }).waitFor()
    await page.getByText('Samlede vurderinger vises når minst 3 kommuner').waitFor()
    expect(await page.getByText('Snitt (1–5)').count()).toBe(0)
    await visit(page, '/register?q=fjordvakt')
    await page
      .getByRole('link', { name: /Fjordvakt/ })
      .first()
      .click()
    await page.getByRole('columnheader', { name: 'Snitt (1–5)' }).waitFor()
    expect(await page.getByRole('heading', { name: 'Erfaringsrapporter' }).count()).toBe(0)
    await checkA11y(page)
  })

  it('coordinator queues with demo data', async () => {
    const page = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.coordinator) })
    for (const path of ['/koordinator', '/koordinator/moderering', '/koordinator/revisjon', '/koordinator/vurdering'])
      await visit(page, path)
    const first = await page.getByRole('article').first().getByRole('link').first().getAttribute('href')
    await visit(page, first!)
  })

  it('the supplier workspace with demo data', async () => {
    const page = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.supplier) })
    await visit(page, '/leverandor')
    const first = await page
      .getByRole('link', { name: /^Åpne / })
      .first()
      .getAttribute('href')
      .catch(() => null)
    if (first) await visit(page, first)
  })
})
