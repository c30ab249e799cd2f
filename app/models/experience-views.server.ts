import type { Expression, SqlBool } from 'kysely'
import { getDb } from '../../db/client'
import {
  RATING_DIMENSIONS,
  ratingColumn,
  type DataExported,
  type EndingReason,
  type ExperienceStatus,
  type RatingDimension,
  type Recommendation,
} from '~/domain/procurement-rules'
import {
  authorNameWhere,
  canDeleteExperienceDraft,
  canEditExperience,
  canEditReply,
  canFlag,
  canPublishExperience,
  canReply,
  canSeeModerationOf,
  canSeeSwitchingCost,
  replyAuthorWhere,
  replyModerationWhere,
  reportModerationWhere,
  visibleExperienceWhere,
  visibleRepliesWhere,
} from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { municipalityFilterWhere, type MunicipalityFilter } from '~/models/municipalities.server'
import { loadReportSuppliers, type ProcurementAccess } from '~/models/procurement-access.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'
import { ChangeMemo } from '~/models/change-memo.server'

// Reading experience reports (erfaringer) with the supplier's replies, as each viewer may see them
// (app/policy/experience.ts): drafts are their author's alone; a published report is read by municipalities,
// coordinators and the supplier of the rated products (without the author's name and without money), and by nobody
// else (the public gets the figures published in steps: experience-aggregates.server.ts).

export type Ratings = Record<RatingDimension, number | null>

export type ModerationView = { hidden: boolean; hiddenAt: string | null; reason: string | null }

export type ReplyView = {
  id: number
  experienceId: number
  supplier: { id: number; name: string }
  body: string
  createdAt: string
  updatedAt: string
  edited: boolean
  /** The supplier's own members and coordinators only. */
  authorName: string | null
  /** Coordinators and the supplier only; null for everyone else (who never gets hidden replies). */
  moderation: ModerationView | null
  viewerCan: { edit: boolean; flag: boolean }
}

export type ExperienceView = {
  id: number
  procurement: { id: number; title: string }
  /** The register product the report is about (null: the procurement names its products in free text only). */
  product: { id: number; name: string } | null
  municipality: { number: string; name: string }
  reportDate: string
  status: ExperienceStatus
  publishedAt: string | null
  ratings: Ratings
  recommendation: Recommendation
  workedWell: string | null
  wasHard: string | null
  advice: string | null
  ending: {
    reason: EndingReason | null
    details: string | null
    /** Municipalities and coordinators only; null for the supplier. */
    switchingCostNok: number | null
    dataExported: DataExported | null
  } | null
  /** Buyers and coordinators only (the supplier sees the municipality). */
  author: { name: string; email: string } | null
  /** Coordinators and the author only. */
  moderation: ModerationView | null
  /** Every visible reply, one per supplier, oldest first. */
  replies: ReplyView[]
  viewerCan: { edit: boolean; publish: boolean; delete: boolean; reply: boolean; flag: boolean }
}

export type ExperienceQuery = MunicipalityFilter & {
  ids?: readonly number[]
  procurementId?: number
  productId?: number
  authorUserId?: number
  status?: ExperienceStatus
  /** Reports this supplier company has not replied to (the supplier inbox). */
  unansweredBy?: number
}

const experienceCountMemo = new ChangeMemo<number>(1_000)

/** Reports visible to the viewer matching the query (the reporting municipality's county and population band for
 * "municipalities like mine"), newest first, with replies; a fixed number of queries. */
