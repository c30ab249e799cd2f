import { beforeAll, describe, expect, it } from 'vitest'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest } from '../helpers/app'
import { must, procurementInput, supplierWithProduct } from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator } from '../helpers/register-fixtures'

// The shared pagination (app/components/pagination.tsx): /anskaffelser has hundreds of pages at national scale, so
// besides previous and next it links the first and the last page, in a named navigation landmark that says which page
// one is on. A link to the page one is on is left out.

const PAGE_SIZE = 20
let list: string

beforeAll(async () => {
  const coordinator = await createCoordinator()
  const buyer = await createBuyer('5001')
  const { productId } = await supplierWithProduct('Sidelenker AS', 'Sidelenker Tilsyn', coordinator)
  // Three pages of procurements of one product: a first, a middle and a last page.
  for (let i = 0; i < 2 * PAGE_SIZE + 1; i++)
    must(await createProcurement(buyer.viewer, procurementInput({ title: `Sidelenke ${i}`, productIds: [productId] })))
  list = `/anskaffelser?produkt=${productId}`
})

const decode = (s: string) => s.replaceAll('&amp;', '&')

/** The page's pagination: its landmark's name, the status text, and its links by text. */
async function pagination(path: string) {
  const res = await appRequest(path)
  expect(res.status, path).toBe(200)
  const html = await res.text()
  const navs = [...html.matchAll(/<nav aria-label="([^"]*)" class="pagination">([\s\S]*?)<\/nav>/g)]
  expect(navs, path).toHaveLength(1)
  const [, label, inner] = navs[0]!
  const links = Object.fromEntries(
    [...inner!.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[2]!, decode(m[1]!)]),
  )
  const current = inner!.match(/<p[^>]*aria-current="page"[^>]*>([^<]*)<\/p>/)?.[1]
  return { label, links, current }
}

describe('pagination', () => {
  it('links the next and the last page from the first page, and no first or previous page', async () => {
    const { label, links, current } = await pagination(list)
    expect(label).toBe('Sidenavigasjon')
    expect(current).toBe('Side 1 av 3')
    expect(links).toEqual({ 'Neste side': `${list}&side=2`, 'Siste side': `${list}&side=3` })
  })

  it('links all four from a page in the middle; page 1 is the list without a page parameter', async () => {
    const { links, current } = await pagination(`${list}&side=2`)
    expect(current).toBe('Side 2 av 3')
    expect(links).toEqual({
      'Første side': list,
      'Forrige side': list,
      'Neste side': `${list}&side=3`,
      'Siste side': `${list}&side=3`,
    })
  })

  it('links the first and the previous page from the last page, and no next or last page', async () => {
    const { links, current } = await pagination(`${list}&side=3`)
    expect(current).toBe('Side 3 av 3')
    expect(links).toEqual({ 'Første side': list, 'Forrige side': `${list}&side=2` })
  })
})
