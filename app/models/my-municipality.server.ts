import { getDb } from '../../db/client'
import { isEndedApprovalLabel, type EndedApprovalLabel } from '~/domain/approval-label'
import type { MyMunicipalityFilter } from '~/forms/procurement'
import { populationBand, type PopulationBand } from '~/domain/population-bands'
import {
  followUpDue,
  followUpStatus,
  type FollowUpStatus,
  type ParticipantRole,
  type PhaseCode,
} from '~/domain/procurement-rules'
import { acceptedParticipationWhere, canViewMyMunicipality, visibleInvitationsWhere } from '~/policy/experience'
import { endedApprovalWhere } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { lastBenefitMeasurementDates } from '~/models/benefits.server'
import { clock } from '~/models/db.server'
import { loadMunicipalities, type MunicipalityRef } from '~/models/municipalities.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'
import { loadProcurementProducts, type ProcurementProductRef } from '~/models/procurement-list.server'
import { loadProductSummaries } from '~/models/products.server'

// "My municipality": the procurements the viewer's municipality leads and those it takes part in, with the
// follow-up flag (docs/domain.md, "Procurements": in pilot or operation and no new experience report or benefit
// measurement for 6 months),
// a notice for each product it bought that is no longer approved, and the viewer's own municipality as the default
// "municipalities like mine".

// A municipality has at most a few hundred participations, so they are read whole and the follow-up rule (one pure
// function, app/domain/procurement-rules.ts) is applied before sorting and paging: the rule is never restated in SQL.
const MAX_PARTICIPATIONS = 5000

/** The notices of products no longer approved on one page (a large municipality has hundreds). */
export const APPROVAL_NOTICES_PAGE_SIZE = 20

/** The invitations on one page. */
const INVITATIONS_PAGE_SIZE = 20

export type MyProcurement = {
  procurementId: number
  title: string
  role: ParticipantRole
  lead: { number: string; name: string }
  phase: PhaseCode
  goLiveDate: string | null
  usersCount: number | null
  lastReportDate: string | null
  followUp: FollowUpStatus
  products: ProcurementProductRef[]
  updatedAt: string
}

/** A register product in one of the municipality's procurements whose approval was withdrawn or has expired. */
export type ApprovalNotice = { productId: number; name: string; approval: EndedApprovalLabel }

/** A procurement another municipality leads that invites the viewer's municipality: its buyers accept or decline. */
export type MyInvitation = { procurementId: number; title: string; lead: { number: string; name: string } }

export type MyMunicipality = {
  municipality: MunicipalityRef & { populationBand: PopulationBand }
  /** Invitations waiting for the municipality's answer, newest first, a page at a time. */
  invitations: Page<MyInvitation>
  /** Products the municipality has in a procurement that are no longer approved, by name, a page at a time. */
  approvalNotices: Page<ApprovalNotice>
  counts: { led: number; participating: number; followUpDue: number; drafts: number }
  procurements: Page<MyProcurement>
}

