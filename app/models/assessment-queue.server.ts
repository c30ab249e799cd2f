import { getDb } from '../../db/client'
import type { VersionState } from '~/domain/approval-workflow'
import { EXPIRY_WARNING_DAYS } from '~/domain/assessment'
import { addDays, wholeDaysBetween } from '~/domain/dates'
import { canAssess, canListExpiringApprovals, seesUnpublishedWhere } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { clock } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// The coordinators' working lists: the assessment queue and the approvals about to expire (a supplier sees its own).

export type QueueItem = {
  versionId: number
  versionLabel: string
  state: Extract<VersionState, 'submitted' | 'in_review'>
  submittedAt: string
  waitingDays: number
  product: { id: number; name: string }
  supplier: { id: number; name: string }
  category: { slug: string; nameNb: string; nameEn: string }
}

/** The coordinators' queue: submitted and in-review versions, longest waiting first. Null for anyone else. */
export async function assessmentQueue(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number; state?: 'submitted' | 'in_review' } = {},
): Promise<Page<QueueItem> | null> {
  if (!canAssess(viewer)) return null
  const { instant } = clock()
  const { page, pageSize, offset } = pageParams(paging)
  const states = paging.state ? [paging.state] : (['submitted', 'in_review'] as const)
  const db = getDb()
  const base = db.selectFrom('product_version as v').where('v.state', 'in', states)
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('product as p', 'p.id', 'v.product_id')
      .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
      .innerJoin('category as c', 'c.id', 'p.category_id')
      .select([
        'v.id',
        'v.version_label',
        'v.state',
        'v.submitted_at',
        'p.id as product_id',
        'p.name as product_name',
        'o.id as supplier_id',
        'o.name as supplier_name',
        'c.slug',
        'c.name_nb',
        'c.name_en',
      ])
      .orderBy('v.submitted_at')
      .orderBy('v.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  const items = rows.map((r) => ({
    versionId: r.id,
    versionLabel: r.version_label,
    state: r.state === 'in_review' ? ('in_review' as const) : ('submitted' as const),
    submittedAt: r.submitted_at ?? '',
    waitingDays: r.submitted_at ? wholeDaysBetween(r.submitted_at, instant) : 0,
    product: { id: r.product_id, name: r.product_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    category: { slug: r.slug, nameNb: r.name_nb, nameEn: r.name_en },
  }))
  return toPage(items, n, page, pageSize)
}

export type ExpiringApproval = {
  versionId: number
  versionLabel: string
  state: Extract<VersionState, 'approved' | 'provisionally_approved'>
  validUntil: string
  daysLeft: number
  product: { id: number; name: string }
  supplier: { id: number; name: string }
}

/**
 * Approvals ending within `withinDays` (default 60), soonest first: all of them for coordinators, the supplier's own
 * for a supplier (so it can submit a new version in time). Null for anyone else.
 */
export async function listExpiringApprovals(
  viewer: Viewer | null,
  options: { withinDays?: number } = {},
): Promise<ExpiringApproval[] | null> {
  if (!canListExpiringApprovals(viewer)) return null
  const { today } = clock()
  const until = addDays(today, Math.max(0, Math.trunc(options.withinDays ?? EXPIRY_WARNING_DAYS)))
  const rows = await getDb()
    .selectFrom('product_version as v')
    .innerJoin('version_decision as d', (j) => j.onRef('d.version_id', '=', 'v.id').onRef('d.outcome', '=', 'v.state'))
    .innerJoin('product', 'product.id', 'v.product_id')
    .innerJoin('organisation as o', 'o.id', 'product.supplier_organisation_id')
    .select([
      'v.id',
      'v.version_label',
      'v.state',
      'd.valid_until',
      'product.id as product_id',
      'product.name as product_name',
      'o.id as supplier_id',
      'o.name as supplier_name',
    ])
    .where('v.state', 'in', ['approved', 'provisionally_approved'])
    .where('d.valid_until', '>=', today)
    .where('d.valid_until', '<=', until)
    // Coordinators see every supplier's, a supplier only its own: the products whose unpublished parts it sees.
    .where(seesUnpublishedWhere(viewer))
    // A version that went from provisional to full approval has one decision per outcome; the join picks the one
    // matching its current state, and the newest such decision wins.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('version_decision as newer')
            .select('newer.id')
            .whereRef('newer.version_id', '=', 'v.id')
            .whereRef('newer.outcome', '=', 'v.state')
            .whereRef('newer.id', '>', 'd.id'),
        ),
      ),
    )
    .orderBy('d.valid_until')
    .orderBy('v.id')
    .limit(500)
    .execute()
  return rows.flatMap((r): ExpiringApproval[] =>
    r.valid_until && (r.state === 'approved' || r.state === 'provisionally_approved')
      ? [
          {
            versionId: r.id,
            versionLabel: r.version_label,
            state: r.state,
            validUntil: r.valid_until,
            daysLeft: wholeDaysBetween(`${today}T00:00:00Z`, `${r.valid_until}T00:00:00Z`),
            product: { id: r.product_id, name: r.product_name },
            supplier: { id: r.supplier_id, name: r.supplier_name },
          },
        ]
      : [],
  )
}
