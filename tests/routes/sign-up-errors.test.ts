import { describe, expect, it } from 'vitest'
import { appRequest } from '../helpers/app'

// A sign-up with several fields to fix names all of them in one answer, the password included: the password rules
// (length, common passwords, the address in it) are checked by the model once the schema passes, so an empty form was
// told about the name, the e-mail and the municipality, and about the password only on the next try.

describe('sign-up with several fields to fix', () => {
  it('names the password too when other fields are wrong, and keeps what was typed except the password', async () => {
    const response = await appRequest('/registrer', {
      form: {
        kind: 'municipality',
        name: '',
        email: 'ny.bruker@bodo.kommune.no',
        password: 'kort',
        confirmPassword: '',
      },
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Velg kommunen du jobber i.')
    expect(html).toContain('Skriv navnet ditt (2–100 tegn).')
    expect(html).toContain('Passordet må ha minst 12 tegn.')
    expect(html).toContain('value="ny.bruker@bodo.kommune.no"')
    expect(html).not.toContain('value="kort"')
  })

  it('names a password that does not match its repetition with the other fields', async () => {
    const response = await appRequest('/registrer', {
      form: {
        kind: 'municipality',
        municipalityNumber: '1804',
        name: '',
        email: 'ny.bruker@bodo.kommune.no',
        password: 'et langt nok passord',
        confirmPassword: 'et annet langt passord',
      },
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Skriv navnet ditt (2–100 tegn).')
    expect(html).toContain('Passordene er ikke like.')
  })
})
