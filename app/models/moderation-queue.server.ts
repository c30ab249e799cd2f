import { getDb } from '../../db/client'
import type { FlagStatus, FlagTargetType } from '~/domain/procurement-rules'
import { canModerate } from '~/policy/experience'
import type { StaffViewer, Viewer } from '~/policy/viewer'
import { ok, refuse, type Result } from '~/utils/refusal'
import type { DbOrTrx } from '~/models/db.server'
import {
  loadReplies,
  queryExperienceViews,
  type ExperienceView,
  type ReplyView,
} from '~/models/experience-views.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// The coordinators' moderation queue and log (docs/domain.md, "Flags and moderation"). Flags with their decisions
// are the moderation log; the content is shown as coordinators see it, hidden content included.

export type FlagView = {
  id: number
  reason: string
  createdAt: string
  flaggedBy: { name: string; organisationName: string }
  status: FlagStatus
  decidedBy: { name: string } | null
  decidedAt: string | null
  decisionReason: string | null
}

export type ModerationQueueItem = {
  targetType: FlagTargetType
  targetId: number
  firstFlaggedAt: string
  openFlags: FlagView[]
  /** The report (for a reply: the report it answers), as coordinators see it (hidden content included). */
  experience: ExperienceView | null
  reply: ReplyView | null
}

type Target = { type: FlagTargetType; id: number }

async function loadTargets(db: DbOrTrx, viewer: StaffViewer, targets: readonly Target[]) {
  const replyIds = targets.filter((t) => t.type === 'reply').map((t) => t.id)
  const replyRows = replyIds.length
    ? await db.selectFrom('supplier_reply').select(['id', 'experience_report_id']).where('id', 'in', replyIds).execute()
    : []
  const reportOfReply = new Map(replyRows.map((r) => [r.id, r.experience_report_id]))
  const reportIds = [
    ...new Set([...targets.filter((t) => t.type === 'experience').map((t) => t.id), ...reportOfReply.values()]),
  ]
  const [experiences, replies] = await Promise.all([
    queryExperienceViews(viewer, { ids: reportIds }, { pageSize: 50 }),
    loadReplies(viewer, [...reportOfReply.values()]),
  ])
  const byId = new Map(experiences.items.map((e) => [e.id, e]))
  return (t: Target) => {
    const reportId = t.type === 'experience' ? t.id : reportOfReply.get(t.id)
    const experience = reportId !== undefined ? (byId.get(reportId) ?? null) : null
    const reply =
      t.type === 'reply' && reportId !== undefined ? (replies.get(reportId)?.find((r) => r.id === t.id) ?? null) : null
    return { experience, reply }
  }
}

async function loadFlagViews(db: DbOrTrx, where: { ids: readonly number[] } | { openOn: readonly Target[] }) {
  const rows = await db
    .selectFrom('content_flag')
    .innerJoin('user as flagger', 'flagger.id', 'content_flag.flagged_by')
    .innerJoin('organisation', 'organisation.id', 'flagger.organisation_id')
    .leftJoin('user as decider', 'decider.id', 'content_flag.decided_by')
    .select([
      'content_flag.id',
      'content_flag.target_type',
      'content_flag.target_id',
      'content_flag.reason',
      'content_flag.created_at',
      'content_flag.status',
      'content_flag.decided_at',
      'content_flag.decision_reason',
      'flagger.name as flagged_by_name',
      'organisation.name as flagged_by_org',
      'decider.name as decided_by_name',
    ])
    .where((eb) =>
      'ids' in where
        ? where.ids.length
          ? eb('content_flag.id', 'in', [...where.ids])
          : eb.lit(false)
        : eb.and([
            eb('content_flag.status', '=', 'open'),
            eb.or(
              where.openOn.map((t) =>
                eb.and([eb('content_flag.target_type', '=', t.type), eb('content_flag.target_id', '=', t.id)]),
              ),
            ),
          ]),
    )
    .orderBy('content_flag.created_at')
    .orderBy('content_flag.id')
    .execute()
  return rows.map((r) => ({
    targetType: r.target_type,
    targetId: r.target_id,
    view: {
      id: r.id,
      reason: r.reason,
      createdAt: r.created_at,
      flaggedBy: { name: r.flagged_by_name, organisationName: r.flagged_by_org },
      status: r.status,
      decidedBy: r.decided_by_name ? { name: r.decided_by_name } : null,
      decidedAt: r.decided_at,
      decisionReason: r.decision_reason,
    } satisfies FlagView,
  }))
}

