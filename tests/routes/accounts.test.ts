import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { resetEnvCache } from '../../app/utils/env.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { currentTotpCode } from '../../app/utils/totp.server'
import { sessionIdFromToken } from '../../app/utils/session.server'
import { appRequest, dataUrl } from '../helpers/app'
import { cookieFrom, createUser, sessionFor, TEST_PASSWORD } from '../helpers/accounts'

afterEach(() => {
  resetClock()
  delete process.env.DEMO
  resetEnvCache()
})

const signIn = (email: string, password: string, ip = '10.0.0.1') =>
  appRequest('/logg-inn', { form: { email, password }, ip })

describe('sign-up', () => {
  it('creates a pending municipality user and organisation, signs them in and shows the pending notice', async () => {
    const res = await appRequest('/registrer', {
      form: {
        kind: 'municipality',
        municipalityNumber: '1804',
        name: 'Ola Nordmann',
        email: 'Ola@Bodo.Kommune.no',
        password: 'et langt nok passord',
        confirmPassword: 'et langt nok passord',
      },
    })
    expect(res.status).toBe(302)
    const cookie = cookieFrom(res)!
    expect(cookie).toBeTruthy()
    const user = await getDb()
      .selectFrom('user')
      .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
      .select(['user.status', 'user.role', 'user.email', 'organisation.status as orgStatus', 'organisation.name'])
      .where('user.email', '=', 'ola@bodo.kommune.no')
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({ status: 'pending', role: 'buyer', orgStatus: 'pending', name: 'Bodø kommune' })
    const home = await appRequest('/', { cookie })
    expect(await home.text()).toContain('Venter på verifisering')
    // A pending account is a visitor for everything else.
    expect((await appRequest('/konto/organisasjon', { cookie })).status).toBe(403)
  })

  it('rejects a wrong organisation number with a message saying what is wrong, keeping the typed input', async () => {
    const res = await appRequest('/registrer', {
      form: {
        kind: 'supplier',
        companyName: 'Test AS',
        orgNumber: '315 200 009',
        name: 'Siri Selger',
        email: 'siri@test.example',
        password: 'et langt nok passord',
        confirmPassword: 'et langt nok passord',
      },
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('kontrollsifferet stemmer ikke')
    expect(html).toContain('value="siri@test.example"')
    expect(html).toContain('value="Test AS"')
    expect(html).not.toContain('et langt nok passord')
    const short = await appRequest('/registrer', {
      form: {
        kind: 'supplier',
        companyName: 'Test AS',
        orgNumber: '12345',
        name: 'Siri',
        email: 's@t.example',
        password: 'x',
        confirmPassword: 'x',
      },
    })
    expect(await short.text()).toContain('nøyaktig ni sifre')
    expect(
      await getDb().selectFrom('user').select('id').where('email', '=', 'siri@test.example').executeTakeFirst(),
    ).toBeUndefined()
  })

  it('refuses a municipality number that does not exist', async () => {
    const res = await appRequest('/registrer', {
      ip: '10.4.4.4',
      form: {
        kind: 'municipality',
        municipalityNumber: '9999',
        name: 'Navn Navnesen',
        email: 'ingen@kommune.example',
        password: 'et langt nok passord',
        confirmPassword: 'et langt nok passord',
      },
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Velg kommunen du jobber i.')
  })

  it('lets the second person from a company join the existing organisation', async () => {
    const form = (email: string) => ({
      kind: 'supplier',
      companyName: 'Samme AS',
      orgNumber: '315200687',
      name: 'Navn Navnesen',
      email,
      password: 'et langt nok passord',
      confirmPassword: 'et langt nok passord',
    })
    expect((await appRequest('/registrer', { form: form('a@samme.example'), ip: '10.1.0.1' })).status).toBe(302)
    expect((await appRequest('/registrer', { form: form('b@samme.example'), ip: '10.1.0.2' })).status).toBe(302)
    const orgs = await getDb().selectFrom('organisation').select('id').where('org_number', '=', '315200687').execute()
    expect(orgs).toHaveLength(1)
  })

  it('refuses common and short passwords and a taken e-mail', async () => {
    const base = { kind: 'municipality', municipalityNumber: '3909', name: 'Kari Nordmann' }
    const common = await appRequest('/registrer', {
      form: { ...base, email: 'k1@test.example', password: 'qwerty123456', confirmPassword: 'qwerty123456' },
    })
    expect(await common.text()).toContain('for vanlig')
    const short = await appRequest('/registrer', {
      form: { ...base, email: 'k2@test.example', password: 'kort', confirmPassword: 'kort' },
    })
    expect(await short.text()).toContain('minst 12 tegn')
    const existing = await createUser({ role: 'buyer' })
    const taken = await appRequest('/registrer', {
      form: {
        ...base,
        email: existing.email,
        password: 'et langt nok passord',
        confirmPassword: 'et langt nok passord',
      },
    })
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('finnes allerede en konto')
  })

  it('limits sign-ups per address', async () => {
    const ip = '10.9.9.9'
    for (let i = 0; i < 5; i++) {
      const res = await appRequest('/registrer', {
        ip,
        form: {
          kind: 'municipality',
          municipalityNumber: '3909',
          name: 'Navn Navnesen',
          email: `n${i}@limit.example`,
          password: 'et langt nok passord',
          confirmPassword: 'et langt nok passord',
        },
      })
      expect(res.status).toBe(302)
    }
    const sixth = await appRequest('/registrer', {
      ip,
      form: {
        kind: 'municipality',
        municipalityNumber: '3909',
        name: 'Navn Navnesen',
        email: 'n6@limit.example',
        password: 'et langt nok passord',
        confirmPassword: 'et langt nok passord',
      },
    })
    expect(sixth.status).toBe(429)
    expect(await sixth.text()).toMatch(/Prøv igjen om \d+ minutter/)
  })
})

describe('sign-in', () => {
  it('signs in with the right password, storing only the SHA-256 of the token', async () => {
    const user = await createUser({ role: 'buyer' })
    const res = await signIn(user.email.toUpperCase(), TEST_PASSWORD)
    expect(res.status).toBe(302)
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('eb_session='))!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    const token = setCookie.split(';')[0]!.split('=')[1]!
    expect(token.length).toBeGreaterThanOrEqual(32) // 25 random bytes in base32
    const rows = await getDb().selectFrom('session').select('id').where('user_id', '=', user.id).execute()
    expect(rows.map((r) => r.id)).toEqual([sessionIdFromToken(token)])
    expect(rows[0]!.id).not.toContain(token)
  })

  it('gives the same message for an unknown e-mail and a wrong password', async () => {
    const user = await createUser({ role: 'buyer' })
    const wrong = await (await signIn(user.email, 'feil passord her')).text()
    const unknown = await (await signIn('ingen@test.example', 'feil passord her')).text()
    expect(wrong).toContain('Feil e-post eller passord.')
    expect(unknown).toContain('Feil e-post eller passord.')
  })

  // Issue 11: failures slow down the pair (account, address) with growing delays; nothing locks the account for
  // everyone (docs/decisions/015-sign-in-throttling.md).
  it(
    '30 wrong passwords from one address do not stop the owner signing in from another address',
    { timeout: 90_000 },
    async () => {
      const user = await createUser({ role: 'buyer' })
      const attacker = '10.2.0.1'
      const statuses: number[] = []
      for (let i = 0; i < 30; i++)
        statuses.push((await signIn(user.email, 'feil passord nummer ' + i, attacker)).status)
      // Five are checked; then the pair waits (429) instead of guessing on.
      expect(statuses.filter((s) => s === 400)).toHaveLength(5)
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true)
      // The guessing address waits, even with the right password ...
      const blocked = await signIn(user.email, TEST_PASSWORD, attacker)
      expect(blocked.status).toBe(429)
      expect(cookieFrom(blocked)).toBeUndefined()
      expect(await blocked.text()).toMatch(/For mange mislykkede forsøk\. Prøv igjen om 1 minutt\b/)
      // ... the owner elsewhere does not.
      const owner = await signIn(user.email, TEST_PASSWORD, '10.2.0.99')
      expect(owner.status).toBe(302)
      expect(cookieFrom(owner)).toBeDefined()
      // A patient guesser who waits out every delay gets its guesses checked, and the owner still signs in.
      for (let i = 0; i < 25; i++) {
        advanceClock(15 * 60_000 + 1_000)
        expect((await signIn(user.email, 'tålmodig gjetning ' + i, attacker)).status).toBe(400)
      }
      expect((await signIn(user.email, TEST_PASSWORD, '10.2.0.98')).status).toBe(302)
      const audit = await getDb()
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['auth.sign_in_failed', 'auth.sign_in_blocked'])
        .where('details', 'like', `%${user.email}%`)
        .execute()
      expect(audit.filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(30)
      expect(audit.some((a) => a.action === 'auth.sign_in_blocked')).toBe(true)
    },
  )

  it('makes a guessing pair wait longer after each failure past the fifth, then lets the right password in', async () => {
    const user = await createUser({ role: 'buyer' })
    const ip = '10.2.1.1'
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `feil passord ${i}`, ip)).status).toBe(400)
    expect((await signIn(user.email, 'feil passord 5', ip)).status).toBe(429) // 30 s after the fifth
    advanceClock(31_000)
    expect((await signIn(user.email, 'feil passord 6', ip)).status).toBe(400)
    advanceClock(31_000)
    expect((await signIn(user.email, TEST_PASSWORD, ip)).status).toBe(429) // now 60 s
    advanceClock(30_000)
    expect((await signIn(user.email, TEST_PASSWORD, ip)).status).toBe(302)
    // Success clears the pair: the next mistake is free again.
    expect((await signIn(user.email, 'feil passord 7', ip)).status).toBe(400)
  })

  it('limits failures per address across accounts, counting only that address', async () => {
    const ip = '10.3.3.3'
    for (let i = 0; i < 5; i++) await signIn(`nobody${i}@test.example`, 'feil passord her', ip)
    // 95 more failures from that address in the same window (recorded as the app records them, to keep this quick).
    const at = new Date().toISOString()
    await getDb()
      .insertInto('rate_limit_event')
      .values(Array.from({ length: 95 }, () => ({ key: `ip:${ip}`, created_at: at })))
      .execute()
    const user = await createUser({ role: 'buyer' })
    expect((await signIn(user.email, TEST_PASSWORD, ip)).status).toBe(429)
    expect((await signIn(user.email, TEST_PASSWORD, '10.3.3.4')).status).toBe(302)
  })

  it('only redirects to paths on this site after sign-in', async () => {
    const user = await createUser({ role: 'buyer' })
    const evil = await appRequest('/logg-inn', {
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: '//evil.example/x' },
    })
    expect(evil.headers.get('location')).toBe('/')
    const good = await appRequest('/logg-inn', {
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: '/konto' },
    })
    expect(good.headers.get('location')).toBe('/konto')
  })
})

