import { getDb } from '../../db/client'
import type { AddParticipantData, ParticipantData, RemoveParticipantData } from '~/forms/procurement'
import type { ParticipantRole } from '~/domain/procurement-rules'
import { canEditParticipant, canManageParticipants } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { audit, type AuditAction } from '~/utils/audit.server'
import { auditChanges } from '~/domain/audit-changes'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { clock, isUniqueViolation, type DbOrTrx } from '~/models/db.server'
import { existingMunicipalities } from '~/models/municipalities.server'
import type { ProcurementAccess } from '~/models/procurement-access.server'

// The municipalities taking part in a procurement (docs/domain.md, "Procurements"): the lead adds and removes them;
// each keeps its own deployment data.

/** One municipality's deployment under a procurement (the numbers it reports and its phase). */
type Deployment = Pick<AddParticipantData, 'usersCount' | 'unitsCount' | 'sitesCount' | 'goLiveDate' | 'phase'>

const deploymentColumns = (d: Deployment) => ({
  users_count: d.usersCount,
  units_count: d.unitsCount,
  sites_count: d.sitesCount,
  go_live_date: d.goLiveDate,
  phase: d.phase,
})

/** The row of a municipality joining a procurement (the lead when it registers it, or one the lead adds). */
export const newParticipantRow = (
  procurementId: number,
  municipalityNumber: string,
  role: ParticipantRole,
  deployment: Deployment,
  at: string,
) => ({
  procurement_id: procurementId,
  municipality_number: municipalityNumber,
  role,
  ...deploymentColumns(deployment),
  created_at: at,
  updated_at: at,
})

/** A change to the participants is a change to the procurement (the list orders by it) and goes in the audit trail. */
async function recordParticipantChange(
  trx: DbOrTrx,
  change: {
    action: Extract<AuditAction, `procurement.participant_${string}`>
    actorUserId: number
    procurementId: number
    details: Record<string, unknown>
    at: string
  },
) {
  await trx.updateTable('procurement').set({ updated_at: change.at }).where('id', '=', change.procurementId).execute()
  await audit(
    {
      action: change.action,
      actorUserId: change.actorUserId,
      target: { type: 'procurement', id: change.procurementId },
      details: change.details,
      at: change.at,
    },
    trx,
  )
}

/** The lead adds a municipality to a joint procurement. */
export async function addParticipant(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  data: AddParticipantData,
): Promise<Result<null>> {
  if (!canManageParticipants(viewer, procurement)) return refuse('forbidden')
  const { municipalityNumber } = data
  if (procurement.participants.some((p) => p.municipalityNumber === municipalityNumber))
    return refuse('already_participant')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if ((await existingMunicipalities(trx, [municipalityNumber])).size !== 1)
        return invalidFields({ municipalityNumber: 'validation.procurement.municipality' })
      await trx
        .insertInto('procurement_participant')
        .values(newParticipantRow(procurement.id, municipalityNumber, 'participant', data, iso))
        .execute()
      await recordParticipantChange(trx, {
        action: 'procurement.participant_added',
        actorUserId: viewer.userId,
        procurementId: procurement.id,
        details: { municipalityNumber },
        at: iso,
      })
      return ok(null)
    })
    .catch((error: unknown) => {
      // Added by a parallel request since the check above.
      if (isUniqueViolation(error, 'procurement_participant.')) return refuse('already_participant')
      throw error
    })
}

/** The lead removes a municipality that joined by mistake; one with experience reports stays (they are its record). */
export async function removeParticipant(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  { municipalityNumber }: RemoveParticipantData,
): Promise<Result<null>> {
  if (!canManageParticipants(viewer, procurement)) return refuse('forbidden')
  const participant = procurement.participants.find((p) => p.municipalityNumber === municipalityNumber)
  if (!participant) return refuse('not_found')
  if (participant.role === 'lead') return refuse('cannot_remove_lead')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const report = await trx
        .selectFrom('experience_report')
        .select('id')
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', municipalityNumber)
        .limit(1)
        .executeTakeFirst()
      if (report) return refuse('participant_has_reports')
      await trx
        .deleteFrom('procurement_participant')
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', municipalityNumber)
        .execute()
      await recordParticipantChange(trx, {
        action: 'procurement.participant_removed',
        actorUserId: viewer.userId,
        procurementId: procurement.id,
        details: { municipalityNumber },
        at: iso,
      })
      return ok(null)
    })
}

/** A municipality's buyers edit their own deployment data (the lead's buyers their own row too). */
export async function updateParticipant(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  data: ParticipantData,
): Promise<Result<null>> {
  const participant = procurement.participants.find((p) => p.municipalityNumber === data.municipalityNumber)
  if (!participant) return refuse('not_found')
  if (!canEditParticipant(viewer, participant)) return refuse('forbidden')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('procurement_participant')
        .select(['users_count', 'units_count', 'sites_count', 'go_live_date', 'phase', 'internal_notes'])
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', data.municipalityNumber)
        .executeTakeFirstOrThrow()
      const changes = auditChanges(before, { ...deploymentColumns(data), internal_notes: data.internalNotes }, [
        'internal_notes',
      ])
      await trx
        .updateTable('procurement_participant')
        .set({ ...deploymentColumns(data), internal_notes: data.internalNotes, updated_at: iso })
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', data.municipalityNumber)
        .execute()
      // The audit trail carries codes, never the notes.
      await recordParticipantChange(trx, {
        action: 'procurement.participant_updated',
        actorUserId: viewer.userId,
        procurementId: procurement.id,
        details: { municipalityNumber: data.municipalityNumber, changes },
        at: iso,
      })
      return ok(null)
    })
}
