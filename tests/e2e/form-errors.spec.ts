import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { browserDescribe, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'

// A long form is submitted from its bottom. When it comes back with errors, the first field to fix gets the focus and
// is scrolled into view (FormErrorSummary); before, the focus stayed on the button and nothing visible changed there,
// while the summary at the top and the field in the middle were out of sight.

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    const box = element?.getBoundingClientRect()
    return {
      name: element?.getAttribute('name') ?? null,
      inView: box ? box.top >= 0 && box.bottom <= window.innerHeight : false,
    }
  })

browserDescribe('a form that comes back with errors', (b) => {
  it('moves the focus to the field to fix on the long procurement form', async () => {
    const page = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.larvik) })
    await visit(page, '/anskaffelser/ny')
    await page.getByLabel('Tittel').fill('Fokus etter feil')
    await page.getByLabel('Behov og problem').fill('Skjemaet er langt, og feilen ligger midt i det.')
    await page.getByRole('combobox', { name: /^Prosedyre/ }).selectOption('open_tender')
    await page.getByLabel('Kontraktsstart').fill('2025-05-01')
    await page.getByLabel('Kontraktsslutt').fill('2024-05-01')
    await page.getByRole('button', { name: 'Registrer anskaffelsen' }).click()
    await page.getByText('Kontraktens slutt kan ikke være før kontraktens start.').waitFor()
    await expect.poll(() => focused(page)).toEqual({ name: 'contractEnd', inView: true })
  })

  it('moves the focus into the card that was submitted when a page has a form per item (moderation)', async () => {
    const page = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.coordinator) })
    await visit(page, '/koordinator/moderering')
    const cards = page.locator('main form').filter({ has: page.getByRole('button', { name: 'Registrer beslutning' }) })
    const card = cards.nth(1)
    await card.getByRole('textbox').fill('Begrunnelse uten valgt beslutning')
    await card.getByRole('button', { name: 'Registrer beslutning' }).click()
    await card.getByText('Velg om innholdet skal beholdes eller skjules.').waitFor()
    // Mantine marks the radio group, not its radios: the first radio of that card's group gets the focus.
    await expect.poll(() => focused(page)).toEqual({ name: 'decision', inView: true })
    expect(await card.evaluate((form) => form.contains(document.activeElement))).toBe(true)
  })
})
