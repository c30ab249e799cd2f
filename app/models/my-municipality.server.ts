import { getDb } from '../../db/client'
import { approvalLabel, isEndedApprovalLabel, type EndedApprovalLabel } from '~/domain/approval-label'
import type { MyMunicipalityFilter } from '~/forms/procurement'
import { populationBand, type PopulationBand } from '~/domain/population-bands'
import { sql } from 'kysely'
import {
  followUpStatus,
  PARTICIPANT_ROLES,
  type FollowUpStatus,
  type ParticipantRole,
  type PhaseCode,
} from '~/domain/procurement-rules'
import {
  acceptedParticipationWhere,
  canViewMyMunicipality,
  visibleExperienceWhere,
  visibleInvitationsWhere,
} from '~/policy/experience'
import { endedApprovalWhere } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { ChangeMemo } from '~/models/change-memo.server'
import { clock } from '~/models/db.server'
import { followUpFacts, followUpFactsOf, type FollowUpFacts } from '~/models/follow-up-due.server'
import { loadMunicipalities, type MunicipalityRef } from '~/models/municipalities.server'
import { countedPage, pageParams, pageWithin, toPage, type Page, type PageParams } from '~/models/paging.server'
import { loadProcurementProducts, type ProcurementProductRef } from '~/models/procurement-list.server'
import { loadLabelVersions } from '~/models/register-access.server'

// "My municipality": the procurements the viewer's municipality leads and those it takes part in, with the
// follow-up flag (docs/domain.md, "Procurements": in pilot or operation and no new experience report or benefit
// measurement for 6 months),
// a notice for each product it bought that is no longer approved, the viewer's own drafts, and the viewer's own
// municipality as the default "municipalities like mine". Each list is paged on its own; a page past the end of a list
// (an old link) shows its last page (paging.server.ts, pageWithin and countedPage).

// A large municipality has thousands of participations: the follow-up rule (one pure function,
// app/domain/procurement-rules.ts) is not applied to each on every request. Its date is stored with each participation
// by the writes that move it (app/models/follow-up-due.server.ts), so SQL sorts, counts and pages; the rule's full
// status (the next checkpoint) is computed for the page shown only.

const roleCounts = new ChangeMemo<Array<{ role: ParticipantRole; n: number; due: number }>>(1_000)

/** The notices of products no longer approved on one page (a large municipality has hundreds). */
export const APPROVAL_NOTICES_PAGE_SIZE = 10

/** The invitations on one page. */
export const INVITATIONS_PAGE_SIZE = 10

/** The viewer's drafts on one page. */
export const DRAFTS_PAGE_SIZE = 10

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

/** One of the viewer's own drafts, as the list links it: never its text or ratings, which the list does not show. */
export type MyDraft = { id: number; procurementId: number; procurementTitle: string; reportDate: string }

export type MyMunicipality = {
  municipality: MunicipalityRef & { populationBand: PopulationBand }
  /** Invitations waiting for the municipality's answer, newest first, a page at a time. */
  invitations: Page<MyInvitation>
  /** Products the municipality has in a procurement that are no longer approved, by name, a page at a time. */
  approvalNotices: Page<ApprovalNotice>
  counts: { led: number; participating: number; followUpDue: number; drafts: number }
  procurements: Page<MyProcurement>
  /** The viewer's own drafts, newest report date first, a page at a time. */
  drafts: Page<MyDraft>
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

  // The municipality's accepted participations (the follow-up list; invitations are listed apart, below), through
  // procurement_participant_due_idx: due is `follow_up_due_from <= today`, the date stored by every write that moves
  // it (app/models/follow-up-due.server.ts), so sorting, counting and paging never read the whole list.
  const mine = () =>
    db
      .selectFrom('procurement_participant')
      .where('procurement_participant.municipality_number', '=', number)
      .where(acceptedParticipationWhere)
  const [byRole, invitations, drafts, approvalNotices] = await Promise.all([
    // Counting reads each of the municipality's participations in the index: kept until the database changes.
    roleCounts.get(`${number}:${today}`, () =>
      mine()
        .select([
          'procurement_participant.role',
          (eb) => eb.fn.countAll<number>().as('n'),
          sql<number>`count(case when procurement_participant.follow_up_due_from <= ${today} then 1 end)`.as('due'),
        ])
        .groupBy('procurement_participant.role')
        .execute(),
    ),
    myInvitations(viewer, number, filter.invitationPage ?? 1),
    myDrafts(viewer, filter.draftPage ?? 1),
    endedApprovalNotices(number, today, filter.noticePage ?? 1),
  ])
  const countOf = (role: ParticipantRole) => byRole.find((r) => r.role === role) ?? { n: 0, due: 0 }
  const inRole = filter.role ? [countOf(filter.role)] : PARTICIPANT_ROLES.map(countOf)
  const dueTotal = inRole.reduce((sum, r) => sum + r.due, 0)
  const total = filter.dueOnly ? dueTotal : inRole.reduce((sum, r) => sum + r.n, 0)
  // Counted before the page is read: a page past the end is the last page, in the one read.
  const { page, pageSize, offset } = pageWithin(pageParams(filter), total)

  // The page's rows are the same for every buyer of the municipality and read on every visit: kept until the database
  // changes (or the day does).
  const procurementPage = await procurementPages.get(
    `${number}:${today}:${filter.role ?? ''}:${filter.dueOnly ?? false}:${page}:${pageSize}:${dueTotal}`,
    () => readProcurementPage(number, today, filter, { page, pageSize, offset }, dueTotal),
  )

  return {
    municipality: { ...municipality, populationBand: populationBand(municipality.population) },
    invitations,
    approvalNotices,
    counts: {
      led: countOf('lead').n,
      participating: countOf('participant').n,
      followUpDue: countOf('lead').due + countOf('participant').due,
      drafts: drafts.total,
    },
    procurements: toPage(procurementPage, total, page, pageSize),
    drafts,
  }
}

