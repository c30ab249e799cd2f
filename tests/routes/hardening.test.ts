import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { currentTotpCode } from '../../app/utils/totp.server'
import { safeRedirect } from '../../app/utils/forms.server'
import { advanceClock } from '../../app/utils/clock.server'
import { appRequest } from '../helpers/app'
import { cookieFrom, createUser, sessionFor } from '../helpers/accounts'

describe('rate limits hold under parallel requests', () => {
  // Per (account, address) since issue 11: guesses from one address at once get the pair's five free checks.
  it('checks at most five passwords for one account from one address however many arrive at once', async () => {
    const user = await createUser({ role: 'buyer' })
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appRequest('/logg-inn', { form: { email: user.email, password: `feil passord ${i}` }, ip: '10.7.0.1' }),
      ),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20)
    const failures = await getDb()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.sign_in_failed')
      .where('details', 'like', `%${user.email}%`)
      .execute()
    expect(failures.length).toBeLessThanOrEqual(5)
  })

  it('keeps no password typed into the e-mail field in the audit log, which coordinators read', async () => {
    const typed = `Hemmelig-passord-${Date.now()}`
    const response = await appRequest('/logg-inn', { form: { email: typed, password: 'x' }, ip: '10.7.0.9' })
    expect(response.status).toBe(400)
    const kept = await getDb()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.sign_in_failed')
      .where('details', 'like', `%${typed.toLowerCase()}%`)
      .execute()
    expect(kept).toEqual([])
    const limited = await getDb()
      .selectFrom('rate_limit_event')
      .select('key')
      .where('key', 'like', `%${typed.toLowerCase()}%`)
      .execute()
    expect(limited).toEqual([])
    // An address is still kept: failures against one account are what the log is for.
    const user = await createUser({ role: 'buyer' })
    await appRequest('/logg-inn', { form: { email: user.email, password: 'feil' }, ip: '10.7.0.9' })
    const failures = await getDb()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.sign_in_failed')
      .where('details', 'like', `%${user.email}%`)
      .execute()
    expect(failures).toHaveLength(1)
  })

  it('checks at most five second-factor codes however many arrive at once', async () => {
    const user = await createUser({ role: 'admin' })
    const key = new Uint8Array(20).fill(7)
    await getDb()
      .updateTable('user')
      .set({ totp_key: Buffer.from(key), totp_enabled_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute()
    const partial = await sessionFor(user.id, { twoFactorVerified: false })
    const right = currentTotpCode(key)
    const wrong = right === '000000' ? '111111' : '000000'
    const results = await Promise.all(
      Array.from({ length: 20 }, () => appRequest('/logg-inn/tofaktor', { cookie: partial, form: { code: wrong } })),
    )
    expect(results.filter((r) => r.status === 400).length).toBeLessThanOrEqual(5)
    // Locked now: even the right code waits for the window.
    expect((await appRequest('/logg-inn/tofaktor', { cookie: partial, form: { code: right } })).status).toBe(429)
    advanceClock(16 * 60_000)
    const later = currentTotpCode(key)
    expect((await appRequest('/logg-inn/tofaktor', { cookie: partial, form: { code: later } })).status).toBe(302)
  })

  it('does not let the sign-up form test whether addresses are registered without limit', async () => {
    const existing = await createUser({ role: 'buyer' })
    const ip = '10.8.8.8'
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const res = await appRequest('/registrer', {
        ip,
        form: {
          kind: 'municipality',
          municipalityNumber: '3909',
          name: 'Navn Navnesen',
          email: existing.email,
          password: 'et langt nok passord',
          confirmPassword: 'et langt nok passord',
        },
      })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(statuses.slice(5)).toEqual([429, 429])
  })
})

describe('redirects after sign-in stay on this site', () => {
  it('refuses paths a browser would turn into another host', () => {
    for (const evil of [
      '//evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/%09/evil.example'.replace('%09', '\t'),
    ]) {
      expect(safeRedirect(evil), JSON.stringify(evil)).toBe('/')
    }
    expect(safeRedirect('/register?q=alarm#treff')).toBe('/register?q=alarm#treff')
    expect(safeRedirect('/konto')).toBe('/konto')
  })

  it('sends a signed-in user with a tab-smuggled redirectTo home, not away', async () => {
    const user = await createUser({ role: 'buyer' })
    const res = await appRequest('/logg-inn?redirectTo=%2F%09%2Fevil.example', { cookie: await sessionFor(user.id) })
    expect(res.headers.get('location')).toBe('/')
  })
})

