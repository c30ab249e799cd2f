import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor()

// The register issue's acceptance flow: supplier → coordinator → visitor, then a new version.
browserDescribe('the national register', (b) => {
  it('a product submitted by a supplier, approved by a coordinator, is found by a visitor by prefix with its rationale', async () => {
    const unique = Date.now().toString(36)
    const name = `Trygghetsklokke ${unique}`
    const rationale = `Alle obligatoriske kriterier er oppfylt; samhandling via SCAIP er testet (${unique}).`

    // Supplier: create the product and submit version 1.0.
    const supplier = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.supplier) })
    await visit(supplier, '/leverandor/produkter/ny')
    await supplier.getByLabel('Produktnavn').fill(name)
    await supplier.getByLabel('Kategori').selectOption({ label: 'Trygghetsalarm og responssenter' })
    await supplier.getByLabel('Kort beskrivelse').fill('Trygghetsalarm som klokke, med fallvarsling.')
    await supplier.getByRole('group', { name: 'Tjenestesteder' }).getByLabel('Hjemmetjenester').check()
    await supplier.getByRole('button', { name: 'Opprett produkt' }).click()
    await supplier.getByRole('heading', { level: 1, name }).waitFor()
    const productPath = new URL(supplier.url()).pathname
    const productId = productPath.split('/').pop()!
    await supplier.getByRole('link', { name: 'Åpne versjon 1.0' }).click()
    await supplier.getByRole('heading', { level: 1, name: `${name}, versjon 1.0` }).waitFor()
    supplier.once('dialog', (d) => void d.accept())
    await supplier.getByRole('button', { name: 'Send til vurdering' }).click()
    await status(supplier, 'Versjon 1.0 er sendt til vurdering.')

    // Coordinator: find it in the queue, start the review, assess every criterion and approve.
    const coordinator = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.coordinator) })
    await visit(coordinator, '/koordinator/vurdering')
    await coordinator.getByRole('link', { name: `Vurder ${name} 1.0` }).click()
    await coordinator.getByRole('heading', { level: 1, name: `Vurdering av ${name} 1.0` }).waitFor()
    await checkA11y(coordinator)
    await coordinator.getByRole('button', { name: 'Start vurderingen' }).click()
    await status(coordinator, 'Vurderingen er startet.')
    for (const criterion of [
      'Teknisk samhandling',
      'Informasjonssikkerhet',
      'Personvern',
      'Dokumentert gevinst i praksis',
      'Universell utforming',
    ]) {
      await coordinator.getByLabel(new RegExp(`^Resultat for ${criterion}`)).selectOption('met')
    }
    await coordinator.getByLabel(/^Resultat for CE-merking/).selectOption('not_applicable')
    await coordinator.getByRole('radio', { name: 'Godkjent', exact: true }).check()
    await coordinator.getByLabel('Begrunnelse (publiseres)').fill(rationale)
    await coordinator.getByRole('button', { name: 'Fatt vedtak' }).click()
    await status(coordinator, 'Vedtaket er registrert.')
    await checkA11y(coordinator)

    // Visitor: a prefix of the name finds it; the page shows the decision and its rationale.
    const visitor = await b.openPage()
    await visit(visitor, '/register')
    await visitor.getByRole('searchbox', { name: 'Søk i registeret' }).fill('trygghetskl')
    await visitor.getByRole('button', { name: 'Søk' }).first().click()
    await visitor.getByRole('link', { name }).click()
    await visitor.getByRole('heading', { level: 1, name }).waitFor()
    await visitor.getByText('Godkjent: versjon 1.0').waitFor()
    await visitor.getByText(rationale).waitFor()
    await checkA11y(visitor)
    await visit(visitor, '/vedtak')
    await visitor.getByText(rationale).waitFor()

    // Supplier adds version 2.0 and submits it: the approval stays with 1.0 and 2.0 shows as not yet assessed.
    await visit(supplier, productPath)
    await supplier.getByLabel('Versjonsnummer').fill('2.0')
    await supplier.getByRole('button', { name: 'Legg til versjon' }).click()
    await supplier.getByRole('heading', { level: 1, name: `${name}, versjon 2.0` }).waitFor()
    supplier.once('dialog', (d) => void d.accept())
    await supplier.getByRole('button', { name: 'Send til vurdering' }).click()
    await status(supplier, 'Versjon 2.0 er sendt til vurdering.')

    await visit(visitor, `/register/${productId}`)
    const approval = visitor.getByTestId('approval-text')
    expect(await approval.innerText()).toContain('Godkjent: versjon 1.0')
    expect(await approval.innerText()).toContain('Versjon 2.0 er ikke vurdert ennå.')
  })
})
