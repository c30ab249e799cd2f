import { sql } from 'kysely'
import { z } from 'zod'
import { getDb } from '../../db/client'
import type { CareSettingCode, IntegrationCode, IntendedUse, MdrClass, VersionState } from '../../db/schema'
import {
  CARE_SETTINGS,
  INTEGRATIONS,
  INTENDED_USES,
  MDR_CLASSES,
  approvalLabel,
  fail,
  isPublicVersionState,
  ok,
  type ApprovalLabel,
  type Result,
} from '~/domain/approval-workflow'
import {
  canAddVersion,
  canAssess,
  canCreateProduct,
  canDecide,
  canEditDossier,
  canEditProduct,
  canEditVersion,
  canSeeUnpublished,
  canStartReview,
  canSubmitVersion,
  canViewDossier,
  canViewProduct,
  canViewVersion,
  canWithdrawApproval,
} from '~/policy/register'
import { effectiveRole, type Viewer } from '~/policy/viewer'
import {
  auditRegister,
  loadLabelVersions,
  loadProductAccess,
  loadVersionContext,
  versionValidUntil,
} from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Products and their versions: the supplier's side of the register, and the product pages everyone reads.

// ---------------------------------------------------------------------------------------------------------------
// Input. The schemas accept both typed values and raw form values ("on", "", a single string for a list), so a
// route can hand them Object.fromEntries(formData) plus getAll() for the lists. Text is NFC-normalised so that
// "å" typed on a Mac (a + combining ring) is found by a search for "å".

const nfc = (s: string) => s.normalize('NFC')
const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)
const requiredText = (max: number) => z.string().trim().min(1).max(max).transform(nfc)
const optionalText = (max: number) =>
  z.preprocess(emptyToNull, z.string().trim().max(max).transform(nfc).nullable().optional()).transform((v) => v ?? null)
const flag = z.preprocess((v) => {
  if (v === true || v === 1 || v === 'on' || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === undefined || v === null || v === '' || v === '0' || v === 'false') return false
  return v
}, z.boolean())
const codeList = <T extends readonly [string, ...string[]]>(codes: T) =>
  z
    .preprocess(
      (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(codes)),
    )
    .transform((list) => [...new Set(list)].sort())

export const ProductInput = z
  .object({
    name: requiredText(120),
    categoryId: z.coerce.number().int().positive(),
    shortDescription: requiredText(300),
    description: optionalText(10_000).transform((v) => v ?? ''),
    intendedUsers: optionalText(1000),
    // Rendered as a link: only http(s), never javascript: or data:.
    website: z
      .preprocess(
        emptyToNull,
        z
          .url({ protocol: /^https?$/ })
          .max(500)
          .nullable()
          .optional(),
      )
      .transform((v) => v ?? null),
    ceMarked: flag,
    intendedUse: z.preprocess(emptyToNull, z.enum(INTENDED_USES).nullable().optional()).transform((v) => v ?? null),
    mdrClass: z.preprocess((v) => (v === undefined || v === '' ? 'none' : v), z.enum(MDR_CLASSES)),
    dataStorageLocation: optionalText(1000),
    dpiaTemplateAvailable: flag,
    dpaAvailable: flag,
    universalDesign: optionalText(2000),
    priceModel: optionalText(2000),
    standards: optionalText(1000),
    careSettings: codeList(CARE_SETTINGS),
    integrations: codeList(INTEGRATIONS),
  })
  // A medical device may only be placed on the market with CE marking.
  .refine((p) => p.mdrClass === 'none' || p.ceMarked, {
    path: ['ceMarked'],
    message: 'A medical device must be CE marked',
  })
export type ProductInput = z.input<typeof ProductInput>
export type ProductData = z.output<typeof ProductInput>

export const VersionInput = z.object({
  versionLabel: requiredText(40),
  releaseNotes: optionalText(5000),
})
export type VersionInput = z.input<typeof VersionInput>

