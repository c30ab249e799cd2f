import { getDb } from '../../db/client'
import type { CreateProcurementData, ProcurementData } from '~/forms/procurement'
import { canCreateProcurement, canEditProcurement } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { auditChanges } from '~/domain/audit-changes'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { clock, type DbOrTrx } from '~/models/db.server'
import { existingMunicipalities } from '~/models/municipalities.server'
import type { ProcurementAccess } from '~/models/procurement-access.server'
import { inviteMunicipalities, newParticipantRow } from '~/models/procurement-participants.server'
import { wasOnPublicRegisterWhere } from '~/models/procurement-options.server'
import { refreshFollowUpDueFrom } from '~/models/follow-up-due.server'

// Writing a procurement (anskaffelse): the lead municipality registers it and edits its core fields, the products
// bought and the care settings. Participants are written in procurement-participants.server.ts.

/** The register products among these ids that may be named as bought, with their supplier. */
async function checkProducts(db: DbOrTrx, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, number>()
  const rows = await db
    .selectFrom('product')
    .select(['product.id', 'product.supplier_organisation_id'])
    .where('product.id', 'in', [...ids])
    .where(wasOnPublicRegisterWhere)
    .execute()
  return new Map(rows.map((r) => [r.id, r.supplier_organisation_id]))
}

/** Only verified companies: naming a pending or rejected sign-up would publish its name on the procurement page. */
async function isVerifiedSupplierCompany(db: DbOrTrx, id: number) {
  const row = await db.selectFrom('organisation').select(['kind', 'status']).where('id', '=', id).executeTakeFirst()
  return row?.kind === 'supplier' && row.status === 'verified'
}

type Supplier = { supplierOrganisationId: number | null; supplierName: string | null }

/** Checks the references and resolves the supplier: a registered company when one is given or when every register
 * product comes from the same one, else the name typed. */
async function resolveSupplier(db: DbOrTrx, data: ProcurementData): Promise<Result<Supplier>> {
  const products = await checkProducts(db, data.productIds)
  if (products.size !== data.productIds.length) return invalidFields({ productIds: 'validation.procurement.product' })
  let supplierOrganisationId = data.supplierOrganisationId
  if (supplierOrganisationId !== null && !(await isVerifiedSupplierCompany(db, supplierOrganisationId))) {
    return invalidFields({ supplierOrganisationId: 'validation.procurement.supplier' })
  }
  const productSuppliers = [...new Set(products.values())]
  if (supplierOrganisationId === null && data.supplierName === null && productSuppliers.length === 1) {
    supplierOrganisationId = productSuppliers[0] ?? null
  }
  return ok({ supplierOrganisationId, supplierName: supplierOrganisationId === null ? data.supplierName : null })
}

function coreColumns(data: ProcurementData, supplier: Supplier) {
  return {
    title: data.title,
    need: data.need,
    replaces_practice: data.replacesPractice,
    supplier_organisation_id: supplier.supplierOrganisationId,
    supplier_name: supplier.supplierName,
    procedure: data.procedure,
    doffin_reference: data.doffinReference,
    contract_value_nok: data.contractValueNok,
    price_terms: data.priceTerms,
    contract_start: data.contractStart,
    contract_end: data.contractEnd,
    commercial_terms_visibility: data.commercialTermsVisibility,
    open_for_joining: data.openForJoining ? 1 : 0,
    internal_notes: data.internalNotes,
  }
}

/**
 * Writes the products bought and the care settings. Register products are changed row by row (the ones kept keep
 * their rows): a product that experience reports are about is never taken out (the caller refuses first, and a
 * trigger stops it in the database), so changing a procurement's products never moves a report.
 */
async function writeProductsAndSettings(db: DbOrTrx, procurementId: number, data: ProcurementData) {
  const current = await db
    .selectFrom('procurement_product')
    .select(['id', 'product_id'])
    .where('procurement_id', '=', procurementId)
    .execute()
  const wanted = new Set(data.productIds)
  const removed = current.filter((r) => r.product_id === null || !wanted.has(r.product_id)).map((r) => r.id)
  if (removed.length) await db.deleteFrom('procurement_product').where('id', 'in', removed).execute()
  const kept = new Set(
    current.flatMap((r) => (r.product_id !== null && wanted.has(r.product_id) ? [r.product_id] : [])),
  )
  const rows = [
    ...data.productIds
      .filter((id) => !kept.has(id))
      .map((id) => ({ procurement_id: procurementId, product_id: id, product_name: null })),
    ...data.productNames.map((name) => ({ procurement_id: procurementId, product_id: null, product_name: name })),
  ]
  if (rows.length) await db.insertInto('procurement_product').values(rows).execute()
  await db.deleteFrom('procurement_care_setting').where('procurement_id', '=', procurementId).execute()
  if (data.careSettings.length) {
    await db
      .insertInto('procurement_care_setting')
      .values(data.careSettings.map((code) => ({ procurement_id: procurementId, code })))
      .execute()
  }
}

/**
 * The audit trail of an edit: each changed field before and after, but never the internal notes, and the commercial
 * terms only when they were public before and after (docs/domain.md, "Audit trail").
 */
