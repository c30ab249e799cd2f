import { sql } from 'kysely'
import { z } from 'zod'
import { getDb } from '../../db/client'
import { pagingFields } from '~/utils/validation'
import {
  FLAG_STATUSES,
  FLAG_TARGET_TYPES,
  MODERATION_DECISIONS,
  fail,
  ok,
  type FlagStatus,
  type FlagTargetType,
  type ModerationDecision,
  type Result,
} from '~/domain/procurement-rules'
import { canFlag, canModerate, canViewExperience, experienceAudience } from '~/policy/experience'
import { effectiveRole, isCoordinatorOrAdmin, isSupplierOf, type Viewer } from '~/policy/viewer'
import { queryExperienceViews, loadReplies, type ExperienceView, type ReplyView } from './experiences.server'
import {
  auditExperience,
  enumField,
  idField,
  invalidInput,
  loadProcurementSuppliers,
  type FormInput,
} from './procurements.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Flags and moderation. Anyone signed in flags an experience report or a reply they can see, with a reason;
// coordinators work the queue and keep or hide the content with a reason its author sees in-app. Hidden content is
// never deleted: it leaves every public, buyer and supplier read, and stays in the moderation log, for coordinators
// and for its author. Flags with their decisions are the moderation log.

const moderationText = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .min(5, key)
    .max(2000, key)
    .transform((s) => s.normalize('NFC'))

export const FlagInput = z.object({
  targetType: enumField(FLAG_TARGET_TYPES, 'validation.flag.targetType'),
  targetId: idField('validation.flag.targetType'),
  reason: moderationText('validation.flag.reason'),
})
export type FlagInput = FormInput<typeof FlagInput>

export const ModerationDecisionInput = z.object({
  targetType: enumField(FLAG_TARGET_TYPES, 'validation.flag.targetType'),
  targetId: idField('validation.flag.targetType'),
  decision: enumField(MODERATION_DECISIONS, 'validation.moderation.decision'),
  reason: moderationText('validation.moderation.reason'),
})
export type ModerationDecisionInput = FormInput<typeof ModerationDecisionInput>

const isOpenFlagUniqueViolation = (e: unknown) =>
  e instanceof Error && /UNIQUE constraint failed: content_flag\./.test(e.message)

/** Whether the target exists and is visible to the viewer, and whether it is hidden already. */
async function targetState(db: DbOrTrx, viewer: Viewer | null, type: FlagTargetType, id: number) {
  let reportId = id
  let reply: { supplier_organisation_id: number; hidden: number } | undefined
  if (type === 'reply') {
    const row = await db
      .selectFrom('supplier_reply')
      .select(['experience_report_id', 'supplier_organisation_id', 'hidden'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) return { visible: false, hidden: false }
    reportId = row.experience_report_id
    reply = row
  }
  const r = await db
    .selectFrom('experience_report')
    .select(['procurement_id', 'author_user_id', 'status', 'hidden'])
    .where('id', '=', reportId)
    .executeTakeFirst()
  if (!r) return { visible: false, hidden: false }
  const suppliers = (await loadProcurementSuppliers(db, [r.procurement_id])).get(r.procurement_id) ?? []
  const reportVisible = canViewExperience(viewer, experienceAudience(viewer, suppliers), {
    status: r.status,
    hidden: r.hidden === 1,
    authorUserId: r.author_user_id,
  })
  if (type === 'experience') return { visible: reportVisible && r.status === 'published', hidden: r.hidden === 1 }
  const replyVisible =
    reply!.hidden === 0 || isCoordinatorOrAdmin(viewer) || isSupplierOf(viewer, reply!.supplier_organisation_id)
  return { visible: reportVisible && replyVisible, hidden: reply!.hidden === 1 }
}

/**
 * Flags a published report or a reply. Refusals: forbidden (not signed in), not_found (not visible to the viewer),
 * not_editable (409: already hidden), already_flagged (409: this user's earlier flag on it is still open).
 */
export async function flagContent(viewer: Viewer | null, input: FlagInput): Promise<Result<{ flagId: number }>> {
  if (!canFlag(viewer)) return fail('forbidden')
  const parsed = FlagInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { targetType, targetId, reason } = parsed.data
  const { iso } = clock()
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        const state = await targetState(trx, viewer, targetType, targetId)
        if (!state.visible) return fail('not_found')
        if (state.hidden) return fail('not_editable')
        const open = await trx
          .selectFrom('content_flag')
          .select('id')
          .where('target_type', '=', targetType)
          .where('target_id', '=', targetId)
          .where('flagged_by', '=', viewer!.userId)
          .where('status', '=', 'open')
          .executeTakeFirst()
        if (open) return fail('already_flagged')
        const { id } = await trx
          .insertInto('content_flag')
          .values({ target_type: targetType, target_id: targetId, flagged_by: viewer!.userId, reason, created_at: iso })
          .returning('id')
          .executeTakeFirstOrThrow()
        await auditExperience(trx, {
          action: 'moderation.flagged',
          actorUserId: viewer!.userId,
          target: { type: 'content_flag', id },
          details: { targetType, targetId },
          at: iso,
        })
        return ok({ flagId: id })
      })
  } catch (e) {
    if (isOpenFlagUniqueViolation(e)) return fail('already_flagged')
    throw e
  }
}

