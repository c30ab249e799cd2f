import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addDays, addMonths, addYears, osloDate } from '../../app/domain/dates'
import { DecisionSchema, NewProductSchema, ProductSchema, VersionSchema } from '../../app/forms/register'
import { assessmentQueue, listExpiringApprovals } from '../../app/models/assessment-queue.server'
import { listCriteria } from '../../app/models/criteria.server'
import { listPublishedDecisions } from '../../app/models/decision-views.server'
import {
  expireDueApprovals,
  recordDecision,
  startReview,
  submitVersion,
  withdrawApproval,
} from '../../app/models/decisions.server'
import { createProduct, getProductForViewer } from '../../app/models/products.server'
import { addVersion, updateVersion } from '../../app/models/versions.server'
import { parseSubmission } from '../../app/utils/forms.server'
import { refusalStatus } from '../../app/utils/refusal.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { testDb } from '../helpers/db'
import {
  allMet,
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

let owner: Awaited<ReturnType<typeof createSupplier>>
let other: Actor
let coordinator: Actor
let buyer: Actor
let category: number

beforeAll(async () => {
  owner = await createSupplier('Vedtak Velferd AS')
  other = await createSupplier('Annen Leverandør AS')
  coordinator = await createCoordinator()
  buyer = await createBuyer('3301')
  category = await categoryId('medisineringsstotte')
})

afterEach(() => resetClock())

const today = () => osloDate(new Date())
const stateOf = async (versionId: number) =>
  await testDb()
    .selectFrom('product_version')
    .select(['state', 'submitted_at'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
const decisionsOf = async (versionId: number) =>
  testDb().selectFrom('version_decision').selectAll().where('version_id', '=', versionId).orderBy('id').execute()

async function newDraft(name: string) {
  return productInState(owner, coordinator, productInput({ name, categoryId: category }), 'draft')
}

describe('submitting and reviewing', () => {
  it('lets only the owning supplier submit, and only once', async () => {
    const { versionId } = await newDraft('Innsending')
    expect(await submitVersion(other.viewer, versionId)).toMatchObject({ ok: false, code: 'not_found' })
    expect(await submitVersion(buyer.viewer, versionId)).toMatchObject({ ok: false, code: 'not_found' })
    expect(await submitVersion(coordinator.viewer, versionId)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await submitVersion(owner.viewer, versionId)).toEqual({ ok: true, value: null })
    expect((await stateOf(versionId)).state).toBe('submitted')
    const again = await submitVersion(owner.viewer, versionId)
    expect(again).toMatchObject({ ok: false, code: 'illegal_transition', message: 'supplier.error.illegalTransition' })
    if (!again.ok) expect(refusalStatus(again)).toBe(409)
  })

  it('locks the version for the supplier once submitted', async () => {
    const { versionId } = await newDraft('Låst versjon')
    expect((await updateVersion(owner.viewer, versionId, { versionLabel: '1.1', releaseNotes: 'Endret' })).ok).toBe(
      true,
    )
    await submitVersion(owner.viewer, versionId)
    expect(await updateVersion(owner.viewer, versionId, { versionLabel: '1.2' })).toMatchObject({
      ok: false,
      code: 'not_editable',
    })
    expect(await updateVersion(other.viewer, versionId, { versionLabel: '1.2' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
  })

  it('lets only coordinators start a review, and only of a submitted version', async () => {
    const { versionId } = await newDraft('Vurdering')
    expect(await startReview(coordinator.viewer, versionId)).toMatchObject({ ok: false, code: 'illegal_transition' })
    await submitVersion(owner.viewer, versionId)
    expect(await startReview(owner.viewer, versionId)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await startReview(coordinator.viewer, versionId)).toEqual({ ok: true, value: null })
    expect((await stateOf(versionId)).state).toBe('in_review')
  })

  it('refuses a duplicate version label', async () => {
    const { productId } = await newDraft('Dobbel etikett')
    expect(await addVersion(owner.viewer, productId, { versionLabel: '1.0' })).toMatchObject({
      ok: false,
      code: 'duplicate_version_label',
      fieldErrors: { versionLabel: 'versionForm.error.duplicateLabel' },
    })
    expect((await addVersion(owner.viewer, productId, { versionLabel: '1.1' })).ok).toBe(true)
    expect(await addVersion(other.viewer, productId, { versionLabel: '9.9' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
  })
})

describe('deciding', () => {
  it('approves for three years with every criterion recorded', async () => {
    const { productId, versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Godkjent', categoryId: category }),
      'in_review',
    )
    const result = await recordDecision(coordinator.viewer, versionId, {
      outcome: 'approved',
      rationale: 'Oppfyller alle krav.',
      results: allMet(),
    })
    expect(result).toMatchObject({ ok: true, value: { validUntil: addYears(today(), 3) } })
    expect((await stateOf(versionId)).state).toBe('approved')
    const [decision] = await decisionsOf(versionId)
    expect(decision).toMatchObject({
      outcome: 'approved',
      coordinator_user_id: coordinator.userId,
      rationale: 'Oppfyller alle krav.',
    })
    const results = await testDb()
      .selectFrom('decision_criterion_result')
      .selectAll()
      .where('decision_id', '=', decision!.id)
      .execute()
    expect(results.map((r) => r.criterion_code).sort()).toEqual((await listCriteria()).map((c) => c.code).sort())
    expect((await getProductForViewer(null, productId))!.approval).toMatchObject({
      status: 'approved',
      approvedVersion: '1.0',
    })
  })

  it('refuses approval when a mandatory criterion is not met, and writes nothing', async () => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Ikke godkjent', categoryId: category }),
      'in_review',
    )
    const result = await recordDecision(coordinator.viewer, versionId, {
      outcome: 'approved',
      rationale: 'Forsøk',
      results: allMet({ privacy: 'not_met' }),
    })
    expect(result).toMatchObject({
      ok: false,
      code: 'criteria_not_met',
      fields: ['privacy'],
      fieldErrors: { result_privacy: 'assess.error.criteria_not_met' },
    })
    if (!result.ok) expect(refusalStatus(result)).toBe(400)
    expect((await stateOf(versionId)).state).toBe('in_review')
    expect(await decisionsOf(versionId)).toEqual([])
  })

  it('refuses a provisional approval ending more than 12 months ahead', async () => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Foreløpig', categoryId: category }),
      'in_review',
    )
    const provisional = (validUntil: string) =>
      recordDecision(coordinator.viewer, versionId, {
        outcome: 'provisionally_approved',
        rationale: 'Gevinst mangler.',
        validUntil,
        results: allMet({ documented_benefit: 'not_met' }),
      })
    expect(await provisional(addDays(addMonths(today(), 12), 1))).toMatchObject({
      ok: false,
      code: 'valid_until_out_of_range',
    })
    expect((await stateOf(versionId)).state).toBe('in_review')
    expect(await provisional(addMonths(today(), 12))).toMatchObject({
      ok: true,
      value: { validUntil: addMonths(today(), 12) },
    })
    expect((await stateOf(versionId)).state).toBe('provisionally_approved')

    // The evidence of benefit arrives: full approval of the same version, without leaving the register.
    const full = await recordDecision(coordinator.viewer, versionId, {
      outcome: 'approved',
      rationale: 'Gevinst dokumentert.',
      results: allMet(),
    })
    expect(full).toMatchObject({ ok: true, value: { validUntil: addYears(today(), 3) } })
    expect((await decisionsOf(versionId)).map((d) => d.outcome)).toEqual(['provisionally_approved', 'approved'])
  })

  it('refuses decisions from suppliers and on versions not under review', async () => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Ikke i vurdering', categoryId: category }),
      'submitted',
    )
    const approve = { outcome: 'approved' as const, rationale: 'Ok', results: allMet() }
    expect(await recordDecision(owner.viewer, versionId, approve)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await recordDecision(coordinator.viewer, versionId, approve)).toMatchObject({
      ok: false,
      code: 'illegal_transition',
    })
    // A withdrawal is not an assessment outcome: the form refuses it before any model is asked.
    const form = new FormData()
    for (const [k, v] of Object.entries({ outcome: 'withdrawn', rationale: 'Ok', result_privacy: 'met' }))
      form.set(k, v)
    expect(parseSubmission(form, DecisionSchema)).toMatchObject({
      ok: false,
      refusal: { code: 'invalid_input', fieldErrors: { outcome: 'validation.required' } },
      values: { outcome: 'withdrawn', rationale: 'Ok' },
    })
  })

  it('sends a version back for changes; the supplier edits and resubmits it to the back of the queue', async () => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Endringer', categoryId: category }),
      'in_review',
    )
    const firstSubmission = (await stateOf(versionId)).submitted_at!
    const result = await recordDecision(coordinator.viewer, versionId, {
      outcome: 'changes_requested',
      rationale: 'Lever penetrasjonstest.',
      results: allMet({ information_security: 'not_met' }),
    })
    expect(result.ok).toBe(true)
    expect(
      (
        await updateVersion(owner.viewer, versionId, {
          versionLabel: '1.0.1',
          releaseNotes: 'Penetrasjonstest lagt ved.',
        })
      ).ok,
    ).toBe(true)
    advanceClock(60_000)
    expect((await submitVersion(owner.viewer, versionId)).ok).toBe(true)
    const after = await stateOf(versionId)
    expect(after.state).toBe('submitted')
    expect(after.submitted_at! > firstSubmission).toBe(true)
  })

  it('withdraws an approval with a published rationale', async () => {
    const { productId, versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Trekkes', categoryId: category }),
      'approved',
    )
    expect(await withdrawApproval(coordinator.viewer, versionId, { rationale: ' ' })).toMatchObject({
      ok: false,
      code: 'rationale_required',
    })
    expect(await withdrawApproval(owner.viewer, versionId, { rationale: 'Nei' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect((await withdrawApproval(coordinator.viewer, versionId, { rationale: 'Alvorlig sikkerhetsfeil.' })).ok).toBe(
      true,
    )
    expect((await stateOf(versionId)).state).toBe('withdrawn')
    // Still public, saying the approval was withdrawn, with the published reason.
    expect(await getProductForViewer(null, productId)).toMatchObject({
      approval: { status: 'withdrawn', version: '1.0', versionId },
      withdrawalRationale: 'Alvorlig sikkerhetsfeil.',
    })
    expect(await withdrawApproval(coordinator.viewer, versionId, { rationale: 'Igjen' })).toMatchObject({
      ok: false,
      code: 'illegal_transition',
    })
  })

  it('records every change in the audit log', async () => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Revisjon', categoryId: category }),
      'approved',
    )
    const actions = await testDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('target_type', '=', 'product_version')
      .where('target_id', '=', String(versionId))
      .orderBy('id')
      .execute()
    expect(actions).toEqual([
      { action: 'register.version_submitted', actor_user_id: owner.userId },
      { action: 'register.review_started', actor_user_id: coordinator.userId },
      { action: 'register.decision_recorded', actor_user_id: coordinator.userId },
    ])
  })
})

describe('lists', () => {
  it('shows coordinators the queue oldest first with the waiting time, and nobody else', async () => {
    const first = await newDraft('Kø først')
    await submitVersion(owner.viewer, first.versionId)
    advanceClock(3 * 86_400_000)
    const second = await newDraft('Kø andre')
    await submitVersion(owner.viewer, second.versionId)
    advanceClock(2 * 86_400_000)

    const queue = (await assessmentQueue(coordinator.viewer, { pageSize: 50 }))!
    const ours = queue.items.filter((i) => i.versionId === first.versionId || i.versionId === second.versionId)
    expect(ours.map((i) => [i.product.name, i.waitingDays])).toEqual([
      ['Kø først', 5],
      ['Kø andre', 2],
    ])
    const submittedAt = queue.items.map((i) => i.submittedAt)
    expect(submittedAt).toEqual([...submittedAt].sort())
    expect(await assessmentQueue(owner.viewer)).toBeNull()
    expect(await assessmentQueue(buyer.viewer)).toBeNull()
    expect(await assessmentQueue(null)).toBeNull()
  })

  it('lists approvals ending within 60 days, and expires them when due', async () => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Snart utløpt', categoryId: category }),
      'approved',
    )
    const othersApproval = await productInState(
      other,
      coordinator,
      productInput({ name: 'Annens godkjenning', categoryId: category }),
      'approved',
    )
    expect((await listExpiringApprovals(coordinator.viewer))!.some((e) => e.versionId === versionId)).toBe(false)

    // Two and a half years later the approval is 5 to 7 months from its end; three years less 30 days: 30 days left.
    advanceClock((3 * 365 - 30) * 86_400_000)
    const soon = (await listExpiringApprovals(coordinator.viewer))!
    const ours = soon.find((e) => e.versionId === versionId)!
    expect(ours.daysLeft).toBeGreaterThan(0)
    expect(ours.daysLeft).toBeLessThanOrEqual(60)
    expect(soon.some((e) => e.versionId === othersApproval.versionId)).toBe(true)
    // A supplier sees its own approvals only; buyers and visitors none.
    const own = (await listExpiringApprovals(owner.viewer))!
    expect(own.some((e) => e.versionId === versionId)).toBe(true)
    expect(own.some((e) => e.versionId === othersApproval.versionId)).toBe(false)
    expect(await listExpiringApprovals(buyer.viewer)).toBeNull()
    expect(await listExpiringApprovals(null)).toBeNull()

    expect(await expireDueApprovals()).not.toContain(versionId)
    advanceClock(40 * 86_400_000)
    expect(await expireDueApprovals()).toContain(versionId)
    expect((await stateOf(versionId)).state).toBe('expired')
    expect(await expireDueApprovals()).toEqual([])
  })

  it('publishes decisions newest first, paged', async () => {
    const all = await listPublishedDecisions(null, { pageSize: 50 })
    expect(all.total).toBeGreaterThan(3)
    const decidedAt = all.items.map((d) => d.decidedAt)
    expect(decidedAt).toEqual([...decidedAt].sort().reverse())
    const page2 = await listPublishedDecisions(null, { page: 2, pageSize: 2 })
    expect(page2.items.map((d) => d.id)).toEqual(all.items.slice(2, 4).map((d) => d.id))
    expect(page2.pageCount).toBe(Math.ceil(all.total / 2))
    expect(all.items.every((d) => ['approved', 'provisionally_approved', 'withdrawn'].includes(d.outcome))).toBe(true)
  })

  it('validates input before anything else: the forms by their schema, the category by the model', async () => {
    const { versionId } = await newDraft('Ugyldig')
    const product = (overrides: Record<string, unknown>) =>
      ProductSchema.safeParse({ ...productInput({ name: 'Gyldig', categoryId: category }), ...overrides })
    expect(product({ name: '' }).error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['name'], 'productForm.error.name'],
    ])
    expect(product({ website: 'javascript:alert(1)' }).error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['website'], 'productForm.error.website'],
    ])
    expect(product({ mdrClass: 'IIa', ceMarked: false }).error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['ceMarked'], 'productForm.error.ceMarked'],
    ])
    expect(NewProductSchema.safeParse({ ...productInput({ name: 'Ny', categoryId: category }) }).success).toBe(false)
    expect(VersionSchema.safeParse({ versionLabel: '  ' }).error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['versionLabel'], 'versionForm.error.versionLabel'],
    ])
    expect(
      await createProduct(owner.viewer, productInput({ name: 'Ukjent kategori', categoryId: 99_999 })),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fields: ['categoryId'],
      fieldErrors: { categoryId: 'productForm.error.categoryId' },
    })
    expect((await updateVersion(owner.viewer, versionId, { versionLabel: '1.0.1' })).ok).toBe(true)
  })
})