/** The viewer's municipality overview (verified buyers only; null for anyone else). Due for follow-up first. */
export async function getMyMunicipality(
  viewer: Viewer | null,
  filter: Partial<MyMunicipalityFilter> = {},
): Promise<MyMunicipality | null> {
  if (!canViewMyMunicipality(viewer)) return null
  const number = viewer.municipalityNumber
  const db = getDb()
  const { today } = clock()
  const municipality = (await loadMunicipalities(db, [number])).get(number)
  if (!municipality) return null

  const [rows, invitations, lastReports, drafts, approvalNotices, lastMeasurements] = await Promise.all([
    // Only the participation's own columns, from procurement_participant_mine_idx alone: the title, the lead and the
    // products are read below for the page shown, not for each of a large municipality's thousands.
    db
      .selectFrom('procurement_participant')
      .select([
        'procurement_participant.procurement_id as id',
        'procurement_participant.role',
        'procurement_participant.phase',
        'procurement_participant.go_live_date',
        'procurement_participant.created_at',
      ])
      .where('procurement_participant.municipality_number', '=', number)
      // Participations it has accepted (the follow-up list); invitations are listed apart, below.
      .where(acceptedParticipationWhere)
      .orderBy('procurement_participant.procurement_id', 'desc')
      .limit(MAX_PARTICIPATIONS)
      .execute(),
    myInvitations(viewer, number, filter.invitationPage ?? 1),
    db
      .selectFrom('experience_report')
      .select(['procurement_id', (eb) => eb.fn.max('report_date').as('last')])
      .where('municipality_number', '=', number)
      .where('status', '=', 'published')
      .groupBy('procurement_id')
      .execute(),
    db
      .selectFrom('experience_report')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_user_id', '=', viewer.userId)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow(),
    endedApprovalNotices(viewer, number, today, filter.noticePage ?? 1),
    lastBenefitMeasurementDates(db, { municipalityNumber: number }),
  ])
  const lastByProcurement = new Map(lastReports.map((r) => [r.procurement_id, r.last]))
  // Whether each is due decides the order and the counts; the full status (its next checkpoint) only for the page.
  const all = rows.map((r) => {
    const lastReportDate = lastByProcurement.get(r.id) ?? null
    const input = {
      phase: r.phase,
      goLiveDate: r.go_live_date,
      lastReportDate,
      lastBenefitMeasurementDate: lastMeasurements.get(`${r.id}:${number}`) ?? null,
      joinedDate: r.created_at.slice(0, 10),
      today,
    }
    return { row: r, lastReportDate, input, followUp: followUpDue(input) }
  })
  // Due first, longest overdue first; then the newest procurements.
  const dueFrom = (x: (typeof all)[number]) => x.followUp.dueFrom ?? ''
  all.sort((a, b) => {
    if (a.followUp.due !== b.followUp.due) return a.followUp.due ? -1 : 1
    if (a.followUp.due && dueFrom(a) !== dueFrom(b)) return dueFrom(a) < dueFrom(b) ? -1 : 1
    return b.row.id - a.row.id
  })
  const selected = all.filter(
    (x) => (!filter.dueOnly || x.followUp.due) && (!filter.role || x.row.role === filter.role),
  )
  const { page, pageSize, offset } = pageParams(filter)
  const pageRows = selected.slice(offset, offset + pageSize)

  const pageIds = pageRows.map((x) => x.row.id)
  const [products, details] = await Promise.all([
    loadProcurementProducts(db, pageIds),
    pageIds.length === 0
      ? []
      : db
          .selectFrom('procurement')
          .innerJoin('municipality', 'municipality.number', 'procurement.lead_municipality_number')
          .innerJoin('procurement_participant', (j) =>
            j
              .onRef('procurement_participant.procurement_id', '=', 'procurement.id')
              .on('procurement_participant.municipality_number', '=', number),
          )
          .select([
            'procurement.id',
            'procurement.title',
            'procurement.updated_at',
            'municipality.number as lead_number',
            'municipality.name as lead_name',
            'procurement_participant.users_count',
          ])
          .where('procurement.id', 'in', pageIds)
          .execute(),
  ])
  const detailOf = new Map(details.map((d) => [d.id, d]))

  const items: MyProcurement[] = pageRows.flatMap(({ row, lastReportDate, input }) => {
    const detail = detailOf.get(row.id)
    if (!detail) return []
    return [
      {
        procurementId: row.id,
        title: detail.title,
        role: row.role,
        lead: { number: detail.lead_number, name: detail.lead_name },
        phase: row.phase,
        goLiveDate: row.go_live_date,
        usersCount: detail.users_count,
        lastReportDate,
        followUp: followUpStatus(input),
        products: products.get(row.id) ?? [],
        updatedAt: detail.updated_at,
      },
    ]
  })

  return {
    municipality: { ...municipality, populationBand: populationBand(municipality.population) },
    invitations,
    approvalNotices,
    counts: {
      led: all.filter((x) => x.row.role === 'lead').length,
      participating: all.filter((x) => x.row.role === 'participant').length,
      followUpDue: all.filter((x) => x.followUp.due).length,
      drafts: drafts.n,
    },
    procurements: toPage(items, selected.length, page, pageSize),
  }
}

