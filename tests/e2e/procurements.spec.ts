import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'
import { approvedProductOf, createVerifiedBuyer } from './support/users'

// The acceptance flow: municipality A (Larvik) registers a joint procurement inviting B (Bergen) on a demo product,
// Bergen accepts the invitation under "Min kommune", A publishes an experience report, the supplier replies, a buyer of a third municipality reads both, and a visitor
// sees no individual report.

async function pick(page: Page, label: string, search: string, option: RegExp) {
  const input = page
    .getByRole('textbox', { name: label })
    .or(page.getByRole('combobox', { name: label }))
    .first()
  await input.click()
  await input.fill(search)
  await page.getByRole('option', { name: option }).first().click()
  await page.keyboard.press('Escape')
}

browserDescribe('procurements and experience reports', (b) => {
  it('joint procurement → published report → supplier reply → read by a third municipality; nothing for a visitor', async () => {
    const product = await approvedProductOf('Nordlys Velferdsteknologi AS')
    const title = `Felles anskaffelse E2E ${Date.now()}`
    const workedWell = `Nattevaktene sparte tid (${Date.now()})`
    const reply = `Takk for rapporten, vi følger opp opplæringen (${Date.now()}).`

    // A: Larvik registers the procurement with Bergen.
    const larvik = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.larvik) })
    await visit(larvik, '/min-kommune')
    await larvik.getByRole('heading', { level: 1, name: /Min kommune/ }).waitFor()
    await larvik.getByRole('link', { name: 'Ny anskaffelse' }).click()
    await larvik.getByRole('heading', { level: 1, name: 'Ny anskaffelse' }).waitFor()
    await checkA11y(larvik)
    await larvik.getByLabel('Tittel').fill(title)
    await larvik.getByLabel('Behov og problem').fill('Tilsyn om natten vekker brukerne og tar mye tid.')
    await pick(larvik, 'Produkter fra registeret', product.name.slice(0, 8), new RegExp(product.name))
    await larvik.getByRole('combobox', { name: /^Prosedyre/ }).selectOption('competition_with_negotiation')
    await larvik.getByLabel('Doffin-referanse').fill('2024-12')
    await larvik.getByLabel('Kontraktsverdi (kr, uten mva.)').fill('2 400 000')
    await larvik.getByRole('checkbox', { name: 'Hjemmetjenester' }).check()
    await larvik.getByRole('textbox', { name: 'Brukere', exact: true }).fill('60')
    await larvik.getByRole('combobox', { name: 'Fase' }).selectOption('pilot')
    await pick(larvik, 'Andre deltakende kommuner', 'Bergen', /^4601 Bergen/)
    await larvik.getByRole('button', { name: 'Registrer anskaffelsen' }).click()
    // A wrong Doffin reference is explained next to the field, with what was typed kept.
    await larvik.getByText('Doffin-referansen må ha formen ÅÅÅÅ-NNNNNN').waitFor()
    expect(await larvik.getByLabel('Tittel').inputValue()).toBe(title)
    await checkA11y(larvik)
    await larvik.getByLabel('Doffin-referanse').fill('2024-105432')
    await larvik.getByRole('button', { name: 'Registrer anskaffelsen' }).click()
    await larvik.getByRole('heading', { level: 1, name: title }).waitFor()
    await larvik.getByRole('status').filter({ hasText: 'Anskaffelsen er registrert.' }).waitFor()
    const procurementUrl = new URL(larvik.url()).pathname
    expect(procurementUrl).toMatch(/^\/anskaffelser\/\d+$/)
    // Bergen is invited, not yet a participant: the lead sees the invitation, the participant table only Larvik.
    const invitations = larvik.getByRole('region', { name: 'Invitasjoner som venter på svar' })
    await invitations.getByText('Bergen').waitFor()
    const table = larvik.getByRole('table').filter({ hasText: 'Larvik' })
    expect(await table.getByRole('rowheader', { name: /Bergen/ }).count()).toBe(0)
    await checkA11y(larvik)

    // B: Bergen's buyer finds the invitation under "Min kommune" and accepts it.
    const bergenInvited = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.bergen) })
    await visit(bergenInvited, '/min-kommune')
    const invited = bergenInvited.getByRole('region', { name: 'Invitasjoner til felles anskaffelser' })
    await invited.getByRole('link', { name: title }).waitFor()
    await checkA11y(bergenInvited)
    await invited.getByRole('button', { name: `Takk ja til ${title}` }).click()
    await bergenInvited.getByRole('status').filter({ hasText: 'Kommunen deltar nå i anskaffelsen.' }).waitFor()
    await bergenInvited.getByRole('heading', { level: 1, name: title }).waitFor()
    await visit(larvik, procurementUrl)
    const participants = larvik.getByRole('table').filter({ hasText: 'Bergen' })
    expect(await participants.getByRole('rowheader', { name: /Larvik/ }).count()).toBe(1)
    expect(await participants.getByRole('rowheader', { name: /Bergen/ }).count()).toBe(1)
    expect(await larvik.getByRole('region', { name: 'Invitasjoner som venter på svar' }).count()).toBe(0)
    await checkA11y(larvik)

    // A publishes an experience report.
    await larvik.getByRole('link', { name: 'Skriv erfaring' }).click()
    await larvik.getByRole('heading', { level: 1, name: 'Ny erfaringsrapport' }).waitFor()
    await checkA11y(larvik)
    await larvik
      .getByRole('radiogroup', { name: /Helhetsinntrykk/ })
      .getByRole('radio', { name: '4 – godt' })
      .check()
    await larvik
      .getByRole('radiogroup', { name: /Samarbeid med leverandøren/ })
      .getByRole('radio', { name: '5 – svært godt' })
      .check()
    await larvik
      .getByRole('radiogroup', { name: 'Anbefaler dere løsningen?' })
      .getByRole('radio', { name: 'Anbefaler med forbehold' })
      .check()
    await larvik.getByLabel('Hva fungerte godt').fill(workedWell)
    await larvik.getByLabel('Råd til andre kommuner').fill('Sett av tid til opplæring av vikarer.')
    await larvik.getByRole('button', { name: 'Publiser' }).click()
    await larvik.getByRole('status').filter({ hasText: 'Erfaringsrapporten er publisert.' }).waitFor()
    await larvik.getByText(workedWell).waitFor()
    await checkA11y(larvik)

    // The supplier replies beside the report.
    const supplier = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.supplier) })
    await visit(supplier, procurementUrl)
    await supplier.getByText(workedWell).waitFor()
    await supplier.getByLabel(/^Ditt svar på erfaringen fra Larvik/).fill(reply)
    await supplier.getByRole('button', { name: /^Publiser svaret på erfaringen fra Larvik/ }).click()
    await supplier.getByRole('status').filter({ hasText: 'Svaret er publisert.' }).waitFor()
    await supplier.getByRole('paragraph').filter({ hasText: reply }).waitFor()
    // The supplier never sees the municipalities-only contract value.
    expect(await supplier.getByText(/2[\s\u00a0]400[\s\u00a0]000/).count()).toBe(0)
    await checkA11y(supplier)

    // C: a buyer of a third municipality reads both.
    const tromsoEmail = await createVerifiedBuyer('5501', `tromso.${Date.now()}@e2e.example`, 'Tora Tromsø')
    const tromso = await b.openPage({ sessionToken: await sessionTokenFor(tromsoEmail) })
    await visit(tromso, procurementUrl)
    const card = tromso.getByRole('article').filter({ hasText: workedWell })
    await card.getByText(reply).waitFor()
    expect(await card.getByRole('heading', { name: /Svar fra Nordlys Velferdsteknologi AS/ }).count()).toBe(1)
    expect(await tromso.getByRole('link', { name: 'Skriv erfaring' }).count()).toBe(0)
    await tromso
      .getByText(/Flagg Larvik/)
      .first()
      .click()
    await checkA11y(tromso)

    // A visitor sees the procurement's public part but no individual report.
    const visitor = await b.openPage()
    await visit(visitor, procurementUrl)
    await visitor.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(await visitor.getByText(workedWell).count()).toBe(0)
    expect(await visitor.getByText(reply).count()).toBe(0)
    expect(await visitor.getByRole('article').count()).toBe(0)
    await visitor.getByText(/Erfaringsrapportene deles bare mellom verifiserte kommuner/).waitFor()
    await visit(visitor, '/anskaffelser')
    await visitor.getByRole('link', { name: 'Opprett konto' }).waitFor()
    // The product filter is a name field (no picker of every register product); the server matches the name.
    await visitor.getByRole('textbox', { name: /^Produktnavn/ }).fill(product.name.slice(0, 8).toLowerCase())
    await visitor.getByRole('button', { name: 'Filtrer' }).click()
    await visitor.waitForURL(/produktnavn=/)
    await visitor.getByRole('link', { name: title }).waitFor()
    await checkA11y(visitor)
    // Five viewers and the invitation step: more than the default minute on a shared machine.
  }, 150_000)

  it('Enter in a field saves; Enter in a picker search searches and keeps what was typed', async () => {
    const larvik = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.larvik) })
    await visit(larvik, '/anskaffelser/ny')
    const posted = () => larvik.waitForResponse((r) => r.request().method() === 'POST')

    await larvik.getByLabel('Tittel').fill('Enter-tittel')
    const search = larvik.getByRole('searchbox', { name: 'Finn leverandør' })
    await search.fill('Nordlys')
    await Promise.all([posted(), search.press('Enter')])
    expect(await search.inputValue()).toBe('Nordlys')
    expect(await larvik.getByLabel('Tittel').inputValue()).toBe('Enter-tittel')
    expect(await larvik.getByRole('alert').filter({ hasText: 'Skjemaet har feil' }).count()).toBe(0)

    // Enter in an ordinary field is the save: the form is incomplete, so it answers with its errors.
    await Promise.all([posted(), larvik.getByLabel('Tittel').press('Enter')])
    await larvik.getByRole('alert').filter({ hasText: 'Skjemaet har feil' }).first().waitFor()
    expect(new URL(larvik.url()).pathname).toBe('/anskaffelser/ny')
  })

  it('the lead edits, a participant keeps its own deployment data and a private draft it can delete', async () => {
    const title = `Redigerbar anskaffelse ${Date.now()}`
    const larvik = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.larvik) })
    await visit(larvik, '/anskaffelser/ny')
    await larvik.getByLabel('Tittel').fill(title)
    await larvik.getByLabel('Behov og problem').fill('Medisiner glemmes.')
    await larvik.getByRole('combobox', { name: /^Prosedyre/ }).selectOption('direct_award')
    await pick(larvik, 'Andre deltakende kommuner', 'Bergen', /^4601 Bergen/)
    await larvik.getByRole('button', { name: 'Registrer anskaffelsen' }).click()
    await larvik.getByRole('heading', { level: 1, name: title }).waitFor()
    const url = new URL(larvik.url()).pathname
    await larvik.getByRole('link', { name: 'Rediger anskaffelsen' }).click()
    await larvik.getByRole('heading', { level: 2, name: 'Rediger anskaffelsen' }).waitFor()
    await checkA11y(larvik)
    await larvik.getByLabel('Tittel').fill(`${title} (endret)`)
    await larvik.getByRole('button', { name: 'Lagre endringene' }).click()
    await larvik.getByRole('heading', { level: 1, name: `${title} (endret)` }).waitFor()

    const bergen = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.bergen) })
    await visit(bergen, url)
    // Bergen accepts the invitation on the procurement page itself.
    await bergen.getByRole('button', { name: 'Takk ja', exact: true }).click()
    await bergen.getByRole('status').filter({ hasText: 'Kommunen deltar nå i anskaffelsen.' }).waitFor()
    const own = bergen.getByRole('region', { name: 'Innføringen i Bergen' })
    await own.getByRole('textbox', { name: 'Brukere', exact: true }).fill('250')
    await own.getByRole('button', { name: 'Lagre innføringsdata' }).click()
    await bergen.getByRole('status').filter({ hasText: 'Innføringsdataene er lagret.' }).waitFor()
    expect(await bergen.getByRole('region', { name: 'Innføringen i Larvik' }).count()).toBe(0)
    await bergen.getByRole('link', { name: 'Skriv erfaring' }).click()
    await bergen
      .getByRole('radiogroup', { name: /Helhetsinntrykk/ })
      .getByRole('radio', { name: '2 – dårlig' })
      .check()
    await bergen
      .getByRole('radiogroup', { name: 'Anbefaler dere løsningen?' })
      .getByRole('radio', { name: 'Anbefaler ikke' })
      .check()
    await bergen.getByLabel('Hva var vanskelig').fill('Privat utkast fra Bergen')
    await bergen.getByRole('button', { name: 'Lagre som utkast' }).click()
    await bergen.getByRole('heading', { level: 1, name: 'Utkast til erfaringsrapport' }).waitFor()
    await checkA11y(bergen)
    await visit(larvik, url)
    expect(await larvik.getByText('Privat utkast fra Bergen').count()).toBe(0)
    bergen.once('dialog', (d) => void d.accept())
    await bergen.getByRole('button', { name: /^Slett utkastet Bergen/ }).click()
    await bergen.getByRole('status').filter({ hasText: 'Utkastet er slettet.' }).waitFor()
  })
})
