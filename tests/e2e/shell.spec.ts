import { expect, it } from 'vitest'
import { browserDescribe, visit } from './support/browser'

browserDescribe('the public shell', (b) => {
  it('serves the Norwegian home page with navigation, footer links and no accessibility violations', async () => {
    const page = await b.openPage()
    await visit(page, '/')
    expect(await page.getAttribute('html', 'lang')).toBe('nb')
    const nav = page.getByRole('navigation', { name: 'Hovedmeny' })
    for (const name of ['Register', 'Anskaffelser', 'Innsikt', 'Logg inn']) {
      await expect(nav.getByRole('link', { name, exact: true }).count()).resolves.toBe(1)
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Erfaringsbanken' }).count()).resolves.toBe(1)
    await expect(page.getByText('357 kommuner').count()).resolves.toBe(1)
  })

  it('switches to English, remembers the choice and keeps it on the next page', async () => {
    const page = await b.openPage()
    await visit(page, '/')
    await page.getByRole('link', { name: /Språk: English/ }).click()
    await page.waitForURL(/lang=en/)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click()
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/tilgjengelighet')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })

  it('hydrates in the page language, fetching only that catalogue, once, and navigates in it without reloading', async () => {
    const page = await b.openPage()
    const catalogues: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/i18n/')) catalogues.push(new URL(request.url()).pathname)
    })
    await visit(page, '/?lang=en')
    await page.waitForFunction(() => (window as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules)
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Register', exact: true })
      .click()
    await page.waitForURL(/\/register$/)
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
    expect(await page.getByRole('navigation', { name: 'Main menu' }).count()).toBe(1)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(catalogues).toEqual(['/i18n/en'])
  })

  it('shows the accessibility statement and the privacy statement', async () => {
    const page = await b.openPage()
    await visit(page, '/tilgjengelighet')
    await expect(page.getByRole('heading', { level: 1, name: 'Tilgjengelighetserklæring' }).count()).resolves.toBe(1)
    expect(await page.title()).toContain('Tilgjengelighetserklæring')
    await visit(page, '/personvern')
    await expect(page.getByRole('heading', { level: 1, name: 'Personvernerklæring' }).count()).resolves.toBe(1)
  })

  it('answers an unknown path with a friendly 404 page in the current language', async () => {
    const page = await b.openPage()
    await visit(page, '/finnes-ikke', { expectStatus: 404 })
    await expect(page.getByRole('heading', { level: 1, name: 'Siden finnes ikke' }).count()).resolves.toBe(1)
    await visit(page, '/finnes-ikke?lang=en', { expectStatus: 404 })
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' }).count()).resolves.toBe(1)
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })
})
