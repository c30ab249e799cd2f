import { beforeAll, describe, expect, it } from 'vitest'
import { createProcurement } from '../../app/models/procurements.server'
import { createUser, sessionFor } from '../helpers/accounts'
import { appRequest, dataUrl } from '../helpers/app'
import { must, procurementInput, supplierWithProduct } from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// A page past the end of a paged list (an old link or bookmark, items removed since, a typed number) redirects to the
// list's last page, keeping the other parameters, on every paged page (app/utils/params.ts, redirectPastLastPage).
// Before, /vedtak?side=999 answered "Ingen vedtak er publisert ennå" with a link to page 998, and /register?side=999
// "Ingen løsninger passer søket", although both lists had items.

const USERS_PAGE_SIZE = 50

let buyer: Actor
let buyerCookie: string
let coordinatorCookie: string
let adminCookie: string
let supplierCookie: string
let productId: number
let procurementId: number

beforeAll(async () => {
  const coordinator = await createCoordinator()
  coordinatorCookie = await sessionFor(coordinator.userId)
  adminCookie = await sessionFor((await createCoordinator('admin')).userId)
  buyer = await createBuyer('4601')
  buyerCookie = await sessionFor(buyer.userId)
  const { supplier, productId: id } = await supplierWithProduct('Sidetall AS', 'Sidetall Tilsyn', coordinator)
  productId = id
  supplierCookie = await sessionFor(supplier.userId)
  procurementId = must(
    await createProcurement(buyer.viewer, procurementInput({ title: 'Sidetall-anskaffelse' })),
  ).procurementId
  // More than one page of accounts (50 a page), so that the account list has a last page that is not the first.
  for (let i = 0; i <= USERS_PAGE_SIZE; i++) await createUser({ role: 'buyer', municipalityNumber: '4601' })
})

async function location(path: string, cookie?: string) {
  const response = await appRequest(path, { cookie })
  return { status: response.status, location: response.headers.get('Location') }
}

describe('a page past the end of a list', () => {
  it('redirects to the last page on every public list, keeping the filters', async () => {
    const cases: Array<[string, string]> = [
      ['/register?q=tilsyn&side=999', '/register?q=tilsyn'],
      ['/vedtak?side=999', '/vedtak'],
      ['/anskaffelser?fase=pilot&side=999', '/anskaffelser?fase=pilot'],
      ['/innsikt/gevinster?grunnlag=realised&maal=hours&side=999', '/innsikt/gevinster?grunnlag=realised&maal=hours'],
      [`/anskaffelser/${procurementId}?side=999`, `/anskaffelser/${procurementId}`],
      [`/register/${productId}?bruk=999&fylke=46`, `/register/${productId}?fylke=46`],
    ]
    for (const [path, to] of cases) expect(await location(path), path).toEqual({ status: 302, location: to })
  })

  it('moves every list of a page that is past its end at once (the product page for a buyer: usage and reports)', async () => {
    expect(await location(`/register/${productId}?side=7&bruk=9&fylke=46`, buyerCookie)).toEqual({
      status: 302,
      location: `/register/${productId}?fylke=46`,
    })
  })

  it("redirects on the coordinator's, the admin's and the supplier's lists", async () => {
    const cases: Array<[string, string, string]> = [
      ['/koordinator/vurdering?side=999', '/koordinator/vurdering', coordinatorCookie],
      [
        '/koordinator/moderering?side=9&logg=9&status=hidden',
        '/koordinator/moderering?status=hidden',
        coordinatorCookie,
      ],
      ['/koordinator/revisjon?side=999', '/koordinator/revisjon', coordinatorCookie],
      ['/admin/utboks?vis=feilet&side=999', '/admin/utboks?vis=feilet', adminCookie],
      ['/leverandor?svar-side=999', '/leverandor', supplierCookie],
      ['/leverandor?side=999&svar-side=999', '/leverandor', supplierCookie],
    ]
    for (const [path, to, cookie] of cases)
      expect(await location(path, cookie), path).toEqual({ status: 302, location: to })
  })

  it('goes to the last page of a list with more than one page, and leaves a page within the list alone', async () => {
    expect(await location('/koordinator/brukere?rolle=buyer&side=999', coordinatorCookie)).toEqual({
      status: 302,
      location: '/koordinator/brukere?rolle=buyer&side=2',
    })
    expect(await location('/admin?side=999', adminCookie)).toEqual({ status: 302, location: '/admin?side=2' })
    const within = await appRequest('/koordinator/brukere?rolle=buyer&side=2', { cookie: coordinatorCookie })
    expect(within.status).toBe(200)
    expect(await within.text()).toContain('Side 2 av 2')
    expect((await location('/vedtak?side=1')).status).toBe(200)
  })

  it('redirects a client-side navigation (the .data request) as well', async () => {
    const response = await appRequest(dataUrl('/vedtak?side=999'))
    // Single fetch answers a loader's redirect as 202 with the redirect in its body, which the client follows.
    expect(response.status).toBe(202)
    const body = await response.text()
    expect(body).toContain('SingleFetchRedirect')
    expect(body).toContain('"redirect","/vedtak"')
  })
})
