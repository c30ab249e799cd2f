import { getDb } from '../../db/client'
import { approvalLabel, unassessedNewerVersion, type ApprovalLabel } from '~/domain/approval-label'
import { isPublicVersionState, type VersionState } from '~/domain/approval-workflow'
import type { CareSettingCode, IntegrationCode, IntendedUse, MdrClass } from '~/domain/register-codes'
import type { ProductData, VersionData } from '~/forms/register'
import {
  canAddVersion,
  canAssess,
  canCreateProduct,
  canEditProduct,
  canEditVersion,
  canSeeUnpublished,
  canViewDossier,
  canViewProduct,
  publishedDecisionsWhere,
  visibleProductsWhere,
  visibleVersionsWhere,
  type ProductRef,
} from '~/policy/register'
import { isVerifiedSupplier, type Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { decisionValidUntil, loadLabelVersions, loadProductAccess, toProductRef } from '~/models/register-access.server'
import { reindexProduct } from '~/models/search-index.server'
import { MAX_COMPARE } from '~/domain/register-search-options'
import { clock, type DbOrTrx } from '~/models/db.server'
import {
  factColumns,
  factsVersionId,
  loadVersionFacts,
  syncProductFacts,
  writeVersionFacts,
} from '~/models/approval-facts.server'
import { approvalFactsOf, changedFacts, type ApprovalFacts } from '~/domain/approval-facts'
import { auditChanges } from '~/domain/audit-changes'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Products: the pages everyone reads (as the policy lets them) and the supplier's own product data. Versions are in
// versions.server.ts, the workflow in decisions.server.ts.

export type CategoryRef = { id: number; slug: string; nameNb: string; nameEn: string }

export type ProductSummary = {
  id: number
  name: string
  shortDescription: string
  supplier: { id: number; name: string }
  category: CategoryRef
  mdrClass: MdrClass
  ceMarked: boolean
  careSettings: CareSettingCode[]
  integrations: IntegrationCode[]
  approval: ApprovalLabel
  updatedAt: string
  /** The newest version and its workflow state: only for the product's supplier and coordinators, else null. */
  newestVersion: { id: number; label: string; state: VersionState } | null
}

export type VersionSummary = {
  id: number
  label: string
  state: VersionState
  releaseNotes: string | null
  submittedAt: string | null
  createdAt: string
  /** End of the approval that gave the version its state (approved and provisionally approved versions). */
  validUntil: string | null
}

export type ProductDetail = ProductSummary & {
  description: string
  intendedUsers: string | null
  website: string | null
  intendedUse: IntendedUse | null
  dataStorageLocation: string | null
  dpiaTemplateAvailable: boolean
  dpaAvailable: boolean
  universalDesign: string | null
  priceModel: string | null
  standards: string | null
  createdAt: string
  /** Versions this viewer may see, newest first. */
  versions: VersionSummary[]
  /** The version this viewer is told is "not yet assessed" next to the approval (app/domain/approval-label.ts). */
  unassessedVersion: string | null
  /** The published rationale of the withdrawal, when the label says the approval was withdrawn. */
  withdrawalRationale: string | null
  /** The access facts the product's other models take (the route asks for them once and passes them on). */
  access: ProductRef
  viewerCan: { edit: boolean; addVersion: boolean; viewDossier: boolean; assess: boolean }
}

/** A product without versions (never the case in practice: a product is created with its first version). */
const noFacts: ApprovalFacts = {
  ceMarked: false,
  intendedUse: null,
  mdrClass: 'none',
  dataStorageLocation: null,
  dpiaTemplateAvailable: false,
  dpaAvailable: false,
  universalDesign: null,
  standards: null,
  integrations: [],
}

const groupByProduct = <T extends { product_id: number }>(list: readonly T[]) => {
  const map = new Map<number, T[]>()
  for (const item of list) map.set(item.product_id, [...(map.get(item.product_id) ?? []), item])
  return map
}

/**
 * Summaries of these products for this viewer, in the order given, leaving out the ones it may not see. Batched:
 * a fixed number of queries whatever the number of ids.
 */
export async function loadProductSummaries(
  viewer: Viewer | null,
  ids: readonly number[],
  today: string,
  db: DbOrTrx = getDb(),
): Promise<ProductSummary[]> {
  return (await loadSummaries(viewer, ids, today, db)).map((s) => s.summary)
}

async function loadSummaries(viewer: Viewer | null, ids: readonly number[], today: string, db: DbOrTrx) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const [rows, labelVersions] = await Promise.all([
    db
      .selectFrom('product')
      .innerJoin('organisation as o', 'o.id', 'product.supplier_organisation_id')
      .innerJoin('category as c', 'c.id', 'product.category_id')
      .select([
        'product.id',
        'product.name',
        'product.short_description',
        'product.supplier_organisation_id',
        'o.name as supplier_name',
        'c.id as category_id',
        'c.slug as category_slug',
        'c.name_nb as category_name_nb',
        'c.name_en as category_name_en',
        'product.updated_at',
      ])
      .where('product.id', 'in', unique)
      .where(visibleProductsWhere(viewer, today))
      .execute(),
    loadLabelVersions(db, unique),
  ])
  const visibleIds = rows.map((r) => r.id)
  if (visibleIds.length === 0) return []
  // The approval facts come from the version the label names (docs/domain.md, "Approval facts"), never from a newer
  // draft.
  const factsVersion = new Map(
    visibleIds.map((id) => [id, factsVersionId(labelVersions.get(id) ?? [], today)] as const),
  )
  const [careSettings, factsByVersion] = await Promise.all([
    db
      .selectFrom('product_care_setting')
      .select(['product_id', 'code'])
      .where('product_id', 'in', visibleIds)
      .orderBy('code')
      .execute(),
    loadVersionFacts(
      db,
      [...factsVersion.values()].filter((id): id is number => id !== null),
    ),
  ])
  const careByProduct = groupByProduct(careSettings)
  const factsOf = (productId: number): ApprovalFacts => {
    const versionId = factsVersion.get(productId)
    return (versionId != null ? factsByVersion.get(versionId) : undefined) ?? noFacts
  }

  const byId = new Map(
    rows.map((r) => {
      const versions = labelVersions.get(r.id) ?? []
      const access = toProductRef({ id: r.id, supplierOrganisationId: r.supplier_organisation_id }, versions, today)
      const newest = versions.at(-1)
      const facts = factsOf(r.id)
      const summary: ProductSummary = {
        id: r.id,
        name: r.name,
        shortDescription: r.short_description,
        supplier: { id: r.supplier_organisation_id, name: r.supplier_name },
        category: { id: r.category_id, slug: r.category_slug, nameNb: r.category_name_nb, nameEn: r.category_name_en },
        mdrClass: facts.mdrClass,
        ceMarked: facts.ceMarked,
        careSettings: (careByProduct.get(r.id) ?? []).map((c) => c.code),
        integrations: facts.integrations,
        approval: approvalLabel(versions, today),
        updatedAt: r.updated_at,
        newestVersion:
          canSeeUnpublished(viewer, access) && newest
            ? { id: newest.id, label: newest.label, state: newest.state }
            : null,
      }
      return [r.id, { summary, access, facts }] as const
    }),
  )
  return unique.flatMap((id) => {
    const item = byId.get(id)
    return item ? [item] : []
  })
}

