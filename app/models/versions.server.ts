import { getDb } from '../../db/client'
import type { VersionData } from '~/forms/register'
import {
  canAddVersion,
  canDecide,
  canEditDossier,
  canEditProduct,
  canEditVersion,
  canStartReview,
  canSubmitVersion,
  canViewDossier,
  canViewProduct,
  canViewVersion,
  canWithdrawApproval,
} from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { ok, refuse, type Result } from '~/utils/refusal'
import {
  decisionValidUntil,
  loadProductAccess,
  loadVersionAccess,
  type VersionAccess,
} from '~/models/register-access.server'
import { clock, isUniqueViolation } from '~/models/db.server'
import { loadWorkingVersion, type VersionSummary } from './products.server'
import { loadVersionFacts, syncProductFacts, writeVersionFacts } from '~/models/approval-facts.server'
import { approvalFactsOf, type ApprovalFacts } from '~/domain/approval-facts'
import { auditChanges } from '~/domain/audit-changes'
import { reindexProduct } from '~/models/search-index.server'

// A product's versions: the version page of the supplier workspace and the assessment page, and the supplier's
// edits to a version's label and release notes. State changes (submission, assessment) are in decisions.server.ts.

/**
 * The version's access facts for this viewer, or null when it does not exist or the viewer may not see it (the
 * route answers 404 either way). A route asks once and passes the result to getVersion, getDossier and the decision
 * history.
 */
export async function getVersionAccess(viewer: Viewer | null, versionId: number): Promise<VersionAccess | null> {
  if (!Number.isSafeInteger(versionId)) return null
  const access = await loadVersionAccess(getDb(), versionId, clock().today)
  return access && canViewVersion(viewer, access.product, access.version) ? access : null
}

export type VersionDetail = VersionSummary & {
  product: { id: number; name: string; supplier: { id: number; name: string } }
  /** The facts this version's assessment rests on. */
  facts: ApprovalFacts
  viewerCan: {
    edit: boolean
    submit: boolean
    viewDossier: boolean
    editDossier: boolean
    startReview: boolean
    decide: boolean
    withdraw: boolean
  }
}

/** One version for the supplier workspace or the assessment page (the access from getVersionAccess). */
export async function getVersion(viewer: Viewer | null, access: VersionAccess): Promise<VersionDetail> {
  const row = await getDb()
    .selectFrom('product_version')
    .innerJoin('product as p', 'p.id', 'product_version.product_id')
    .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .select([
      'product_version.release_notes',
      'product_version.created_at',
      (eb) => decisionValidUntil(eb).as('valid_until'),
      'p.name as product_name',
      'o.name as supplier_name',
    ])
    .where('product_version.id', '=', access.version.id)
    .executeTakeFirstOrThrow()
  const facts = (await loadVersionFacts(getDb(), [access.version.id])).get(access.version.id)
  if (!facts) throw new Error(`version ${access.version.id} has no facts`)
  const { version, product } = access
  return {
    id: version.id,
    label: version.label,
    state: version.state,
    releaseNotes: row.release_notes,
    submittedAt: version.submittedAt,
    createdAt: row.created_at,
    validUntil: row.valid_until,
    facts,
    product: {
      id: product.id,
      name: row.product_name,
      supplier: { id: product.supplierOrganisationId, name: row.supplier_name },
    },
    viewerCan: {
      edit: canEditVersion(viewer, product, version),
      submit: canSubmitVersion(viewer, product, version),
      viewDossier: canViewDossier(viewer, product),
      editDossier: canEditDossier(viewer, product, version),
      startReview: canStartReview(viewer, version),
      decide: canDecide(viewer, version),
      withdraw: canWithdrawApproval(viewer, version),
    },
  }
}

const isDuplicateLabel = (e: unknown) => isUniqueViolation(e, 'product_version.version_label')

/** The label field says what is wrong; the form itself says to look there. */
const duplicateLabel = () =>
  refuse('duplicate_version_label', {
    message: 'common.formHasErrors',
    fieldErrors: { versionLabel: 'versionForm.error.duplicateLabel' },
  })

/**
 * Adds a new draft version (its own assessment follows; earlier approvals stay with their versions). It carries the
 * approval facts over from the product's newest version, or takes `facts` (the change the product form refused on an
 * assessed version).
 */
export async function addVersion(
  viewer: Viewer | null,
  productId: number,
  input: VersionData,
  facts?: ApprovalFacts,
): Promise<Result<{ versionId: number }>> {
  const { iso, today } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const product = (await loadProductAccess(trx, [productId], today)).get(productId)
        if (!product || !canViewProduct(viewer, product)) return refuse('not_found')
        if (!canAddVersion(viewer, product)) return refuse('forbidden')
        const carried = facts ?? (await loadWorkingVersion(trx, productId))?.facts
        const { id } = await trx
          .insertInto('product_version')
          .values({
            product_id: productId,
            version_label: input.versionLabel,
            release_notes: input.releaseNotes ?? null,
            created_at: iso,
            updated_at: iso,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        if (carried) await writeVersionFacts(trx, id, approvalFactsOf(carried))
        await syncProductFacts(trx, productId, today)
        await audit(
          {
            action: 'register.version_created',
            actorUserId: viewer.userId,
            target: { type: 'product_version', id },
            details: { productId, ...(facts ? { factsChanged: true } : {}) },
            at: iso,
          },
          trx,
        )
        return ok({ versionId: id })
      })
  } catch (e) {
    if (isDuplicateLabel(e)) return duplicateLabel()
    throw e
  }
}

/** Edits a version's label and release notes while it is a draft or changes were requested. */
export async function updateVersion(
  viewer: Viewer | null,
  versionId: number,
  input: VersionData,
): Promise<Result<null>> {
  const { iso, today } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const ctx = await loadVersionAccess(trx, versionId, today)
        if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return refuse('not_found')
        if (!canEditProduct(viewer, ctx.product)) return refuse('forbidden')
        if (!canEditVersion(viewer, ctx.product, ctx.version))
          return refuse('not_editable', { detail: ctx.version.state })
        const before = await trx
          .selectFrom('product_version')
          .select(['version_label', 'release_notes'])
          .where('id', '=', versionId)
          .executeTakeFirstOrThrow()
        const changes = auditChanges(before, {
          version_label: input.versionLabel,
          release_notes: input.releaseNotes ?? null,
        })
        await trx
          .updateTable('product_version')
          .set({ version_label: input.versionLabel, release_notes: input.releaseNotes ?? null, updated_at: iso })
          .where('id', '=', versionId)
          .where('state', '=', ctx.version.state)
          .execute()
        await reindexProduct(trx, ctx.product.id)
        await audit(
          {
            action: 'register.version_updated',
            actorUserId: viewer.userId,
            target: { type: 'product_version', id: versionId },
            details: { productId: ctx.product.id, changes },
            at: iso,
          },
          trx,
        )
        return ok(null)
      })
  } catch (e) {
    if (isDuplicateLabel(e)) return duplicateLabel()
    throw e
  }
}
