import { z } from 'zod'
import { getDb } from '../../db/client'
import { pagingFields } from '~/utils/validation'
import type { ParticipantRole, PhaseCode } from '../../db/schema'
import { followUpStatus, populationBand, type FollowUpStatus, type PopulationBand } from '~/domain/procurement-rules'
import { canViewMyMunicipality } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import type { MunicipalityRef } from './procurements.server'
import { clock } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// "My municipality": the procurements the viewer's municipality leads and those it takes part in, with the
// follow-up flag (docs/domain.md: in pilot or operation and no new experience report for 6 months).

// A municipality has at most a few hundred participations, so they are read whole and the follow-up rule (one pure
// function, app/domain/procurement-rules.ts) is applied before sorting and paging: the rule is never restated in SQL.
const MAX_PARTICIPATIONS = 5000

export const MyMunicipalityFilter = z.object({
  dueOnly: z
    .preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true', z.boolean())
    .optional()
    .catch(undefined),
  role: z.enum(['lead', 'participant']).optional().catch(undefined),
  ...pagingFields,
})
/** Raw query-string values are fine: anything unrecognised is ignored. */
export type MyMunicipalityFilter = { [K in keyof z.input<typeof MyMunicipalityFilter>]?: unknown }

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
  products: Array<{ productId: number | null; name: string }>
  updatedAt: string
}

export type MyMunicipality = {
  municipality: MunicipalityRef & { populationBand: PopulationBand }
  counts: { led: number; participating: number; followUpDue: number; drafts: number }
  procurements: Page<MyProcurement>
}

/** The viewer's municipality overview (verified buyers only; null for anyone else). Due for follow-up first. */
export async function getMyMunicipality(
  viewer: Viewer | null,
  rawFilter: MyMunicipalityFilter = {},
): Promise<MyMunicipality | null> {
  if (!canViewMyMunicipality(viewer)) return null
  const filter = MyMunicipalityFilter.parse(rawFilter)
  const number = viewer!.municipalityNumber!
  const db = getDb()
  const { today } = clock()
  const municipality = await db
    .selectFrom('municipality as m')
    .innerJoin('county as c', 'c.number', 'm.county_number')
    .select(['m.number', 'm.name', 'm.county_number', 'c.name as county_name', 'm.population'])
    .where('m.number', '=', number)
    .executeTakeFirst()
  if (!municipality) return null

  const [rows, lastReports, drafts] = await Promise.all([
    db
      .selectFrom('procurement_participant as pa')
      .innerJoin('procurement as p', 'p.id', 'pa.procurement_id')
      .innerJoin('municipality as lm', 'lm.number', 'p.lead_municipality_number')
      .select([
        'p.id',
        'p.title',
        'p.updated_at',
        'lm.number as lead_number',
        'lm.name as lead_name',
        'pa.role',
        'pa.phase',
        'pa.go_live_date',
        'pa.users_count',
        'pa.created_at',
      ])
      .where('pa.municipality_number', '=', number)
      .orderBy('p.id', 'desc')
      .limit(MAX_PARTICIPATIONS)
      .execute(),
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
      .where('author_user_id', '=', viewer!.userId)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow(),
  ])
  const lastByProcurement = new Map(lastReports.map((r) => [r.procurement_id, r.last as string | null]))
  const all = rows.map((r) => {
    const lastReportDate = lastByProcurement.get(r.id) ?? null
    return {
      row: r,
      lastReportDate,
      followUp: followUpStatus({
        phase: r.phase,
        goLiveDate: r.go_live_date,
        lastReportDate,
        joinedDate: r.created_at.slice(0, 10),
        today,
      }),
    }
  })
  // Due first, longest overdue first; then the newest procurements.
  all.sort((a, b) => {
    if (a.followUp.due !== b.followUp.due) return a.followUp.due ? -1 : 1
    if (a.followUp.due && a.followUp.dueFrom !== b.followUp.dueFrom)
      return a.followUp.dueFrom! < b.followUp.dueFrom! ? -1 : 1
    return b.row.id - a.row.id
  })
  const selected = all.filter(
    (x) => (!filter.dueOnly || x.followUp.due) && (!filter.role || x.row.role === filter.role),
  )
  const { page, pageSize, offset } = pageParams(filter)
  const pageRows = selected.slice(offset, offset + pageSize)

  const ids = pageRows.map((x) => x.row.id)
  const products = ids.length
    ? await db
        .selectFrom('procurement_product as pp')
        .leftJoin('product as pr', 'pr.id', 'pp.product_id')
        .select(['pp.procurement_id', 'pp.product_id', 'pp.product_name', 'pr.name as register_name'])
        .where('pp.procurement_id', 'in', ids)
        .orderBy('pp.id')
        .execute()
    : []

  const items: MyProcurement[] = pageRows.map(({ row, lastReportDate, followUp }) => ({
    procurementId: row.id,
    title: row.title,
    role: row.role,
    lead: { number: row.lead_number, name: row.lead_name },
    phase: row.phase,
    goLiveDate: row.go_live_date,
    usersCount: row.users_count,
    lastReportDate,
    followUp,
    products: products
      .filter((p) => p.procurement_id === row.id)
      .map((p) => ({ productId: p.product_id, name: p.register_name ?? p.product_name ?? '' })),
    updatedAt: row.updated_at,
  }))

  return {
    municipality: {
      number: municipality.number,
      name: municipality.name,
      countyNumber: municipality.county_number,
      countyName: municipality.county_name,
      population: municipality.population,
      populationBand: populationBand(municipality.population),
    },
    counts: {
      led: all.filter((x) => x.row.role === 'lead').length,
      participating: all.filter((x) => x.row.role === 'participant').length,
      followUpDue: all.filter((x) => x.followUp.due).length,
      drafts: drafts.n,
    },
    procurements: toPage(items, selected.length, page, pageSize),
  }
}
