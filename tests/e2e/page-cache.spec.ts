import { createHash } from 'node:crypto'
import http from 'node:http'
import { availableParallelism } from 'node:os'
import { describe, expect, inject, it } from 'vitest'
import { e2eDb } from './support/database'
import { criterionForm } from './support/forms'
import { DEMO, DEMO_PASSWORD, sessionTokenFor } from './support/sessions'

// The public page cache over real HTTP (server/page-cache.ts, docs/decisions/016-public-page-cache.md): a visitor gets
// the stored page; a write through a real action, or by another process, shows at once; signed-in viewers are never
// answered from it and their pages never reach it; languages do not mix; stored pages name their scripts by hash.

const base = () => inject('baseURL')
const visit = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base()}${path}`, { headers: { 'accept-encoding': 'gzip', ...headers }, redirect: 'manual' })

// The server runs a worker per core (server.ts), each with its own store; a request on a new connection may reach a
// worker that has not stored the page yet, and a write by another test file drops every store. Asked a few rounds of
// once more than there are workers, one must answer from its store; a cache that never stores fails.
async function stored(path: string) {
  const round = availableParallelism() + 1
  let res = await visit(path)
  for (let i = 1; i < 4 * round && res.headers.get('x-page-cache') !== 'hit'; i++) {
    await res.text()
    res = await visit(path)
  }
  expect(res.headers.get('x-page-cache'), path).toBe('hit')
  return res
}

describe('public page cache', () => {
  it('answers a visitor from the stored page, with a CSP naming the hash of every inline script', async () => {
    const res = await stored('/kriterier')
    const html = await res.text()
    expect(html).toContain('<h1')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).not.toContain("'nonce-")
    expect(csp).toContain("frame-ancestors 'none'")
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\ssrc=/.test(m[1]!))
    expect(inline.length).toBeGreaterThan(0)
    for (const [, , content] of inline) {
      expect(csp).toContain(`'sha256-${createHash('sha256').update(content!).digest('base64')}'`)
    }
    expect(html).not.toMatch(/nonce="[^"]+"/)
    // The same for the page's `.data` (client navigation).
    expect((await stored('/kriterier.data')).headers.get('content-type')).toMatch(/text\/x-script/)
  })

  it('shows a write through a real action to the next visitor', async () => {
    const cookie = `eb_session=${await sessionTokenFor(DEMO.coordinator)}`
    await stored('/kriterier')
    const name = `Universell utforming ${Date.now()}`
    const saved = await fetch(`${base()}/koordinator/kriterier`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base(), cookie },
      body: criterionForm(name),
      redirect: 'manual',
    })
    expect(saved.status).toBe(302)
    const after = await visit('/kriterier')
    expect(after.headers.get('x-page-cache')).toBe('miss')
    expect(await after.text()).toContain(name)
  })

  it('keeps the stored page through writes no public page reads: a sign-in and signed-in page views', async () => {
    // One kept-alive connection reaches one worker: its store is the one watched.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const pinned = (path: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        http
          .get(`${base()}${path}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
            res.resume()
            res.on('end', () => resolve(res.headers['x-page-cache'] as string | undefined))
          })
          .on('error', reject)
      })
    let state = await pinned('/kriterier')
    for (let i = 0; i < 3 && state !== 'hit'; i++) state = await pinned('/kriterier')
    expect(state).toBe('hit')
    // A sign-in through the real form (a session, the audit log, the throttle's record) and a signed-in page view that
    // slides the session's expiry (written at most once a minute: the session is made to look a minute old).
    const signIn = await fetch(`${base()}/logg-inn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base() },
      body: new URLSearchParams({ email: DEMO.larvik, password: DEMO_PASSWORD }),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(302)
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect(cookie).toMatch(/^eb_session=/)
    const seen = '2000-01-01T00:00:00.000Z'
    await e2eDb()
      .updateTable('session')
      .set({ last_seen_at: seen })
      .where('user_id', 'in', (eb) => eb.selectFrom('user').select('user.id').where('user.email', '=', DEMO.larvik))
      .execute()
    expect((await visit('/anskaffelser', { cookie })).status).toBe(200)
    const touched = await e2eDb()
      .selectFrom('session')
      .select('last_seen_at')
      .where('user_id', 'in', (eb) => eb.selectFrom('user').select('user.id').where('user.email', '=', DEMO.larvik))
      .execute()
    expect(touched.some((s) => s.last_seen_at !== seen)).toBe(true)
    expect(await pinned('/kriterier')).toBe('hit')
    agent.destroy()
  })

  it('shows a write by another process (a command-line script) to the next visitor', async () => {
    await stored('/kriterier')
    const name = `Universell utforming fra skript ${Date.now()}`
    // Another connection to the database file, as a script would open it.
    await e2eDb()
      .updateTable('assessment_criterion')
      .set({ name_nb: name })
      .where('code', '=', 'universal_design')
      .execute()
    expect(await (await visit('/kriterier')).text()).toContain(name)
  })

  it('never answers a signed-in viewer from the cache, and never stores what a signed-in viewer saw', async () => {
    const cookie = `eb_session=${await sessionTokenFor(DEMO.coordinator)}`
    await stored('/register')
    const signedIn = await visit('/register', { cookie })
    expect(signedIn.headers.get('x-page-cache')).toBeNull()
    expect(signedIn.headers.get('content-security-policy')).toMatch(/'nonce-[^']+'/)
    const signedInHtml = await signedIn.text()
    expect(signedInHtml).toContain('/logg-ut')
    // An expired or forged session cookie is rendered for itself too, never from or into the cache.
    expect((await visit('/register', { cookie: 'eb_session=expired' })).headers.get('x-page-cache')).toBeNull()
    // A visitor after them: a fresh render or the visitors' page, never the signed-in one. (A write by another
    // process first, so that the visitors' stored page is gone and the signed-in render could have taken its place.)
    await e2eDb()
      .updateTable('assessment_criterion')
      .set({ name_nb: `Universell utforming ${Date.now()}` })
      .where('code', '=', 'universal_design')
      .execute()
    const rendered = await visit('/register', { cookie })
    await rendered.text()
    const visitor = await visit('/register')
    expect(visitor.headers.get('x-page-cache')).toBe('miss')
    expect(await visitor.text()).not.toContain('/logg-ut')
  })

  it('keeps the languages apart: ?lang=en is not stored, and an English page is not served in bokmål', async () => {
    const english = await visit('/kriterier?lang=en')
    expect(english.headers.get('x-page-cache')).toBeNull()
    expect(english.headers.get('set-cookie')).toContain('lang=en')
    expect(await english.text()).toContain('<html lang="en"')
    const englishStored = await stored('/kriterier')
      .then(() => visit('/kriterier', { cookie: 'lang=en' }))
      .then((r) => r.text())
    expect(englishStored).toContain('<html lang="en"')
    const bokmal = await visit('/kriterier')
    expect(bokmal.headers.get('x-page-cache')).toBe('hit')
    expect(await bokmal.text()).toContain('<html lang="nb"')
  })
})
