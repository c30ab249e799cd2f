import { beforeAll, describe, expect, it } from 'vitest'
import { QUEUE_MEMBERS_PAGE_SIZE, QUEUE_ORGANISATIONS_PAGE_SIZE } from '../../app/models/verification.server'
import { appRequest } from '../helpers/app'
import { createOrganisation, createUser, sessionFor } from '../helpers/accounts'
import { createCoordinator } from '../helpers/register-fixtures'

// Sign-up is open to anyone, so the coordinators' verification queue is paged: each of its two lists (new
// organisations with their people, new people of verified organisations) shows a page, oldest first, with links to
// the next; a page past the end shows the last one. A verified member's page of pending colleagues is paged too.

const ORGANISATIONS = QUEUE_ORGANISATIONS_PAGE_SIZE + 2
const MEMBERS = QUEUE_MEMBERS_PAGE_SIZE + 3
let coordinatorCookie: string
let colleagueCookie: string

beforeAll(async () => {
  coordinatorCookie = await sessionFor((await createCoordinator()).userId)
  for (let i = 1; i <= ORGANISATIONS; i++) {
    const org = await createOrganisation('supplier', { name: `Ny leverandør ${i} AS`, status: 'pending' })
    await createUser({ role: 'supplier', organisationId: org, status: 'pending', name: `Grunnlegger ${i}` })
  }
  const municipality = await createOrganisation('municipality', { municipalityNumber: '3905' })
  colleagueCookie = await sessionFor((await createUser({ role: 'buyer', organisationId: municipality })).id)
  for (let i = 1; i <= MEMBERS; i++)
    await createUser({ role: 'buyer', organisationId: municipality, status: 'pending', name: `Kollega ${i}` })
})

const page = async (path: string, cookie = coordinatorCookie) => {
  const response = await appRequest(path, { cookie })
  expect(response.status).toBe(200)
  return response.text()
}
const shown = (html: string, prefix: string) =>
  [...html.matchAll(new RegExp(`${prefix} (\\d+)\\b`, 'g'))].map((m) => Number(m[1]))
const unique = (numbers: number[]) => [...new Set(numbers)]
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('the verification queue', () => {
  it('shows a page of each list, oldest first, and the rest on the next pages', async () => {
    const first = await page('/koordinator')
    expect(unique(shown(first, 'Ny leverandør'))).toEqual(range(1, QUEUE_ORGANISATIONS_PAGE_SIZE))
    expect(unique(shown(first, 'Kollega'))).toEqual(range(1, QUEUE_MEMBERS_PAGE_SIZE))
    expect(first).toContain('side=2')
    expect(first).toContain('medlemsside=2')

    const organisations2 = await page('/koordinator?side=2')
    expect(unique(shown(organisations2, 'Ny leverandør'))).toEqual(
      range(QUEUE_ORGANISATIONS_PAGE_SIZE + 1, ORGANISATIONS),
    )
    expect(unique(shown(organisations2, 'Grunnlegger'))).toEqual(
      range(QUEUE_ORGANISATIONS_PAGE_SIZE + 1, ORGANISATIONS),
    )
    const members2 = await page('/koordinator?medlemsside=2')
    expect(unique(shown(members2, 'Kollega'))).toEqual(range(QUEUE_MEMBERS_PAGE_SIZE + 1, MEMBERS))
  })

  it('shows the last page for a page past the end, and the first for nonsense', async () => {
    const past = await page('/koordinator?side=99&medlemsside=99')
    expect(unique(shown(past, 'Ny leverandør'))).toEqual(range(QUEUE_ORGANISATIONS_PAGE_SIZE + 1, ORGANISATIONS))
    expect(unique(shown(past, 'Kollega'))).toEqual(range(QUEUE_MEMBERS_PAGE_SIZE + 1, MEMBERS))
    const nonsense = await page('/koordinator?side=abc&medlemsside=-1')
    expect(unique(shown(nonsense, 'Ny leverandør'))).toEqual(range(1, QUEUE_ORGANISATIONS_PAGE_SIZE))
  })

  it("pages a verified member's pending colleagues", async () => {
    const first = await page('/konto/organisasjon', colleagueCookie)
    expect(unique(shown(first, 'Kollega'))).toEqual(range(1, QUEUE_MEMBERS_PAGE_SIZE))
    const second = await page('/konto/organisasjon?side=2', colleagueCookie)
    expect(unique(shown(second, 'Kollega'))).toEqual(range(QUEUE_MEMBERS_PAGE_SIZE + 1, MEMBERS))
  })
})