export function invalid(error: z.ZodError) {
  return fail('invalid_input', {
    fields: [...new Set(error.issues.map((i) => i.path.join('.')))],
    detail: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

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
  viewerCan: { edit: boolean; addVersion: boolean; viewDossier: boolean; assess: boolean }
}

/**
 * Summaries of these products for this viewer, in the order given, leaving out the ones it may not see. Batched:
 * a fixed number of queries whatever the number of ids.
 */
export async function loadProductSummaries(
  db: DbOrTrx,
  ids: readonly number[],
  viewer: Viewer | null,
  today: string,
): Promise<ProductSummary[]> {
  return (await loadProducts(db, ids, viewer, today, false)) as ProductSummary[]
}

async function loadProducts(
  db: DbOrTrx,
  ids: readonly number[],
  viewer: Viewer | null,
  today: string,
  detail: boolean,
): Promise<Array<ProductSummary | ProductDetail>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const [rows, labelVersions] = await Promise.all([
    db
      .selectFrom('product as p')
      .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
      .innerJoin('category as c', 'c.id', 'p.category_id')
      .select([
        'p.id',
        'p.name',
        'p.short_description',
        'p.supplier_organisation_id',
        'o.name as supplier_name',
        'c.id as category_id',
        'c.slug as category_slug',
        'c.name_nb as category_name_nb',
        'c.name_en as category_name_en',
        'p.mdr_class',
        'p.ce_marked',
        'p.updated_at',
      ])
      .$if(detail, (qb) =>
        qb.select([
          'p.description',
          'p.intended_users',
          'p.website',
          'p.intended_use',
          'p.data_storage_location',
          'p.dpia_template_available',
          'p.dpa_available',
          'p.universal_design',
          'p.price_model',
          'p.standards',
          'p.created_at',
        ]),
      )
      .where('p.id', 'in', unique)
      .execute(),
    loadLabelVersions(db, unique),
  ])

  const visible = rows.filter((r) => {
    const versions = labelVersions.get(r.id) ?? []
    const currentlyApproved = approvalLabel(versions, today).status !== 'not_approved'
    return canViewProduct(viewer, { supplierOrganisationId: r.supplier_organisation_id, currentlyApproved })
  })
  const visibleIds = visible.map((r) => r.id)
  if (visibleIds.length === 0) return []

  const privileged = new Set(
    visible
      .filter((r) => canSeeUnpublished(viewer, { supplierOrganisationId: r.supplier_organisation_id }))
      .map((r) => r.id),
  )
  const [careSettings, integrations, versions] = await Promise.all([
    db
      .selectFrom('product_care_setting')
      .select(['product_id', 'code'])
      .where('product_id', 'in', visibleIds)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('product_integration')
      .select(['product_id', 'code'])
      .where('product_id', 'in', visibleIds)
      .orderBy('code')
      .execute(),
    detail
      ? db
          .selectFrom('product_version as v')
          .select([
            'v.id',
            'v.product_id',
            'v.version_label',
            'v.state',
            'v.release_notes',
            'v.submitted_at',
            'v.created_at',
            versionValidUntil('v').as('valid_until'),
          ])
          .where('v.product_id', 'in', visibleIds)
          // Unpublished versions (content included) only leave the database for viewers entitled to them.
          .where((eb) =>
            eb.or([
              eb('v.state', 'in', ['approved', 'provisionally_approved', 'withdrawn', 'expired']),
              ...(privileged.size ? [eb('v.product_id', 'in', [...privileged])] : []),
            ]),
          )
          .orderBy('v.id', 'desc')
          .execute()
      : Promise.resolve([]),
  ])
  const group = <T extends { product_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>()
    for (const item of list) map.set(item.product_id, [...(map.get(item.product_id) ?? []), item])
    return map
  }
  const careByProduct = group(careSettings)
  const integrationsByProduct = group(integrations)
  const versionsByProduct = group(versions)

  const byId = new Map(
    visible.map((r) => {
      const labelList = labelVersions.get(r.id) ?? []
      const approval = approvalLabel(labelList, today)
      const product = {
        supplierOrganisationId: r.supplier_organisation_id,
        currentlyApproved: approval.status !== 'not_approved',
      }
      const newest = labelList.at(-1)
      const summary: ProductSummary = {
        id: r.id,
        name: r.name,
        shortDescription: r.short_description,
        supplier: { id: r.supplier_organisation_id, name: r.supplier_name },
        category: { id: r.category_id, slug: r.category_slug, nameNb: r.category_name_nb, nameEn: r.category_name_en },
        mdrClass: r.mdr_class,
        ceMarked: r.ce_marked === 1,
        careSettings: (careByProduct.get(r.id) ?? []).map((c) => c.code),
        integrations: (integrationsByProduct.get(r.id) ?? []).map((c) => c.code),
        approval,
        updatedAt: r.updated_at,
        newestVersion:
          privileged.has(r.id) && newest ? { id: newest.id, label: newest.label, state: newest.state } : null,
      }
      if (!detail) return [r.id, summary] as const
      const d = r as typeof r & {
        description: string
        intended_users: string | null
        website: string | null
        intended_use: IntendedUse | null
        data_storage_location: string | null
        dpia_template_available: number
        dpa_available: number
        universal_design: string | null
        price_model: string | null
        standards: string | null
        created_at: string
      }
      const result: ProductDetail = {
        ...summary,
        description: d.description,
        intendedUsers: d.intended_users,
        website: d.website,
        intendedUse: d.intended_use,
        dataStorageLocation: d.data_storage_location,
        dpiaTemplateAvailable: d.dpia_template_available === 1,
        dpaAvailable: d.dpa_available === 1,
        universalDesign: d.universal_design,
        priceModel: d.price_model,
        standards: d.standards,
        createdAt: d.created_at,
        versions: (versionsByProduct.get(r.id) ?? [])
          .filter((v) => canViewVersion(viewer, product, v))
          .map((v) => ({
            id: v.id,
            label: v.version_label,
            state: v.state,
            releaseNotes: v.release_notes,
            submittedAt: isPublicVersionState(v.state) || privileged.has(r.id) ? v.submitted_at : null,
            createdAt: v.created_at,
            validUntil: v.valid_until,
          })),
        viewerCan: {
          edit: canEditProduct(viewer, product),
          addVersion: canAddVersion(viewer, product),
          viewDossier: canViewDossier(viewer, product),
          assess: canAssess(viewer),
        },
      }
      return [r.id, result] as const
    }),
  )
  return unique.flatMap((id) => {
    const item = byId.get(id)
    return item ? [item] : []
  })
}

/** A product page: null when it does not exist or this viewer may not see it (the route answers 404 either way). */
export async function getProductForViewer(productId: number, viewer: Viewer | null): Promise<ProductDetail | null> {
  if (!Number.isSafeInteger(productId)) return null
  const [product] = (await loadProducts(getDb(), [productId], viewer, clock().today, true)) as ProductDetail[]
  return product ?? null
}

/** Up to four products side by side, in the order asked for; ids the viewer may not see are left out. */
export const MAX_COMPARE = 4
export async function getCompareData(ids: readonly number[], viewer: Viewer | null): Promise<ProductDetail[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_COMPARE)
  return (await loadProducts(getDb(), wanted, viewer, clock().today, true)) as ProductDetail[]
}