/** Content with open flags, longest waiting first (coordinators only). */
export async function moderationQueue(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Result<Page<ModerationQueueItem>>> {
  if (!canModerate(viewer)) return refuse('forbidden')
  const db = getDb()
  const { page, pageSize, offset } = pageParams(paging)
  const grouped = db
    .selectFrom('content_flag')
    .select(['target_type', 'target_id', (eb) => eb.fn.min('created_at').as('first_flagged_at')])
    .where('status', '=', 'open')
    .groupBy(['target_type', 'target_id'])
  const [{ n }, targets] = await Promise.all([
    db
      .selectFrom(grouped.as('g'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    grouped
      .orderBy('first_flagged_at')
      .orderBy('target_type')
      .orderBy('target_id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  const list = targets.map((t) => ({ type: t.target_type, id: t.target_id }))
  const [content, flags] = await Promise.all([loadTargets(db, viewer, list), loadFlagViews(db, { openOn: list })])
  const items = targets.map((t) => ({
    targetType: t.target_type,
    targetId: t.target_id,
    firstFlaggedAt: t.first_flagged_at,
    openFlags: flags.filter((f) => f.targetType === t.target_type && f.targetId === t.target_id).map((f) => f.view),
    ...content({ type: t.target_type, id: t.target_id }),
  }))
  return ok(toPage(items, n, page, pageSize))
}

export type ModerationLogFilter = {
  status?: FlagStatus
  targetType?: FlagTargetType
  targetId?: number
  page?: number
  pageSize?: number
}

export type ModerationLogEntry = FlagView & {
  targetType: FlagTargetType
  targetId: number
  /** The content as it stands now (hidden content included), for coordinators. */
  target: { hidden: boolean; excerpt: string; experienceId: number | null }
}

/** Up to 240 characters of the content, for the log and the author's notices. */
export const excerpt = (...texts: Array<string | null>) => {
  const text = texts.filter(Boolean).join(' · ')
  return text.length > 240 ? `${text.slice(0, 239)}…` : text
}

/** Every flag and decision, newest first: the moderation log (coordinators only). */
export async function moderationLog(
  viewer: Viewer | null,
  filter: ModerationLogFilter = {},
): Promise<Result<Page<ModerationLogEntry>>> {
  if (!canModerate(viewer)) return refuse('forbidden')
  const db = getDb()
  const { page, pageSize, offset } = pageParams(filter)
  const { status, targetType, targetId } = filter
  const base = db
    .selectFrom('content_flag')
    .where((eb) =>
      eb.and([
        ...(status ? [eb('status', '=', status)] : []),
        ...(targetType ? [eb('target_type', '=', targetType)] : []),
        ...(targetId !== undefined ? [eb('target_id', '=', targetId)] : []),
      ]),
    )
  const [{ n }, idRows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select('id').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset(offset).execute(),
  ])
  const flags = await loadFlagViews(db, { ids: idRows.map((r) => r.id) })
  const byId = new Map(flags.map((f) => [f.view.id, f]))
  const reportIds = flags.filter((f) => f.targetType === 'experience').map((f) => f.targetId)
  const replyIds = flags.filter((f) => f.targetType === 'reply').map((f) => f.targetId)
  const [reports, replies] = await Promise.all([
    reportIds.length
      ? db
          .selectFrom('experience_report')
          .select(['id', 'hidden', 'worked_well', 'was_hard', 'advice'])
          .where('id', 'in', reportIds)
          .execute()
      : Promise.resolve([]),
    replyIds.length
      ? db
          .selectFrom('supplier_reply')
          .select(['id', 'hidden', 'body', 'experience_report_id'])
          .where('id', 'in', replyIds)
          .execute()
      : Promise.resolve([]),
  ])
  const reportMap = new Map(reports.map((r) => [r.id, r]))
  const replyMap = new Map(replies.map((r) => [r.id, r]))
  const items = idRows.flatMap(({ id }) => {
    const f = byId.get(id)
    if (!f) return []
    const report = f.targetType === 'experience' ? reportMap.get(f.targetId) : undefined
    const reply = f.targetType === 'reply' ? replyMap.get(f.targetId) : undefined
    const target = report
      ? {
          hidden: report.hidden === 1,
          excerpt: excerpt(report.worked_well, report.was_hard, report.advice),
          experienceId: report.id,
        }
      : reply
        ? { hidden: reply.hidden === 1, excerpt: excerpt(reply.body), experienceId: reply.experience_report_id }
        : { hidden: false, excerpt: '', experienceId: null }
    return [{ ...f.view, targetType: f.targetType, targetId: f.targetId, target }]
  })
  return ok(toPage(items, n, page, pageSize))
}
