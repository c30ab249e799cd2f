import { getDb } from '../../db/client'
import type { AddParticipantData, ParticipantData, RemoveParticipantData } from '~/forms/procurement'
import type { ParticipantRole } from '~/domain/procurement-rules'
import {
  canEditParticipant,
  canLeaveProcurement,
  canManageParticipants,
  canRespondToInvitation,
  isAcceptedParticipation,
} from '~/policy/experience'
import { isBuyerOf, type BuyerViewer, type Viewer } from '~/policy/viewer'
import { audit, type AuditAction } from '~/utils/audit.server'
import { auditChanges } from '~/domain/audit-changes'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { clock, isUniqueViolation, type DbOrTrx } from '~/models/db.server'
import { existingMunicipalities } from '~/models/municipalities.server'
import { enqueueProcurementInvitation } from '~/models/notifications.server'
import type { ProcurementAccess } from '~/models/procurement-access.server'
import { refreshFollowUpDueFrom } from '~/models/follow-up-due.server'

// The municipalities taking part in a procurement (docs/domain.md, "Procurements"): the lead invites them (and may
// withdraw an invitation or remove a participant without reports); each invited municipality's buyers accept or
// decline; a participant may leave; each keeps its own deployment data. Only accepted participations are listed and
// counted (app/policy/experience.ts, rule `participation-accepted`).

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

/** Whether a participation row still stands: invited (waiting for an answer) or accepted. Declined and left rows
 * are kept (a left one holds its reports) but stand for nothing: the lead may invite the municipality again. */
const isStanding = (p: { status: string }) => p.status === 'invited' || p.status === 'accepted'

/**
 * Invites municipalities to a procurement (they take part once one of their verified buyers accepts): inserts an
 * `invited` row for each (with `deployment` as far as the lead knows it), or turns a declined or left row back into
 * an invitation (its reports, deployment data and notes stay its own). The
 * caller has checked that none of them stands already. Answers the municipality numbers invited.
 *
 * This is the one place invitations are created (registering a procurement with other municipalities, and the lead
 * inviting one later): the e-mail notification of the invited municipalities' buyers, built separately, belongs
 * here, in the same transaction's wake.
 */
export async function inviteMunicipalities(
  trx: DbOrTrx,
  procurementId: number,
  municipalityNumbers: readonly string[],
  deployment: Deployment,
  at: string,
): Promise<string[]> {
  if (municipalityNumbers.length === 0) return []
  const earlier = await trx
    .selectFrom('procurement_participant')
    .select('municipality_number')
    .where('procurement_id', '=', procurementId)
    .where('municipality_number', 'in', [...municipalityNumbers])
    .where('status', 'in', ['declined', 'left'])
    .execute()
  const again = new Set(earlier.map((r) => r.municipality_number))
  if (again.size) {
    await trx
      .updateTable('procurement_participant')
      // Its own deployment data and notes stay as it left them.
      .set({ status: 'invited', responded_at: null, updated_at: at })
      .where('procurement_id', '=', procurementId)
      .where('municipality_number', 'in', [...again])
      .execute()
  }
  const fresh = municipalityNumbers.filter((m) => !again.has(m))
  if (fresh.length) {
    await trx
      .insertInto('procurement_participant')
      .values(
        fresh.map((m) => ({
          ...newParticipantRow(procurementId, m, 'participant', deployment, at),
          status: 'invited' as const,
        })),
      )
      .execute()
  }
  await refreshFollowUpDueFrom(trx, { procurementId, municipalityNumbers: fresh })
  // Each invited municipality's verified buyers hear of it by e-mail (queued in this transaction, sent by the worker).
  for (const number of municipalityNumbers)
    await enqueueProcurementInvitation(trx, { procurementId, invitedMunicipalityNumber: number })
  return [...municipalityNumbers]
}

