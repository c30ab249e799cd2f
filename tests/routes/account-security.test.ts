import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { resetEnvCache } from '../../app/utils/env.server'
import { currentTotpCode } from '../../app/utils/totp.server'
import { appRequest, dataUrl } from '../helpers/app'
import { cookieFrom, createUser, sessionFor, TEST_PASSWORD } from '../helpers/accounts'

// Issue 11, deliverables 4 and 6: step-up, session renewal, no-store, the Secure flag, and the account tools of
// coordinators and admins (docs/decisions/015-sign-in-throttling.md).

afterEach(() => {
  resetClock()
  delete process.env.PUBLIC_ORIGIN
  delete process.env.PRIVACY_CONTROLLER
  resetEnvCache()
})

const MINUTE = 60_000
const signIn = (email: string, password: string, ip = '10.20.0.1') =>
  appRequest('/logg-inn', { form: { email, password }, ip })

async function enrolmentKey(cookie: string) {
  const page = await (await appRequest('/konto/tofaktor', { cookie })).text()
  const encoded = page.match(/name="key" value="([^"]+)"/)![1]!
  return { encoded, page, code: () => currentTotpCode(new Uint8Array(Buffer.from(encoded, 'base64'))) }
}

const twoFactorOn = async (userId: number) =>
  (await getDb().selectFrom('user').select('totp_enabled_at').where('id', '=', userId).executeTakeFirstOrThrow())
    .totp_enabled_at !== null

describe('step-up', () => {
  it('refuses to turn on two-factor without a recent password, and accepts it with the password typed again', async () => {
    const user = await createUser({ role: 'buyer' })
    const stolen = await sessionFor(user.id)
    advanceClock(10 * MINUTE) // the session is alive (30 idle minutes), but its password was proved 10 minutes ago
    const { encoded, page, code } = await enrolmentKey(stolen)
    expect(page).toContain('name="stepUpSecret"')

    const without = await appRequest('/konto/tofaktor', { cookie: stolen, form: { key: encoded, code: code() } })
    expect(without.status).toBe(400)
    expect(await without.text()).toContain('Bekreft at det er deg')
    expect(await twoFactorOn(user.id)).toBe(false)

    const wrong = await appRequest('/konto/tofaktor', {
      cookie: stolen,
      form: { key: encoded, code: code(), stepUpSecret: 'et gjettet passord' },
    })
    expect(wrong.status).toBe(400)
    expect(await twoFactorOn(user.id)).toBe(false)

    const right = await appRequest('/konto/tofaktor', {
      cookie: stolen,
      form: { key: encoded, code: code(), stepUpSecret: TEST_PASSWORD },
    })
    expect(right.status).toBe(200)
    expect(await twoFactorOn(user.id)).toBe(true)
    const actions = await getDb()
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(user.id))
      .where('action', 'like', 'auth.step_up%')
      .execute()
    expect(actions.map((a) => a.action).sort()).toEqual(['auth.step_up', 'auth.step_up_failed'])
  })

  it('needs no password again right after sign-in, and stores the step-up on the session', async () => {
    const user = await createUser({ role: 'buyer' })
    const cookie = cookieFrom(await signIn(user.email, TEST_PASSWORD))!
    const { encoded, page, code } = await enrolmentKey(cookie)
    expect(page).not.toContain('name="stepUpSecret"')
    expect((await appRequest('/konto/tofaktor', { cookie, form: { key: encoded, code: code() } })).status).toBe(200)
    const row = await getDb()
      .selectFrom('session')
      .select('reauthenticated_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.reauthenticated_at).not.toBeNull()
  })

  it('limits guesses of the password through the step-up', async () => {
    const user = await createUser({ role: 'buyer' })
    const cookie = await sessionFor(user.id)
    advanceClock(10 * MINUTE)
    const { encoded, code } = await enrolmentKey(cookie)
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const res = await appRequest('/konto/tofaktor', {
        cookie,
        form: { key: encoded, code: code(), stepUpSecret: `gjetning nummer ${i}` },
      })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(statuses.slice(5)).toEqual([429, 429])
  })

  it('asks an admin for the password again before changing a role', async () => {
    const admin = await createUser({ role: 'admin' })
    const coordinator = await createUser({ role: 'coordinator' })
    const cookie = await sessionFor(admin.id)
    advanceClock(6 * MINUTE)
    const roleOf = async () =>
      (await getDb().selectFrom('user').select('role').where('id', '=', coordinator.id).executeTakeFirstOrThrow()).role
    const change = { intent: 'changeRole', userId: String(coordinator.id), role: 'admin' }
    const refused = await appRequest('/admin', { cookie, form: change })
    expect(refused.status).toBe(400)
    expect(await roleOf()).toBe('coordinator')
    expect(
      (await appRequest('/admin', { cookie, form: { intent: 'stepUp', stepUpSecret: TEST_PASSWORD } })).status,
    ).toBe(302)
    expect((await appRequest('/admin', { cookie, form: change })).status).toBe(302)
    expect(await roleOf()).toBe('admin')
    advanceClock(6 * MINUTE) // the step-up has run out again
    const again = await appRequest('/admin', { cookie, form: { ...change, role: 'coordinator' } })
    expect(again.status).toBe(400)
    expect(await roleOf()).toBe('admin')
  })

  it('asks an admin for the password again before creating a staff account', async () => {
    const admin = await createUser({ role: 'admin' })
    const cookie = await sessionFor(admin.id)
    advanceClock(6 * MINUTE) // a stolen session: alive, but its password was proved 6 minutes ago
    const email = `ny.koordinator.${admin.id}@example.org`
    const created = async () =>
      (await getDb().selectFrom('user').select('id').where('email', '=', email).executeTakeFirst()) !== undefined
    const create = { intent: 'createCoordinator', name: 'Ny Koordinator', email, password: 'et langt nytt passord 42' }
    const refused = await appRequest('/admin', { cookie, form: create })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Bekreft at det er deg')
    expect(await created()).toBe(false)
    expect(
      (await appRequest('/admin', { cookie, form: { intent: 'stepUp', stepUpSecret: TEST_PASSWORD } })).status,
    ).toBe(302)
    expect((await appRequest('/admin', { cookie, form: create })).status).toBe(302)
    expect(await created()).toBe(true)
  })
})

