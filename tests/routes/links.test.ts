import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { ROLE_ACCOUNTS, seedDemo } from '../helpers/parity'

// No dead links: whatever page a viewer reaches by following links from the front page, every link on it opens for
// that viewer (an answer, or a redirect to one: a visitor is sent to sign in), in every role of the demo data. A link
// to a page the viewer may not open (a 403) or to nothing (a 404) is a dead end. The crawl visits at most two URLs of
// one shape (digits and query values aside), so it covers every kind of page without walking every product.

const PER_SHAPE = 2
const MAX_PAGES = 250

// The admins' outbox shows the e-mails as sent, with their links: those address the recipient, not the admin.
const LINKS_FOR_SOMEONE_ELSE = /^\/admin\/utboks/

const shapeOf = (path: string) => {
  const url = new URL(path, 'http://x')
  return url.pathname.replace(/\d+/g, ':n') + '?' + [...url.searchParams.keys()].sort().join('&')
}

async function crawl(cookie: string | undefined) {
  const dead: string[] = []
  const seen = new Set<string>()
  const perShape = new Map<string, number>()
  const queue: Array<{ path: string; from: string }> = [{ path: '/', from: '(start)' }]
  let pages = 0
  while (queue.length > 0 && pages < MAX_PAGES) {
    const { path, from } = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    const shape = shapeOf(path)
    if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1)
    const response = await appRequest(path, { cookie })
    pages += 1
    if (response.status >= 400) {
      dead.push(`${response.status} ${path} (linked from ${from})`)
      continue
    }
    const location = response.headers.get('location')
    if (location) {
      if (location.startsWith('/')) queue.push({ path: location, from: path })
      continue
    }
    if (!response.headers.get('content-type')?.startsWith('text/html')) continue
    if (LINKS_FOR_SOMEONE_ELSE.test(path)) continue
    const html = await response.text()
    for (const [, href] of html.matchAll(/<a\b[^>]*\bhref="(\/[^"#]*)/g)) {
      const target = href!.replace(/&amp;/g, '&')
      if (!target.startsWith('/assets/') && !seen.has(target)) queue.push({ path: target, from: path })
    }
  }
  // Shapes still waiting when the cap stopped the crawl: pages it never looked at.
  const unvisited = queue.filter(({ path }) => !seen.has(path) && (perShape.get(shapeOf(path)) ?? 0) < PER_SHAPE)
  return { dead, pages, unvisited: [...new Set(unvisited.map((q) => shapeOf(q.path)))] }
}

beforeAll(seedDemo)

describe('links', () => {
  const viewers = [['visitor', null] as const, ...ROLE_ACCOUNTS]
  it.each(viewers)(
    '%s: every link they can follow opens for them',
    async (_label, email) => {
      let cookie: string | undefined
      if (email) {
        const user = await getDb().selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
        cookie = await sessionFor(user.id)
      }
      const { dead, pages, unvisited } = await crawl(cookie)
      expect(dead).toEqual([])
      expect(unvisited).toEqual([])
      // The crawl reached the role's pages, not just a sign-in form.
      expect(pages).toBeGreaterThan(15)
    },
    120_000,
  )
})
