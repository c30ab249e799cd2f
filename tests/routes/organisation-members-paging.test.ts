import { beforeAll, describe, expect, it } from 'vitest'
import { MEMBERS_PAGE_SIZE } from '../../app/models/verification.server'
import { createUser, sessionFor } from '../helpers/accounts'
import { appRequest } from '../helpers/app'
import { testDb } from '../helpers/db'
import { createBuyer } from '../helpers/register-fixtures'

// The member list of /konto/organisasjon is paged on a key of its own (medlemsside), beside the verification queue's
// `side`: it was one unbounded table, hundreds of rows for a large municipality.

let cookie: string

beforeAll(async () => {
  const buyer = await createBuyer('1804')
  cookie = await sessionFor(buyer.userId)
  // With the buyer, one more member than a page. Names sort in Norwegian order: "Å" after "Z".
  for (let i = 0; i < MEMBERS_PAGE_SIZE - 1; i++)
    await createUser({
      role: 'buyer',
      organisationId: buyer.viewer.organisationId,
      name: `Medlem ${String(i).padStart(2, '0')}`,
      email: `medlem-${String(i).padStart(2, '0')}@bodo.example`,
    })
  await createUser({
    role: 'buyer',
    organisationId: buyer.viewer.organisationId,
    name: 'Åse Sist',
    email: 'medlem-sist@bodo.example',
  })
  // Not a member yet: waits in the queue above the list, not in it.
  await createUser({
    role: 'buyer',
    organisationId: buyer.viewer.organisationId,
    status: 'pending',
    email: 'medlem-venter@bodo.example',
  })
})

const members = (html: string) => new Set(html.match(/medlem-(\d\d|sist|venter)@bodo\.example/g))

async function page(path: string) {
  const response = await appRequest(path, { cookie })
  expect(response.status, path).toBe(200)
  return response.text()
}

describe('the member list of /konto/organisasjon', () => {
  it('shows a page of members in name order, a named navigation to the next and last page, the rest there', async () => {
    const first = await page('/konto/organisasjon')
    // "Medlem 00" to "Medlem 48" and the buyer itself ("Test buyer") fill the page; the pending colleague is in the
    // queue above it.
    expect(members(first)).toEqual(
      new Set([
        ...Array.from({ length: MEMBERS_PAGE_SIZE - 1 }, (_, i) => `medlem-${String(i).padStart(2, '0')}@bodo.example`),
        'medlem-venter@bodo.example',
      ]),
    )
    expect(first).not.toContain('medlem-sist@bodo.example')
    const nav = first.match(/<nav aria-label="Sidenavigasjon: Medlemmer" class="pagination">([\s\S]*?)<\/nav>/)?.[1]
    expect(nav).toContain('Side 1 av 2')
    expect(nav).toMatch(/<a [^>]*href="\/konto\/organisasjon\?medlemsside=2"[^>]*>Siste side<\/a>/)

    const last = await page('/konto/organisasjon?medlemsside=2')
    expect(members(last)).toEqual(new Set(['medlem-sist@bodo.example', 'medlem-venter@bodo.example']))
    expect(last).toContain('Side 2 av 2')
  })

  it('redirects a member page past the end to the last one, keeping the queue page', async () => {
    const past = await appRequest('/konto/organisasjon?medlemsside=9', { cookie })
    expect(past.status).toBe(302)
    expect(past.headers.get('Location')).toBe('/konto/organisasjon?medlemsside=2')
    const both = await appRequest('/konto/organisasjon?side=9&medlemsside=9', { cookie })
    expect(both.headers.get('Location')).toBe('/konto/organisasjon?medlemsside=2')
  })

  it('goes back to the member page a colleague was verified on', async () => {
    const pending = await testDb()
      .selectFrom('user')
      .select('id')
      .where('email', '=', 'medlem-venter@bodo.example')
      .executeTakeFirstOrThrow()
    const decided = await appRequest('/konto/organisasjon?medlemsside=2', {
      cookie,
      form: { intent: 'verifyUser', userId: String(pending.id), name: 'Venter' },
    })
    expect(decided.status).toBe(302)
    expect(decided.headers.get('Location')).toBe('/konto/organisasjon?medlemsside=2')
  })
})
