import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { MINIMAL_PDF, TEXT_NAMED_PDF } from './fixtures/minimal-pdf'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor()

browserDescribe('supplier workspace', (b) => {
  it('creates a product, documents version 1.0 with a section and a PDF, and submits it for assessment', async () => {
    const page = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.supplier) })
    await visit(page, '/leverandor')
    await page.getByRole('heading', { level: 1, name: 'Mine produkter' }).waitFor()
    await page.getByRole('link', { name: 'Nytt produkt' }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Nytt produkt' }).waitFor()
    await checkA11y(page)

    // An empty form comes back with a message that says what to fix, next to the field.
    await page.getByRole('button', { name: 'Opprett produkt' }).click()
    await page.getByText('Skriv navnet på produktet (høyst 120 tegn).').waitFor()
    await checkA11y(page)

    const name = `Nattlys Sensor ${Date.now()}`
    await page.getByLabel('Produktnavn').fill(name)
    await page.getByLabel('Kategori').selectOption({ label: 'Digitalt tilsyn' })
    await page.getByLabel('Kort beskrivelse').fill('Sensorer som varsler nattevakten når en beboer står opp.')
    await page
      .getByLabel('Full beskrivelse')
      .fill('Nattlys erstatter faste nattrunder med varsler fra sensorer i rommet.')
    const careSettings = page.getByRole('group', { name: 'Tjenestesteder' })
    await careSettings.getByLabel('Sykehjem').check()
    await careSettings.getByLabel('Omsorgsbolig').check()
    await page.getByRole('group', { name: 'Integrasjoner' }).getByLabel('HL7 FHIR').check()
    await page.getByLabel('Produktet er CE-merket').check()
    await page.getByLabel('Nettside').fill('https://nattlys.example')
    expect(await page.getByLabel('Første versjon').inputValue()).toBe('1.0')
    await page.getByRole('button', { name: 'Opprett produkt' }).click()

    await page.getByRole('heading', { level: 1, name }).waitFor()
    await status(page, 'er opprettet med versjon 1.0 som utkast')
    // The edit form shows what was saved, the ticked boxes included.
    expect(await page.getByRole('group', { name: 'Tjenestesteder' }).getByLabel('Sykehjem').isChecked()).toBe(true)
    expect(await page.getByRole('group', { name: 'Tjenestesteder' }).getByLabel('Sykehus').isChecked()).toBe(false)
    await checkA11y(page)

    await page.getByRole('link', { name: 'Åpne versjon 1.0' }).click()
    await page.getByRole('heading', { level: 1, name: `${name}, versjon 1.0` }).waitFor()
    await page.getByText('Bare medlemmer av Nordlys Velferdsteknologi AS og de nasjonale koordinatorene').waitFor()
    await checkA11y(page)

    const newSection = page.getByRole('region', { name: 'Ny seksjon' })
    await newSection.getByLabel('Type dokumentasjon').selectOption({ label: 'Testrapporter' })
    await newSection.getByLabel('Overskrift').fill('Penetrasjonstest 2026')
    await newSection.getByLabel('Tekst').fill('Ekstern test i mars 2026. Ingen kritiske funn.')
    await newSection.getByRole('button', { name: 'Legg til seksjon' }).click()
    await page.getByRole('heading', { level: 4, name: 'Penetrasjonstest 2026' }).waitFor()
    await status(page, 'Seksjonen «Penetrasjonstest 2026» er lagret.')
    expect(await newSection.getByLabel('Overskrift').inputValue()).toBe('')
    await checkA11y(page)

    await page
      .getByLabel('PDF-fil')
      .setInputFiles({ name: 'sikkerhetsdokumentasjon.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF })
    await page.getByRole('button', { name: 'Last opp vedlegg' }).click()
    const download = page.getByRole('link', { name: 'Last ned sikkerhetsdokumentasjon.pdf' })
    await download.waitFor()
    await checkA11y(page)
    const response = await page.request.get((await download.getAttribute('href'))!)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    expect(response.headers()['content-disposition']).toMatch(/^attachment;/)
    expect(Buffer.compare(await response.body(), MINIMAL_PDF)).toBe(0)

    // Submitting asks first; dismissing the question leaves the draft alone.
    page.once('dialog', (dialog) => void dialog.dismiss())
    await page.getByRole('button', { name: 'Send til vurdering' }).click()
    expect(await page.getByText('Utkast', { exact: true }).count()).toBeGreaterThan(0)
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Sende versjon 1.0 til vurdering?')
      void dialog.accept()
    })
    await page.getByRole('button', { name: 'Send til vurdering' }).click()
    await status(page, 'Versjon 1.0 er sendt til vurdering.')
    await page.getByText('kan ikke endres mens koordinatorene vurderer den').waitFor()
    expect(await page.getByRole('button', { name: 'Send til vurdering' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Legg til seksjon' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /^Slett/ }).count()).toBe(0)
    await checkA11y(page)

    await visit(page, '/leverandor')
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) })
    await row.getByText('Sendt til vurdering').waitFor()
  })

  it('works without JavaScript: the upload is a plain multipart post and a renamed text file is refused', async () => {
    const setup = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.supplier) })
    await visit(setup, '/leverandor/produkter/ny')
    const name = `Uten Skript ${Date.now()}`
    await setup.getByLabel('Produktnavn').fill(name)
    await setup.getByLabel('Kategori').selectOption({ label: 'Digitalt tilsyn' })
    await setup.getByLabel('Kort beskrivelse').fill('Laget for å teste skjemaene uten JavaScript.')
    await setup.getByRole('button', { name: 'Opprett produkt' }).click()
    await setup.getByRole('heading', { level: 1, name }).waitFor()
    const versionPath = (await setup.getByRole('link', { name: 'Åpne versjon 1.0' }).getAttribute('href'))!

    const page = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.supplier), javaScript: false })
    await visit(page, versionPath)
    await page
      .getByLabel('PDF-fil')
      .setInputFiles({ name: 'notater.pdf', mimeType: 'application/pdf', buffer: TEXT_NAMED_PDF })
    await page.getByRole('button', { name: 'Last opp vedlegg' }).click()
    await page.getByText('Filen er ikke en PDF.').waitFor()
    expect(await page.getByRole('link', { name: 'Last ned notater.pdf' }).count()).toBe(0)

    await page
      .getByLabel('PDF-fil')
      .setInputFiles({ name: 'referanser.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF })
    await page.getByRole('button', { name: 'Last opp vedlegg' }).click()
    await page.getByRole('link', { name: 'Last ned referanser.pdf' }).waitFor()
    // Without JavaScript the browser insists on the confirmation box before it posts the delete.
    await page.getByRole('button', { name: 'Slett vedlegg referanser.pdf' }).click()
    await page.waitForTimeout(500)
    expect(await page.getByRole('link', { name: 'Last ned referanser.pdf' }).count()).toBe(1)
    const form = page
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Slett vedlegg referanser.pdf' }) })
    await form.getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Slett vedlegg referanser.pdf' }).click()
    await page.getByText('Vedlegget er slettet.').waitFor()
    expect(await page.getByRole('link', { name: 'Last ned referanser.pdf' }).count()).toBe(0)
    await visit(setup, versionPath)
  })
})