/**
 * The register products in any of the municipality's procurements (led or taken part in, any phase) whose approval
 * was withdrawn or has expired (the public approval label, app/domain/approval-label.ts), by name.
 */
async function endedApprovalNotices(
  viewer: Viewer,
  municipalityNumber: string,
  today: string,
  pageNumber: number,
): Promise<Page<ApprovalNotice>> {
  const db = getDb()
  // The ended ones are found in SQL (endedApprovalWhere, the list form of the label's rule), so that a large
  // municipality's thousands of products are not each loaded as a summary to find the few that ended.
  const products = await db
    .selectFrom('product')
    .select('product.id')
    .where('product.id', 'in', (eb) =>
      eb
        .selectFrom('procurement_product')
        .innerJoin(
          'procurement_participant',
          'procurement_participant.procurement_id',
          'procurement_product.procurement_id',
        )
        .select('procurement_product.product_id')
        .where('procurement_participant.municipality_number', '=', municipalityNumber)
        .where(acceptedParticipationWhere)
        .where('procurement_product.product_id', 'is not', null),
    )
    .where(endedApprovalWhere(today))
    .orderBy('product.name_sort')
    .orderBy('product.id')
    .execute()
  // Only the ids are read whole; the summaries (the label and its dates) only for the page shown.
  const { page, pageSize, offset } = pageParams({ page: pageNumber, pageSize: APPROVAL_NOTICES_PAGE_SIZE })
  const summaries = await loadProductSummaries(
    viewer,
    products.slice(offset, offset + pageSize).map((p) => p.id),
    today,
    db,
  )
  const notices = summaries.flatMap(({ id, name, approval }): ApprovalNotice[] =>
    isEndedApprovalLabel(approval) ? [{ productId: id, name, approval }] : [],
  )
  return toPage(notices, products.length, page, pageSize)
}

/** The invitations waiting for the municipality's answer, newest first: one page, with the count. */
async function myInvitations(
  viewer: Viewer,
  municipalityNumber: string,
  pageNumber: number,
): Promise<Page<MyInvitation>> {
  const { page, pageSize, offset } = pageParams({ page: pageNumber, pageSize: INVITATIONS_PAGE_SIZE })
  const base = getDb()
    .selectFrom('procurement_participant')
    .where('procurement_participant.municipality_number', '=', municipalityNumber)
    .where(visibleInvitationsWhere(viewer))
  const [rows, count] = await Promise.all([
    base
      .innerJoin('procurement', 'procurement.id', 'procurement_participant.procurement_id')
      .innerJoin('municipality', 'municipality.number', 'procurement.lead_municipality_number')
      .select([
        'procurement.id',
        'procurement.title',
        'municipality.number as lead_number',
        'municipality.name as lead_name',
      ])
      .orderBy('procurement_participant.updated_at', 'desc')
      .orderBy('procurement.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const items = rows.map((r) => ({
    procurementId: r.id,
    title: r.title,
    lead: { number: r.lead_number, name: r.lead_name },
  }))
  return toPage(items, count.n, page, pageSize)
}

/** Population band and county of the viewer's municipality: the default "municipalities like mine" filter. */
export async function likeMineFilter(
  viewer: Viewer | null,
): Promise<{ populationBand: PopulationBand; county: string } | null> {
  if (!canViewMyMunicipality(viewer)) return null
  const m = (await loadMunicipalities(getDb(), [viewer.municipalityNumber])).get(viewer.municipalityNumber)
  return m ? { populationBand: populationBand(m.population), county: m.countyNumber } : null
}
