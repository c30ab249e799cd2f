import { sql } from 'kysely'
import { followUpDue, type FollowUpInput } from '~/domain/procurement-rules'
import { clock, type DbOrTrx } from '~/models/db.server'

// The follow-up rule's date, kept per participation (procurement_participant.follow_up_due_from), so that "Min
// kommune" sorts, counts and pages a large municipality's thousands of participations in SQL ("due" is
// `follow_up_due_from <= today`, today a parameter) instead of reading them all and applying the rule to each.
// The rule itself stays one pure function (followUpDue in app/domain/procurement-rules.ts): the stored value is its
// dueFrom, which depends on the participation's phase, go-live and joining date, its latest published experience
// report and its latest benefit measurement, never on today. Every write that changes one of those calls
// refreshFollowUpDueFrom in its own transaction (experiences, benefits, participants, procurements); seeds and the
// data generator call it for all rows after loading, and the migration that added the column filled it the same way.

/** Which participations: those of one procurement (some of its municipalities), some of one municipality, or all. */
export type FollowUpScope =
  | { procurementId: number; municipalityNumbers?: readonly string[] }
  | { municipalityNumber: string; procurementIds: readonly number[] }
  | 'all'

export type FollowUpFacts = {
  participantId: number
  procurementId: number
  municipalityNumber: string
  /** The stored follow_up_due_from. */
  stored: string | null
  input: Omit<FollowUpInput, 'today'>
}

const key = (procurementId: number, municipalityNumber: string) => `${procurementId}:${municipalityNumber}`

/** The follow-up rule's inputs for the participations in scope (any status), keyed `procurementId:municipality`. */
export async function followUpFacts(db: DbOrTrx, scope: FollowUpScope): Promise<Map<string, FollowUpFacts>> {
  let participants = db
    .selectFrom('procurement_participant')
    .select([
      'id',
      'procurement_id',
      'municipality_number',
      'phase',
      'go_live_date',
      'created_at',
      'follow_up_due_from',
    ])
  let reports = db
    .selectFrom('experience_report')
    .select(['procurement_id', 'municipality_number', (eb) => eb.fn.max('report_date').as('last')])
    .where('status', '=', 'published')
    .groupBy(['procurement_id', 'municipality_number'])
  if (scope !== 'all' && 'procurementId' in scope) {
    participants = participants.where('procurement_id', '=', scope.procurementId)
    reports = reports.where('procurement_id', '=', scope.procurementId)
    if (scope.municipalityNumbers) {
      participants = participants.where('municipality_number', 'in', [...scope.municipalityNumbers])
      reports = reports.where('municipality_number', 'in', [...scope.municipalityNumbers])
    }
  } else if (scope !== 'all') {
    participants = participants
      .where('municipality_number', '=', scope.municipalityNumber)
      .where('procurement_id', 'in', [...scope.procurementIds])
    reports = reports
      .where('municipality_number', '=', scope.municipalityNumber)
      .where('procurement_id', 'in', [...scope.procurementIds])
  }
  const [rows, lastReports, lastMeasurements] = await Promise.all([
    participants.execute(),
    reports.execute(),
    lastBenefitMeasurementDates(db, scope),
  ])
  const lastReportOf = new Map(lastReports.map((r) => [key(r.procurement_id, r.municipality_number), r.last]))
  return new Map(
    rows.map((r) => {
      const k = key(r.procurement_id, r.municipality_number)
      const facts: FollowUpFacts = {
        participantId: r.id,
        procurementId: r.procurement_id,
        municipalityNumber: r.municipality_number,
        stored: r.follow_up_due_from,
        input: {
          phase: r.phase,
          goLiveDate: r.go_live_date,
          lastReportDate: lastReportOf.get(k) ?? null,
          lastBenefitMeasurementDate: lastMeasurements.get(k) ?? null,
          joinedDate: r.created_at.slice(0, 10),
        },
      }
      return [k, facts]
    }),
  )
}

/** The facts of one participation, if it is in the map. */
export const followUpFactsOf = (facts: Map<string, FollowUpFacts>, procurementId: number, municipalityNumber: string) =>
  facts.get(key(procurementId, municipalityNumber))

/**
 * Brings the stored follow-up date of the participations in scope up to date with the rule: call it in the
 * transaction of every write that changes a participation's phase, go-live or joining, or its published reports or
 * benefit measurements. Answers how many rows changed.
 */
export async function refreshFollowUpDueFrom(db: DbOrTrx, scope: FollowUpScope): Promise<number> {
  const facts = await followUpFacts(db, scope)
  // dueFrom does not depend on today (only `due` does): any date gives the same value.
  const { today } = clock()
  const changed = new Map<string | null, number[]>()
  for (const f of facts.values()) {
    const dueFrom = followUpDue({ ...f.input, today }).dueFrom
    if (dueFrom === f.stored) continue
    const ids = changed.get(dueFrom) ?? []
    ids.push(f.participantId)
    changed.set(dueFrom, ids)
  }
  // One statement per date (and at most 500 ids): the catch-up over every participation stays a few thousand writes.
  let n = 0
  for (const [dueFrom, ids] of changed) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
      await db
        .updateTable('procurement_participant')
        .set({ follow_up_due_from: dueFrom })
        .where('id', 'in', chunk)
        .execute()
      n += chunk.length
    }
  }
  return n
}

/**
 * The date of each participation's latest benefit measurement (planned targets aside), as follow-up activity: the
 * end of the measured period, but never later than the day it was recorded. Keyed `procurementId:municipalityNumber`.
 */
export async function lastBenefitMeasurementDates(
  db: DbOrTrx,
  where:
    | { municipalityNumber: string; procurementIds?: readonly number[] }
    | { procurementId: number; municipalityNumbers?: readonly string[] }
    | 'all',
): Promise<Map<string, string>> {
  let query = db
    .selectFrom('benefit_measurement')
    .innerJoin('benefit', 'benefit.id', 'benefit_measurement.benefit_id')
    .select([
      'benefit.procurement_id',
      'benefit.municipality_number',
      sql<string>`max(min(benefit_measurement.period_end, substr(benefit_measurement.created_at, 1, 10)))`.as('last'),
    ])
    .where('benefit_measurement.status', '!=', 'planned')
    .groupBy(['benefit.procurement_id', 'benefit.municipality_number'])
  if (where !== 'all' && 'municipalityNumber' in where) {
    query = query.where('benefit.municipality_number', '=', where.municipalityNumber)
    if (where.procurementIds) query = query.where('benefit.procurement_id', 'in', [...where.procurementIds])
  } else if (where !== 'all') {
    query = query.where('benefit.procurement_id', '=', where.procurementId)
    if (where.municipalityNumbers)
      query = query.where('benefit.municipality_number', 'in', [...where.municipalityNumbers])
  }
  const rows = await query.execute()
  return new Map(rows.map((r) => [key(r.procurement_id, r.municipality_number), r.last]))
}