/**
 * A coordinator keeps or hides flagged content, deciding every open flag on it with one reason. Hiding marks the
 * content hidden (kept in the database, with the time and reason); the decision is audited. Refusals: forbidden,
 * no_open_flags (409).
 */
export async function decideFlags(
  viewer: Viewer | null,
  input: ModerationDecisionInput,
): Promise<Result<{ decidedFlagIds: number[] }>> {
  if (!canModerate(viewer)) return fail('forbidden')
  const parsed = ModerationDecisionInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { targetType, targetId, decision, reason } = parsed.data
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
      if (open.length === 0) return fail('no_open_flags')
      const ids = open.map((f) => f.id)
      const status: FlagStatus = decision === 'hide' ? 'hidden' : 'kept'
      await trx
        .updateTable('content_flag')
        .set({ status, decided_by: viewer!.userId, decided_at: iso, decision_reason: reason })
        .where('id', 'in', ids)
        .where('status', '=', 'open')
        .execute()
      if (decision === 'hide') {
        const table = targetType === 'experience' ? 'experience_report' : 'supplier_reply'
        await trx
          .updateTable(table)
          .set({ hidden: 1, hidden_at: iso, hidden_reason: reason })
          .where('id', '=', targetId)
          .where('hidden', '=', 0)
          .execute()
      }
      await auditExperience(trx, {
        action: decision === 'hide' ? 'moderation.hidden' : 'moderation.kept',
        actorUserId: viewer!.userId,
        target: { type: targetType === 'experience' ? 'experience_report' : 'supplier_reply', id: targetId },
        details: { flagIds: ids, reason },
        at: iso,
      })
      return ok({ decidedFlagIds: ids })
    })
}

// ---------------------------------------------------------------------------------------------------------------
// The coordinators' queue and log.

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

async function loadTargets(db: DbOrTrx, viewer: Viewer, targets: ReadonlyArray<{ type: FlagTargetType; id: number }>) {
  const replyIds = targets.filter((t) => t.type === 'reply').map((t) => t.id)
  const replyRows = replyIds.length
    ? await db.selectFrom('supplier_reply').select(['id', 'experience_report_id']).where('id', 'in', replyIds).execute()
    : []
  const reportOfReply = new Map(replyRows.map((r) => [r.id, r.experience_report_id]))
  const reportIds = [
    ...new Set([...targets.filter((t) => t.type === 'experience').map((t) => t.id), ...reportOfReply.values()]),
  ]
  const experiences = new Map(
    (await queryExperienceViews(db, viewer, { ids: reportIds }, { pageSize: 50 })).items.map((e) => [e.id, e]),
  )
  const replies = await loadReplies(db, viewer, [...reportOfReply.values()])
  return (t: { type: FlagTargetType; id: number }) => {
    const reportId = t.type === 'experience' ? t.id : reportOfReply.get(t.id)
    const experience = reportId !== undefined ? (experiences.get(reportId) ?? null) : null
    const reply = t.type === 'reply' && reportId !== undefined ? (replies.get(reportId) ?? null) : null
    return { experience, reply }
  }
}

