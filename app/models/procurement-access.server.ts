import { getDb } from '../../db/client'
import type {
  CommercialTermsVisibility,
  ParticipantRole,
  ParticipationStatus,
  PhaseCode,
} from '~/domain/procurement-rules'
import { canViewExperience, type ReportAccess } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { ok, refuse, type Result } from '~/utils/refusal'
import type { DbOrTrx } from '~/models/db.server'

// What the policy needs to know about a procurement or a report. A route loads it once and passes it on to the
// models it calls; the models ask the policy with it.

/** The register products of each procurement with their supplier, in the order the lead listed them. */
export async function loadProcurementRegisterProducts(db: DbOrTrx, procurementIds: readonly number[]) {
  const ids = [...new Set(procurementIds)]
  const map = new Map<number, Array<{ productId: number; name: string; supplierOrganisationId: number }>>(
    ids.map((id) => [id, []]),
  )
  if (ids.length === 0) return map
  const rows = await db
    .selectFrom('procurement_product')
    .innerJoin('product', 'product.id', 'procurement_product.product_id')
    .select(['procurement_product.procurement_id', 'product.id', 'product.name', 'product.supplier_organisation_id'])
    .where('procurement_product.procurement_id', 'in', ids)
    .orderBy('procurement_product.id')
    .execute()
  for (const r of rows)
    map
      .get(r.procurement_id)
      ?.push({ productId: r.id, name: r.name, supplierOrganisationId: r.supplier_organisation_id })
  return map
}

/** The supplier of the register product each report is about (empty for a report about no register product): the
 * supplier the report concerns, which may read it and reply. */
export async function loadReportSuppliers(db: DbOrTrx, reportIds: readonly number[]) {
  const ids = [...new Set(reportIds)]
  const map = new Map<number, number[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return map
  const rows = await db
    .selectFrom('experience_report')
    .innerJoin('product', 'product.id', 'experience_report.product_id')
    .select(['experience_report.id', 'product.supplier_organisation_id'])
    .where('experience_report.id', 'in', ids)
    .execute()
  for (const r of rows) map.get(r.id)?.push(r.supplier_organisation_id)
  return map
}

export type ProcurementAccess = {
  id: number
  title: string
  leadMunicipalityNumber: string
  commercialTermsVisibility: CommercialTermsVisibility
  /** Every participation row, whatever its status (the policy decides what each status allows; lists and counts show
   * accepted ones only). */
  participants: Array<{
    municipalityNumber: string
    municipalityName: string
    role: ParticipantRole
    phase: PhaseCode
    status: ParticipationStatus
  }>
  /** The register products bought, in the lead's order: a report is about one of them. */
  products: Array<{ productId: number; name: string; supplierOrganisationId: number }>
}

/** A procurement's lead, participations and register products; not_found when it does not exist. The policy decides
 * what of it a viewer is shown (pending invitations only to the lead's and the invited municipality's buyers). */
export async function getProcurementAccess(procurementId: number): Promise<Result<ProcurementAccess>> {
  const db = getDb()
  const row = await db
    .selectFrom('procurement')
    .select(['id', 'title', 'lead_municipality_number', 'commercial_terms_visibility'])
    .where('id', '=', procurementId)
    .executeTakeFirst()
  if (!row) return refuse('not_found')
  const [participants, suppliers] = await Promise.all([
    db
      .selectFrom('procurement_participant')
      .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
      .select([
        'procurement_participant.municipality_number',
        'municipality.name',
        'procurement_participant.role',
        'procurement_participant.phase',
        'procurement_participant.status',
      ])
      .where('procurement_participant.procurement_id', '=', procurementId)
      .orderBy('procurement_participant.id')
      .execute(),
    loadProcurementRegisterProducts(db, [procurementId]),
  ])
  return ok({
    id: row.id,
    title: row.title,
    leadMunicipalityNumber: row.lead_municipality_number,
    commercialTermsVisibility: row.commercial_terms_visibility,
    participants: participants.map((p) => ({
      municipalityNumber: p.municipality_number,
      municipalityName: p.name,
      role: p.role,
      phase: p.phase,
      status: p.status,
    })),
    products: suppliers.get(procurementId) ?? [],
  })
}

export type ExperienceAccess = ReportAccess & {
  id: number
  procurementId: number
  municipalityNumber: string
  /** The register product the report is about (null: none). */
  productId: number | null
  ended: boolean
}

/** A report as the policy sees it, whoever asks; undefined when it does not exist. */
export async function loadExperienceAccess(db: DbOrTrx, experienceId: number): Promise<ExperienceAccess | undefined> {
  const r = await db
    .selectFrom('experience_report')
    .select([
      'id',
      'procurement_id',
      'municipality_number',
      'product_id',
      'author_user_id',
      'status',
      'hidden',
      'ended',
    ])
    .where('id', '=', experienceId)
    .executeTakeFirst()
  if (!r) return undefined
  const suppliers = await loadReportSuppliers(db, [r.id])
  return {
    id: r.id,
    procurementId: r.procurement_id,
    municipalityNumber: r.municipality_number,
    productId: r.product_id,
    authorUserId: r.author_user_id,
    status: r.status,
    hidden: r.hidden === 1,
    ended: r.ended === 1,
    supplierOrganisationIds: suppliers.get(r.id) ?? [],
  }
}

/** A report this viewer may read; not_found when it does not exist or is not visible to it (another user's draft, a
 * hidden report, a report about another supplier's products, any report for the public). */
export async function getExperienceAccess(
  viewer: Viewer | null,
  experienceId: number,
): Promise<Result<ExperienceAccess>> {
  const report = await loadExperienceAccess(getDb(), experienceId)
  if (!report || !canViewExperience(viewer, report)) return refuse('not_found')
  return ok(report)
}
