import { getDb } from '../../db/client'
import type { CommercialTermsVisibility, ParticipantRole, PhaseCode } from '~/domain/procurement-rules'
import { canViewExperience, type ReportAccess } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { ok, refuse, type Result } from '~/utils/refusal'
import type { DbOrTrx } from '~/models/db.server'

// What the policy needs to know about a procurement or a report. A route loads it once and passes it on to the
// models it calls; the models ask the policy with it.

/** Supplier organisations of the register products in each procurement (the suppliers the experience is about). */
export async function loadProcurementSuppliers(db: DbOrTrx, procurementIds: readonly number[]) {
  const ids = [...new Set(procurementIds)]
  const map = new Map<number, number[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return map
  const rows = await db
    .selectFrom('procurement_product')
    .innerJoin('product', 'product.id', 'procurement_product.product_id')
    .select(['procurement_product.procurement_id', 'product.supplier_organisation_id'])
    .where('procurement_product.procurement_id', 'in', ids)
    .distinct()
    .orderBy('procurement_product.procurement_id')
    .orderBy('product.supplier_organisation_id')
    .execute()
  for (const r of rows) map.get(r.procurement_id)?.push(r.supplier_organisation_id)
  return map
}

export type ProcurementAccess = {
  id: number
  title: string
  leadMunicipalityNumber: string
  commercialTermsVisibility: CommercialTermsVisibility
  participants: Array<{ municipalityNumber: string; municipalityName: string; role: ParticipantRole; phase: PhaseCode }>
  supplierOrganisationIds: number[]
}

/** A procurement's lead, participants and product suppliers; not_found when it does not exist. Procurements are
 * public, so this reveals nothing a viewer may not know. */
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
      ])
      .where('procurement_participant.procurement_id', '=', procurementId)
      .orderBy('procurement_participant.id')
      .execute(),
    loadProcurementSuppliers(db, [procurementId]),
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
    })),
    supplierOrganisationIds: suppliers.get(procurementId) ?? [],
  })
}

export type ExperienceAccess = ReportAccess & {
  id: number
  procurementId: number
  municipalityNumber: string
  ended: boolean
}

/** A report as the policy sees it, whoever asks; undefined when it does not exist. */
export async function loadExperienceAccess(db: DbOrTrx, experienceId: number): Promise<ExperienceAccess | undefined> {
  const r = await db
    .selectFrom('experience_report')
    .select(['id', 'procurement_id', 'municipality_number', 'author_user_id', 'status', 'hidden', 'ended'])
    .where('id', '=', experienceId)
    .executeTakeFirst()
  if (!r) return undefined
  const suppliers = await loadProcurementSuppliers(db, [r.procurement_id])
  return {
    id: r.id,
    procurementId: r.procurement_id,
    municipalityNumber: r.municipality_number,
    authorUserId: r.author_user_id,
    status: r.status,
    hidden: r.hidden === 1,
    ended: r.ended === 1,
    supplierOrganisationIds: suppliers.get(r.procurement_id) ?? [],
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
