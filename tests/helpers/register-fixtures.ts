import type { UserRole, VerificationStatus } from '../../db/schema'
import type { Viewer } from '../../app/policy/viewer'
import type { z } from 'zod'
import { ProductSchema, type ProductData } from '../../app/forms/register'
import { testDb } from './db'

// Organisations, users and viewers for the register tests, written straight to the test file's own database.

let counter = 0

export type Actor = { viewer: Viewer; userId: number; organisationId: number }

async function user(
  organisation: {
    id: number
    name: string
    kind: Viewer['organisationKind']
    status: VerificationStatus
    municipalityNumber: string | null
  },
  role: UserRole,
  status: VerificationStatus,
): Promise<Actor> {
  const n = ++counter
  const email = `${role}-${n}@register-test.example`
  const { id } = await testDb()
    .insertInto('user')
    .values({
      organisation_id: organisation.id,
      email,
      name: `Test ${role} ${n}`,
      password_hash: 'not-a-real-hash',
      role,
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return {
    userId: id,
    organisationId: organisation.id,
    viewer: {
      userId: id,
      sessionId: `session-${n}`,
      name: `Test ${role} ${n}`,
      email,
      role,
      status,
      organisationId: organisation.id,
      organisationName: organisation.name,
      organisationKind: organisation.kind,
      organisationStatus: organisation.status,
      municipalityNumber: organisation.municipalityNumber,
      twoFactorEnabled: true,
      mustEnrolTwoFactor: false,
    },
  }
}

/** A verified supplier company with one member (more members with `member`). */
export async function createSupplier(name: string, status: VerificationStatus = 'verified') {
  const n = ++counter
  const orgNumber = String(910_000_000 + n * 7)
  const { id } = await testDb()
    .insertInto('organisation')
    .values({ kind: 'supplier', name, org_number: orgNumber, status })
    .returning('id')
    .executeTakeFirstOrThrow()
  const organisation = { id, name, kind: 'supplier' as const, status, municipalityNumber: null }
  const member = (userStatus: VerificationStatus = 'verified') => user(organisation, 'supplier', userStatus)
  return { ...(await member()), member }
}

export async function createCoordinator(role: 'coordinator' | 'admin' = 'coordinator') {
  const body = await testDb()
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', '=', 'coordinating_body')
    .executeTakeFirstOrThrow()
  return user({ ...body, kind: 'coordinating_body', status: 'verified', municipalityNumber: null }, role, 'verified')
}

export async function createBuyer(municipalityNumber = '4601') {
  const db = testDb()
  const existing = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('municipality_number', '=', municipalityNumber)
    .executeTakeFirst()
  const org =
    existing ??
    (await db
      .insertInto('organisation')
      .values({
        kind: 'municipality',
        name: `Kommune ${municipalityNumber}`,
        municipality_number: municipalityNumber,
        status: 'verified',
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow())
  return user({ ...org, kind: 'municipality', status: 'verified', municipalityNumber }, 'buyer', 'verified')
}

export async function categoryId(slug: string) {
  return (await testDb().selectFrom('category').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
}

/** Valid product data as the product form's schema gives it to the models (the overrides must be valid too). */
export function productInput(
  overrides: Partial<z.input<typeof ProductSchema>> & { name: string; categoryId: number },
): ProductData {
  return ProductSchema.parse({
    shortDescription: `Kort beskrivelse av ${overrides.name}.`,
    description: '',
    ceMarked: true,
    mdrClass: 'none',
    careSettings: ['home_care'],
    integrations: [],
    dpiaTemplateAvailable: true,
    dpaAvailable: true,
    ...overrides,
  })
}

/** Every criterion met (CE/MDR not applicable): a valid full approval. */
export function allMet(overrides: Record<string, 'met' | 'not_met' | 'not_applicable'> = {}) {
  const results: Record<string, 'met' | 'not_met' | 'not_applicable'> = {
    interoperability: 'met',
    information_security: 'met',
    privacy: 'met',
    documented_benefit: 'met',
    ce_mdr_conformity: 'not_applicable',
    universal_design: 'met',
    ...overrides,
  }
  return Object.entries(results).map(([criterionCode, result]) => ({
    criterionCode,
    result,
    comment: `${criterionCode}: ${result}`,
  }))
}

export type TargetState =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'changes_requested'
  | 'approved'
  | 'provisionally_approved'
  | 'rejected'
  | 'withdrawn'

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; detail?: string }): T {
  if (!result.ok) throw new Error(`fixture step refused: ${result.code} ${result.detail ?? ''}`)
  return result.value
}

/** Brings a version through the real workflow (the models, not direct SQL) to `state`. */
export async function moveVersionTo(versionId: number, state: TargetState, owner: Actor, coordinator: Actor) {
  const { submitVersion, startReview, recordDecision, withdrawApproval } =
    await import('../../app/models/decisions.server')
  const { addMonths, osloDate } = await import('../../app/domain/dates')
  if (state === 'draft') return
  must(await submitVersion(owner.viewer, versionId))
  if (state === 'submitted') return
  must(await startReview(coordinator.viewer, versionId))
  if (state === 'in_review') return
  const outcome = state === 'withdrawn' ? 'approved' : state
  must(
    await recordDecision(coordinator.viewer, versionId, {
      outcome,
      rationale: `Vedtak: ${outcome}.`,
      validUntil: outcome === 'provisionally_approved' ? addMonths(osloDate(new Date()), 6) : null,
      results:
        outcome === 'approved'
          ? allMet()
          : outcome === 'provisionally_approved'
            ? allMet({ documented_benefit: 'not_met' })
            : allMet({ information_security: 'not_met' }),
    }),
  )
  if (state === 'withdrawn')
    must(await withdrawApproval(coordinator.viewer, versionId, { rationale: 'Trukket tilbake.' }))
}

/** Creates a product owned by `owner` whose first version is in `state`. */
export async function productInState(
  owner: Actor,
  coordinator: Actor,
  input: ProductData,
  state: TargetState,
  versionLabel = '1.0',
) {
  const { createProduct } = await import('../../app/models/products.server')
  const { productId, versionId } = must(await createProduct(owner.viewer, input, { versionLabel }))
  await moveVersionTo(versionId, state, owner, coordinator)
  return { productId, versionId }
}

/** The version's dossier as this viewer sees it (null when it may not), the way a route asks: access, then dossier. */
export async function dossierOf(viewer: Viewer | null, versionId: number) {
  const { getVersionAccess } = await import('../../app/models/versions.server')
  const { getDossier } = await import('../../app/models/dossier.server')
  const access = await getVersionAccess(viewer, versionId)
  return access && getDossier(viewer, access)
}
