import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addYears, osloDate } from '../../app/domain/dates'
import { listPublishedDecisions, productDecisionHistory } from '../../app/models/decision-views.server'
import { expireDueApprovals } from '../../app/models/decisions.server'
import { saveDossierSection } from '../../app/models/dossier.server'
import { createProduct, getCompareData, getProductAccess, getProductForViewer } from '../../app/models/products.server'
import { addVersion, getVersion, getVersionAccess } from '../../app/models/versions.server'
import { searchRegister } from '../../app/models/register-search.server'
import {
  canEditProduct,
  canViewDossier,
  canViewProduct,
  canViewVersion,
  canAssess,
  canCreateProduct,
} from '../../app/policy/register'
import type { Viewer } from '../../app/policy/viewer'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { testDb } from '../helpers/db'
import {
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  dossierOf,
  moveVersionTo,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

let owner: Awaited<ReturnType<typeof createSupplier>>
let other: Actor
let coordinator: Actor
let admin: Actor
let buyer: Actor
let pendingOwner: Actor
let ownerInUnverifiedCompany: Actor
const p: Record<string, { productId: number; versionId: number }> = {}

beforeAll(async () => {
  owner = await createSupplier('Eier Velferd AS')
  other = await createSupplier('Konkurrent AS')
  coordinator = await createCoordinator()
  admin = await createCoordinator('admin')
  buyer = await createBuyer('5001')
  pendingOwner = await owner.member('pending')
  const unverified = await createSupplier('Ny Leverandør AS', 'pending')
  ownerInUnverifiedCompany = unverified
  const cat = await categoryId('digitalt-tilsyn')
  const make = async (key: string, state: Parameters<typeof productInState>[3]) => {
    p[key] = await productInState(owner, coordinator, productInput({ name: `Produkt ${key}`, categoryId: cat }), state)
  }
  await make('draft', 'draft')
  await make('submitted', 'submitted')
  await make('rejected', 'rejected')
  // The dossier is written while the version is a draft; once approved it is locked.
  await make('approved', 'draft')
  const saved = await saveDossierSection(owner.viewer, p.approved!.versionId, {
    kind: 'prices_offered',
    heading: 'Priser',
    body: 'Tilbudt pris 289 kr.',
  })
  if (!saved.ok) throw new Error(saved.code)
  await moveVersionTo(p.approved!.versionId, 'approved', owner, coordinator)
  await make('provisional', 'provisionally_approved')
  await make('withdrawn', 'withdrawn')
  await make('changes', 'changes_requested')
  // An approved product with a newer version in progress.
  await make('v2', 'approved')
  const v2 = await addVersion(owner.viewer, p.v2!.productId, {
    versionLabel: '2.0',
    releaseNotes: 'Hemmelige nyheter i versjon 2.',
  })
  if (!v2.ok) throw new Error(v2.code)
  p.v2draft = { productId: p.v2!.productId, versionId: v2.value.versionId }
})

afterEach(() => resetClock())

const names = (r: { items: Array<{ name: string }> }) => r.items.map((i) => i.name)

/** As the routes ask: the access first (null when not visible), then what it opens. */
const versionFor = async (viewer: Viewer | null, versionId: number) => {
  const access = await getVersionAccess(viewer, versionId)
  return access && getVersion(viewer, access)
}
const historyOf = async (viewer: Viewer | null, productId: number) => {
  const access = await getProductAccess(viewer, productId)
  return access && productDecisionHistory(viewer, access)
}

const everyoneOutside = () =>
  [
    ['visitor', null],
    ['buyer', buyer.viewer],
    ['other supplier', other.viewer],
    ['pending member of the owner', pendingOwner.viewer],
  ] as Array<[string, Viewer | null]>

describe('product visibility', () => {
  it('hides drafts, submissions, change requests and rejections from everyone outside', async () => {
    for (const key of ['draft', 'submitted', 'changes', 'rejected']) {
      for (const [who, viewer] of everyoneOutside()) {
        expect(await getProductForViewer(viewer, p[key]!.productId), `${key} for ${who}`).toBeNull()
      }
    }
  })

  it('shows the supplier its own products in every state, and coordinators and admins everything', async () => {
    for (const key of ['draft', 'submitted', 'changes', 'rejected', 'withdrawn', 'approved']) {
      expect(await getProductForViewer(owner.viewer, p[key]!.productId), key).not.toBeNull()
      expect(await getProductForViewer(coordinator.viewer, p[key]!.productId), key).not.toBeNull()
      expect(await getProductForViewer(admin.viewer, p[key]!.productId), key).not.toBeNull()
    }
    const draft = await getProductForViewer(owner.viewer, p.draft!.productId)
    expect(draft!.versions.map((v) => v.state)).toEqual(['draft'])
    expect(draft!.viewerCan).toEqual({ edit: true, addVersion: true, viewDossier: true, assess: false })
  })

  it('shows approved and provisionally approved products to everyone, with public fields only', async () => {
    for (const key of ['approved', 'provisional']) {
      for (const [who, viewer] of everyoneOutside()) {
        const product = await getProductForViewer(viewer, p[key]!.productId)
        expect(product, `${key} for ${who}`).not.toBeNull()
        expect(product!.newestVersion).toBeNull()
        expect(product!.viewerCan).toEqual({ edit: false, addVersion: false, viewDossier: false, assess: false })
        expect(JSON.stringify(product)).not.toContain('289 kr')
      }
    }
  })

  it('shows a withdrawn product to everyone as withdrawn, with the published reason and public fields only', async () => {
    for (const [who, viewer] of everyoneOutside()) {
      const product = await getProductForViewer(viewer, p.withdrawn!.productId)
      expect(product, `withdrawn for ${who}`).not.toBeNull()
      expect(product!.approval, who).toMatchObject({ status: 'withdrawn', version: '1.0' })
      expect(product!.withdrawalRationale).toBe('Trukket tilbake.')
      expect(product!.newestVersion).toBeNull()
      expect(product!.viewerCan).toEqual({ edit: false, addVersion: false, viewDossier: false, assess: false })
      expect(product!.versions.map((v) => v.state)).toEqual(['withdrawn'])
      expect(await dossierOf(viewer, p.withdrawn!.versionId), who).toBeNull()
    }
  })

  it('keeps a newer draft out of public view while the label stays on the approved version', async () => {
    const publicView = await getProductForViewer(null, p.v2!.productId)
    expect(publicView!.versions.map((v) => v.label)).toEqual(['1.0'])
    expect(JSON.stringify(publicView)).not.toContain('Hemmelige nyheter')
    expect(publicView!.approval).toMatchObject({ status: 'approved', approvedVersion: '1.0', newestAssessed: true })
    const ownView = await getProductForViewer(owner.viewer, p.v2!.productId)
    expect(ownView!.versions.map((v) => v.label)).toEqual(['2.0', '1.0'])
    expect(ownView!.newestVersion).toMatchObject({ label: '2.0', state: 'draft' })
    // "Approved 1.0; 2.0 not yet assessed": to its supplier (and the coordinators) the draft, to the public nothing.
    expect(ownView!.unassessedVersion).toBe('2.0')
    expect((await getProductForViewer(coordinator.viewer, p.v2!.productId))!.unassessedVersion).toBe('2.0')
    expect(publicView!.unassessedVersion).toBeNull()
    expect(await versionFor(null, p.v2draft!.versionId)).toBeNull()
    expect(await versionFor(other.viewer, p.v2draft!.versionId)).toBeNull()
    expect(await versionFor(owner.viewer, p.v2draft!.versionId)).toMatchObject({
      label: '2.0',
      viewerCan: { edit: true, submit: true, editDossier: true, decide: false },
    })
    expect((await versionFor(coordinator.viewer, p.v2draft!.versionId))!.viewerCan).toMatchObject({
      edit: false,
      submit: false,
      startReview: false,
    })
  })

  it('labels "approved 1.0, 2.0 not yet assessed" once the new version is submitted', async () => {
    await moveVersionTo(p.v2draft!.versionId, 'submitted', owner, coordinator)
    const publicView = await getProductForViewer(null, p.v2!.productId)
    expect(publicView!.approval).toMatchObject({
      status: 'approved',
      approvedVersion: '1.0',
      newestAssessed: false,
      newestVersion: '2.0',
    })
    expect(publicView!.unassessedVersion).toBe('2.0')
    // The submission itself (its state, notes, dossier) stays private.
    expect(publicView!.versions.map((v) => v.label)).toEqual(['1.0'])
    expect(JSON.stringify(publicView)).not.toContain('Hemmelige nyheter')
  })

  it('compares up to four visible products in the order asked, skipping the rest', async () => {
    const ids = [
      p.provisional!.productId,
      p.draft!.productId,
      p.approved!.productId,
      p.rejected!.productId,
      p.v2!.productId,
      p.approved!.productId,
    ]
    expect((await getCompareData(null, ids)).map((x) => x.id)).toEqual([
      p.provisional!.productId,
      p.approved!.productId,
    ])
    expect((await getCompareData(owner.viewer, ids)).map((x) => x.id)).toEqual([
      p.provisional!.productId,
      p.draft!.productId,
      p.approved!.productId,
      p.rejected!.productId,
    ])
  })
})

describe('decision visibility', () => {
  it('publishes approvals and withdrawals, not change requests or rejections', async () => {
    const published = await listPublishedDecisions(null, { pageSize: 50 })
    const outcomes = new Set(published.items.map((d) => d.outcome))
    expect([...outcomes].sort()).toEqual(['approved', 'provisionally_approved', 'withdrawn'])
    expect(published.items.some((d) => d.product.id === p.rejected!.productId)).toBe(false)
    expect(published.items.every((d) => d.coordinatorName === null)).toBe(true)
    const withdrawal = published.items.find((d) => d.outcome === 'withdrawn')!
    // The product page stays open, saying the approval was withdrawn; the approval it ended is no longer in force.
    expect(withdrawal.productVisible).toBe(true)
    expect(withdrawal.rationale).toBe('Trukket tilbake.')
    const endedApproval = published.items.find(
      (d) => d.version.id === withdrawal.version.id && d.outcome === 'approved',
    )
    expect(endedApproval!.approvalEnded).toBe(true)
    expect(published.items.find((d) => d.product.id === p.approved!.productId)!.approvalEnded).toBe(false)
  })

  it('shows the supplier and coordinators the whole history of a product, the public only the published part', async () => {
    const history = await historyOf(owner.viewer, p.changes!.productId)
    expect(history!.map((d) => d.outcome)).toEqual(['changes_requested'])
    expect(history![0]!.coordinatorName).toMatch(/^Test coordinator/)
    expect(history![0]!.results.find((r) => r.criterionCode === 'information_security')).toMatchObject({
      result: 'not_met',
    })
    expect(await historyOf(null, p.changes!.productId)).toBeNull()
    expect(await historyOf(other.viewer, p.changes!.productId)).toBeNull()
    const approved = await historyOf(buyer.viewer, p.approved!.productId)
    expect(approved!.map((d) => d.outcome)).toEqual(['approved'])
    expect(approved![0]!.results).toHaveLength(6)
  })
})

describe('dossier visibility', () => {
  it('is only for the supplier’s own members and coordinators', async () => {
    for (const [who, viewer] of [
      ...everyoneOutside(),
      ['member of an unverified company', ownerInUnverifiedCompany.viewer] as [string, Viewer],
    ]) {
      expect(await dossierOf(viewer, p.approved!.versionId), who).toBeNull()
    }
    const own = await dossierOf(owner.viewer, p.approved!.versionId)
    expect(own!.sections.map((s) => s.body)).toEqual(['Tilbudt pris 289 kr.'])
    expect(own!.viewerCan.edit).toBe(false)
    expect(
      await saveDossierSection(owner.viewer, p.approved!.versionId, { kind: 'other', heading: 'Mer', body: 'Tekst' }),
    ).toMatchObject({
      ok: false,
      code: 'not_editable',
    })
    const coordinatorView = await dossierOf(coordinator.viewer, p.approved!.versionId)
    expect(coordinatorView!.sections).toHaveLength(1)
    expect(coordinatorView!.viewerCan.edit).toBe(false)
  })
})

describe('policy functions', () => {
  const approved = (id: number) => ({ supplierOrganisationId: id, currentlyApproved: true, approvalEnded: false })
  const ended = (id: number) => ({ supplierOrganisationId: id, currentlyApproved: false, approvalEnded: true })
  const unapproved = (id: number) => ({ supplierOrganisationId: id, currentlyApproved: false, approvalEnded: false })

  it('follow the visibility table for every role', () => {
    const ownerOrg = owner.organisationId
    const table: Array<[string, Viewer | null, boolean, boolean, boolean]> = [
      // who, sees unapproved product, sees dossier, edits product
      ['visitor', null, false, false, false],
      ['buyer', buyer.viewer, false, false, false],
      ['other supplier', other.viewer, false, false, false],
      ['pending member', pendingOwner.viewer, false, false, false],
      ['unverified company', ownerInUnverifiedCompany.viewer, false, false, false],
      ['owner', owner.viewer, true, true, true],
      ['coordinator', coordinator.viewer, true, true, false],
      ['admin', admin.viewer, true, true, false],
    ]
    for (const [who, viewer, seesUnapproved, seesDossier, edits] of table) {
      expect(canViewProduct(viewer, approved(ownerOrg)), who).toBe(true)
      expect(canViewProduct(viewer, ended(ownerOrg)), who).toBe(true)
      expect(canViewProduct(viewer, unapproved(ownerOrg)), who).toBe(seesUnapproved)
      expect(canViewVersion(viewer, ended(ownerOrg), { state: 'withdrawn' }), who).toBe(true)
      expect(canViewVersion(viewer, ended(ownerOrg), { state: 'draft' }), who).toBe(seesUnapproved)
      expect(canViewVersion(viewer, unapproved(ownerOrg), { state: 'rejected' }), who).toBe(seesUnapproved)
      expect(canViewVersion(viewer, approved(ownerOrg), { state: 'draft' }), who).toBe(seesUnapproved)
      expect(canViewVersion(viewer, approved(ownerOrg), { state: 'approved' }), who).toBe(true)
      expect(canViewDossier(viewer, approved(ownerOrg)), who).toBe(seesDossier)
      expect(canEditProduct(viewer, approved(ownerOrg)), who).toBe(edits)
    }
    expect(canAssess(coordinator.viewer)).toBe(true)
    expect(canAssess(owner.viewer)).toBe(false)
    expect(canCreateProduct(owner.viewer)).toBe(true)
    expect(canCreateProduct(buyer.viewer)).toBe(false)
    expect(canCreateProduct(ownerInUnverifiedCompany.viewer)).toBe(false)
    expect(canCreateProduct({ ...coordinator.viewer, mustEnrolTwoFactor: true })).toBe(false)
    expect(canAssess({ ...coordinator.viewer, mustEnrolTwoFactor: true })).toBe(false)
  })

  it('refuses product creation to anyone but a verified supplier', async () => {
    const input = productInput({ name: 'Produkt nektet', categoryId: await categoryId('digitalt-tilsyn') })
    for (const viewer of [
      null,
      buyer.viewer,
      pendingOwner.viewer,
      ownerInUnverifiedCompany.viewer,
      coordinator.viewer,
    ]) {
      expect(await createProduct(viewer, input)).toMatchObject({ ok: false, code: 'forbidden' })
    }
    expect((await createProduct(owner.viewer, input)).ok).toBe(true)
  })
})

// Last: moving the clock three years on ends every approval in this file's database.
describe('expiry', () => {
  it('shows a product as expired, not approved, the day after its approval ends, before and after the expiry run', async () => {
    const { productId, versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Produkt utløper', categoryId: await categoryId('digitalt-tilsyn') }),
      'approved',
    )
    const validUntil = (
      await testDb()
        .selectFrom('version_decision')
        .select('valid_until')
        .where('version_id', '=', versionId)
        .executeTakeFirstOrThrow()
    ).valid_until!
    expect(validUntil).toBe(addYears(osloDate(new Date()), 3))
    expect(await getProductForViewer(null, productId)).not.toBeNull()

    advanceClock((3 * 366 + 2) * 86_400_000)
    const expiredView = async () => (await getProductForViewer(null, productId))?.approval
    expect(await expiredView()).toEqual({ status: 'expired', version: '1.0', versionId, endedAt: validUntil })
    // Off the register of current approvals, found with the status filter.
    expect((await searchRegister(null, { q: 'utløper' })).total).toBe(0)
    expect(names(await searchRegister(null, { q: 'utløper', status: 'expired' }))).toEqual(['Produkt utløper'])
    expect((await searchRegister(null, { q: 'utløper', status: 'withdrawn' })).total).toBe(0)
    expect(await getProductForViewer(owner.viewer, productId)).not.toBeNull()

    const expired = await expireDueApprovals()
    expect(expired).toContain(versionId)
    const state = await testDb()
      .selectFrom('product_version')
      .select('state')
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow()
    expect(state.state).toBe('expired')
    expect(await expiredView()).toEqual({ status: 'expired', version: '1.0', versionId, endedAt: validUntil })
    expect(names(await searchRegister(null, { q: 'utløper', status: 'not_approved' }))).toEqual(['Produkt utløper'])
  })
})
