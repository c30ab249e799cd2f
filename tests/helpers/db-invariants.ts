import { sql } from 'kysely'
import { addYears, osloDate } from '../../app/domain/dates'
import { followUpDue } from '../../app/domain/procurement-rules'
import { followUpFacts } from '../../app/models/follow-up-due.server'
import { isValidOrgNumber } from '../../app/utils/org-number'
import { testDb } from './db'

// What must hold of every stored row whatever was posted (docs/domain.md and the schemas in app/forms/), checked
// after the fuzz tests: the rules are written out here again, so that loosening a form schema shows up as a row the
// form let through. Returns one line per violation (empty: all is well).

/** What the app must refuse in text (app/utils/fields.ts), written out again here. */
export const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/

/** Each query selects the offending rows, as a short description. */
const RULES: Array<{ rule: string; query: string }> = [
  {
    rule: 'a rating lies in 1-5 (overall required)',
    query: `select id from experience_report where rating_overall is null or rating_overall not between 1 and 5
      or coalesce(rating_supplier_cooperation, 1) not between 1 and 5 or coalesce(rating_delivery_as_agreed, 1) not between 1 and 5
      or coalesce(rating_product_quality, 1) not between 1 and 5 or coalesce(rating_integration, 1) not between 1 and 5
      or coalesce(rating_training_support, 1) not between 1 and 5 or coalesce(rating_staff_satisfaction, 1) not between 1 and 5
      or coalesce(rating_resident_satisfaction, 1) not between 1 and 5 or coalesce(rating_value_for_money, 1) not between 1 and 5
      or typeof(rating_overall) <> 'integer'`,
  },
  {
    rule: 'a report is dated, not in the future',
    query: `select id from experience_report where report_date > date('now', '+1 day') or report_date < '1990-01-01'`,
  },
  {
    rule: 'a switching cost is whole, non-negative kroner',
    query: `select id from experience_report where switching_cost_nok is not null
      and (switching_cost_nok < 0 or typeof(switching_cost_nok) <> 'integer')`,
  },
  { rule: 'a product has a name', query: `select id from product where trim(name) = ''` },
  { rule: 'a product has a short description', query: `select id from product where trim(short_description) = ''` },
  { rule: 'a version has a label', query: `select id from product_version where trim(version_label) = ''` },
  {
    rule: 'a procurement has a title and a need',
    query: `select id from procurement where trim(title) = '' or trim(need) = ''`,
  },
  {
    rule: 'a contract value is whole, non-negative kroner',
    query: `select id from procurement where contract_value_nok is not null
      and (contract_value_nok < 0 or typeof(contract_value_nok) <> 'integer')`,
  },
  {
    rule: 'participant counts are whole and non-negative',
    query: `select id from procurement_participant where coalesce(users_count, 0) < 0 or coalesce(units_count, 0) < 0
      or coalesce(sites_count, 0) < 0 or typeof(coalesce(users_count, 0)) <> 'integer'
      or typeof(coalesce(units_count, 0)) <> 'integer' or typeof(coalesce(sites_count, 0)) <> 'integer'`,
  },
  {
    rule: 'a baseline period ends on or after its start, and did not start in the future',
    query: `select id from benefit where baseline_period_end < baseline_period_start
      or baseline_period_start > date('now', '+1 day')`,
  },
  {
    rule: 'a baseline is whole: value, period and method together',
    query: `select id from benefit where (baseline_value is null) <> (baseline_period_start is null)
      or (baseline_value is null) <> (baseline_period_end is null) or (baseline_value is null) <> (baseline_method is null)`,
  },
  {
    rule: 'a measurement period ends on or after its start',
    query: `select id from benefit_measurement where period_end < period_start`,
  },
  {
    rule: 'a realised measurement rests on a baseline and did not start in the future',
    query: `select m.id from benefit_measurement m join benefit b on b.id = m.benefit_id
      where m.status = 'realised' and (b.baseline_value is null or m.period_start > date('now', '+1 day'))`,
  },
  {
    rule: 'measured figures are finite numbers',
    query: `select id from benefit_measurement where typeof(value) not in ('integer', 'real') or abs(value) > 1e12`,
  },
  {
    rule: 'a free indicator has its name and unit',
    query: `select id from benefit where indicator = 'custom'
      and (trim(coalesce(custom_indicator, '')) = '' or trim(coalesce(custom_unit, '')) = '')`,
  },
  {
    rule: 'a user has a name and a trimmed lower-case address',
    query: `select id from user where trim(name) = '' or email <> lower(trim(email)) or instr(email, '@') = 0`,
  },
  { rule: 'a reply has a body', query: `select id from supplier_reply where trim(body) = ''` },
  { rule: 'a flag has a reason', query: `select id from content_flag where trim(reason) = ''` },
  { rule: 'a dossier section has a heading', query: `select id from dossier_section where trim(heading) = ''` },
  {
    rule: 'a category slug is lower-case letters, digits and hyphens',
    query: `select id from category where slug = '' or slug glob '*[^a-z0-9-]*'`,
  },
]

/** `suppliersAfter`: check the organisation numbers of suppliers with a greater id (test fixtures write placeholder
 * numbers; a sign-up must not); without it none are checked. */
export async function invariantViolations({ suppliersAfter = Infinity }: { suppliersAfter?: number } = {}): Promise<
  string[]
> {
  const db = testDb()
  const problems: string[] = []
  for (const { rule, query } of RULES) {
    const rows = await sql<{ id: number }>`${sql.raw(query)}`.execute(db)
    if (rows.rows.length) problems.push(`${rule}: ids ${rows.rows.map((r) => r.id).join(', ')}`)
  }

  // Every stored text is free of control characters; every stored date lies in the window.
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
  const latestGoLive = addYears(osloDate(new Date()), 5)
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== 'string') continue
        if (CONTROLS.test(value)) problems.push(`control character in ${name}.${column}: ${JSON.stringify(value)}`)
        const isDate = /(_date|^contract_start|^contract_end|^valid_until|_period_start|_period_end)$/.test(column)
        if (isDate && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '1990-01-01' && value <= '2100-12-31'))
          problems.push(`date out of the window in ${name}.${column}: ${value}`)
        if (column === 'go_live_date' && value > latestGoLive) problems.push(`go-live too far ahead: ${value}`)
        if (/[\uD800-\uDFFF]/.test(value) && !/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(value))
          problems.push(`lone surrogate in ${name}.${column}`)
      }
      if (name === 'procurement' && row.contract_start && row.contract_end && row.contract_end < row.contract_start)
        problems.push(`procurement ${String(row.id)} ends before it starts`)
      if (
        name === 'organisation' &&
        row.kind === 'supplier' &&
        Number(row.id) > suppliersAfter &&
        !isValidOrgNumber(String(row.org_number ?? ''))
      )
        problems.push(`supplier ${String(row.id)} with an invalid organisation number ${String(row.org_number)}`)
    }
  }

  // Every participation's stored follow-up date is the rule's (app/models/follow-up-due.server.ts).
  const today = osloDate(new Date())
  for (const f of (await followUpFacts(db, 'all')).values()) {
    const dueFrom = followUpDue({ ...f.input, today }).dueFrom
    if (f.stored !== dueFrom)
      problems.push(`participation ${f.participantId}: follow_up_due_from ${f.stored} where the rule says ${dueFrom}`)
  }

  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)
  if (integrity.rows.map((r) => r.integrity_check).join() !== 'ok') problems.push('integrity_check is not ok')
  const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db)
  for (const row of foreignKeys.rows) problems.push(`foreign key: ${JSON.stringify(row)}`)
  return problems
}