describe('sessions', () => {
  it('stops a stolen cookie from working after the owner changes the password', async () => {
    const user = await createUser({ role: 'buyer' })
    const owner = await sessionFor(user.id)
    const thief = await sessionFor(user.id)
    expect((await appRequest('/konto', { cookie: thief })).status).toBe(200)
    const res = await appRequest('/konto', {
      cookie: owner,
      form: {
        intent: 'password',
        currentPassword: TEST_PASSWORD,
        newPassword: 'et helt nytt passord',
        confirmPassword: 'et helt nytt passord',
      },
    })
    expect(res.status).toBe(302)
    const fresh = cookieFrom(res)!
    const stolen = await appRequest('/konto', { cookie: thief })
    expect(stolen.status).toBe(302)
    expect(stolen.headers.get('location')).toMatch(/^\/logg-inn/)
    expect((await appRequest('/konto', { cookie: owner })).status).toBe(302)
    expect((await appRequest('/konto', { cookie: fresh })).status).toBe(200)
    expect((await signIn(user.email, 'et helt nytt passord')).status).toBe(302)
  })

  it('expires after 30 idle minutes, and slides while in use', async () => {
    const user = await createUser({ role: 'buyer' })
    const cookie = await sessionFor(user.id)
    advanceClock(20 * 60_000)
    expect((await appRequest('/konto', { cookie })).status).toBe(200)
    advanceClock(20 * 60_000) // 40 minutes after sign-in, 20 after the last use
    expect((await appRequest('/konto', { cookie })).status).toBe(200)
    advanceClock(31 * 60_000)
    expect((await appRequest('/konto', { cookie })).status).toBe(302)
    expect(await getDb().selectFrom('session').select('id').where('user_id', '=', user.id).execute()).toEqual([])
  })

  it('expires 12 hours after sign-in however active', async () => {
    const user = await createUser({ role: 'buyer' })
    const cookie = await sessionFor(user.id)
    for (let i = 0; i < 24; i++) {
      advanceClock(29 * 60_000)
      const res = await appRequest(dataUrl('/konto'), { cookie })
      if (i < 24 && 29 * (i + 1) < 12 * 60) expect(res.status, `after ${29 * (i + 1)} min`).toBe(200)
    }
    advanceClock(29 * 60_000) // 12 h 5 min
    expect((await appRequest('/konto', { cookie })).status).toBe(302)
  })

  it('signs out with POST only and ends the session', async () => {
    const user = await createUser({ role: 'buyer' })
    const cookie = await sessionFor(user.id)
    expect((await appRequest('/logg-ut', { cookie })).status).toBe(302) // GET: just a redirect home
    expect((await appRequest('/konto', { cookie })).status).toBe(200)
    const out = await appRequest('/logg-ut', { cookie, method: 'POST', form: {} })
    expect(out.status).toBe(302)
    expect(out.headers.getSetCookie().some((c) => c.startsWith('eb_session=;') && c.includes('Max-Age=0'))).toBe(true)
    expect((await appRequest('/konto', { cookie })).status).toBe(302)
  })

  it('signs out everywhere', async () => {
    const user = await createUser({ role: 'buyer' })
    const a = await sessionFor(user.id)
    const b = await sessionFor(user.id)
    expect((await appRequest('/konto', { cookie: a, form: { intent: 'signOutEverywhere' } })).status).toBe(302)
    expect((await appRequest('/konto', { cookie: a })).status).toBe(302)
    expect((await appRequest('/konto', { cookie: b })).status).toBe(302)
  })
})