/** The supplier workspace: the viewer's own company's products (null for anyone who is not a verified supplier). */
export async function listSupplierProducts(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ProductSummary> | null> {
  if (effectiveRole(viewer) !== 'supplier') return null
  const db = getDb()
  const { page, pageSize, offset } = pageParams(paging)
  const base = db.selectFrom('product').where('supplier_organisation_id', '=', viewer!.organisationId)
  const [{ n }, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select('id')
      .orderBy(sql`name collate nocase`)
      .orderBy('id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  const items = await loadProductSummaries(
    db,
    ids.map((r) => r.id),
    viewer,
    clock().today,
  )
  return toPage(items, n, page, pageSize)
}

// ---------------------------------------------------------------------------------------------------------------
// Writing (the supplier's own products).

async function categoryExists(db: DbOrTrx, id: number) {
  return !!(await db.selectFrom('category').select('id').where('id', '=', id).executeTakeFirst())
}

function productColumns(p: ProductData) {
  return {
    name: p.name,
    category_id: p.categoryId,
    short_description: p.shortDescription,
    description: p.description,
    intended_users: p.intendedUsers,
    website: p.website,
    ce_marked: p.ceMarked ? 1 : 0,
    intended_use: p.intendedUse,
    mdr_class: p.mdrClass,
    data_storage_location: p.dataStorageLocation,
    dpia_template_available: p.dpiaTemplateAvailable ? 1 : 0,
    dpa_available: p.dpaAvailable ? 1 : 0,
    universal_design: p.universalDesign,
    price_model: p.priceModel,
    standards: p.standards,
  }
}

async function replaceCodes(db: DbOrTrx, productId: number, p: ProductData) {
  await db.deleteFrom('product_care_setting').where('product_id', '=', productId).execute()
  await db.deleteFrom('product_integration').where('product_id', '=', productId).execute()
  if (p.careSettings.length) {
    await db
      .insertInto('product_care_setting')
      .values(p.careSettings.map((code) => ({ product_id: productId, code })))
      .execute()
  }
  if (p.integrations.length) {
    await db
      .insertInto('product_integration')
      .values(p.integrations.map((code) => ({ product_id: productId, code })))
      .execute()
  }
}

/** Registers a product owned by the viewer's supplier company, with a first draft version. */
export async function createProduct(
  viewer: Viewer | null,
  input: ProductInput,
  firstVersion: VersionInput = { versionLabel: '1.0' },
): Promise<Result<{ productId: number; versionId: number }>> {
  if (!canCreateProduct(viewer)) return fail('forbidden')
  const parsed = ProductInput.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const version = VersionInput.safeParse(firstVersion)
  if (!version.success) return invalid(version.error)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await categoryExists(trx, parsed.data.categoryId))) return fail('invalid_input', { fields: ['categoryId'] })
      const { id } = await trx
        .insertInto('product')
        .values({
          ...productColumns(parsed.data),
          supplier_organisation_id: viewer!.organisationId,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await replaceCodes(trx, id, parsed.data)
      const v = await trx
        .insertInto('product_version')
        .values({
          product_id: id,
          version_label: version.data.versionLabel,
          release_notes: version.data.releaseNotes,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await auditRegister(trx, {
        action: 'register.product_created',
        actorUserId: viewer!.userId,
        target: { type: 'product', id },
        at: iso,
      })
      return ok({ productId: id, versionId: v.id })
    })
}

/**
 * Updates the product's public data. Allowed at any time to its supplier: an approval belongs to a version, and
 * what changes the product itself is a new version, which is assessed again.
 */
export async function updateProduct(
  viewer: Viewer | null,
  productId: number,
  input: ProductInput,
): Promise<Result<null>> {
  const parsed = ProductInput.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const product = (await loadProductAccess(trx, [productId], today)).get(productId)
      if (!product || !canViewProduct(viewer, product)) return fail('not_found')
      if (!canEditProduct(viewer, product)) return fail('forbidden')
      if (!(await categoryExists(trx, parsed.data.categoryId))) return fail('invalid_input', { fields: ['categoryId'] })
      await trx
        .updateTable('product')
        .set({ ...productColumns(parsed.data), updated_at: iso })
        .where('id', '=', productId)
        .execute()
      await replaceCodes(trx, productId, parsed.data)
      await auditRegister(trx, {
        action: 'register.product_updated',
        actorUserId: viewer!.userId,
        target: { type: 'product', id: productId },
        at: iso,
      })
      return ok(null)
    })
}

