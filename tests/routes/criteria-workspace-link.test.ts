import { beforeAll, describe, expect, it } from 'vitest'
import { sessionFor } from '../helpers/accounts'
import { appRequest } from '../helpers/app'
import { createBuyer, createCoordinator, createSupplier } from '../helpers/register-fixtures'

// The criteria page ends with a link to the supplier workspace. A buyer or a coordinator following it got the
// "Ingen tilgang" page: it is linked only for a supplier, and for a visitor, who is asked to sign in first.

const LINK = 'href="/leverandor"'
const cookies: Record<string, string> = {}

beforeAll(async () => {
  cookies.buyer = await sessionFor((await createBuyer('4601')).userId)
  cookies.coordinator = await sessionFor((await createCoordinator()).userId)
  cookies.supplier = await sessionFor((await createSupplier('Kriterielenke AS')).userId)
})

// The page's main content (a supplier's menu links the workspace too).
const page = async (cookie?: string) => {
  const html = await (await appRequest('/kriterier', { cookie })).text()
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'))
}

describe('the criteria page', () => {
  it('links the supplier workspace for a supplier and a visitor, and names it without a link for anyone else', async () => {
    expect(await page()).toContain(LINK)
    expect(await page(cookies.supplier)).toContain(LINK)
    for (const role of ['buyer', 'coordinator']) {
      const html = await page(cookies[role])
      expect(html, role).not.toContain(LINK)
      expect(html, role).toContain('leverandørområdet')
    }
  })
})
