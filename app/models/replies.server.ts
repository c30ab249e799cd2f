import { z } from 'zod'
import { getDb } from '../../db/client'
import { fail, ok, type Result } from '~/domain/procurement-rules'
import { canEditReply, canReply, canViewExperience, experienceAudience } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { loadReplies, type ReplyView } from './experiences.server'
import {
  auditExperience,
  invalidInput,
  loadProcurementSuppliers,
  requiredText,
  type FormInput,
} from './procurements.server'
import { clock, type DbOrTrx } from '~/models/db.server'

// The supplier's right of reply: one reply per published experience report, by the supplier of a rated product,
// editable and timestamped, shown beside the report to everyone who may read the report.

export const ReplyInput = z.object({ body: requiredText(5000) })
export type ReplyInput = FormInput<typeof ReplyInput>

const isReplyUniqueViolation = (e: unknown) =>
  e instanceof Error && /UNIQUE constraint failed: supplier_reply\.experience_report_id/.test(e.message)

async function loadReportForReply(trx: DbOrTrx, viewer: Viewer | null, experienceId: number) {
  const r = await trx
    .selectFrom('experience_report')
    .select(['id', 'procurement_id', 'author_user_id', 'status', 'hidden', 'municipality_number'])
    .where('id', '=', experienceId)
    .executeTakeFirst()
  if (!r) return null
  const suppliers = (await loadProcurementSuppliers(trx, [r.procurement_id])).get(r.procurement_id) ?? []
  const report = { status: r.status, hidden: r.hidden === 1, authorUserId: r.author_user_id }
  return {
    row: r,
    suppliers,
    report,
    visible: canViewExperience(viewer, experienceAudience(viewer, suppliers), report),
  }
}

/**
 * The supplier of a product in the report's procurement publishes its reply. Refusals: not_found (the report is not
 * visible to the viewer), forbidden (not that supplier), already_replied (409: one reply per report; edit it instead).
 */
export async function createReply(
  viewer: Viewer | null,
  experienceId: number,
  input: ReplyInput,
): Promise<Result<{ replyId: number }>> {
  const parsed = ReplyInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const ctx = await loadReportForReply(trx, viewer, experienceId)
        if (!ctx || !ctx.visible) return fail('not_found')
        if (!canReply(viewer, ctx.suppliers, ctx.report)) return fail('forbidden')
        const existing = await trx
          .selectFrom('supplier_reply')
          .select('id')
          .where('experience_report_id', '=', experienceId)
          .executeTakeFirst()
        if (existing) return fail('already_replied')
        const { id } = await trx
          .insertInto('supplier_reply')
          .values({
            experience_report_id: experienceId,
            supplier_organisation_id: viewer!.organisationId,
            author_user_id: viewer!.userId,
            body: parsed.data.body,
            created_at: iso,
            updated_at: iso,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await auditExperience(trx, {
          action: 'reply.published',
          actorUserId: viewer!.userId,
          target: { type: 'supplier_reply', id },
          details: { experienceId },
          at: iso,
        })
        return ok({ replyId: id })
      })
  } catch (e) {
    // Another request won the race between the check and the insert.
    if (isReplyUniqueViolation(e)) return fail('already_replied')
    throw e
  }
}

/** A member of the replying supplier edits the reply (its updated time shows it was edited). */
export async function updateReply(viewer: Viewer | null, replyId: number, input: ReplyInput): Promise<Result<null>> {
  const parsed = ReplyInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const reply = await trx
        .selectFrom('supplier_reply')
        .select(['id', 'experience_report_id', 'supplier_organisation_id', 'hidden'])
        .where('id', '=', replyId)
        .executeTakeFirst()
      if (!reply) return fail('not_found')
      const ctx = await loadReportForReply(trx, viewer, reply.experience_report_id)
      if (!ctx || !ctx.visible) return fail('not_found')
      const r = { supplierOrganisationId: reply.supplier_organisation_id, hidden: reply.hidden === 1 }
      if (!canEditReply(viewer, { ...r, hidden: false })) return fail('forbidden')
      // The moderator decided about this text; changing it afterwards would undo the decision silently.
      if (!canEditReply(viewer, r)) return fail('not_editable')
      await trx
        .updateTable('supplier_reply')
        .set({ body: parsed.data.body, updated_at: iso })
        .where('id', '=', replyId)
        .execute()
      await auditExperience(trx, {
        action: 'reply.updated',
        actorUserId: viewer!.userId,
        target: { type: 'supplier_reply', id: replyId },
        details: { experienceId: reply.experience_report_id },
        at: iso,
      })
      return ok(null)
    })
}

/** The reply to a report as this viewer may see it; null when there is none or the report is not visible. */
export async function getReplyForExperience(viewer: Viewer | null, experienceId: number): Promise<ReplyView | null> {
  if (!Number.isSafeInteger(experienceId)) return null
  const db = getDb()
  const ctx = await loadReportForReply(db, viewer, experienceId)
  if (!ctx || !ctx.visible) return null
  return (await loadReplies(db, viewer, [experienceId])).get(experienceId) ?? null
}