async function loadFlagViews(
  db: DbOrTrx,
  where: { ids?: number[]; openOn?: Array<{ type: FlagTargetType; id: number }> },
) {
  let q = db
    .selectFrom('content_flag as f')
    .innerJoin('user as fu', 'fu.id', 'f.flagged_by')
    .innerJoin('organisation as fo', 'fo.id', 'fu.organisation_id')
    .leftJoin('user as du', 'du.id', 'f.decided_by')
    .select([
      'f.id',
      'f.target_type',
      'f.target_id',
      'f.reason',
      'f.created_at',
      'f.status',
      'f.decided_at',
      'f.decision_reason',
      'fu.name as flagged_by_name',
      'fo.name as flagged_by_org',
      'du.name as decided_by_name',
    ])
  if (where.ids) q = q.where('f.id', 'in', where.ids.length ? where.ids : [-1])
  if (where.openOn) {
    const targets = where.openOn
    q = q
      .where('f.status', '=', 'open')
      .where((eb) =>
        targets.length
          ? eb.or(targets.map((t) => eb.and([eb('f.target_type', '=', t.type), eb('f.target_id', '=', t.id)])))
          : sql<boolean>`0`,
      )
  }
  const rows = await q.orderBy('f.created_at').orderBy('f.id').execute()
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

/** Content with open flags, longest waiting first (coordinators only; null for anyone else). */
export async function moderationQueue(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ModerationQueueItem> | null> {
  if (!canModerate(viewer)) return null
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
  const [content, flags] = await Promise.all([loadTargets(db, viewer!, list), loadFlagViews(db, { openOn: list })])
  const items = targets.map((t) => ({
    targetType: t.target_type,
    targetId: t.target_id,
    firstFlaggedAt: t.first_flagged_at as string,
    openFlags: flags.filter((f) => f.targetType === t.target_type && f.targetId === t.target_id).map((f) => f.view),
    ...content({ type: t.target_type, id: t.target_id }),
  }))
  return toPage(items, n, page, pageSize)
}

export const ModerationLogFilter = z.object({
  status: z.enum(FLAG_STATUSES).optional().catch(undefined),
  targetType: z.enum(FLAG_TARGET_TYPES).optional().catch(undefined),
  targetId: z.coerce.number().int().positive().optional().catch(undefined),
  ...pagingFields,
})
/** Raw query-string values are fine: anything unrecognised is ignored. */
export type ModerationLogFilter = { [K in keyof z.input<typeof ModerationLogFilter>]?: unknown }

export type ModerationLogEntry = FlagView & {
  targetType: FlagTargetType
  targetId: number
  /** The content as it stands now (hidden content included), for coordinators. */
  target: { hidden: boolean; excerpt: string; experienceId: number | null }
}

const excerpt = (...texts: Array<string | null>) => {
  const text = texts.filter(Boolean).join(' · ')
  return text.length > 240 ? `${text.slice(0, 239)}…` : text
}

/** Every flag and decision, newest first: the moderation log (coordinators only; null for anyone else). */
export async function moderationLog(
  viewer: Viewer | null,
  rawFilter: ModerationLogFilter = {},
): Promise<Page<ModerationLogEntry> | null> {
  if (!canModerate(viewer)) return null
  const filter = ModerationLogFilter.parse(rawFilter)
  const db = getDb()
  const { page, pageSize, offset } = pageParams(filter)
  const base = db
    .selectFrom('content_flag')
    .$if(!!filter.status, (qb) => qb.where('status', '=', filter.status!))
    .$if(!!filter.targetType, (qb) => qb.where('target_type', '=', filter.targetType!))
    .$if(filter.targetId !== undefined, (qb) => qb.where('target_id', '=', filter.targetId!))
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
  return toPage(items, n, page, pageSize)
}

// ---------------------------------------------------------------------------------------------------------------
// The author's in-app notices.

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
  const supplierOrg = effectiveRole(viewer) === 'supplier' ? viewer.organisationId : null
  const decided = (type: FlagTargetType) =>
    db
      .selectFrom('content_flag as f')
      .select(['f.target_id', 'f.status', 'f.decision_reason', 'f.decided_at'])
      .where('f.target_type', '=', type)
      .where('f.status', '!=', 'open')
      .distinct()
  const [reportNotices, replyNotices] = await Promise.all([
    decided('experience')
      .innerJoin('experience_report as r', 'r.id', 'f.target_id')
      .select(['r.id as experience_id', 'r.procurement_id', 'r.hidden', 'r.worked_well', 'r.was_hard', 'r.advice'])
      .where('r.author_user_id', '=', viewer.userId)
      .orderBy('f.decided_at', 'desc')
      .limit(limit)
      .execute(),
    supplierOrg === null
      ? Promise.resolve([])
      : decided('reply')
          .innerJoin('supplier_reply as sr', 'sr.id', 'f.target_id')
          .innerJoin('experience_report as r', 'r.id', 'sr.experience_report_id')
          .select(['r.id as experience_id', 'r.procurement_id', 'sr.hidden', 'sr.body'])
          .where('sr.supplier_organisation_id', '=', supplierOrg)
          .orderBy('f.decided_at', 'desc')
          .limit(limit)
          .execute(),
  ])
  const notices: ModerationNotice[] = [
    ...reportNotices.map((r) => ({
      targetType: 'experience' as const,
      targetId: r.target_id,
      experienceId: r.experience_id,
      procurementId: r.procurement_id,
      decision: r.status as ModerationNotice['decision'],
      reason: r.decision_reason ?? '',
      decidedAt: r.decided_at ?? '',
      hidden: r.hidden === 1,
      excerpt: excerpt(r.worked_well, r.was_hard, r.advice),
    })),
    ...replyNotices.map((r) => ({
      targetType: 'reply' as const,
      targetId: r.target_id,
      experienceId: r.experience_id,
      procurementId: r.procurement_id,
      decision: r.status as ModerationNotice['decision'],
      reason: r.decision_reason ?? '',
      decidedAt: r.decided_at ?? '',
      hidden: r.hidden === 1,
      excerpt: excerpt(r.body),
    })),
  ]
  return notices
    .sort((a, b) => (a.decidedAt === b.decidedAt ? b.targetId - a.targetId : a.decidedAt < b.decidedAt ? 1 : -1))
    .slice(0, limit)
}

export type { ModerationDecision }