export async function queryExperienceViews(
  viewer: Viewer | null,
  query: ExperienceQuery,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ExperienceView>> {
  const db = getDb()
  const { page, pageSize, offset } = pageParams(paging)
  const { ids, procurementId, productId, authorUserId, status, unansweredBy } = query
  const base = db
    .selectFrom('experience_report')
    .innerJoin('municipality', 'municipality.number', 'experience_report.municipality_number')
    .where(visibleExperienceWhere(viewer))
    .where(municipalityFilterWhere(query))
    .where((eb) => {
      const conditions: Array<Expression<SqlBool>> = []
      if (ids !== undefined) conditions.push(ids.length ? eb('experience_report.id', 'in', [...ids]) : eb.lit(false))
      if (procurementId !== undefined) conditions.push(eb('experience_report.procurement_id', '=', procurementId))
      if (authorUserId !== undefined) conditions.push(eb('experience_report.author_user_id', '=', authorUserId))
      if (status !== undefined) conditions.push(eb('experience_report.status', '=', status))
      if (unansweredBy !== undefined) {
        conditions.push(
          eb.not(
            eb.exists(
              eb
                .selectFrom('supplier_reply')
                .select('supplier_reply.id')
                .whereRef('supplier_reply.experience_report_id', '=', 'experience_report.id')
                .where('supplier_reply.supplier_organisation_id', '=', unansweredBy),
            ),
          ),
        )
      }
      // A report is about one product: the one it names, whatever the procurement's products are now.
      if (productId !== undefined) conditions.push(eb('experience_report.product_id', '=', productId))
      return eb.and(conditions)
    })

  // The count reads every matching report (a product's thousands at national scale) for one number: kept until the
  // next write (change-memo.server.ts). The viewer's visibility follows from its user row, read from the database too.
  const countKey = JSON.stringify([viewer?.userId ?? null, query])
  const [n, rows] = await Promise.all([
    experienceCountMemo.get(countKey, async () => {
      const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      return n
    }),
    base
      .innerJoin('procurement', 'procurement.id', 'experience_report.procurement_id')
      .leftJoin('user', 'user.id', 'experience_report.author_user_id')
      .leftJoin('product', 'product.id', 'experience_report.product_id')
      .select((eb) => [
        'experience_report.id',
        'experience_report.procurement_id',
        'experience_report.product_id',
        'product.name as product_name',
        'procurement.title as procurement_title',
        'experience_report.municipality_number',
        'municipality.name as municipality_name',
        'experience_report.author_user_id',
        'experience_report.report_date',
        'experience_report.status',
        'experience_report.published_at',
        'experience_report.rating_overall',
        'experience_report.rating_supplier_cooperation',
        'experience_report.rating_delivery_as_agreed',
        'experience_report.rating_product_quality',
        'experience_report.rating_integration',
        'experience_report.rating_training_support',
        'experience_report.rating_staff_satisfaction',
        'experience_report.rating_resident_satisfaction',
        'experience_report.rating_value_for_money',
        'experience_report.recommendation',
        'experience_report.worked_well',
        'experience_report.was_hard',
        'experience_report.advice',
        'experience_report.ended',
        'experience_report.ending_reason',
        'experience_report.ending_details',
        'experience_report.data_exported',
        // Hidden rows reach only coordinators and their author (visibleExperienceWhere).
        'experience_report.hidden',
        // Names, the moderator's reason and money are selected only for viewers entitled to them.
        eb.case().when(authorNameWhere(viewer)(eb)).then(eb.ref('user.name')).end().as('author_name'),
        eb.case().when(authorNameWhere(viewer)(eb)).then(eb.ref('user.email')).end().as('author_email'),
        eb
          .case()
          .when(reportModerationWhere(viewer)(eb))
          .then(eb.ref('experience_report.hidden_at'))
          .end()
          .as('hidden_at'),
        eb
          .case()
          .when(reportModerationWhere(viewer)(eb))
          .then(eb.ref('experience_report.hidden_reason'))
          .end()
          .as('hidden_reason'),
      ])
      .$if(canSeeSwitchingCost(viewer), (qb) => qb.select('experience_report.switching_cost_nok'))
      .orderBy('experience_report.report_date', 'desc')
      .orderBy('experience_report.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  if (rows.length === 0) return toPage([], n, page, pageSize)

  const [suppliers, replies] = await Promise.all([
    loadReportSuppliers(
      db,
      rows.map((r) => r.id),
    ),
    loadReplies(
      viewer,
      rows.map((r) => r.id),
    ),
  ])
  const items = rows.map((r): ExperienceView => {
    const report = {
      status: r.status,
      hidden: r.hidden === 1,
      authorUserId: r.author_user_id,
      municipalityNumber: r.municipality_number,
      supplierOrganisationIds: suppliers.get(r.id) ?? [],
    }
    const reportReplies = replies.get(r.id) ?? []
    return {
      id: r.id,
      procurement: { id: r.procurement_id, title: r.procurement_title },
      product: r.product_id !== null && r.product_name !== null ? { id: r.product_id, name: r.product_name } : null,
      municipality: { number: r.municipality_number, name: r.municipality_name },
      reportDate: r.report_date,
      status: r.status,
      publishedAt: r.published_at,
      ratings: Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, r[ratingColumn(d)]])) as Ratings,
      recommendation: r.recommendation,
      workedWell: r.worked_well,
      wasHard: r.was_hard,
      advice: r.advice,
      ending:
        r.ended === 1
          ? {
              reason: r.ending_reason,
              details: r.ending_details,
              switchingCostNok: r.switching_cost_nok ?? null,
              dataExported: r.data_exported,
            }
          : null,
      author: r.author_name !== null && r.author_email !== null ? { name: r.author_name, email: r.author_email } : null,
      moderation: canSeeModerationOf(viewer, report)
        ? { hidden: report.hidden, hiddenAt: r.hidden_at, reason: r.hidden_reason }
        : null,
      replies: reportReplies,
      viewerCan: {
        edit: canEditExperience(viewer, report),
        publish: canPublishExperience(viewer, report),
        delete: canDeleteExperienceDraft(viewer, report),
        // The viewer's own reply is always among those it sees (hidden-replies keeps it for its company).
        reply: canReply(viewer, report) && !reportReplies.some((reply) => reply.supplier.id === viewer.organisationId),
        flag: canFlag(viewer, report),
      },
    }
  })
  return toPage(items, n, page, pageSize)
}

/** Replies to these reports that this viewer may see (the reports themselves must already be visible to it), by
 * report id: one per supplier, oldest first. */
export async function loadReplies(viewer: Viewer | null, reportIds: readonly number[]) {
  const map = new Map<number, ReplyView[]>()
  if (reportIds.length === 0) return map
  const rows = await getDb()
    .selectFrom('supplier_reply')
    .innerJoin('organisation', 'organisation.id', 'supplier_reply.supplier_organisation_id')
    .innerJoin('user', 'user.id', 'supplier_reply.author_user_id')
    .select((eb) => [
      'supplier_reply.id',
      'supplier_reply.experience_report_id',
      'supplier_reply.supplier_organisation_id',
      'organisation.name as supplier_name',
      'supplier_reply.body',
      'supplier_reply.created_at',
      'supplier_reply.updated_at',
      'supplier_reply.hidden',
      eb.case().when(replyAuthorWhere(viewer)(eb)).then(eb.ref('user.name')).end().as('author_name'),
      eb.case().when(replyModerationWhere(viewer)(eb)).then(eb.ref('supplier_reply.hidden_at')).end().as('hidden_at'),
      eb
        .case()
        .when(replyModerationWhere(viewer)(eb))
        .then(eb.ref('supplier_reply.hidden_reason'))
        .end()
        .as('hidden_reason'),
    ])
    .where('supplier_reply.experience_report_id', 'in', [...reportIds])
    .where(visibleRepliesWhere(viewer))
    .orderBy('supplier_reply.created_at')
    .orderBy('supplier_reply.id')
    .execute()
  for (const r of rows) {
    const reply = { supplierOrganisationId: r.supplier_organisation_id, hidden: r.hidden === 1 }
    const list = map.get(r.experience_report_id) ?? []
    map.set(r.experience_report_id, list)
    list.push({
      id: r.id,
      experienceId: r.experience_report_id,
      supplier: { id: r.supplier_organisation_id, name: r.supplier_name },
      body: r.body,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      edited: r.updated_at !== r.created_at,
      authorName: r.author_name,
      moderation: canSeeModerationOf(viewer, reply)
        ? { hidden: reply.hidden, hiddenAt: r.hidden_at, reason: r.hidden_reason }
        : null,
      viewerCan: { edit: canEditReply(viewer, reply), flag: canFlag(viewer, reply) },
    })
  }
  return map
}

/** One report; null when it does not exist or this viewer may not read it (a draft of someone else, a hidden
 * report, a report about another supplier's products, any report for the public). */
export async function getExperience(viewer: Viewer | null, experienceId: number): Promise<ExperienceView | null> {
  const page = await queryExperienceViews(viewer, { ids: [experienceId] })
  return page.items[0] ?? null
}

/** A procurement's reports for this viewer (the author's own drafts included), newest first. */
export function listProcurementExperiences(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ExperienceView>> {
  return queryExperienceViews(viewer, { procurementId: procurement.id }, paging)
}
