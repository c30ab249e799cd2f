import { expect, it } from 'vitest'
import { browserDescribe, visit } from './support/browser'

// Issue 13 in a real browser: municipality names people recognise, the compare page on a phone.
browserDescribe('findability', (b) => {
  it('typing «Kautokeino» in the sign-up municipality field offers 5612 Guovdageaidnu - Kautokeino', async () => {
    const page = await b.openPage()
    await visit(page, '/registrer')
    await page.getByRole('radio', { name: 'en kommune' }).check()
    const field = page.getByRole('combobox', { name: 'Kommune' })
    await field.fill('Kautokeino')
    const option = page.getByRole('option', { name: /5612 Guovdageaidnu - Kautokeino/ })
    await option.waitFor()
    expect(await page.getByRole('option').count()).toBe(1)
    await option.click()
    expect(await field.inputValue()).toContain('Guovdageaidnu - Kautokeino')
    // Any form, and typed without the Sami or Norwegian letters.
    for (const [typed, offered] of [
      ['Karasjok', /5610 Kárášjohka - Karasjok/],
      ['kafjord', /5540 Gáivuotna - Kåfjord - Kaivuono/],
      ['Tana', /5628 Deatnu - Tana/],
      ['Hattfjelldal', /1826 Aarborte - Hattfjelldal/],
    ] as const) {
      await field.fill(typed)
      await page.getByRole('option', { name: offered }).waitFor()
    }
  })

  it('lets no more than four products be chosen for comparison', async () => {
    const page = await b.openPage()
    await visit(page, '/register')
    const boxes = page.getByRole('checkbox', { name: /^Sammenlign / })
    for (let i = 0; i < 4; i++) await boxes.nth(i).check()
    expect(await boxes.nth(4).isDisabled()).toBe(true)
    await page.getByText('Du har valgt fire løsninger').waitFor()
    await boxes.nth(0).uncheck()
    expect(await boxes.nth(4).isDisabled()).toBe(false)
  })

  it('works at 390 px: the table scrolls sideways with the row headings in view, and axe passes', async () => {
    const page = await b.openPage()
    await page.setViewportSize({ width: 390, height: 844 })
    await visit(page, '/register')
    const ids = await page
      .locator('a[href^="/register/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')?.split('/').pop() ?? '').slice(0, 4))
    expect(ids).toHaveLength(4)
    await visit(page, `/sammenlign?p=${ids.join(',')}`)
    // The page itself does not scroll sideways; the table does.
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(pageWidth).toBeLessThanOrEqual(390)
    const heading = page.getByRole('rowheader').first()
    const before = await heading.boundingBox()
    // Scroll the table's scrolling container (the nearest ancestor that scrolls sideways) to its far end.
    const scrolled = await page.locator('table').evaluate((table) => {
      let el: HTMLElement | null = table.parentElement
      while (el && !/auto|scroll/.test(getComputedStyle(el).overflowX)) el = el.parentElement
      if (!el) return 0
      el.scrollLeft = el.scrollWidth
      return el.scrollLeft
    })
    expect(scrolled).toBeGreaterThan(0)
    const after = await heading.boundingBox()
    expect(before && after && Math.abs(after.x - before.x)).toBeLessThan(2)
  })
})