const procurementPages = new ChangeMemo<MyProcurement[]>(1_000)

/** One page of the municipality's accepted participations (of `filter.role`; due only with `filter.dueOnly`). */
async function readProcurementPage(
  number: string,
  today: string,
  filter: Partial<Pick<MyMunicipalityFilter, 'role' | 'dueOnly'>>,
  { pageSize, offset }: PageParams,
  dueTotal: number,
): Promise<MyProcurement[]> {
  const db = getDb()
  const mine = () =>
    db
      .selectFrom('procurement_participant')
      .where('procurement_participant.municipality_number', '=', number)
      .where(acceptedParticipationWhere)

  // Due first, longest overdue first (ties: the newest procurement); then the others, newest procurement first.
  const ofRole = <Q extends ReturnType<typeof mine>>(q: Q) =>
    (filter.role ? q.where('procurement_participant.role', '=', filter.role) : q) as Q
  const dueIds =
    offset < dueTotal
      ? await ofRole(mine())
          .select('procurement_participant.procurement_id as id')
          .where('procurement_participant.follow_up_due_from', '<=', today)
          .orderBy('procurement_participant.follow_up_due_from')
          .orderBy('procurement_participant.procurement_id', 'desc')
          .limit(pageSize)
          .offset(offset)
          .execute()
      : []
  const restIds =
    !filter.dueOnly && dueIds.length < pageSize
      ? await ofRole(mine())
          .select('procurement_participant.procurement_id as id')
          .where((eb) =>
            eb.or([
              eb('procurement_participant.follow_up_due_from', 'is', null),
              eb('procurement_participant.follow_up_due_from', '>', today),
            ]),
          )
          .orderBy('procurement_participant.procurement_id', 'desc')
          .limit(pageSize - dueIds.length)
          .offset(Math.max(0, offset - dueTotal))
          .execute()
      : []
  const pageIds = [...dueIds, ...restIds].map((r) => r.id)

  // Titles, leads, products and the rule's inputs (for the next checkpoint) of the page shown only.
  const [products, details, facts] = await Promise.all([
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
            'procurement_participant.role',
          ])
          .where('procurement.id', 'in', pageIds)
          .execute(),
    pageIds.length === 0
      ? new Map<string, FollowUpFacts>()
      : followUpFacts(db, { municipalityNumber: number, procurementIds: pageIds }),
  ])
  const detailOf = new Map(details.map((d) => [d.id, d]))

  const items: MyProcurement[] = pageIds.flatMap((id) => {
    const detail = detailOf.get(id)
    const fact = followUpFactsOf(facts, id, number)
    if (!detail || !fact) return []
    const { input } = fact
    return [
      {
        procurementId: id,
        title: detail.title,
        role: detail.role,
        lead: { number: detail.lead_number, name: detail.lead_name },
        phase: input.phase,
        goLiveDate: input.goLiveDate,
        usersCount: detail.users_count,
        lastReportDate: input.lastReportDate,
        followUp: followUpStatus({ ...input, today }),
        products: products.get(id) ?? [],
        updatedAt: detail.updated_at,
      },
    ]
  })
  return items
}

/**
 * The register products in any of the municipality's procurements (led or taken part in, any phase) whose approval
 * was withdrawn or has expired (the public approval label, app/domain/approval-label.ts), by name. Such products are
 * on the public register, so every viewer of the page may see them: the municipality and the day decide the answer.
 */
