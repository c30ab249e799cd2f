import { sql, type Kysely } from 'kysely'

// The signed-in buyer's /anskaffelser ("Min kommune") at ten times national scale (issue 14): a large municipality
// has thousands of participations, reports and benefit measurements, and the follow-up rule needs a few columns of
// each. These covering indexes let the page read them from the index alone, in the order it groups them, instead of
// looking up every row in the tables.
// - procurement_participant_mine_idx: the municipality's accepted participations with what the follow-up rule and the
//   sort need (title, lead and products are read for the page shown only).
// - experience_report_municipality_last_idx: the latest published report per procurement of a municipality.
// - benefit_municipality_procurement_idx: the municipality's benefits grouped by procurement (the last measurement).
// - benefit_measurement_last_idx: each benefit's latest non-planned measurement.
// - benefit_follow_up_idx: the municipality's benefits, newest first, with what the benefit follow-up shows and
//   decides on (the notes stay in the table).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('procurement_participant_mine_idx')
    .on('procurement_participant')
    .columns(['municipality_number', 'status', 'procurement_id', 'role', 'phase', 'go_live_date', 'created_at'])
    .execute()
  await db.schema
    .createIndex('experience_report_municipality_last_idx')
    .on('experience_report')
    .columns(['municipality_number', 'status', 'procurement_id', 'report_date'])
    .execute()
  await db.schema
    .createIndex('benefit_municipality_procurement_idx')
    .on('benefit')
    .columns(['municipality_number', 'procurement_id', 'id'])
    .execute()
  await db.schema
    .createIndex('benefit_follow_up_idx')
    .on('benefit')
    .columns([
      'municipality_number',
      'id',
      'procurement_id',
      'product_id',
      'indicator',
      'custom_indicator',
      'custom_unit',
      'baseline_value',
    ])
    .execute()
  await db.schema
    .createIndex('benefit_measurement_last_idx')
    .on('benefit_measurement')
    .columns(['benefit_id', 'status', 'period_end', 'created_at'])
    .execute()
  // The tables were analysed before: the new indexes need statistics of their own for the planner to prefer them.
  for (const table of ['procurement_participant', 'experience_report', 'benefit', 'benefit_measurement']) {
    await sql`analyze ${sql.table(table)}`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('benefit_measurement_last_idx').execute()
  await db.schema.dropIndex('benefit_follow_up_idx').execute()
  await db.schema.dropIndex('benefit_municipality_procurement_idx').execute()
  await db.schema.dropIndex('experience_report_municipality_last_idx').execute()
  await db.schema.dropIndex('procurement_participant_mine_idx').execute()
}
