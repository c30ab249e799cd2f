import { sql, type Kysely } from 'kysely'

// Procurements, their participating municipalities, experience reports, supplier replies and moderation flags.
// Code lists are repeated here on purpose: a migration must keep meaning what it meant when it landed, so it never
// imports app code (app/domain/procurement-rules.ts holds the same lists for the application).

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`
const isDate = (column: string) => sql`${sql.ref(column)} is null or (length(${sql.ref(column)}) = 10 and date(${sql.ref(column)}) = ${sql.ref(column)})`
const rating = (column: string) => sql`${sql.ref(column)} is null or ${sql.ref(column)} between 1 and 5`

const procedures = [
  'open_tender', 'restricted_tender', 'competition_with_negotiation', 'innovation_partnership', 'innovation_contract',
  'direct_award', 'framework_call_off', 'dynamic_purchasing_system', 'below_threshold',
]
const phases = ['planning', 'tendering', 'pilot', 'implementation', 'in_operation', 'ended']
const careSettings = ['home_care', 'nursing_home', 'sheltered_housing', 'hospital']
const recommendations = ['yes', 'with_reservations', 'no']
const endingReasons = [
  'contract_expired', 'terminated_by_municipality', 'terminated_by_supplier', 'switched_supplier', 'product_discontinued',
  'needs_changed', 'other',
]
const dataExported = ['yes', 'partly', 'no']
const ratingColumns = [
  'rating_overall', 'rating_supplier_cooperation', 'rating_delivery_as_agreed', 'rating_product_quality',
  'rating_integration', 'rating_training_support', 'rating_staff_satisfaction', 'rating_resident_satisfaction',
  'rating_value_for_money',
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procurement')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('lead_municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(trim(title)) > 0`))
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('replaces_practice', 'text')
    // The contracted supplier: a registered supplier company, or its name when it is not registered.
    .addColumn('supplier_organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('supplier_name', 'text')
    .addColumn('procedure', 'text', (c) => c.notNull().check(inList('procedure', procedures)))
    // Doffin notice ids as issued since 2024: four-digit year, hyphen, six digits ("2024-105432").
    .addColumn('doffin_reference', 'text', (c) =>
      c.check(sql`doffin_reference is null or doffin_reference glob '[12][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'`),
    )
    .addColumn('contract_value_nok', 'integer', (c) => c.check(sql`contract_value_nok is null or contract_value_nok >= 0`))
    .addColumn('price_terms', 'text')
    .addColumn('contract_start', 'text', (c) => c.check(isDate('contract_start')))
    .addColumn('contract_end', 'text', (c) => c.check(isDate('contract_end')))
    .addColumn('commercial_terms_visibility', 'text', (c) =>
      c.notNull().defaultTo('municipalities').check(inList('commercial_terms_visibility', ['public', 'municipalities'])),
    )
    .addColumn('open_for_joining', 'integer', (c) => c.notNull().defaultTo(0).check(sql`open_for_joining in (0, 1)`))
    .addColumn('internal_notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'procurement_contract_period',
      sql`contract_start is null or contract_end is null or contract_end >= contract_start`,
    )
    .addCheckConstraint('procurement_supplier_one_way', sql`supplier_organisation_id is null or supplier_name is null`)
    .execute()
  await db.schema.createIndex('procurement_lead_idx').on('procurement').columns(['lead_municipality_number', 'updated_at']).execute()
  await db.schema.createIndex('procurement_supplier_idx').on('procurement').column('supplier_organisation_id').execute()
  await db.schema.createIndex('procurement_updated_idx').on('procurement').columns(['updated_at', 'id']).execute()
  await db.schema.createIndex('procurement_procedure_idx').on('procurement').column('procedure').execute()
  await db.schema.createIndex('procurement_created_by_idx').on('procurement').column('created_by').execute()
  await sql`create trigger procurement_supplier_kind_insert before insert on procurement
            when new.supplier_organisation_id is not null
             and (select kind from organisation where id = new.supplier_organisation_id) is not 'supplier'
            begin select raise(abort, 'procurement.supplier_organisation_id must be a supplier organisation'); end`.execute(db)
  await sql`create trigger procurement_supplier_kind_update before update of supplier_organisation_id on procurement
            when new.supplier_organisation_id is not null
             and (select kind from organisation where id = new.supplier_organisation_id) is not 'supplier'
            begin select raise(abort, 'procurement.supplier_organisation_id must be a supplier organisation'); end`.execute(db)

  await db.schema
    .createTable('procurement_care_setting')
    .addColumn('procurement_id', 'integer', (c) => c.notNull().references('procurement.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().check(inList('code', careSettings)))
    .addPrimaryKeyConstraint('procurement_care_setting_pk', ['procurement_id', 'code'])
    .execute()
  await db.schema.createIndex('procurement_care_setting_code_idx').on('procurement_care_setting').columns(['code', 'procurement_id']).execute()

  // A product from the register, or one named in free text when it is not listed.
  await db.schema
    .createTable('procurement_product')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('procurement_id', 'integer', (c) => c.notNull().references('procurement.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.references('product.id'))
    .addColumn('product_name', 'text')
    .addCheckConstraint(
      'procurement_product_one_way',
      sql`(product_id is not null and product_name is null) or (product_id is null and length(trim(product_name)) > 0)`,
    )
    .addUniqueConstraint('procurement_product_unique', ['procurement_id', 'product_id'])
    .execute()
  await db.schema.createIndex('procurement_product_product_idx').on('procurement_product').columns(['product_id', 'procurement_id']).execute()

  // Every municipality in a procurement, the lead included (exactly one row with role 'lead'), with its own deployment.
  await db.schema
    .createTable('procurement_participant')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('procurement_id', 'integer', (c) => c.notNull().references('procurement.id').onDelete('cascade'))
    .addColumn('municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    .addColumn('role', 'text', (c) => c.notNull().check(inList('role', ['lead', 'participant'])))
    .addColumn('users_count', 'integer', (c) => c.check(sql`users_count is null or users_count >= 0`))
    .addColumn('units_count', 'integer', (c) => c.check(sql`units_count is null or units_count >= 0`))
    .addColumn('sites_count', 'integer', (c) => c.check(sql`sites_count is null or sites_count >= 0`))
    .addColumn('go_live_date', 'text', (c) => c.check(isDate('go_live_date')))
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('planning').check(inList('phase', phases)))
    .addColumn('internal_notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('procurement_participant_unique', ['procurement_id', 'municipality_number'])
    .execute()
  await db.schema.createIndex('procurement_participant_municipality_idx').on('procurement_participant').columns(['municipality_number', 'procurement_id']).execute()
  await db.schema.createIndex('procurement_participant_phase_idx').on('procurement_participant').columns(['phase', 'procurement_id']).execute()
  await db.schema
    .createIndex('procurement_participant_one_lead')
    .on('procurement_participant')
    .column('procurement_id')
    .unique()
    .where(sql.ref('role'), '=', sql.lit('lead'))
    .execute()

  await db.schema
    .createTable('experience_report')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('procurement_id', 'integer', (c) => c.notNull().references('procurement.id'))
    .addColumn('municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('report_date', 'text', (c) => c.notNull().check(sql`length(report_date) = 10 and date(report_date) = report_date`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(inList('status', ['draft', 'published'])))
    .addColumn('rating_overall', 'integer', (c) => c.notNull().check(sql`rating_overall between 1 and 5`))
    .$call((b) => {
      for (const column of ratingColumns.slice(1)) b = b.addColumn(column, 'integer', (c) => c.check(rating(column)))
      return b
    })
    .addColumn('recommendation', 'text', (c) => c.notNull().check(inList('recommendation', recommendations)))
    .addColumn('worked_well', 'text')
    .addColumn('was_hard', 'text')
    .addColumn('advice', 'text')
    .addColumn('ended', 'integer', (c) => c.notNull().defaultTo(0).check(sql`ended in (0, 1)`))
    .addColumn('ending_reason', 'text', (c) => c.check(sql`ending_reason is null or ${inList('ending_reason', endingReasons)}`))
    .addColumn('ending_details', 'text')
    .addColumn('switching_cost_nok', 'integer', (c) => c.check(sql`switching_cost_nok is null or switching_cost_nok >= 0`))
    .addColumn('data_exported', 'text', (c) => c.check(sql`data_exported is null or ${inList('data_exported', dataExported)}`))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0).check(sql`hidden in (0, 1)`))
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('published_at', 'text')
    // The report belongs to one participation: a participant cannot be removed while it has reports.
    .addForeignKeyConstraint(
      'experience_report_participant_fk',
      ['procurement_id', 'municipality_number'],
      'procurement_participant',
      ['procurement_id', 'municipality_number'],
    )
    .addCheckConstraint('experience_report_published_at', sql`(status = 'published') = (published_at is not null)`)
    .addCheckConstraint(
      'experience_report_ending',
      sql`(ended = 1 and ending_reason is not null)
       or (ended = 0 and ending_reason is null and ending_details is null and switching_cost_nok is null and data_exported is null)`,
    )
    .addCheckConstraint('experience_report_hidden', sql`(hidden = 1) = (hidden_at is not null and hidden_reason is not null)`)
    .execute()
  await db.schema
    .createIndex('experience_report_participation_idx')
    .on('experience_report')
    .columns(['procurement_id', 'municipality_number', 'status', 'report_date'])
    .execute()
  await db.schema.createIndex('experience_report_municipality_idx').on('experience_report').columns(['municipality_number', 'report_date']).execute()
  await db.schema.createIndex('experience_report_author_idx').on('experience_report').columns(['author_user_id', 'status']).execute()
  await db.schema.createIndex('experience_report_listing_idx').on('experience_report').columns(['status', 'hidden', 'report_date', 'id']).execute()

  await db.schema
    .createTable('supplier_reply')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // One reply per report, enforced here as well as in the model (two concurrent requests cannot both win).
    .addColumn('experience_report_id', 'integer', (c) => c.notNull().unique().references('experience_report.id'))
    .addColumn('supplier_organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(trim(body)) > 0`))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0).check(sql`hidden in (0, 1)`))
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addCheckConstraint('supplier_reply_hidden', sql`(hidden = 1) = (hidden_at is not null and hidden_reason is not null)`)
    .execute()
  await db.schema.createIndex('supplier_reply_supplier_idx').on('supplier_reply').columns(['supplier_organisation_id', 'created_at']).execute()

  // Flags and the coordinators' decisions on them: the moderation log. Rows are never deleted.
  await db.schema
    .createTable('content_flag')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('target_type', 'text', (c) => c.notNull().check(inList('target_type', ['experience', 'reply'])))
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('flagged_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(inList('status', ['open', 'kept', 'hidden'])))
    .addColumn('decided_by', 'integer', (c) => c.references('user.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addCheckConstraint(
      'content_flag_decision',
      sql`(status = 'open') = (decided_by is null and decided_at is null and decision_reason is null)`,
    )
    .execute()
  await db.schema.createIndex('content_flag_queue_idx').on('content_flag').columns(['status', 'created_at', 'id']).execute()
  await db.schema.createIndex('content_flag_target_idx').on('content_flag').columns(['target_type', 'target_id', 'status']).execute()
  await db.schema.createIndex('content_flag_flagged_by_idx').on('content_flag').column('flagged_by').execute()
  await db.schema.createIndex('content_flag_decided_idx').on('content_flag').columns(['decided_at', 'id']).execute()
  await db.schema
    .createIndex('content_flag_one_open_per_user')
    .on('content_flag')
    .columns(['target_type', 'target_id', 'flagged_by'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('open'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists procurement_supplier_kind_insert`.execute(db)
  await sql`drop trigger if exists procurement_supplier_kind_update`.execute(db)
  for (const table of [
    'content_flag', 'supplier_reply', 'experience_report', 'procurement_participant', 'procurement_product',
    'procurement_care_setting', 'procurement',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