function endedApprovalNotices(municipalityNumber: string, today: string, pageNumber: number) {
  // Read again on every visit to the page, and the same for all the municipality's buyers: kept as a whole page until
  // the database changes (or the day does).
  return noticePages.get(`${municipalityNumber}:${today}:${pageNumber}`, () =>
    readEndedApprovalNotices(municipalityNumber, today, pageNumber),
  )
}

const noticePages = new ChangeMemo<Page<ApprovalNotice>>(1_000)

async function readEndedApprovalNotices(
  municipalityNumber: string,
  today: string,
  pageNumber: number,
): Promise<Page<ApprovalNotice>> {
  // The ended ones are found in SQL (endedApprovalWhere, the list form of the label's rule), so that a large
  // municipality's thousands of products are not each loaded to find the few that ended; the ids and names are kept
  // until the database changes (or the day does), since the search still reads all of them.
  const products = await endedProducts.get(`${municipalityNumber}:${today}`, () =>
    readEndedProducts(municipalityNumber, today),
  )
  const { page, pageSize, offset } = pageWithin(
    pageParams({ page: pageNumber, pageSize: APPROVAL_NOTICES_PAGE_SIZE }),
    products.length,
  )
  const shown = products.slice(offset, offset + pageSize)
  // Only the label (how and when the approval ended) is read for the page shown: its versions, not the whole summary.
  const versions = await loadLabelVersions(
    getDb(),
    shown.map((p) => p.id),
  )
  const notices = shown.flatMap(({ id, name }): ApprovalNotice[] => {
    const approval = approvalLabel(versions.get(id) ?? [], today)
    return isEndedApprovalLabel(approval) ? [{ productId: id, name, approval }] : []
  })
  return toPage(notices, products.length, page, pageSize)
}

const endedProducts = new ChangeMemo<Array<{ id: number; name: string }>>(1_000)

function readEndedProducts(municipalityNumber: string, today: string) {
  return getDb()
    .selectFrom('product')
    .select(['product.id', 'product.name'])
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
}

/** The invitations waiting for the municipality's answer, newest first: one page, with the count. */
async function myInvitations(
  viewer: Viewer,
  municipalityNumber: string,
  pageNumber: number,
): Promise<Page<MyInvitation>> {
  const base = getDb()
    .selectFrom('procurement_participant')
    .where('procurement_participant.municipality_number', '=', municipalityNumber)
    .where(visibleInvitationsWhere(viewer))
  return countedPage(
    pageParams({ page: pageNumber, pageSize: INVITATIONS_PAGE_SIZE }),
    async () => (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    async ({ pageSize, offset }) => {
      const rows = await base
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
        .execute()
      return rows.map((r) => ({
        procurementId: r.id,
        title: r.title,
        lead: { number: r.lead_number, name: r.lead_name },
      }))
    },
  )
}

/** The viewer's own drafts (only their author reads a draft: visibleExperienceWhere), newest report date first: the
 * procurement and the date of each, for a link, not the report's text, ratings and replies. */
function myDrafts(viewer: Viewer, pageNumber: number): Promise<Page<MyDraft>> {
  const base = getDb()
    .selectFrom('experience_report')
    .where(visibleExperienceWhere(viewer))
    .where('experience_report.author_user_id', '=', viewer.userId)
    .where('experience_report.status', '=', 'draft')
  return countedPage(
    pageParams({ page: pageNumber, pageSize: DRAFTS_PAGE_SIZE }),
    async () => (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    async ({ pageSize, offset }) => {
      const rows = await base
        .innerJoin('procurement', 'procurement.id', 'experience_report.procurement_id')
        .select([
          'experience_report.id',
          'experience_report.procurement_id',
          'procurement.title',
          'experience_report.report_date',
        ])
        .orderBy('experience_report.report_date', 'desc')
        .orderBy('experience_report.id', 'desc')
        .limit(pageSize)
        .offset(offset)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        procurementId: r.procurement_id,
        procurementTitle: r.title,
        reportDate: r.report_date,
      }))
    },
  )
}

/** Population band and county of the viewer's municipality: the default "municipalities like mine" filter. */
export async function likeMineFilter(
  viewer: Viewer | null,
): Promise<{ populationBand: PopulationBand; county: string } | null> {
  if (!canViewMyMunicipality(viewer)) return null
  const m = (await loadMunicipalities(getDb(), [viewer.municipalityNumber])).get(viewer.municipalityNumber)
  return m ? { populationBand: populationBand(m.population), county: m.countyNumber } : null
}
