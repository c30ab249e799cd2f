import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { browserDescribe, checkA11y, visit } from './support/browser'
import { linkPath, receivedMail, waitForMail } from './support/mail'
import { DEMO, DEMO_PASSWORD, sessionTokenFor } from './support/sessions'
import { createVerifiedBuyer } from './support/users'

const nav = (page: Page) => page.getByRole('navigation', { name: 'Hovedmeny' })

async function verifyInQueue(coordinator: Page, email: string) {
  await visit(coordinator, '/koordinator')
  const card = coordinator.getByRole('article').filter({ hasText: email }).first()
  await card.getByRole('button', { name: /^Verifiser:/ }).click()
  await coordinator.getByRole('status').filter({ hasText: 'er verifisert' }).waitFor()
  await checkA11y(coordinator)
}

/** Follows the confirmation link that sign-up sent to `email` (before that, nobody can verify the account). */
async function confirmEmailFromMail(page: Page, email: string) {
  const mail = await waitForMail(email, /Bekreft e-postadressen/)
  await visit(page, linkPath(mail, '/registrer/bekreft'))
  await page.getByRole('button', { name: 'Bekreft e-postadressen' }).click()
  await page.getByRole('status').filter({ hasText: 'E-postadressen er bekreftet' }).waitFor()
}

