import { sql, type Kysely } from 'kysely'

// Benefit realisation (docs/domain.md, "Benefit realisation"): a municipality's planned benefit under a procurement,
// its baseline, and measurements over time. A benefit belongs to one municipality under one procurement (each
// participant of a joint procurement keeps its own) and, when it is about a register product, to that product for
// good: changing a procurement's products never moves it. The baseline lives on the benefit (there is exactly one);
// a realised measurement needs it, which a trigger enforces as well as the model. Code lists are repeated here on
// purpose: a migration never imports app code (app/domain/benefits.ts holds the same lists).

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`
const isDate = (column: string) =>
  sql`${sql.ref(column)} is null or (length(${sql.ref(column)}) = 10 and date(${sql.ref(column)}) = ${sql.ref(column)} and ${sql.ref(column)} between '1990-01-01' and '2100-12-31')`

const categories = ['efficiency', 'quality']
const beneficiaries = ['residents', 'staff', 'municipality', 'hospital', 'relatives']
const indicators = [
  'hours_per_month',
  'home_visits_per_month',
  'night_watches_per_night',
  'driving_minutes_per_month',
  'admissions_per_year',
  'falls_per_month',
  'waiting_list',
  'nok_per_year',
  'share_feeling_safer',
  'custom',
]
const methods = ['system_data', 'manual_count', 'survey', 'estimate', 'supplier_figure', 'external_study']
const statuses = ['planned', 'estimated', 'realised']
const uncertainties = ['low', 'moderate', 'high']
const reporters = ['municipality', 'supplier']

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('benefit')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('procurement_id', 'integer', (c) => c.notNull().references('procurement.id'))
    .addColumn('municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    // The register product the benefit is about; null when the procurement bought something not in the register.
    .addColumn('product_id', 'integer', (c) => c.references('product.id'))
    .addColumn('category', 'text', (c) => c.notNull().check(inList('category', categories)))
    // The national method's six areas: 1 prevention, 2 time saved (lower staffing need), 3 capacity and shorter
    // queues, 4 lower disease burden, 5 more dignified care, 6 work participation.
    .addColumn('area', 'integer', (c) => c.notNull().check(sql`area between 1 and 6`))
    .addColumn('beneficiary', 'text', (c) => c.notNull().check(inList('beneficiary', beneficiaries)))
    .addColumn('indicator', 'text', (c) => c.notNull().check(inList('indicator', indicators)))
    // A free indicator names itself and its unit.
    .addColumn('custom_indicator', 'text')
    .addColumn('custom_unit', 'text')
    // Hours one unit of the indicator stands for (e.g. a home visit of 30 minutes = 0.5), to convert it to hours.
    .addColumn('hours_per_unit', 'real', (c) => c.check(sql`hours_per_unit is null or hours_per_unit > 0`))
    // The number of users or units the benefit concerns.
    .addColumn('concerns_count', 'integer', (c) => c.check(sql`concerns_count is null or concerns_count >= 0`))
    .addColumn('description', 'text')
    .addColumn('baseline_value', 'real')
    .addColumn('baseline_period_start', 'text', (c) => c.check(isDate('baseline_period_start')))
    .addColumn('baseline_period_end', 'text', (c) => c.check(isDate('baseline_period_end')))
    .addColumn('baseline_method', 'text', (c) => c.check(sql`baseline_method is null or ${inList('baseline_method', methods)}`))
    .addColumn('baseline_quality_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'benefit_custom_indicator',
      sql`(indicator = 'custom') = (custom_indicator is not null and length(trim(custom_indicator)) > 0 and custom_unit is not null and length(trim(custom_unit)) > 0)`,
    )
    // A baseline is whole or absent: value, period and method together.
    .addCheckConstraint(
      'benefit_baseline_whole',
      sql`(baseline_value is null) = (baseline_period_start is null)
          and (baseline_value is null) = (baseline_period_end is null)
          and (baseline_value is null) = (baseline_method is null)`,
    )
    .addCheckConstraint(
      'benefit_baseline_period',
      sql`baseline_period_end is null or baseline_period_end >= baseline_period_start`,
    )
    .execute()
  await db.schema.createIndex('benefit_participation_idx').on('benefit').columns(['procurement_id', 'municipality_number']).execute()
  await db.schema.createIndex('benefit_municipality_idx').on('benefit').columns(['municipality_number', 'id']).execute()
  await db.schema.createIndex('benefit_product_idx').on('benefit').columns(['product_id', 'indicator']).execute()
  await db.schema.createIndex('benefit_indicator_idx').on('benefit').columns(['indicator', 'category', 'area']).execute()
  await db.schema.createIndex('benefit_created_by_idx').on('benefit').column('created_by').execute()

  await db.schema
    .createTable('benefit_measurement')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('benefit_id', 'integer', (c) => c.notNull().references('benefit.id').onDelete('cascade'))
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull().check(isDate('period_start')))
    .addColumn('period_end', 'text', (c) => c.notNull().check(isDate('period_end')))
    .addColumn('method', 'text', (c) => c.notNull().check(inList('method', methods)))
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', statuses)))
    .addColumn('uncertainty', 'text', (c) => c.notNull().check(inList('uncertainty', uncertainties)))
    .addColumn('reported_by', 'text', (c) => c.notNull().check(inList('reported_by', reporters)))
    // The price year of a NOK figure (NOK of which year); required for NOK indicators by the model.
    .addColumn('price_year', 'integer', (c) => c.check(sql`price_year is null or price_year between 1990 and 2100`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('benefit_measurement_period', sql`period_end >= period_start`)
    .execute()
  await db.schema
    .createIndex('benefit_measurement_benefit_idx')
    .on('benefit_measurement')
    .columns(['benefit_id', 'period_end', 'id'])
    .execute()
  await db.schema.createIndex('benefit_measurement_status_idx').on('benefit_measurement').columns(['status', 'benefit_id']).execute()
  await db.schema.createIndex('benefit_measurement_created_by_idx').on('benefit_measurement').column('created_by').execute()

  // No result is realised without a baseline to measure it against.
  await sql`create trigger benefit_measurement_realised_needs_baseline before insert on benefit_measurement
            when new.status = 'realised' and (select baseline_value from benefit where id = new.benefit_id) is null
            begin select raise(abort, 'a realised benefit measurement needs a baseline'); end`.execute(db)
  await sql`create trigger benefit_measurement_realised_needs_baseline_update before update of status, benefit_id on benefit_measurement
            when new.status = 'realised' and (select baseline_value from benefit where id = new.benefit_id) is null
            begin select raise(abort, 'a realised benefit measurement needs a baseline'); end`.execute(db)
  await sql`create trigger benefit_baseline_kept_for_realised before update of baseline_value on benefit
            when new.baseline_value is null
             and exists (select 1 from benefit_measurement where benefit_id = new.id and status = 'realised')
            begin select raise(abort, 'the baseline of a benefit with realised measurements cannot be removed'); end`.execute(db)
  // A benefit is about a product of its own procurement, and its municipality takes part in that procurement.
  await sql`create trigger benefit_product_in_procurement before insert on benefit
            when new.product_id is not null
             and not exists (select 1 from procurement_product where procurement_id = new.procurement_id and product_id = new.product_id)
            begin select raise(abort, 'benefit.product_id must be a product of its procurement'); end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('benefit_measurement').execute()
  await db.schema.dropTable('benefit').execute()
}