describe('two-factor', () => {
  async function enrol(userId: number, cookie: string) {
    const page = await appRequest('/konto/tofaktor', { cookie })
    expect(page.status).toBe(200)
    const encoded = (await page.text()).match(/name="key" value="([^"]+)"/)![1]!
    const key = Buffer.from(encoded, 'base64')
    expect(
      (await getDb().selectFrom('user').select('totp_key').where('id', '=', userId).executeTakeFirstOrThrow()).totp_key,
    ).toBeNull()
    const wrong = await appRequest('/konto/tofaktor', {
      cookie,
      form: { key: encoded, code: '000000' === currentTotpCode(new Uint8Array(key)) ? '111111' : '000000' },
    })
    expect(wrong.status).toBe(400)
    const res = await appRequest('/konto/tofaktor', {
      cookie,
      form: { key: encoded, code: currentTotpCode(new Uint8Array(key)) },
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    const codes = [...html.matchAll(/>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</g)].map((m) => m[1]!)
    expect(codes).toHaveLength(10)
    return { key: new Uint8Array(key), codes }
  }

  it('asks for a code after the password, accepts a code once and refuses it the second time', async () => {
    const user = await createUser({ role: 'buyer' })
    const { key } = await enrol(user.id, await sessionFor(user.id))
    advanceClock(30_000) // the enrolment used the current step; move to the next one
    const first = await signIn(user.email, TEST_PASSWORD)
    expect(first.headers.get('location')).toMatch(/^\/logg-inn\/tofaktor/)
    const partial = cookieFrom(first)!
    expect((await appRequest('/konto', { cookie: partial })).status).toBe(302) // not signed in yet
    const code = currentTotpCode(key)
    const done = await appRequest('/logg-inn/tofaktor', { cookie: partial, form: { code } })
    expect(done.status).toBe(302)
    // The session is renewed after the second factor: a new token, and the one from before the code is dead.
    const signedIn = cookieFrom(done)!
    expect(signedIn).not.toBe(partial)
    expect((await appRequest('/konto', { cookie: signedIn })).status).toBe(200)
    expect((await appRequest('/konto', { cookie: partial })).status).toBe(302)

    const second = cookieFrom(await signIn(user.email, TEST_PASSWORD))!
    const reused = await appRequest('/logg-inn/tofaktor', { cookie: second, form: { code } })
    expect(reused.status).toBe(400)
    expect(await reused.text()).toContain('allerede brukt')
    expect((await appRequest('/konto', { cookie: second })).status).toBe(302)
  })

  it('accepts each recovery code once', async () => {
    const user = await createUser({ role: 'supplier' })
    const { codes } = await enrol(user.id, await sessionFor(user.id))
    const a = cookieFrom(await signIn(user.email, TEST_PASSWORD))!
    expect(
      (await appRequest('/logg-inn/tofaktor', { cookie: a, form: { code: codes[0]!.toLowerCase() } })).status,
    ).toBe(302)
    const b = cookieFrom(await signIn(user.email, TEST_PASSWORD))!
    expect((await appRequest('/logg-inn/tofaktor', { cookie: b, form: { code: codes[0]! } })).status).toBe(400)
  })

  it('forces coordinators to enrol outside demo mode', async () => {
    process.env.DEMO = '0'
    resetEnvCache()
    const coordinator = await createUser({ role: 'coordinator' })
    const cookie = await sessionFor(coordinator.id)
    const res = await appRequest('/koordinator', { cookie })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/konto/tofaktor')
    expect((await appRequest(dataUrl('/koordinator'), { cookie })).status).not.toBe(200)
    expect((await appRequest('/konto/tofaktor', { cookie })).status).toBe(200)
  })
})

describe('verification', () => {
  it('a coordinator verifies a pending member, who then gets buyer access; the decision is audited', async () => {
    const coordinator = await createUser({ role: 'coordinator' })
    const pending = await createUser({ role: 'buyer', municipalityNumber: '3911', status: 'pending' })
    await getDb()
      .updateTable('organisation')
      .set({ status: 'pending' })
      .where('id', '=', pending.organisationId)
      .execute()
    const coordinatorCookie = await sessionFor(coordinator.id)
    const queue = await appRequest('/koordinator', { cookie: coordinatorCookie })
    expect(await queue.text()).toContain(pending.email)
    const res = await appRequest('/koordinator', {
      cookie: coordinatorCookie,
      form: { intent: 'verifyUser', userId: String(pending.id), name: 'Test' },
    })
    expect(res.status).toBe(302)
    const pendingCookie = await sessionFor(pending.id)
    expect((await appRequest('/konto/organisasjon', { cookie: pendingCookie })).status).toBe(200)
    const org = await getDb()
      .selectFrom('organisation')
      .select('status')
      .where('id', '=', pending.organisationId)
      .executeTakeFirstOrThrow()
    expect(org.status).toBe('verified')
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('target_id', '=', String(pending.id))
      .where('action', '=', 'verification.user_verified')
      .execute()
    expect(audit).toEqual([{ action: 'verification.user_verified', actor_user_id: coordinator.id }])
  })

  it('rejecting needs a reason, which the person then sees', async () => {
    const coordinator = await createUser({ role: 'coordinator' })
    const pending = await createUser({ role: 'supplier', status: 'pending' })
    const cookie = await sessionFor(coordinator.id)
    const noReason = await appRequest('/koordinator', {
      cookie,
      form: { intent: 'rejectUser', userId: String(pending.id), reason: '' },
    })
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Skriv en begrunnelse')
    await appRequest('/koordinator', {
      cookie,
      form: { intent: 'rejectUser', userId: String(pending.id), reason: 'Ukjent bedrift i Enhetsregisteret' },
    })
    const page = await appRequest('/', { cookie: await sessionFor(pending.id) })
    expect(await page.text()).toContain('Ukjent bedrift i Enhetsregisteret')
    const again = await appRequest('/koordinator', {
      cookie,
      form: { intent: 'verifyUser', userId: String(pending.id) },
    })
    expect(again.status).toBe(409)
  })

  it('a verified member verifies a colleague, but not someone in another organisation', async () => {
    const member = await createUser({ role: 'buyer', municipalityNumber: '3909' })
    const colleague = await createUser({ role: 'buyer', municipalityNumber: '3909', status: 'pending' })
    const stranger = await createUser({ role: 'buyer', municipalityNumber: '4601', status: 'pending' })
    const cookie = await sessionFor(member.id)
    const page = await appRequest('/konto/organisasjon', { cookie })
    const html = await page.text()
    expect(html).toContain(colleague.email)
    expect(html).not.toContain(stranger.email)
    expect(
      (await appRequest('/konto/organisasjon', { cookie, form: { intent: 'verifyUser', userId: String(stranger.id) } }))
        .status,
    ).toBe(403)
    expect(
      (
        await appRequest('/konto/organisasjon', {
          cookie,
          form: { intent: 'verifyUser', userId: String(colleague.id) },
        })
      ).status,
    ).toBe(302)
    const row = await getDb()
      .selectFrom('user')
      .select('status')
      .where('id', '=', colleague.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('verified')
    // Organisations are the coordinators' decision.
    expect(
      (
        await appRequest('/konto/organisasjon', {
          cookie,
          form: { intent: 'verifyOrganisation', organisationId: String(member.organisationId) },
        })
      ).status,
    ).toBe(403)
  })
})

describe('staff accounts', () => {
  it('are never verified through the queue, not even by an admin', async () => {
    const admin = await createUser({ role: 'admin' })
    const pendingStaff = await createUser({ role: 'coordinator', status: 'pending' })
    const cookie = await sessionFor(admin.id)
    expect(await (await appRequest('/koordinator', { cookie })).text()).not.toContain(pendingStaff.email)
    const res = await appRequest('/koordinator', {
      cookie,
      form: { intent: 'verifyUser', userId: String(pendingStaff.id) },
    })
    expect(res.status).toBe(403)
    const row = await getDb()
      .selectFrom('user')
      .select('status')
      .where('id', '=', pendingStaff.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
  })
})

describe('audit log', () => {
  it('cannot be changed or deleted', async () => {
    const db = getDb()
    await db.insertInto('audit_log').values({ action: 'auth.sign_in' }).execute()
    await expect(db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
  })

  it('is filtered by event for coordinators and closed to buyers', async () => {
    const coordinator = await createUser({ role: 'coordinator' })
    const buyer = await createUser({ role: 'buyer' })
    await signIn(buyer.email, 'feil passord her')
    const cookie = await sessionFor(coordinator.id)
    const filtered = await appRequest('/koordinator/revisjon?hendelse=auth.sign_in_failed', { cookie })
    const html = await filtered.text()
    // The log reads as sentences (issue 10); each row names its event for machines in data-event.
    const shown = [...html.matchAll(/data-event="([a-z_.]+)"/g)].map((m) => m[1])
    expect(html).toContain('Mislykket innlogging')
    expect(shown.length).toBeGreaterThan(0)
    expect(new Set(shown)).toEqual(new Set(['auth.sign_in_failed']))
    expect((await appRequest('/koordinator/revisjon', { cookie: await sessionFor(buyer.id) })).status).toBe(403)
  })
})

describe('admin', () => {
  it('creates coordinators; coordinators cannot', async () => {
    const admin = await createUser({ role: 'admin' })
    const form = {
      intent: 'createCoordinator',
      name: 'Nora Ny',
      email: 'nora@koordinering.example',
      password: 'et langt nok passord',
    }
    const coordinator = await createUser({ role: 'coordinator' })
    expect((await appRequest('/admin', { cookie: await sessionFor(coordinator.id), form })).status).toBe(403)
    expect((await appRequest('/admin', { cookie: await sessionFor(admin.id), form })).status).toBe(302)
    const row = await getDb()
      .selectFrom('user')
      .select(['role', 'status'])
      .where('email', '=', 'nora@koordinering.example')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ role: 'coordinator', status: 'verified' })
  })

  it('changes another staff member’s role, never their own, and no buyer’s', async () => {
    const admin = await createUser({ role: 'admin' })
    const coordinator = await createUser({ role: 'coordinator' })
    const buyer = await createUser({ role: 'buyer' })
    const cookie = await sessionFor(admin.id)
    const change = (userId: number, role: string) =>
      appRequest('/admin', { cookie, form: { intent: 'changeRole', userId: String(userId), role } })
    expect((await change(coordinator.id, 'admin')).status).toBe(302)
    expect((await change(admin.id, 'coordinator')).status).toBe(403)
    expect((await change(buyer.id, 'admin')).status).toBe(400)
    const roles = await getDb()
      .selectFrom('user')
      .select(['id', 'role'])
      .where('id', 'in', [admin.id, coordinator.id, buyer.id])
      .orderBy('id')
      .execute()
    expect(roles).toEqual([
      { id: admin.id, role: 'admin' },
      { id: coordinator.id, role: 'admin' },
      { id: buyer.id, role: 'buyer' },
    ])
  })
})