describe('sessions and responses', () => {
  it('marks signed-in responses no-store, documents and .data alike, and leaves public pages to visitors cacheable', async () => {
    const user = await createUser({ role: 'buyer' })
    const cookie = await sessionFor(user.id)
    expect((await appRequest('/konto', { cookie })).headers.get('cache-control')).toBe('no-store')
    expect((await appRequest(dataUrl('/konto'), { cookie })).headers.get('cache-control')).toBe('no-store')
    expect((await appRequest('/register', { cookie })).headers.get('cache-control')).toBe('no-store')
    expect((await appRequest('/register')).headers.get('cache-control')).not.toBe('no-store')
  })

  it('sets the cookie’s Secure flag from PUBLIC_ORIGIN, not from the Host the client sends', async () => {
    const user = await createUser({ role: 'buyer' })
    const session = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('eb_session='))!
    // No PUBLIC_ORIGIN: the protocol the server sees. Another Host (the request URL's host comes from it) does not
    // change it.
    // (No Origin header: React Router checks it against the URL's host; server.ts does the CSRF check itself.)
    const plain = await appRequest('http://erfaringsbanken.example/logg-inn', {
      form: { email: user.email, password: TEST_PASSWORD },
      sameOrigin: false,
    })
    expect(plain.status, await plain.clone().text()).toBe(302)
    expect(session(plain)).not.toMatch(/Secure/)
    process.env.PUBLIC_ORIGIN = 'https://erfaringsbanken.example'
    resetEnvCache()
    const secure = await signIn(user.email, TEST_PASSWORD)
    expect(session(secure)).toMatch(/; Secure/)
    const out = await appRequest('/logg-ut', { cookie: cookieFrom(secure)!, form: {} })
    expect(session(out)).toMatch(/Max-Age=0; Secure/)
  })
})