/** Product pages (with the versions this viewer may see) for these ids, in the order given. */
async function loadDetails(viewer: Viewer | null, ids: readonly number[], today: string, db: DbOrTrx) {
  const summaries = await loadSummaries(viewer, ids, today, db)
  if (summaries.length === 0) return []
  const visibleIds = summaries.map((s) => s.access.id)
  const withdrawnVersionIds = summaries.flatMap(({ summary }) =>
    summary.approval.status === 'withdrawn' ? [summary.approval.versionId] : [],
  )
  const [rows, versions, withdrawals] = await Promise.all([
    db
      .selectFrom('product')
      .select(['id', 'description', 'intended_users', 'website', 'price_model', 'created_at'])
      .where('id', 'in', visibleIds)
      .execute(),
    // Unpublished versions (content included) only leave the database for viewers entitled to them.
    db
      .selectFrom('product_version')
      .select([
        'id',
        'product_id',
        'version_label',
        'state',
        'release_notes',
        'submitted_at',
        'created_at',
        (eb) => decisionValidUntil(eb).as('valid_until'),
      ])
      .where('product_id', 'in', visibleIds)
      .where(visibleVersionsWhere(viewer, today))
      .orderBy('id', 'desc')
      .execute(),
    // The withdrawal decisions behind the labels (published, so the same for everyone), newest first.
    withdrawnVersionIds.length === 0
      ? []
      : db
          .selectFrom('version_decision')
          .select(['version_id', 'rationale'])
          .where('version_id', 'in', withdrawnVersionIds)
          .where('outcome', '=', 'withdrawn')
          .where(publishedDecisionsWhere)
          .orderBy('id', 'desc')
          .execute(),
  ])
  const rowById = new Map(rows.map((r) => [r.id, r]))
  const versionsByProduct = groupByProduct(versions)
  const withdrawalRationale = (approval: ApprovalLabel) =>
    approval.status === 'withdrawn'
      ? (withdrawals.find((w) => w.version_id === approval.versionId)?.rationale ?? null)
      : null
  return summaries.flatMap(({ summary, access, facts }): ProductDetail[] => {
    const d = rowById.get(summary.id)
    if (!d) return []
    const privileged = canSeeUnpublished(viewer, access)
    const visibleVersions = (versionsByProduct.get(summary.id) ?? []).map((v) => ({
      id: v.id,
      label: v.version_label,
      state: v.state,
      releaseNotes: v.release_notes,
      submittedAt: isPublicVersionState(v.state) || privileged ? v.submitted_at : null,
      createdAt: v.created_at,
      validUntil: v.valid_until,
    }))
    return [
      {
        ...summary,
        description: d.description,
        intendedUsers: d.intended_users,
        website: d.website,
        intendedUse: facts.intendedUse,
        dataStorageLocation: facts.dataStorageLocation,
        dpiaTemplateAvailable: facts.dpiaTemplateAvailable,
        dpaAvailable: facts.dpaAvailable,
        universalDesign: facts.universalDesign,
        priceModel: d.price_model,
        standards: facts.standards,
        createdAt: d.created_at,
        versions: visibleVersions,
        unassessedVersion: unassessedNewerVersion(summary.approval, visibleVersions),
        withdrawalRationale: withdrawalRationale(summary.approval),
        access,
        viewerCan: {
          edit: canEditProduct(viewer, access),
          addVersion: canAddVersion(viewer, access),
          viewDossier: canViewDossier(viewer, access),
          assess: canAssess(viewer),
        },
      },
    ]
  })
}