async function procurementChanges(
  db: DbOrTrx,
  procurementId: number,
  after: ReturnType<typeof coreColumns>,
  data: ProcurementData,
) {
  const before = await db
    .selectFrom('procurement')
    .selectAll()
    .where('id', '=', procurementId)
    .executeTakeFirstOrThrow()
  const [products, settings] = await Promise.all([
    db
      .selectFrom('procurement_product')
      .select(['product_id', 'product_name'])
      .where('procurement_id', '=', procurementId)
      .execute(),
    db.selectFrom('procurement_care_setting').select('code').where('procurement_id', '=', procurementId).execute(),
  ])
  const publicTerms = before.commercial_terms_visibility === 'public' && after.commercial_terms_visibility === 'public'
  return auditChanges(
    {
      ...before,
      product_ids: products.flatMap((p) => (p.product_id === null ? [] : [String(p.product_id)])),
      product_names: products.flatMap((p) => (p.product_name === null ? [] : [p.product_name])),
      care_settings: settings.map((s) => s.code),
    },
    {
      ...after,
      product_ids: data.productIds.map(String),
      product_names: data.productNames,
      care_settings: data.careSettings,
    },
    ['internal_notes', ...(publicTerms ? [] : (['contract_value_nok', 'price_terms'] as const))],
  )
}

/** Register products of the procurement that its experience reports (drafts included) or benefit records (any
 * participant's: a benefit record is its municipality's own) are about and that `data` leaves out, by name: they may
 * not be removed. */
async function removedProductsWith(
  db: DbOrTrx,
  rows: 'experience_report' | 'benefit',
  procurementId: number,
  data: ProcurementData,
) {
  const about = await db
    // Typed as one of the two: both have the only columns read here (procurement_id, product_id).
    .selectFrom(`${rows} as about` as 'benefit as about')
    .innerJoin('product', 'product.id', 'about.product_id')
    .select(['product.id', 'product.name'])
    .distinct()
    .where('about.procurement_id', '=', procurementId)
    .execute()
  return about.filter((r) => !data.productIds.includes(r.id)).map((r) => r.name)
}

/** A buyer registers a procurement led by its own municipality (joint when other municipalities are named). */
export async function createProcurement(
  viewer: Viewer | null,
  data: CreateProcurementData,
): Promise<Result<{ procurementId: number }>> {
  if (!canCreateProcurement(viewer)) return refuse('forbidden')
  const lead = viewer.municipalityNumber
  const others = data.participantMunicipalities.filter((m) => m !== lead)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const known = await existingMunicipalities(trx, others)
      if (known.size !== others.length)
        return invalidFields({ participantMunicipalities: 'validation.procurement.municipality' })
      const supplier = await resolveSupplier(trx, data)
      if (!supplier.ok) return supplier
      const { id } = await trx
        .insertInto('procurement')
        .values({
          ...coreColumns(data, supplier.value),
          lead_municipality_number: lead,
          created_by: viewer.userId,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeProductsAndSettings(trx, id, data)
      // The lead takes part from the start; the others are invited and take part once they accept. They start in
      // the lead's phase; each fills in its own numbers.
      await trx
        .insertInto('procurement_participant')
        .values({ ...newParticipantRow(id, lead, 'lead', data, iso), status: 'accepted', responded_at: iso })
        .execute()
      await refreshFollowUpDueFrom(trx, { procurementId: id, municipalityNumbers: [lead] })
      const notYetKnown = { usersCount: null, unitsCount: null, sitesCount: null, goLiveDate: null, phase: data.phase }
      await inviteMunicipalities(trx, id, others, notYetKnown, iso)
      await audit(
        {
          action: 'procurement.created',
          actorUserId: viewer.userId,
          target: { type: 'procurement', id },
          details: { lead, participants: others, productIds: data.productIds },
          at: iso,
        },
        trx,
      )
      return ok({ procurementId: id })
    })
}

/** The lead municipality's buyers edit the core fields, products and care settings. */
export async function updateProcurement(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  data: ProcurementData,
): Promise<Result<null>> {
  if (!canEditProcurement(viewer, procurement)) return refuse('forbidden')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const supplier = await resolveSupplier(trx, data)
      if (!supplier.ok) return supplier
      // Reports stay with the product they are about: a product with reports stays in the procurement.
      const withReports = await removedProductsWith(trx, 'experience_report', procurement.id, data)
      if (withReports.length) {
        return refuse('product_has_reports', {
          fieldErrors: { productIds: 'validation.procurement.productHasReports' },
          fields: ['productIds'],
          vars: { products: withReports.join(', ') },
        })
      }
      const withBenefits = await removedProductsWith(trx, 'benefit', procurement.id, data)
      if (withBenefits.length) {
        return refuse('product_has_benefits', {
          fieldErrors: { productIds: 'validation.procurement.productHasBenefits' },
          fields: ['productIds'],
          vars: { products: withBenefits.join(', ') },
        })
      }
      const changes = await procurementChanges(trx, procurement.id, coreColumns(data, supplier.value), data)
      await trx
        .updateTable('procurement')
        .set({ ...coreColumns(data, supplier.value), updated_at: iso })
        .where('id', '=', procurement.id)
        .execute()
      // No public step: a report counts for the product it is about, which stays, so what counts does not change.
      await writeProductsAndSettings(trx, procurement.id, data)
      await audit(
        {
          action: 'procurement.updated',
          actorUserId: viewer.userId,
          target: { type: 'procurement', id: procurement.id },
          details: { changes },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}