const isUniqueViolation = (e: unknown) =>
  e instanceof Error && /UNIQUE constraint failed: product_version/.test(e.message)

/** Adds a new draft version (its own assessment follows; earlier approvals stay with their versions). */
export async function addVersion(
  viewer: Viewer | null,
  productId: number,
  input: VersionInput,
): Promise<Result<{ versionId: number }>> {
  const parsed = VersionInput.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { iso, today } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const product = (await loadProductAccess(trx, [productId], today)).get(productId)
        if (!product || !canViewProduct(viewer, product)) return fail('not_found')
        if (!canAddVersion(viewer, product)) return fail('forbidden')
        const { id } = await trx
          .insertInto('product_version')
          .values({
            product_id: productId,
            version_label: parsed.data.versionLabel,
            release_notes: parsed.data.releaseNotes,
            created_at: iso,
            updated_at: iso,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await auditRegister(trx, {
          action: 'register.version_created',
          actorUserId: viewer!.userId,
          target: { type: 'product_version', id },
          details: { productId },
          at: iso,
        })
        return ok({ versionId: id })
      })
  } catch (e) {
    if (isUniqueViolation(e)) return fail('duplicate_version_label', { fields: ['versionLabel'] })
    throw e
  }
}

/** Edits a version's label and release notes while it is a draft or changes were requested. */
export async function updateVersion(
  viewer: Viewer | null,
  versionId: number,
  input: VersionInput,
): Promise<Result<null>> {
  const parsed = VersionInput.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { iso, today } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const ctx = await loadVersionContext(trx, versionId, today)
        if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return fail('not_found')
        if (!canEditProduct(viewer, ctx.product)) return fail('forbidden')
        if (!canEditVersion(viewer, ctx.product, ctx.version))
          return fail('not_editable', { detail: ctx.version.state })
        await trx
          .updateTable('product_version')
          .set({ version_label: parsed.data.versionLabel, release_notes: parsed.data.releaseNotes, updated_at: iso })
          .where('id', '=', versionId)
          .where('state', '=', ctx.version.state)
          .execute()
        await auditRegister(trx, {
          action: 'register.version_updated',
          actorUserId: viewer!.userId,
          target: { type: 'product_version', id: versionId },
          at: iso,
        })
        return ok(null)
      })
  } catch (e) {
    if (isUniqueViolation(e)) return fail('duplicate_version_label', { fields: ['versionLabel'] })
    throw e
  }
}

