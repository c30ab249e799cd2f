import { getDb } from '../../db/client'
import type { ReplyData } from '~/forms/experience'
import { canEditReply, canReply, canViewExperience } from '~/policy/experience'
import { isSupplierOf, isVerifiedSupplier, type Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { ok, refuse, type Result } from '~/utils/refusal'
import { ChangeMemo } from '~/models/change-memo.server'
import { clock } from '~/models/db.server'
import { loadReplies, queryExperienceViews, type ReplyView } from '~/models/experience-views.server'
import { loadExperienceAccess } from '~/models/procurement-access.server'
import { notifyReplyReceived } from '~/models/notifications.server'

// The supplier's right of reply (docs/domain.md, "Reply"): one reply per supplier per published experience report,
// by each supplier of a product in the report's procurement, editable and timestamped, shown as a list beside the
// report to everyone who may read the report.

const isReplyUniqueViolation = (e: unknown) =>
  e instanceof Error &&
  /UNIQUE constraint failed: supplier_reply\.experience_report_id, supplier_reply\.supplier_organisation_id/.test(
    e.message,
  )

/**
 * The supplier of a product in the report's procurement publishes its reply. Refusals: not_found (the report is not
 * visible to the viewer), forbidden (not a supplier of the procurement's products), already_replied (this supplier has replied to the
 * report; it edits its reply instead). Another supplier's reply does not take the slot.
 */
export async function createReply(
  viewer: Viewer | null,
  experienceId: number,
  data: ReplyData,
): Promise<Result<{ replyId: number }>> {
  const { iso } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const report = await loadExperienceAccess(trx, experienceId)
        if (!report || !canViewExperience(viewer, report)) return refuse('not_found')
        if (!canReply(viewer, report)) return refuse('forbidden')
        const existing = await trx
          .selectFrom('supplier_reply')
          .select('id')
          .where('experience_report_id', '=', experienceId)
          .where('supplier_organisation_id', '=', viewer.organisationId)
          .executeTakeFirst()
        if (existing) return refuse('already_replied')
        const { id } = await trx
          .insertInto('supplier_reply')
          .values({
            experience_report_id: experienceId,
            supplier_organisation_id: viewer.organisationId,
            author_user_id: viewer.userId,
            body: data.body,
            created_at: iso,
            updated_at: iso,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await audit(
          {
            action: 'reply.published',
            actorUserId: viewer.userId,
            target: { type: 'supplier_reply', id },
            details: { experienceId },
            at: iso,
          },
          trx,
        )
        await notifyReplyReceived(trx, id)
        return ok({ replyId: id })
      })
  } catch (e) {
    // Another request won the race between the check and the insert.
    if (isReplyUniqueViolation(e)) return refuse('already_replied')
    throw e
  }
}

/** A member of the replying supplier edits the reply (its updated time shows it was edited). */
export async function updateReply(viewer: Viewer | null, replyId: number, data: ReplyData): Promise<Result<null>> {
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('supplier_reply')
        .select(['id', 'experience_report_id', 'supplier_organisation_id', 'hidden'])
        .where('id', '=', replyId)
        .executeTakeFirst()
      if (!row) return refuse('not_found')
      const report = await loadExperienceAccess(trx, row.experience_report_id)
      if (!report || !canViewExperience(viewer, report)) return refuse('not_found')
      const reply = { supplierOrganisationId: row.supplier_organisation_id, hidden: row.hidden === 1 }
      if (!canEditReply(viewer, reply)) {
        // The moderator decided about this text; changing it afterwards would undo the decision silently.
        return isSupplierOf(viewer, reply.supplierOrganisationId)
          ? refuse('not_editable', { message: 'procurement.error.notEditable' })
          : refuse('forbidden')
      }
      await trx
        .updateTable('supplier_reply')
        .set({ body: data.body, updated_at: iso })
        .where('id', '=', replyId)
        .execute()
      await audit(
        {
          action: 'reply.updated',
          actorUserId: viewer.userId,
          target: { type: 'supplier_reply', id: replyId },
          details: { experienceId: row.experience_report_id },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}

/** The replies to a report as this viewer may see them, oldest first; empty when there are none or the report is not
 * visible. */
export async function getRepliesForExperience(viewer: Viewer | null, experienceId: number): Promise<ReplyView[]> {
  const report = await loadExperienceAccess(getDb(), experienceId)
  if (!report || !canViewExperience(viewer, report)) return []
  return (await loadReplies(viewer, [experienceId])).get(experienceId) ?? []
}

/**
 * The supplier inbox: published, visible reports about the company's own products that it has not replied to yet,
 * newest first (exactly the reports where canReply holds and the company has no reply). Null for anyone but a
 * verified supplier.
 */
// A supplier's inbox counts and sorts every published report about its products (thousands at national scale) on each
// view of /leverandor: kept per company and page until the database changes (a reply, a new report, a moderation).
const awaitingReply = new ChangeMemo<Awaited<ReturnType<typeof readReportsAwaitingReply>>>(500)

export async function listReportsAwaitingReply(viewer: Viewer | null, paging: { page?: number; pageSize?: number }) {
  if (!isVerifiedSupplier(viewer)) return null
  // What the inbox shows depends on the company alone (visibleExperienceWhere for a verified supplier).
  const key = `${viewer.organisationId}:${paging.page ?? ''}:${paging.pageSize ?? ''}`
  return awaitingReply.get(key, () => readReportsAwaitingReply(viewer, paging))
}

async function readReportsAwaitingReply(viewer: Viewer, paging: { page?: number; pageSize?: number }) {
  // For a supplier, visibleExperienceWhere already means published, not hidden and about one of its products.
  const page = await queryExperienceViews(viewer, { status: 'published', unansweredBy: viewer.organisationId }, paging)
  return {
    ...page,
    items: page.items.map((e) => ({
      id: e.id,
      procurement: e.procurement,
      municipality: e.municipality,
      reportDate: e.reportDate,
      publishedAt: e.publishedAt,
      recommendation: e.recommendation,
    })),
  }
}
