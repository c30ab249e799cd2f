import { afterEach, describe, expect, it } from 'vitest'
import { resetEnvCache } from '../../app/utils/env.server'
import { cookieFrom } from '../helpers/accounts'
import { appRequest } from '../helpers/app'

// In demo mode without a mail server every message stays in the admins' outbox. A new user of the demo signed up and
// was told a confirmation link had been sent, or asked for a new password and was told the same, and waited for mail
// that never came: the pages that promise an e-mail now say where it is (README, "E-mail").

const HINT = 'Demo: e-post sendes ikke ut, men legges i utboksen.'

afterEach(() => {
  delete process.env.SMTP_URL
  resetEnvCache()
})

async function signUp(email: string) {
  const response = await appRequest('/registrer', {
    form: {
      kind: 'municipality',
      municipalityNumber: '1804',
      name: 'Demo Tester',
      email,
      password: 'et langt nok passord',
      confirmPassword: 'et langt nok passord',
    },
  })
  expect(response.status).toBe(302)
  return cookieFrom(response)!
}

describe('demo mode without a mail server', () => {
  it('says where the confirmation link is after sign-up, and where the reset link will be', async () => {
    const cookie = await signUp('demo.tester@bodo.kommune.no')
    const home = await (await appRequest('/', { cookie })).text()
    expect(home).toContain('Bekreft e-postadressen din')
    expect(home).toContain(HINT)
    expect(await (await appRequest('/logg-inn/glemt')).text()).toContain(HINT)
    expect(await (await appRequest('/logg-inn/glemt?lang=en')).text()).toContain(
      'Demo: e-mail is not sent but kept in the outbox.',
    )
  })

  it('says nothing of the kind when mail is sent', async () => {
    process.env.SMTP_URL = 'smtp://localhost:2525'
    resetEnvCache()
    const cookie = await signUp('demo.tester2@bodo.kommune.no')
    const home = await (await appRequest('/', { cookie })).text()
    expect(home).toContain('Bekreft e-postadressen din')
    expect(home).not.toContain(HINT)
    expect(await (await appRequest('/logg-inn/glemt')).text()).not.toContain(HINT)
  })
})