/** A product page: null when it does not exist or this viewer may not see it (the route answers 404 either way). */
export async function getProductForViewer(viewer: Viewer | null, productId: number): Promise<ProductDetail | null> {
  if (!Number.isSafeInteger(productId)) return null
  const [product] = await loadDetails(viewer, [productId], clock().today, getDb())
  return product ?? null
}

export { MAX_COMPARE }

/** The products a comparison takes: each id once, in the order asked for, at most MAX_COMPARE of them. */
export const compareSelection = (ids: readonly number[]) =>
  [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_COMPARE)

/** Up to four products side by side, in the order asked for; ids the viewer may not see are left out. */
export async function getCompareData(viewer: Viewer | null, ids: readonly number[]): Promise<ProductDetail[]> {
  return loadDetails(viewer, compareSelection(ids), clock().today, getDb())
}

/** The supplier workspace: the viewer's own company's products (null for anyone who is not a verified supplier). */
export async function listSupplierProducts(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ProductSummary> | null> {
  if (!isVerifiedSupplier(viewer)) return null
  const db = getDb()
  const { page, pageSize, offset } = pageParams(paging)
  const base = db.selectFrom('product').where('supplier_organisation_id', '=', viewer.organisationId)
  const [{ n }, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select('id').orderBy('name_sort').orderBy('name').orderBy('id').limit(pageSize).offset(offset).execute(),
  ])
  const items = await loadProductSummaries(
    viewer,
    ids.map((r) => r.id),
    clock().today,
    db,
  )
  return toPage(items, n, page, pageSize)
}

// ---------------------------------------------------------------------------------------------------------------
// Writing (the supplier's own products).

async function categoryExists(db: DbOrTrx, id: number) {
  return !!(await db.selectFrom('category').select('id').where('id', '=', id).executeTakeFirst())
}

const unknownCategory = () => invalidFields({ categoryId: 'productForm.error.categoryId' })

/** The product's own columns (the facts an approval rests on are the version's: factColumns). */
function productColumns(p: ProductData) {
  return {
    name: p.name,
    category_id: p.categoryId,
    short_description: p.shortDescription,
    description: p.description,
    intended_users: p.intendedUsers,
    website: p.website,
    price_model: p.priceModel,
  }
}

async function replaceCareSettings(db: DbOrTrx, productId: number, p: ProductData) {
  await db.deleteFrom('product_care_setting').where('product_id', '=', productId).execute()
  if (p.careSettings.length) {
    await db
      .insertInto('product_care_setting')
      .values(p.careSettings.map((code) => ({ product_id: productId, code })))
      .execute()
  }
}

