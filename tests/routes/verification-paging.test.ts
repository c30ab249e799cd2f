import { beforeAll, describe, expect, it } from 'vitest'
import { VERIFICATION_PAGE_SIZE } from '../../app/models/verification.server'
import { createUser, sessionFor } from '../helpers/accounts'
import { appRequest } from '../helpers/app'
import { testDb } from '../helpers/db'
import { createBuyer, createCoordinator } from '../helpers/register-fixtures'

// The verification queue is paged (25 people a page, oldest first), on the coordinators' page and on a verified
// colleague's: it was one unbounded page, a card with two forms per pending person (about 170 people and 900 kB at
// ten times national size).

const PENDING = VERIFICATION_PAGE_SIZE + 1
let coordinatorCookie: string
let colleagueCookie: string

beforeAll(async () => {
  coordinatorCookie = await sessionFor((await createCoordinator()).userId)
  const colleague = await createBuyer('1103')
  colleagueCookie = await sessionFor(colleague.userId)
  for (let i = 0; i < PENDING; i++) {
    await createUser({
      role: 'buyer',
      organisationId: colleague.viewer.organisationId,
      status: 'pending',
      email: `venter-${String(i).padStart(2, '0')}@stavanger.example`,
    })
  }
})

const page = async (path: string, cookie: string) => {
  const response = await appRequest(path, { cookie })
  expect(response.status, path).toBe(200)
  const html = await response.text()
  return { people: new Set(html.match(/venter-\d\d@stavanger\.example/g)).size, html }
}

describe('the verification queue', () => {
  it('shows a page of pending people with a link to the next, and the rest on the last page', async () => {
    for (const [path, cookie] of [
      ['/koordinator', coordinatorCookie],
      ['/konto/organisasjon', colleagueCookie],
    ] as const) {
      const first = await page(path, cookie)
      expect(first.people, path).toBe(VERIFICATION_PAGE_SIZE)
      expect(first.html).toContain('venter-00@stavanger.example')
      expect(first.html).toContain('Side 1 av 2')
      const last = await page(`${path}?side=2`, cookie)
      expect(last.people, path).toBe(1)
      expect(last.html).toContain(`venter-${PENDING - 1}@stavanger.example`)
      // Its forms post to the page's own address, so a decision comes back to this page.
      expect(last.html).toContain(`action="${path}?side=2"`)
      const past = await appRequest(`${path}?side=9`, { cookie })
      expect(past.status).toBe(302)
      expect(past.headers.get('Location')).toBe(`${path}?side=2`)
    }
  })

  it('goes back to the page the decision was made on, and to the last page when that page is emptied', async () => {
    const last = await testDb()
      .selectFrom('user')
      .select('id')
      .where('email', '=', `venter-${PENDING - 1}@stavanger.example`)
      .executeTakeFirstOrThrow()
    const decided = await appRequest('/koordinator?side=2', {
      cookie: coordinatorCookie,
      form: { intent: 'verifyUser', userId: String(last.id), name: 'Venter' },
    })
    expect(decided.status).toBe(302)
    expect(decided.headers.get('Location')).toBe('/koordinator?side=2')
    // Page 2 is empty now: the queue's last page is the first.
    const emptied = await appRequest('/koordinator?side=2', { cookie: coordinatorCookie })
    expect(emptied.status).toBe(302)
    expect(emptied.headers.get('Location')).toBe('/koordinator')
  })
})
