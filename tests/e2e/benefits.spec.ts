import { expect, it } from 'vitest'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import { createProcurement } from '../../app/models/procurements.server'
import { getViewer } from '../../app/utils/auth.server'
import { SESSION_COOKIE } from '../../app/utils/session.server'
import { must, procurementInput } from '../helpers/experience-fixtures'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { DEMO, sessionTokenFor } from './support/sessions'
import { approvedProductOf } from './support/users'

// Benefit realisation in the browser (docs/domain.md, "Benefit realisation"): Larvik plans a benefit on a pilot that
// went live seven months ago, is refused a realised result before the baseline, records the baseline, sees the
// benefit due under "Min kommune", follows the one link to the measurement form, records a realised measurement, and
// the benefit is no longer due. Every page passes axe.

browserDescribe('benefit records', (b) => {
  it('baseline → due under Min kommune → realised measurement → no longer due', async () => {
    const today = osloDate(new Date())
    const goLive = addMonths(today, -7)
    const product = await approvedProductOf('Nordlys Velferdsteknologi AS')
    const token = await sessionTokenFor(DEMO.larvik)
    const viewer = await getViewer(
      new Request('http://localhost/', { headers: { cookie: `${SESSION_COOKIE}=${token}` } }),
    )
    const title = `Gevinstpilot E2E ${Date.now()}`
    const { procurementId } = must(
      await createProcurement(
        viewer,
        procurementInput({ title, productIds: [String(product.id)], phase: 'pilot', goLiveDate: goLive }),
      ),
    )

    const larvik = await b.openPage({ sessionToken: token })
    await visit(larvik, `/anskaffelser/${procurementId}`)
    await larvik.getByRole('link', { name: 'Gevinster', exact: true }).click()
    await larvik.getByRole('heading', { level: 1, name: 'Gevinster' }).waitFor()
    await checkA11y(larvik)
    const newForm = larvik.getByRole('region', { name: 'Legg til planlagt gevinst' })
    await newForm.getByRole('combobox', { name: 'Indikator' }).selectOption('hours_per_month')
    await newForm.getByRole('combobox', { name: 'Produkt' }).selectOption(String(product.id))
    await newForm.getByRole('textbox', { name: 'Antall brukere eller enheter gevinsten gjelder' }).fill('40')
    await newForm.getByRole('button', { name: 'Lagre gevinsten' }).click()
    await larvik.getByRole('status').filter({ hasText: 'Gevinsten er lagret.' }).waitFor()
    await larvik.getByRole('heading', { level: 1, name: /Timer brukt per måned – Larvik/ }).waitFor()
    const benefitPath = new URL(larvik.url()).pathname
    expect(benefitPath).toMatch(new RegExp(`^/anskaffelser/${procurementId}/gevinster/\\d+$`))
    await checkA11y(larvik)

    // A realised result before the baseline is refused on its field, with what was typed kept.
    const measurement = larvik.getByRole('region', { name: 'Registrer måling' })
    const fillMeasurement = async () => {
      await measurement.getByRole('textbox', { name: 'Verdi (timer per måned)' }).fill('300')
      await measurement.getByLabel('Periode fra').fill(addMonths(today, -1))
      await measurement.getByLabel('Periode til').fill(addDays(today, -1))
      await measurement.getByRole('combobox', { name: /^Status/ }).selectOption('realised')
    }
    await fillMeasurement()
    await measurement.getByRole('button', { name: 'Lagre målingen' }).click()
    await larvik.getByText('En realisert gevinst krever et nullpunkt').waitFor()
    expect(
      await larvik
        .getByRole('region', { name: 'Registrer måling' })
        .getByRole('textbox', { name: 'Verdi (timer per måned)' })
        .inputValue(),
    ).toBe('300')
    await checkA11y(larvik)

    // The baseline.
    const baseline = larvik.getByRole('region', { name: 'Nullpunkt' })
    await baseline.getByRole('textbox', { name: 'Verdi (timer per måned)' }).fill('320')
    await baseline.getByLabel('Periode fra').fill(addMonths(goLive, -3))
    await baseline.getByLabel('Periode til').fill(addDays(goLive, -1))
    await baseline.getByLabel('Om datakvaliteten').fill('Vedtakstimer fra fagsystemet.')
    await baseline.getByRole('button', { name: 'Lagre nullpunktet' }).click()
    await larvik.getByRole('status').filter({ hasText: 'Nullpunktet er lagret.' }).waitFor()

    // Due under "Min kommune", one click from the measurement form.
    await visit(larvik, '/min-kommune')
    const followUp = larvik.getByRole('region', { name: 'Gevinstoppfølging' })
    const link = followUp.getByRole('link', { name: new RegExp(`Registrer måling for .* i ${title}`) })
    expect(await link.count()).toBe(1)
    await link.click()
    await larvik.getByRole('heading', { level: 1, name: /Timer brukt per måned – Larvik/ }).waitFor()
    expect(new URL(larvik.url()).hash).toBe('#ny-maling')
    await fillMeasurement()
    await measurement.getByRole('button', { name: 'Lagre målingen' }).click()
    await larvik.getByRole('status').filter({ hasText: 'Målingen er lagret.' }).waitFor()
    // 20 hours a month fewer: 240 hours a year, 0.14 full-time equivalents.
    await larvik.getByText('240 timer per år · 0,14 årsverk').first().waitFor()
    await checkA11y(larvik)

    await visit(larvik, '/min-kommune')
    await larvik.getByRole('region', { name: 'Gevinstoppfølging' }).waitFor()
    expect(
      await larvik
        .getByRole('region', { name: 'Gevinstoppfølging' })
        .getByRole('link', { name: new RegExp(`Registrer måling for .* i ${title}`) })
        .count(),
    ).toBe(0)
  }, 150_000)
})