/** Registers a product owned by the viewer's supplier company, with a first draft version holding its facts. */
export async function createProduct(
  viewer: Viewer | null,
  product: ProductData,
  firstVersion: VersionData = { versionLabel: '1.0' },
): Promise<Result<{ productId: number; versionId: number }>> {
  if (!canCreateProduct(viewer)) return refuse('forbidden')
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await categoryExists(trx, product.categoryId))) return unknownCategory()
      const facts = approvalFactsOf(product)
      const { id } = await trx
        .insertInto('product')
        .values({
          ...productColumns(product),
          ...factColumns(facts),
          supplier_organisation_id: viewer.organisationId,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await replaceCareSettings(trx, id, product)
      await reindexProduct(trx, id)
      const v = await trx
        .insertInto('product_version')
        .values({
          product_id: id,
          version_label: firstVersion.versionLabel,
          release_notes: firstVersion.releaseNotes ?? null,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeVersionFacts(trx, v.id, facts)
      await syncProductFacts(trx, id, today)
      await audit(
        {
          action: 'register.product_created',
          actorUserId: viewer.userId,
          target: { type: 'product', id },
          details: { versionId: v.id },
          at: iso,
        },
        trx,
      )
      return ok({ productId: id, versionId: v.id })
    })
}

/**
 * Updates the product's data. The product's own fields (name, descriptions, care settings, website, price model) may
 * change at any time; the facts an approval rests on belong to the product's newest version and change with the
 * product form only while that version is a draft or changes were requested. Once it has been submitted they are
 * refused, field by field, with the offer of a new version carrying the change (docs/domain.md, "Approval facts").
 * Nothing is written when they are refused.
 */
export async function updateProduct(
  viewer: Viewer | null,
  productId: number,
  product: ProductData,
): Promise<Result<null>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = (await loadProductAccess(trx, [productId], today)).get(productId)
      if (!access || !canViewProduct(viewer, access)) return refuse('not_found')
      if (!canEditProduct(viewer, access)) return refuse('forbidden')
      if (!(await categoryExists(trx, product.categoryId))) return unknownCategory()
      const working = await loadWorkingVersion(trx, productId)
      const facts = approvalFactsOf(product)
      const changed = working ? changedFacts(working.facts, facts) : []
      if (working && changed.length > 0 && !canEditVersion(viewer, access, working))
        return refuse('approval_facts_locked', {
          vars: { version: working.label },
          fieldErrors: Object.fromEntries(changed.map((f) => [f, 'productForm.error.factLocked'])),
          fields: changed,
          detail: working.state,
        })

      const before = await trx
        .selectFrom('product')
        .select(['name', 'category_id', 'short_description', 'description', 'intended_users', 'website', 'price_model'])
        .where('id', '=', productId)
        .executeTakeFirstOrThrow()
      const careBefore = await trx
        .selectFrom('product_care_setting')
        .select('code')
        .where('product_id', '=', productId)
        .execute()
      const productChanges = auditChanges(
        { ...before, care_settings: careBefore.map((c) => c.code) },
        { ...productColumns(product), care_settings: product.careSettings },
      )
      await trx
        .updateTable('product')
        .set({ ...productColumns(product), updated_at: iso })
        .where('id', '=', productId)
        .execute()
      await replaceCareSettings(trx, productId, product)
      if (productChanges.length > 0)
        await audit(
          {
            action: 'register.product_updated',
            actorUserId: viewer.userId,
            target: { type: 'product', id: productId },
            details: { changes: productChanges },
            at: iso,
          },
          trx,
        )
      if (working && changed.length > 0) {
        await writeVersionFacts(trx, working.id, facts)
        await trx.updateTable('product_version').set({ updated_at: iso }).where('id', '=', working.id).execute()
        await syncProductFacts(trx, productId, today)
        await audit(
          {
            action: 'register.version_updated',
            actorUserId: viewer.userId,
            target: { type: 'product_version', id: working.id },
            details: { productId, changes: auditChanges(working.facts, facts) },
            at: iso,
          },
          trx,
        )
      }
      await reindexProduct(trx, productId)
      return ok(null)
    })
}

/** The product's newest version with its facts: the one the product form edits. */
export async function loadWorkingVersion(db: DbOrTrx, productId: number) {
  const v = await db
    .selectFrom('product_version')
    .select(['id', 'version_label', 'state'])
    .where('product_id', '=', productId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!v) return null
  const facts = (await loadVersionFacts(db, [v.id])).get(v.id)
  if (!facts) return null
  return { id: v.id, label: v.version_label, state: v.state, facts }
}

/** The facts the supplier's product form edits (its newest version's), with that version; null when not its own. */
export async function getWorkingFacts(viewer: Viewer | null, access: ProductRef) {
  if (!canEditProduct(viewer, access)) return null
  const working = await loadWorkingVersion(getDb(), access.id)
  if (!working) return null
  return { ...working, editable: canEditVersion(viewer, access, working) }
}

/** The product's access facts for this viewer, or null when it does not exist or the viewer may not see it. */
export async function getProductAccess(viewer: Viewer | null, productId: number): Promise<ProductRef | null> {
  if (!Number.isSafeInteger(productId)) return null
  const access = (await loadProductAccess(getDb(), [productId], clock().today)).get(productId)
  return access && canViewProduct(viewer, access) ? access : null
}
