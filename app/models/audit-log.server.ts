import { getDb } from '../../db/client'
import type { AuditChange } from '~/domain/audit-changes'
import { pageParams, toPage } from '~/models/paging.server'

// The audit log as coordinators read it (/koordinator/revisjon): newest first, filtered by event, actor and date. Each
// entry is resolved to what it is about (a product, version, procurement, report, reply, person or organisation) with
// its name and a link, so the page reads as sentences, not codes and JSON (docs/domain.md, "Audit trail").

const AUDIT_PAGE_SIZE = 50

/** What an entry is about, as the page names it and links to it. */
export type AuditSubject =
  | { kind: 'product'; name: string; href: string }
  | { kind: 'version'; product: string; version: string; href: string }
  | { kind: 'procurement'; title: string; href: string }
  | { kind: 'report'; municipality: string; procurement: string; href: string }
  | { kind: 'reply'; supplier: string; municipality: string; procurement: string; href: string }
  | { kind: 'person'; name: string }
  | { kind: 'organisation'; name: string }
  | { kind: 'category'; name: string; href: string }
  | { kind: 'criterion'; name: string; href: string }

export type AuditEntry = {
  id: number
  at: string
  action: string
  actorName: string | null
  actorEmail: string | null
  ip: string | null
  subject: AuditSubject | null
  /** Field changes (values only for fields that are not confidential: app/domain/audit-changes.ts). */
  changes: AuditChange[]
  /** The few details the sentence names: a decision's outcome, a moderation reason. */
  outcome: string | null
  reason: string | null
}

type Row = {
  id: number
  at: string
  action: string
  targetType: string | null
  targetId: string | null
  details: string
  ip: string | null
  actorName: string | null
  actorEmail: string | null
}

export async function listAuditLog(filter: {
  action?: string
  actor?: string
  from?: string
  to?: string
  page: number
}) {
  const { page, pageSize, offset } = pageParams({ page: filter.page, pageSize: AUDIT_PAGE_SIZE }, AUDIT_PAGE_SIZE)
  let query = getDb().selectFrom('audit_log').leftJoin('user', 'user.id', 'audit_log.actor_user_id')
  if (filter.action) query = query.where('audit_log.action', '=', filter.action)
  if (filter.actor) query = query.where('user.email', 'like', `%${filter.actor.toLowerCase().replace(/[%_]/g, '')}%`)
  if (filter.from) query = query.where('audit_log.at', '>=', `${filter.from}T00:00:00.000Z`)
  if (filter.to) query = query.where('audit_log.at', '<=', `${filter.to}T23:59:59.999Z`)
  const [rows, total] = await Promise.all([
    query
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.target_type as targetType',
        'audit_log.target_id as targetId',
        'audit_log.details',
        'audit_log.ip',
        'user.name as actorName',
        'user.email as actorEmail',
      ])
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return toPage(await resolveEntries(rows), total.n, page, pageSize)
}

const parseDetails = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
const numberOf = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}
const ids = (list: Array<number | null>) => [...new Set(list.filter((n): n is number => n !== null))]

/** Which table row an entry is about: its target, or for a dossier item or a flag the version or item behind it. */
function subjectRef(row: Row, details: Record<string, unknown>): { type: string; id: number } | null {
  const id = numberOf(row.targetId)
  switch (row.targetType) {
    case 'dossier_section':
    case 'dossier_attachment': {
      const versionId = numberOf(details.versionId)
      return versionId ? { type: 'product_version', id: versionId } : null
    }
    case 'content_flag': {
      const targetId = numberOf(details.targetId)
      if (!targetId) return null
      return { type: details.targetType === 'reply' ? 'supplier_reply' : 'experience_report', id: targetId }
    }
    case null:
      return null
    default:
      return id
        ? { type: row.targetType, id }
        : row.targetType === 'assessment_criterion' && row.targetId
          ? { type: 'assessment_criterion', id: 0 }
          : null
  }
}

