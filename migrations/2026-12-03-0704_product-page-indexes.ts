import { sql, type Kysely } from 'kysely'

// Bounded work on the product page and the compare page at ten times national scale (issue 14): a product with
// thousands of reports and participations is read from indexes in the order the page needs, never sorted or looked up
// row by row.
// - experience_report_product_idx gains (report_date desc, id desc) and what the live aggregate adds up: it takes
//   each participation's latest report in index order and reads the index alone (no sort, no lookup per report).
// - experience_report_product_listing_idx: the product's report list, newest first, reads one page (LIMIT) instead of
//   sorting every published report about the product, and counts them from the index alone (hidden and the author
//   are what visibleExperienceWhere asks, the municipality what the filter joins).
// - procurement_participant_usage_idx: "municipalities using the product" and its counts per phase read the product's
//   accepted participations from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('experience_report_product_idx').execute()
  await sql`create index experience_report_product_idx on experience_report
    (product_id, status, hidden, procurement_id, municipality_number, report_date desc, id desc,
     recommendation, rating_overall, rating_supplier_cooperation, rating_delivery_as_agreed, rating_product_quality,
     rating_integration, rating_training_support, rating_staff_satisfaction, rating_resident_satisfaction,
     rating_value_for_money)`.execute(db)
  await sql`create index experience_report_product_listing_idx on experience_report
    (product_id, status, report_date desc, id desc, hidden, author_user_id, municipality_number)`.execute(db)
  await db.schema
    .createIndex('procurement_participant_usage_idx')
    .on('procurement_participant')
    .columns(['procurement_id', 'status', 'municipality_number', 'phase'])
    .execute()
  // The tables were analysed before: the new indexes need statistics of their own for the planner to prefer them
  // (updateStatistics analyses a table again only once it has grown many times over).
  for (const table of ['experience_report', 'procurement_participant']) {
    await sql`analyze ${sql.table(table)}`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('procurement_participant_usage_idx').execute()
  await db.schema.dropIndex('experience_report_product_listing_idx').execute()
  await db.schema.dropIndex('experience_report_product_idx').execute()
  await db.schema
    .createIndex('experience_report_product_idx')
    .on('experience_report')
    .columns(['product_id', 'status', 'hidden', 'procurement_id', 'municipality_number'])
    .execute()
}
