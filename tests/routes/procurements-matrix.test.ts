import { beforeAll, describe, expect, it } from 'vitest'
import { createExperience } from '../../app/models/experiences.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, dataUrl } from '../helpers/app'
import { createUser, sessionFor } from '../helpers/accounts'
import { outcomeOf, type Outcome } from '../helpers/outcome'
import { createBuyer, createCoordinator, type Actor } from '../unit/register-fixtures'
import { experienceInput, must, procurementInput, supplierWithProduct } from '../unit/experience-fixtures'

// The procurement routes × every role, HTML and `.data` alike, with the same roles as the authorization matrix
// (tests/routes/authorization-matrix.test.ts): a procurement led by the 'buyer' role's municipality 3909 on a product
// of the 'supplier' role's company, 'otherBuyer' (4601) not participating; a published report and a draft, both
// written by 'buyer'.

const roles = ['visitor', 'pending', 'buyer', 'otherBuyer', 'supplier', 'otherSupplier', 'coordinator', 'admin'] as const
type Role = (typeof roles)[number]
type Expectation = Record<Role, Outcome>
const all = (o: Outcome): Expectation => Object.fromEntries(roles.map((r) => [r, o])) as Expectation

type F = { procurementId: number; reportId: number; draftId: number }
type Row = { name: string; path: (f: F) => string; get: Expectation; post?: Expectation }

export const procurementMatrixRows: Row[] = [
  { name: 'index', path: () => '/anskaffelser', get: all('ok'), post: all(405) },
  {
    name: 'new',
    path: () => '/anskaffelser/ny',
    get: { ...all(403), visitor: 'login', buyer: 'ok', otherBuyer: 'ok' },
    post: { ...all(403), visitor: 'login', buyer: 400, otherBuyer: 400 },
  },
  { name: 'detail', path: (f) => `/anskaffelser/${f.procurementId}`, get: all('ok'), post: { ...all(400), visitor: 'login' } },
  { name: 'detail (missing)', path: () => '/anskaffelser/999999', get: all(404) },
  {
    name: 'experience-new',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/ny`,
    get: { ...all(403), visitor: 'login', buyer: 'ok' },
    post: { ...all(403), visitor: 'login', buyer: 400 },
  },
  {
    name: 'experience-edit (draft)',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.draftId}`,
    get: { ...all(404), visitor: 'login', buyer: 'ok' },
    post: { ...all(404), visitor: 'login', buyer: 400 },
  },
  {
    name: 'experience-edit (published)',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.reportId}`,
    get: { ...all('ok'), visitor: 'login', pending: 404, otherSupplier: 404 },
    post: { ...all(400), visitor: 'login', pending: 404, otherSupplier: 404 },
  },
]

const cookies = {} as Record<Role, string | undefined>
let fixtures: F

beforeAll(async () => {
  const coordinator = await createCoordinator()
  const { supplier, productId } = await supplierWithProduct('Matrise Anskaffelse AS', 'Matrise Nattsyn', coordinator)
  const buyer: Actor = await createBuyer('3909')
  const procurementId = must(await createProcurement(buyer.viewer, procurementInput({ productIds: [productId] }))).procurementId
  const reportId = must(await createExperience(buyer.viewer, procurementId, experienceInput())).experienceId
  const draftId = must(await createExperience(buyer.viewer, procurementId, experienceInput({ publish: '' }))).experienceId
  fixtures = { procurementId, reportId, draftId }
  cookies.visitor = undefined
  cookies.pending = await sessionFor((await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id)
  cookies.buyer = await sessionFor(buyer.userId)
  cookies.otherBuyer = await sessionFor((await createBuyer('4601')).userId)
  cookies.supplier = await sessionFor(supplier.userId)
  cookies.otherSupplier = await sessionFor((await supplierWithProduct('Annen Matrise Anskaffelse AS', 'Annet', coordinator)).supplier.userId)
  cookies.coordinator = await sessionFor(coordinator.userId)
  cookies.admin = await sessionFor((await createCoordinator('admin')).userId)
})

describe('procurement routes × roles', () => {
  for (const row of procurementMatrixRows) {
    it(`GET ${row.name}`, async () => {
      const got = {} as Record<Role, Outcome | number>
      for (const role of roles) {
        const path = row.path(fixtures)
        const html = await outcomeOf(await appRequest(path, { cookie: cookies[role] }))
        const data = await outcomeOf(await appRequest(dataUrl(path), { cookie: cookies[role] }))
        expect(data, `${role} .data`).toBe(html)
        got[role] = html
      }
      expect(got).toEqual(row.get)
    })
    if (row.post) {
      it(`POST ${row.name}`, async () => {
        const got = {} as Record<Role, Outcome | number>
        for (const role of roles) got[role] = await outcomeOf(await appRequest(row.path(fixtures), { cookie: cookies[role], form: {} }))
        expect(got).toEqual(row.post)
      })
    }
  }
})