describe('account tools', () => {
  const tools = (cookie: string, form: Record<string, string>) => appRequest('/koordinator/brukere', { cookie, form })

  it('a deactivated user’s open session stops working on the next request, and sign-in is refused', async () => {
    const coordinator = await createUser({ role: 'coordinator' })
    const buyer = await createUser({ role: 'buyer' })
    const open = await sessionFor(buyer.id)
    expect((await appRequest('/konto', { cookie: open })).status).toBe(200)
    const staff = await sessionFor(coordinator.id)
    const res = await tools(staff, { intent: 'deactivate', userId: String(buyer.id) })
    expect(res.status).toBe(302)
    const next = await appRequest('/konto', { cookie: open })
    expect(next.status).toBe(302)
    expect(next.headers.get('location')).toMatch(/^\/logg-inn/)
    expect(await getDb().selectFrom('session').select('id').where('user_id', '=', buyer.id).execute()).toEqual([])
    const again = await signIn(buyer.email, TEST_PASSWORD)
    expect(again.status).toBe(400)
    expect(cookieFrom(again)).toBeUndefined()
    expect(await again.text()).toContain('Kontoen er deaktivert')

    expect((await tools(staff, { intent: 'reactivate', userId: String(buyer.id) })).status).toBe(302)
    expect((await signIn(buyer.email, TEST_PASSWORD)).status).toBe(302)
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('target_id', '=', String(buyer.id))
      .where('action', 'like', 'admin.user_%')
      .execute()
    expect(audit).toEqual([
      { action: 'admin.user_deactivated', actor_user_id: coordinator.id },
      { action: 'admin.user_reactivated', actor_user_id: coordinator.id },
    ])
  })

  it('a session that slipped past the deactivation stops on its next request', async () => {
    const buyer = await createUser({ role: 'buyer' })
    const open = await sessionFor(buyer.id)
    await getDb()
      .updateTable('user')
      .set({ deactivated_at: new Date().toISOString() })
      .where('id', '=', buyer.id)
      .execute()
    expect((await appRequest('/konto', { cookie: open })).status).toBe(302)
  })

  it('needs a step-up, and lets coordinators act on buyers and suppliers only, never on themselves', async () => {
    const coordinator = await createUser({ role: 'coordinator' })
    const admin = await createUser({ role: 'admin' })
    const supplier = await createUser({ role: 'supplier' })
    const staff = await sessionFor(coordinator.id)
    expect((await tools(staff, { intent: 'deactivate', userId: String(admin.id) })).status).toBe(403)
    expect((await tools(staff, { intent: 'deactivate', userId: String(coordinator.id) })).status).toBe(403)
    advanceClock(6 * MINUTE)
    const stale = await tools(staff, { intent: 'deactivate', userId: String(supplier.id) })
    expect(stale.status).toBe(400)
    const deactivated = async () =>
      (
        await getDb()
          .selectFrom('user')
          .select('deactivated_at')
          .where('id', '=', supplier.id)
          .executeTakeFirstOrThrow()
      ).deactivated_at
    expect(await deactivated()).toBeNull()
    expect((await tools(staff, { intent: 'stepUp', stepUpSecret: TEST_PASSWORD })).status).toBe(302)
    expect((await tools(staff, { intent: 'deactivate', userId: String(supplier.id) })).status).toBe(302)
    expect(await deactivated()).not.toBeNull()
    // An admin may act on staff.
    const adminCookie = await sessionFor(admin.id)
    expect((await tools(adminCookie, { intent: 'deactivate', userId: String(coordinator.id) })).status).toBe(302)
    expect((await appRequest('/koordinator/brukere', { cookie: staff })).status).toBe(302)
  })

  it('resets a user’s two-factor sign-in with a step-up, ending the sessions, audited', async () => {
    const admin = await createUser({ role: 'admin' })
    const buyer = await createUser({ role: 'buyer' })
    const own = await sessionFor(buyer.id)
    const { encoded, code } = await enrolmentKey(own)
    expect((await appRequest('/konto/tofaktor', { cookie: own, form: { key: encoded, code: code() } })).status).toBe(
      200,
    )
    expect(await twoFactorOn(buyer.id)).toBe(true)
    const cookie = await sessionFor(admin.id)
    advanceClock(6 * MINUTE)
    expect((await tools(cookie, { intent: 'resetTwoFactor', userId: String(buyer.id) })).status).toBe(400)
    expect(await twoFactorOn(buyer.id)).toBe(true)
    expect((await tools(cookie, { intent: 'stepUp', stepUpSecret: TEST_PASSWORD })).status).toBe(302)
    expect((await tools(cookie, { intent: 'resetTwoFactor', userId: String(buyer.id) })).status).toBe(302)
    expect(await twoFactorOn(buyer.id)).toBe(false)
    expect(await getDb().selectFrom('recovery_code').select('id').where('user_id', '=', buyer.id).execute()).toEqual([])
    expect((await appRequest('/konto', { cookie: own })).status).toBe(302)
    const entry = await getDb()
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'admin.two_factor_reset')
      .where('target_id', '=', String(buyer.id))
      .executeTakeFirstOrThrow()
    expect(entry.actor_user_id).toBe(admin.id)
    // Signs in with the password alone now.
    expect((await signIn(buyer.email, TEST_PASSWORD)).headers.get('location')).toBe('/')
  })
})

describe('personal data download', () => {
  it('gives a signed-in user their own data as JSON, and nobody else’s', async () => {
    const me = await createUser({ role: 'buyer', name: 'Meg Selv' })
    const other = await createUser({ role: 'buyer', name: 'Annen Person' })
    await sessionFor(other.id)
    const cookie = cookieFrom(await signIn(me.email, TEST_PASSWORD, '10.44.0.1'))!
    await signIn(other.email, 'feil passord her', '10.44.0.2')
    const res = await appRequest('/konto/mine-data', { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="erfaringsbanken-mine-data-/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    const data = JSON.parse(text)
    expect(data.account).toMatchObject({ id: me.id, email: me.email, name: 'Meg Selv' })
    expect(data.sessions.some((s: { ip: string; current: boolean }) => s.ip === '10.44.0.1' && s.current)).toBe(true)
    expect(data.auditLog.some((e: { action: string }) => e.action === 'auth.sign_in')).toBe(true)
    expect(text).not.toContain(other.email)
    expect(text).not.toContain('Annen Person')
    expect(text).not.toContain('10.44.0.2')
    expect(text).not.toContain('password_hash')
    expect(text).not.toContain('$argon2')
    expect((await appRequest('/konto/mine-data')).status).toBe(302)
  })
})

describe('privacy statement', () => {
  it('names the configured controller and the legal basis for each kind of data', async () => {
    process.env.PRIVACY_CONTROLLER = 'Testdirektoratet for velferdsteknologi'
    resetEnvCache()
    const html = await (await appRequest('/personvern')).text()
    expect(html).toContain('Behandlingsansvarlig for personopplysningene i Erfaringsbanken er Testdirektoratet')
    expect(html).toContain('Rettslig grunnlag')
    expect(html).toContain('artikkel 6 nr. 1 bokstav e')
    expect(html).not.toContain('{controller}')
    expect(html).not.toContain('{contact}')
  })
})