describe('malformed cookies are ignored, never a 500', () => {
  it('survives a flash cookie naming an inherited property and a badly encoded language cookie', async () => {
    const flash = encodeURIComponent(JSON.stringify({ key: 'constructor' }))
    expect((await appRequest('/', { cookie: `eb_flash=${flash}` })).status).toBe(200)
    expect((await appRequest('/', { cookie: 'lang=%E0' })).status).toBe(200)
    expect((await appRequest('/', { cookie: 'eb_session=%E0%A4%A' })).status).toBe(200)
  })
})

describe('turning on two-factor', () => {
  it('ends the user’s other sessions', async () => {
    const user = await createUser({ role: 'buyer' })
    const current = await sessionFor(user.id)
    const other = await sessionFor(user.id)
    const page = await (await appRequest('/konto/tofaktor', { cookie: current })).text()
    const encoded = page.match(/name="key" value="([^"]+)"/)![1]!
    const res = await appRequest('/konto/tofaktor', {
      cookie: current,
      form: { key: encoded, code: currentTotpCode(new Uint8Array(Buffer.from(encoded, 'base64'))) },
    })
    expect(res.status).toBe(200)
    expect((await appRequest('/konto', { cookie: current })).status).toBe(200)
    expect((await appRequest('/konto', { cookie: other })).status).toBe(302)
    expect(cookieFrom(res)).toBeUndefined()
  })
})

describe('procurements name only verified suppliers', () => {
  it('refuses a pending or rejected supplier company, whose name would otherwise be published', async () => {
    const { createProcurement } = await import('../../app/models/procurements.server')
    const { procurementInput } = await import('../helpers/experience-fixtures')
    const { createBuyer, createSupplier } = await import('../helpers/register-fixtures')
    const buyer = await createBuyer('3909')
    const pending = await createSupplier('Uverifisert Hemmelig AS', 'pending')
    const verified = await createSupplier('Verifisert AS')
    const refused = await createProcurement(
      buyer.viewer,
      procurementInput({ supplierOrganisationId: String(pending.organisationId) }),
    )
    expect(refused.ok).toBe(false)
    const accepted = await createProcurement(
      buyer.viewer,
      procurementInput({ supplierOrganisationId: String(verified.organisationId) }),
    )
    expect(accepted.ok).toBe(true)
  })
})

describe('absolute links come from PUBLIC_ORIGIN, never from the request', () => {
  // The catalogue and the OCDS feed are public and cacheable (Cache-Control: public): an address taken from the Host
  // header (or X-Forwarded-Host behind a proxy) would be served from a cache to everyone, and the CSV files carry links
  // that users click in Excel. appRequest with an absolute URL is a request whose Host header names that host.
  it('answers a request for another host with the links of our own origin', async () => {
    const { createProcurement } = await import('../../app/models/procurements.server')
    const { procurementInput, must } = await import('../helpers/experience-fixtures')
    const { categoryId, createBuyer, createCoordinator, createSupplier, productInState, productInput } =
      await import('../helpers/register-fixtures')
    const owner = await createSupplier('Vertsnavn AS')
    const coordinator = await createCoordinator()
    const { productId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Vertsnavn Sensor', categoryId: await categoryId('digitalt-tilsyn') }),
      'approved',
    )
    const buyer = await createBuyer('3909')
    const { procurementId } = must(
      await createProcurement(buyer.viewer, procurementInput({ productIds: [String(productId)] })),
    )
    const evil = 'http://evil.example'
    for (const path of [
      '/api/v1/catalog',
      '/api/v1/ocds/releases',
      `/api/v1/ocds/releases/${procurementId}`,
      '/register/eksport',
      '/anskaffelser/eksport',
    ]) {
      const res = await appRequest(`${evil}${path}`, { headers: { 'X-Forwarded-Host': 'evil.example' } })
      expect(res.status, path).toBe(200)
      const body = await res.text()
      expect(body, path).toContain('http://localhost:3000/')
      expect(body, path).not.toContain('evil.example')
    }
  })
})
