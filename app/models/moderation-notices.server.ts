import { getDb } from '../../db/client'
import type { FlagStatus, FlagTargetType } from '~/domain/procurement-rules'
import { isVerifiedSupplier, type Viewer } from '~/policy/viewer'
import { flagOutcomeWhere } from '~/policy/experience'
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

export type OwnFlag = {
  id: number
  targetType: FlagTargetType
  /** The report (or the report a reply answers) and its procurement, for a link. */
  experienceId: number | null
  procurementId: number | null
  flaggedAt: string
  status: FlagStatus
  /** The coordinator's reason for keeping or hiding it. */
  decisionReason: string | null
  decidedAt: string | null
  /** A restoration after the decision: the content is visible again. */
  restored: { at: string; reason: string } | null
}

/**
 * The flags this person made, newest first, with their outcome ("Flagget av deg: skjult / beholdt, begrunnelse";
 * rule canSeeFlagOutcome). Only the outcome and the coordinator's reasons: the content itself is shown where it is, to
 * those who may read it.
 */
export async function ownFlags(viewer: Viewer | null, limit = 50): Promise<OwnFlag[]> {
  if (!viewer) return []
  const db = getDb()
  const rows = await db
    .selectFrom('content_flag')
    .select([
      'content_flag.id',
      'content_flag.target_type',
      'content_flag.target_id',
      'content_flag.created_at',
      'content_flag.status',
      'content_flag.decision_reason',
      'content_flag.decided_at',
      (eb) =>
        eb
          .case()
          .when('content_flag.target_type', '=', 'reply')
          .then(
            eb
              .selectFrom('supplier_reply')
              .select('supplier_reply.experience_report_id')
              .whereRef('supplier_reply.id', '=', 'content_flag.target_id'),
          )
          .else(eb.ref('content_flag.target_id'))
          .end()
          .as('experience_id'),
    ])
    .where(flagOutcomeWhere(viewer))
    .where('content_flag.flagged_by', '=', viewer.userId)
    .orderBy('content_flag.created_at', 'desc')
    .orderBy('content_flag.id', 'desc')
    .limit(limit)
    .execute()
  if (rows.length === 0) return []
  const experienceIds = [...new Set(rows.flatMap((r) => (r.experience_id === null ? [] : [r.experience_id])))]
  const [reports, restorations] = await Promise.all([
    experienceIds.length
      ? db.selectFrom('experience_report').select(['id', 'procurement_id']).where('id', 'in', experienceIds).execute()
      : [],
    db
      .selectFrom('moderation_restoration')
      .select(['target_type', 'target_id', 'restored_at', 'reason'])
      .where((eb) =>
        eb.or(rows.map((r) => eb.and([eb('target_type', '=', r.target_type), eb('target_id', '=', r.target_id)]))),
      )
      .orderBy('restored_at')
      .execute(),
  ])
  const procurementOf = new Map(reports.map((r) => [r.id, r.procurement_id]))
  return rows.map((r) => {
    const restoration =
      r.status === 'hidden' && r.decided_at !== null
        ? restorations.filter(
            (x) =>
              x.target_type === r.target_type && x.target_id === r.target_id && x.restored_at >= (r.decided_at ?? ''),
          )[0]
        : undefined
    return {
      id: r.id,
      targetType: r.target_type,
      experienceId: r.experience_id,
      procurementId: r.experience_id === null ? null : (procurementOf.get(r.experience_id) ?? null),
      flaggedAt: r.created_at,
      status: r.status,
      decisionReason: r.decision_reason,
      decidedAt: r.decided_at,
      restored: restoration ? { at: restoration.restored_at, reason: restoration.reason } : null,
    }
  })
}