async function resolveEntries(rows: Row[]): Promise<AuditEntry[]> {
  const db = getDb()
  const parsed = rows.map((row) => {
    const details = parseDetails(row.details)
    return { row, details, ref: subjectRef(row, details) }
  })
  const wanted = (type: string) => ids(parsed.map((p) => (p.ref?.type === type ? p.ref.id : null)))

  // Replies lead to reports, reports to procurements: resolve from the leaves up.
  const replyIds = wanted('supplier_reply')
  const replies = replyIds.length
    ? await db
        .selectFrom('supplier_reply as r')
        .innerJoin('organisation as o', 'o.id', 'r.supplier_organisation_id')
        .select(['r.id', 'r.experience_report_id', 'o.name as supplier'])
        .where('r.id', 'in', replyIds)
        .execute()
    : []
  const reportIds = ids([...wanted('experience_report'), ...replies.map((r) => r.experience_report_id)])
  const reports = reportIds.length
    ? await db
        .selectFrom('experience_report as e')
        .innerJoin('municipality as m', 'm.number', 'e.municipality_number')
        .select(['e.id', 'e.procurement_id', 'm.name as municipality'])
        .where('e.id', 'in', reportIds)
        .execute()
    : []
  const procurementIds = ids([...wanted('procurement'), ...reports.map((r) => r.procurement_id)])
  const versionIds = wanted('product_version')
  const [procurements, versions, products, users, organisations, categories] = await Promise.all([
    procurementIds.length
      ? db.selectFrom('procurement').select(['id', 'title']).where('id', 'in', procurementIds).execute()
      : [],
    versionIds.length
      ? db
          .selectFrom('product_version as v')
          .innerJoin('product as p', 'p.id', 'v.product_id')
          .select(['v.id', 'v.version_label', 'p.name'])
          .where('v.id', 'in', versionIds)
          .execute()
      : [],
    wanted('product').length
      ? db.selectFrom('product').select(['id', 'name']).where('id', 'in', wanted('product')).execute()
      : [],
    wanted('user').length
      ? db.selectFrom('user').select(['id', 'name']).where('id', 'in', wanted('user')).execute()
      : [],
    wanted('organisation').length
      ? db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', wanted('organisation')).execute()
      : [],
    wanted('category').length
      ? db.selectFrom('category').select(['id', 'name_nb']).where('id', 'in', wanted('category')).execute()
      : [],
  ])
  const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]))
  const [replyMap, reportMap, procurementMap, versionMap, productMap, userMap, organisationMap, categoryMap] = [
    byId(replies),
    byId(reports),
    byId(procurements),
    byId(versions),
    byId(products),
    byId(users),
    byId(organisations),
    byId(categories),
  ]
  const reportSubject = (reportId: number) => {
    const report = reportMap.get(reportId)
    const procurement = report ? procurementMap.get(report.procurement_id) : undefined
    if (!report || !procurement) return null
    return {
      municipality: report.municipality,
      procurement: procurement.title,
      href: `/anskaffelser/${procurement.id}#experience-${report.id}`,
    }
  }
  const subjectOf = (ref: { type: string; id: number } | null, row: Row): AuditSubject | null => {
    if (!ref) return null
    switch (ref.type) {
      case 'product': {
        const p = productMap.get(ref.id)
        return p ? { kind: 'product', name: p.name, href: `/register/${p.id}` } : null
      }
      case 'product_version': {
        const v = versionMap.get(ref.id)
        return v
          ? { kind: 'version', product: v.name, version: v.version_label, href: `/koordinator/vurdering/${v.id}` }
          : null
      }
      case 'procurement': {
        const p = procurementMap.get(ref.id)
        return p ? { kind: 'procurement', title: p.title, href: `/anskaffelser/${p.id}` } : null
      }
      case 'experience_report': {
        const r = reportSubject(ref.id)
        return r ? { kind: 'report', ...r } : null
      }
      case 'supplier_reply': {
        const reply = replyMap.get(ref.id)
        const r = reply ? reportSubject(reply.experience_report_id) : null
        return reply && r ? { kind: 'reply', supplier: reply.supplier, ...r } : null
      }
      case 'user': {
        const u = userMap.get(ref.id)
        return u ? { kind: 'person', name: u.name } : null
      }
      case 'organisation': {
        const o = organisationMap.get(ref.id)
        return o ? { kind: 'organisation', name: o.name } : null
      }
      case 'category': {
        const c = categoryMap.get(ref.id)
        return c ? { kind: 'category', name: c.name_nb, href: '/koordinator/kriterier' } : null
      }
      case 'assessment_criterion':
        return row.targetId ? { kind: 'criterion', name: row.targetId, href: '/koordinator/kriterier' } : null
      default:
        return null
    }
  }
  return parsed.map(({ row, details, ref }) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actorName: row.actorName,
    actorEmail: row.actorEmail,
    ip: row.ip,
    subject: subjectOf(ref, row),
    changes: Array.isArray(details.changes) ? (details.changes as AuditChange[]) : [],
    outcome: typeof details.outcome === 'string' ? details.outcome : null,
    reason: typeof details.reason === 'string' ? details.reason : null,
  }))
}