browserDescribe('accounts', (b) => {
  it('signs in through the form with the demo buyer and signs out again', async () => {
    const page = await b.openPage()
    await visit(page, '/logg-inn')
    expect(await page.getByLabel('E-post').getAttribute('autocomplete')).toBe('username')
    expect(await page.getByLabel(/^Passord/).getAttribute('autocomplete')).toBe('current-password')
    await page.getByLabel('E-post').fill(DEMO.larvik)
    await page.getByLabel(/^Passord/).fill('feil passord her')
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await page.getByRole('alert').filter({ hasText: 'Feil e-post eller passord.' }).waitFor()
    expect(await page.getByLabel('E-post').inputValue()).toBe(DEMO.larvik)
    await checkA11y(page)
    await page.getByLabel(/^Passord/).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await nav(page).getByRole('link', { name: 'Min kommune' }).waitFor()
    await nav(page).getByRole('button', { name: 'Logg ut' }).click()
    await page.getByRole('status').filter({ hasText: 'Du er logget ut.' }).waitFor()
    expect(await nav(page).getByRole('link', { name: 'Logg inn' }).count()).toBe(1)
  })

  it('new municipality user: signs up, waits as pending, is verified by a coordinator, then sees buyer navigation', async () => {
    const page = await b.openPage()
    await visit(page, '/registrer')
    await page.getByRole('radio', { name: 'en kommune' }).check()
    await page.getByRole('combobox', { name: 'Kommune' }).fill('Bodø')
    await page.getByRole('option', { name: /Bodø/ }).click()
    await page.getByLabel('Fullt navn').fill('Berit Bodø')
    const email = `berit.${Date.now()}@bodo.kommune.no`
    await page.getByLabel('Jobb-e-post').fill(email)
    await page.getByLabel(/^Passord/).fill('kort')
    await page.getByLabel('Gjenta passordet').fill('kort')
    await page.getByRole('button', { name: 'Opprett konto' }).click()
    await page.getByText('Passordet må ha minst 12 tegn.').waitFor()
    expect(await page.getByLabel('Jobb-e-post').inputValue()).toBe(email)
    await checkA11y(page)
    await page.getByLabel(/^Passord/).fill('nordlys over saltstraumen')
    await page.getByLabel('Gjenta passordet').fill('nordlys over saltstraumen')
    await page.getByRole('button', { name: 'Opprett konto' }).click()
    await page.getByText('Venter på verifisering').first().waitFor()
    expect(await nav(page).getByRole('link', { name: 'Min kommune' }).count()).toBe(0)
    await checkA11y(page)
    await confirmEmailFromMail(page, email)

    const coordinator = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.coordinator) })
    await visit(coordinator, '/koordinator')
    const card = coordinator.getByRole('article').filter({ hasText: email }).first()
    expect(await card.getByText('E-posten er på kommunens eget domene').count()).toBe(1)
    await verifyInQueue(coordinator, email)

    await page.reload()
    await nav(page).getByRole('link', { name: 'Min kommune' }).waitFor()
    expect(await page.getByText('Venter på verifisering').count()).toBe(0)
    await visit(page, '/konto/organisasjon')
    await page.getByRole('heading', { level: 1, name: 'Bodø kommune' }).waitFor()
  })

  it('new supplier: a wrong organisation number is explained, then the company waits until a coordinator verifies it', async () => {
    const page = await b.openPage()
    await visit(page, '/registrer')
    await page.getByRole('radio', { name: 'en leverandørbedrift' }).check()
    await page.getByLabel('Bedriftens navn').fill('Solgløtt Sensor AS')
    await page.getByLabel('Organisasjonsnummer').fill('315 200 681')
    await page.getByLabel('Fullt navn').fill('Sara Solgløtt')
    const email = `sara.${Date.now()}@solglott.example`
    await page.getByLabel('Jobb-e-post').fill(email)
    await page.getByLabel(/^Passord/).fill('solgløtt sensor passord')
    await page.getByLabel('Gjenta passordet').fill('solgløtt sensor passord')
    await page.getByRole('button', { name: 'Opprett konto' }).click()
    await page.getByText('kontrollsifferet stemmer ikke').waitFor()
    expect(await page.getByLabel('Bedriftens navn').inputValue()).toBe('Solgløtt Sensor AS')
    await page.getByLabel('Organisasjonsnummer').fill('315 200 687')
    await page.getByLabel(/^Passord/).fill('solgløtt sensor passord')
    await page.getByLabel('Gjenta passordet').fill('solgløtt sensor passord')
    await page.getByRole('button', { name: 'Opprett konto' }).click()
    await page.getByText('Venter på verifisering').first().waitFor()
    await confirmEmailFromMail(page, email)

    const coordinator = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.coordinator) })
    await verifyInQueue(coordinator, email)
    await page.reload()
    await nav(page).getByRole('link', { name: 'Min bedrift' }).waitFor()
  })

  it('shows the account page, two-factor enrolment, audit log and user admin without accessibility problems', async () => {
    const buyer = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.bergen) })
    await visit(buyer, '/konto')
    await buyer.getByRole('heading', { name: 'Aktive økter' }).waitFor()
    await visit(buyer, '/konto/tofaktor')
    expect(await buyer.getByRole('img', { name: /QR-kode/ }).count()).toBe(1)
    const admin = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.admin) })
    await visit(admin, '/koordinator/revisjon')
    await visit(admin, '/koordinator/revisjon?hendelse=auth.sign_in')
    await visit(admin, '/admin')
    await admin.getByLabel('Søk etter navn, e-post eller organisasjon').fill('koordinator@demo')
    await admin.getByRole('button', { name: 'Søk' }).click()
    await admin.getByRole('cell', { name: DEMO.coordinator }).waitFor()
    await checkA11y(admin)
  })

  it('shows the account tools (issue 11) without accessibility problems', async () => {
    const admin = await b.openPage({ sessionToken: await sessionTokenFor(DEMO.admin) })
    await visit(admin, '/koordinator/brukere')
    await admin.getByRole('heading', { name: 'Brukerkontoer' }).waitFor()
    expect(await admin.getByRole('button', { name: /^Deaktiver:/ }).count()).toBeGreaterThan(0)
  })

  it('works without JavaScript: signing up and signing in are plain form posts', async () => {
    const page = await b.openPage({ javaScript: false })
    await visit(page, '/registrer')
    await page.getByRole('radio', { name: 'en kommune' }).check()
    await page.getByRole('combobox', { name: 'Kommune' }).selectOption({ label: '3909 Larvik (Vestfold)' })
    await page.getByLabel('Fullt navn').fill('Nils Nojs')
    const email = `nils.${Date.now()}@larvik.kommune.no`
    await page.getByLabel('Jobb-e-post').fill(email)
    await page.getByLabel(/^Passord/).fill('uten javascript går det fint')
    await page.getByLabel('Gjenta passordet').fill('uten javascript går det fint')
    await page.getByRole('button', { name: 'Opprett konto' }).click()
    await page.getByText('Venter på verifisering').first().waitFor()
  })

  it('forgot password: the link arrives by e-mail, sets a new password once, and ends the old sessions', async () => {
    const email = await createVerifiedBuyer('1103', `glemsk.${Date.now()}@stavanger.kommune.no`, 'Gunn Glemsk')
    const before = receivedMail().length
    const oldSession = await b.openPage({ sessionToken: await sessionTokenFor(email) })
    await visit(oldSession, '/konto')
    await oldSession.getByRole('heading', { level: 1, name: 'Min konto' }).waitFor()

    const page = await b.openPage()
    await visit(page, '/logg-inn')
    await page.getByRole('link', { name: 'Glemt passord?' }).click()
    await page.getByRole('heading', { level: 1, name: 'Glemt passord?' }).waitFor()
    await checkA11y(page)
    await page.getByLabel('E-post').fill(email)
    await page.getByRole('button', { name: 'Send lenke' }).click()
    await page.getByRole('status').filter({ hasText: 'Hvis adressen hører til en konto' }).waitFor()

    const mail = await waitForMail(email, /Nytt passord/, { after: before })
    expect(mail.text).toContain('Hei Gunn Glemsk,')
    expect(mail.html).toContain('Sett nytt passord</a>')
    const link = linkPath(mail, '/logg-inn/nytt-passord')
    await visit(page, link)
    await page.getByRole('heading', { level: 1, name: 'Sett nytt passord' }).waitFor()
    await checkA11y(page)
    await page.getByLabel(/^Nytt passord/).fill('vår i stavanger kommer sent')
    await page.getByLabel('Gjenta det nye passordet').fill('vår i stavanger kommer sent')
    await page.getByRole('button', { name: 'Sett nytt passord' }).click()
    await page.getByRole('status').filter({ hasText: 'Passordet er endret' }).waitFor()

    // The session from before the reset is gone.
    await oldSession.reload()
    await oldSession.waitForURL(/\/logg-inn/)

    // The same link does not work twice.
    await visit(page, link)
    await page.getByRole('alert').filter({ hasText: 'Lenken er ugyldig, utløpt eller allerede brukt.' }).waitFor()
    expect(await page.getByLabel(/^Nytt passord/).count()).toBe(0)

    // The new password signs in.
    await visit(page, '/logg-inn')
    await page.getByLabel('E-post').fill(email)
    await page.getByLabel(/^Passord/).fill('vår i stavanger kommer sent')
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await nav(page).getByRole('link', { name: 'Min kommune' }).waitFor()
  })
})
