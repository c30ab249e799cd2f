import { getDb } from '../../db/client'
import type { FlagData, ModerationDecisionData, RestoreData } from '~/forms/experience'
import type { FlagStatus, FlagTargetType } from '~/domain/procurement-rules'
import {
  canFlag,
  canModerate,
  canViewExperience,
  canViewReply,
  ownsContent,
  type FlagTarget,
} from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { ok, refuse, type Result } from '~/utils/refusal'
import { clock, isUniqueViolation, type DbOrTrx } from '~/models/db.server'
import { refreshPublicAggregatesOfReports } from '~/models/experience-aggregates.server'
import { loadExperienceAccess } from '~/models/procurement-access.server'
import { notifyModerationOutcome } from '~/models/notifications.server'

// Flags and moderation decisions (docs/domain.md, "Flags and moderation"). Anyone signed in flags a published report
// or a reply they can see and did not write, with a reason; coordinators keep or hide the content with a reason its
// author sees in-app. Hidden content is never deleted: it leaves every public, buyer and supplier read, and stays in
// the moderation log (moderation-queue.server.ts), for coordinators and for its author.

const isOpenFlagUniqueViolation = (e: unknown) => isUniqueViolation(e, 'content_flag.')

/** The flagged content as the policy sees it; undefined when it does not exist or the viewer cannot see it. */
async function visibleTarget(
  db: DbOrTrx,
  viewer: Viewer | null,
  type: FlagTargetType,
  id: number,
): Promise<FlagTarget | undefined> {
  if (type === 'experience') {
    const report = await loadExperienceAccess(db, id)
    return report && canViewExperience(viewer, report) ? report : undefined
  }
  const row = await db
    .selectFrom('supplier_reply')
    .select(['experience_report_id', 'supplier_organisation_id', 'hidden'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const reply = { supplierOrganisationId: row.supplier_organisation_id, hidden: row.hidden === 1 }
  const report = await loadExperienceAccess(db, row.experience_report_id)
  return report && canViewExperience(viewer, report) && canViewReply(viewer, reply) ? reply : undefined
}

/**
 * Flags a published report or a reply. Refusals: not_found (not visible to the viewer, or a draft), forbidden (not
 * signed in, or the viewer's own content), not_editable (already hidden), already_flagged (this user's earlier flag
 * on it is still open).
 */
export async function flagContent(viewer: Viewer | null, data: FlagData): Promise<Result<{ flagId: number }>> {
  if (!viewer) return refuse('forbidden')
  const { targetType, targetId, reason } = data
  const { iso } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const target = await visibleTarget(trx, viewer, targetType, targetId)
        if (!target || ('status' in target && target.status !== 'published')) return refuse('not_found')
        if (ownsContent(viewer, target)) return refuse('forbidden')
        if (target.hidden) return refuse('not_editable', { message: 'procurement.error.notEditable' })
        if (!canFlag(viewer, target)) return refuse('forbidden')
        const open = await trx
          .selectFrom('content_flag')
          .select('id')
          .where('target_type', '=', targetType)
          .where('target_id', '=', targetId)
          .where('flagged_by', '=', viewer.userId)
          .where('status', '=', 'open')
          .executeTakeFirst()
        if (open) return refuse('already_flagged')
        const { id } = await trx
          .insertInto('content_flag')
          .values({ target_type: targetType, target_id: targetId, flagged_by: viewer.userId, reason, created_at: iso })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit(
          {
            action: 'moderation.flagged',
            actorUserId: viewer.userId,
            target: { type: 'content_flag', id },
            details: { targetType, targetId },
            at: iso,
          },
          trx,
        )
        return ok({ flagId: id })
      })
  } catch (e) {
    if (isOpenFlagUniqueViolation(e)) return refuse('already_flagged')
    throw e
  }
}

/**
 * A coordinator keeps or hides flagged content, deciding every open flag on it with one reason. Hiding marks the
 * content hidden (kept in the database, with the time and reason); the decision is audited. Refusals: forbidden,
 * no_open_flags.
 */
export async function decideFlags(
  viewer: Viewer | null,
  data: ModerationDecisionData,
): Promise<Result<{ decidedFlagIds: number[] }>> {
  if (!canModerate(viewer)) return refuse('forbidden')
  const { targetType, targetId, decision, reason } = data
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const open = await trx
        .selectFrom('content_flag')
        .select('id')
        .where('target_type', '=', targetType)
        .where('target_id', '=', targetId)
        .where('status', '=', 'open')
        .orderBy('id')
        .execute()
      if (open.length === 0) return refuse('no_open_flags')
      const ids = open.map((f) => f.id)
      const status: FlagStatus = decision === 'hide' ? 'hidden' : 'kept'
      await trx
        .updateTable('content_flag')
        .set({ status, decided_by: viewer.userId, decided_at: iso, decision_reason: reason })
        .where('id', 'in', ids)
        .where('status', '=', 'open')
        .execute()
      const table = targetType === 'experience' ? 'experience_report' : 'supplier_reply'
      if (decision === 'hide') {
        await trx
          .updateTable(table)
          .set({ hidden: 1, hidden_at: iso, hidden_reason: reason })
          .where('id', '=', targetId)
          .where('hidden', '=', 0)
          .execute()
        // A hidden report leaves the live aggregates at once. The public figures hold no text and keep it until their
        // next step (docs/decisions/010-public-aggregate-steps.md): taking it out now would let the difference
        // reveal this municipality's ratings.
        if (targetType === 'experience') await refreshPublicAggregatesOfReports(trx, [targetId], iso)
      }
      await audit(
        {
          action: decision === 'hide' ? 'moderation.hidden' : 'moderation.kept',
          actorUserId: viewer.userId,
          target: { type: table, id: targetId },
          details: { flagIds: ids, reason },
          at: iso,
        },
        trx,
      )
      await notifyModerationOutcome(trx, { targetType, targetId, flagIds: ids, decision, reason })
      return ok({ decidedFlagIds: ids })
    })
}

/**
 * A coordinator restores hidden content (a report or a reply) with a reason: it is visible again where it was, the
 * restoration is kept and audited, and a restored report counts in the aggregates again, its public figures taking a
 * step in the same transaction if the step rule allows it. Refusals: forbidden, not_found, not_hidden.
 */
export async function restoreContent(viewer: Viewer | null, data: RestoreData): Promise<Result<null>> {
  if (!canModerate(viewer)) return refuse('forbidden')
  const { targetType, targetId, reason } = data
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const table = targetType === 'experience' ? 'experience_report' : 'supplier_reply'
      const row = await trx.selectFrom(table).select(['id', 'hidden']).where('id', '=', targetId).executeTakeFirst()
      if (!row) return refuse('not_found')
      if (row.hidden !== 1) return refuse('not_hidden')
      await trx
        .updateTable(table)
        .set({ hidden: 0, hidden_at: null, hidden_reason: null })
        .where('id', '=', targetId)
        .where('hidden', '=', 1)
        .execute()
      await trx
        .insertInto('moderation_restoration')
        .values({ target_type: targetType, target_id: targetId, restored_by: viewer.userId, restored_at: iso, reason })
        .execute()
      if (targetType === 'experience') {
        // The report counts again, for the product it is about (docs/decisions/010-public-aggregate-steps.md).
        await refreshPublicAggregatesOfReports(trx, [targetId], iso)
      }
      await audit(
        {
          action: 'moderation.restored',
          actorUserId: viewer.userId,
          target: { type: table, id: targetId },
          details: { reason },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}
