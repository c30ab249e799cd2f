import { getDb } from '../../db/client'
import type { FlagStatus, FlagTargetType } from '~/domain/procurement-rules'
import { isVerifiedSupplier, type Viewer } from '~/policy/viewer'
import { excerpt } from '~/models/moderation-queue.server'

// The author's in-app notices of moderation decisions about its own content (docs/domain.md, "Flags and
// moderation").

export type ModerationNotice = {
  targetType: FlagTargetType
  targetId: number
  /** The report (or the report a reply answers), for a link. */
  experienceId: number
  procurementId: number
  decision: Exclude<FlagStatus, 'open'>
  reason: string
  decidedAt: string
  /** Whether the content is hidden now. */
  hidden: boolean
  excerpt: string
}

/**
 * Decisions about the viewer's own content, newest first: its experience reports, and for a supplier its company's
 * replies. The flagger's identity and wording are not shown (flagging must be safe); the coordinator's reason is.
 */
export async function moderationNotices(viewer: Viewer | null, limit = 50): Promise<ModerationNotice[]> {
  if (!viewer) return []
  const db = getDb()
  const decided = (type: FlagTargetType) =>
    db
      .selectFrom('content_flag')
      .select([
        'content_flag.target_id',
        'content_flag.status',
        'content_flag.decision_reason',
        'content_flag.decided_at',
      ])
      .where('content_flag.target_type', '=', type)
      .where('content_flag.status', '!=', 'open')
      .distinct()
  const [reportNotices, replyNotices] = await Promise.all([
    decided('experience')
      .innerJoin('experience_report', 'experience_report.id', 'content_flag.target_id')
      .select([
        'experience_report.id as experience_id',
        'experience_report.procurement_id',
        'experience_report.hidden',
        'experience_report.worked_well',
        'experience_report.was_hard',
        'experience_report.advice',
      ])
      .where('experience_report.author_user_id', '=', viewer.userId)
      .orderBy('content_flag.decided_at', 'desc')
      .limit(limit)
      .execute(),
    isVerifiedSupplier(viewer)
      ? decided('reply')
          .innerJoin('supplier_reply', 'supplier_reply.id', 'content_flag.target_id')
          .innerJoin('experience_report', 'experience_report.id', 'supplier_reply.experience_report_id')
          .select([
            'experience_report.id as experience_id',
            'experience_report.procurement_id',
            'supplier_reply.hidden',
            'supplier_reply.body',
          ])
          .where('supplier_reply.supplier_organisation_id', '=', viewer.organisationId)
          .orderBy('content_flag.decided_at', 'desc')
          .limit(limit)
          .execute()
      : Promise.resolve([]),
  ])
  const notice = (
    targetType: FlagTargetType,
    r: (typeof reportNotices)[number] | (typeof replyNotices)[number],
    text: string,
  ): ModerationNotice => ({
    targetType,
    targetId: r.target_id,
    experienceId: r.experience_id,
    procurementId: r.procurement_id,
    decision: r.status === 'hidden' ? 'hidden' : 'kept',
    reason: r.decision_reason ?? '',
    decidedAt: r.decided_at ?? '',
    hidden: r.hidden === 1,
    excerpt: text,
  })
  const notices = [
    ...reportNotices.map((r) => notice('experience', r, excerpt(r.worked_well, r.was_hard, r.advice))),
    ...replyNotices.map((r) => notice('reply', r, excerpt(r.body))),
  ]
  return notices
    .sort((a, b) => (a.decidedAt === b.decidedAt ? b.targetId - a.targetId : a.decidedAt < b.decidedAt ? 1 : -1))
    .slice(0, limit)
}