export type VersionDetail = VersionSummary & {
  product: { id: number; name: string; supplier: { id: number; name: string } }
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

/** One version for the supplier workspace or the assessment page; null when the viewer may not see it. */
export async function getVersionForViewer(versionId: number, viewer: Viewer | null): Promise<VersionDetail | null> {
  if (!Number.isSafeInteger(versionId)) return null
  const db = getDb()
  const { today } = clock()
  const ctx = await loadVersionContext(db, versionId, today)
  if (!ctx || !canViewVersion(viewer, ctx.product, ctx.version)) return null
  const row = await db
    .selectFrom('product_version as v')
    .innerJoin('product as p', 'p.id', 'v.product_id')
    .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .select([
      'v.id',
      'v.version_label',
      'v.state',
      'v.release_notes',
      'v.submitted_at',
      'v.created_at',
      versionValidUntil('v').as('valid_until'),
      'p.id as product_id',
      'p.name as product_name',
      'o.id as supplier_id',
      'o.name as supplier_name',
    ])
    .where('v.id', '=', versionId)
    .executeTakeFirstOrThrow()
  return {
    id: row.id,
    label: row.version_label,
    state: row.state,
    releaseNotes: row.release_notes,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    validUntil: row.valid_until,
    product: { id: row.product_id, name: row.product_name, supplier: { id: row.supplier_id, name: row.supplier_name } },
    viewerCan: {
      edit: canEditVersion(viewer, ctx.product, ctx.version),
      submit: canSubmitVersion(viewer, ctx.product, ctx.version),
      viewDossier: canViewDossier(viewer, ctx.product),
      editDossier: canEditDossier(viewer, ctx.product, ctx.version),
      startReview: canStartReview(viewer, ctx.version),
      decide: canDecide(viewer, ctx.version),
      withdraw: canWithdrawApproval(viewer, ctx.version),
    },
  }
}