/** The lead invites a municipality to a joint procurement. */
export async function inviteParticipant(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  data: AddParticipantData,
): Promise<Result<null>> {
  if (!canManageParticipants(viewer, procurement)) return refuse('forbidden')
  const { municipalityNumber } = data
  if (procurement.participants.some((p) => p.municipalityNumber === municipalityNumber && isStanding(p)))
    return refuse('already_participant')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if ((await existingMunicipalities(trx, [municipalityNumber])).size !== 1)
        return invalidFields({ municipalityNumber: 'validation.procurement.municipality' })
      const standing = await trx
        .selectFrom('procurement_participant')
        .select('id')
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', municipalityNumber)
        .where('status', 'in', ['invited', 'accepted'])
        .executeTakeFirst()
      if (standing) return refuse('already_participant')
      await inviteMunicipalities(trx, procurement.id, [municipalityNumber], data, iso)
      await recordParticipantChange(trx, {
        action: 'procurement.participant_added',
        actorUserId: viewer.userId,
        procurementId: procurement.id,
        details: { municipalityNumber, status: 'invited' },
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

/** The viewer's own municipality's participation in the procurement, if it has a row. */
const ownParticipation = (viewer: Viewer | null, procurement: ProcurementAccess) =>
  viewer?.municipalityNumber
    ? procurement.participants.find((p) => p.municipalityNumber === viewer.municipalityNumber)
    : undefined

/** The viewer's municipality's participation (not the lead's) is already where the answer would take it: answering
 * twice (a double click, the same form in two tabs) is no error. */
const alreadyAnswered = (
  viewer: Viewer | null,
  own: ProcurementAccess['participants'][number] | undefined,
  to: 'accepted' | 'declined' | 'left',
): viewer is BuyerViewer =>
  own !== undefined && own.role === 'participant' && own.status === to && isBuyerOf(viewer, own.municipalityNumber)

/** Moves the viewer's municipality's participation from one status to another, if it is still in `from` (a parallel
 * answer may have come first: the same answer is no error, another one is a conflict). */
async function answer(
  viewer: BuyerViewer,
  procurement: ProcurementAccess,
  from: 'invited' | 'accepted',
  to: 'accepted' | 'declined' | 'left',
  action: 'procurement.participant_accepted' | 'procurement.participant_declined' | 'procurement.participant_left',
): Promise<Result<null>> {
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const where = trx
        .updateTable('procurement_participant')
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', viewer.municipalityNumber)
        .where('role', '=', 'participant')
      const result = await where
        .set({ status: to, responded_at: iso, updated_at: iso })
        .where('status', '=', from)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) {
        const now = await trx
          .selectFrom('procurement_participant')
          .select('status')
          .where('procurement_id', '=', procurement.id)
          .where('municipality_number', '=', viewer.municipalityNumber)
          .executeTakeFirst()
        return now?.status === to ? ok(null) : refuse('invitation_answered')
      }
      await recordParticipantChange(trx, {
        action,
        actorUserId: viewer.userId,
        procurementId: procurement.id,
        details: { municipalityNumber: viewer.municipalityNumber },
        at: iso,
      })
      return ok(null)
    })
}

/** A verified buyer of the invited municipality accepts: from now on it takes part (listed, counted, writes
 * reports). */
export async function acceptInvitation(viewer: Viewer | null, procurement: ProcurementAccess): Promise<Result<null>> {
  const own = ownParticipation(viewer, procurement)
  if (alreadyAnswered(viewer, own, 'accepted')) return ok(null)
  if (!own || !canRespondToInvitation(viewer, own)) return refuse('forbidden')
  return answer(viewer, procurement, 'invited', 'accepted', 'procurement.participant_accepted')
}

/** A verified buyer of the invited municipality declines: the invitation is gone from every list (the row is kept as
 * `declined`; the lead may invite again). */
export async function declineInvitation(viewer: Viewer | null, procurement: ProcurementAccess): Promise<Result<null>> {
  const own = ownParticipation(viewer, procurement)
  if (alreadyAnswered(viewer, own, 'declined')) return ok(null)
  if (!own || !canRespondToInvitation(viewer, own)) return refuse('forbidden')
  return answer(viewer, procurement, 'invited', 'declined', 'procurement.participant_declined')
}

/**
 * A verified buyer of a participating municipality (not the lead) leaves the procurement. The row is kept as `left`:
 * the municipality is no longer listed or counted as a participant, has no follow-up and writes no more reports,
 * while its reports (published and drafts) and its own deployment data stay its own, untouched.
 */
export async function leaveProcurement(viewer: Viewer | null, procurement: ProcurementAccess): Promise<Result<null>> {
  const own = ownParticipation(viewer, procurement)
  if (alreadyAnswered(viewer, own, 'left')) return ok(null)
  if (!own || !canLeaveProcurement(viewer, own)) return refuse('forbidden')
  return answer(viewer, procurement, 'accepted', 'left', 'procurement.participant_left')
}

/** The lead withdraws an invitation, or removes a municipality that joined by mistake; one with experience reports or
 * benefit records stays (they are its record, and its own to change). */
export async function removeParticipant(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  { municipalityNumber }: RemoveParticipantData,
): Promise<Result<null>> {
  if (!canManageParticipants(viewer, procurement)) return refuse('forbidden')
  // An invitation (withdrawn) or a participant; a declined or left municipality is not in the procurement any more.
  const participant = procurement.participants.find((p) => p.municipalityNumber === municipalityNumber && isStanding(p))
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
      const benefit = await trx
        .selectFrom('benefit')
        .select('id')
        .where('procurement_id', '=', procurement.id)
        .where('municipality_number', '=', municipalityNumber)
        .limit(1)
        .executeTakeFirst()
      if (benefit) return refuse('participant_has_benefits')
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
  const participant = procurement.participants.find(
    (p) => p.municipalityNumber === data.municipalityNumber && isAcceptedParticipation(p),
  )
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
      // The phase and go-live are follow-up inputs.
      await refreshFollowUpDueFrom(trx, {
        procurementId: procurement.id,
        municipalityNumbers: [data.municipalityNumber],
      })
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
