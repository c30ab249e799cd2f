import { sql, type Kysely } from 'kysely'

// Public aggregates in published steps (docs/decisions/010-public-aggregate-steps.md). The public no longer reads a
// product's aggregate live from the reports: it reads the figures last published here, and a figure is published
// again only when at least three municipalities that no earlier publication of it counted have contributed, so no
// two public views of a figure differ by one or two municipalities. Each row is one published value of one figure of
// one product (append-only: the history is the record of what the public was shown); its contributors are the
// reports it was computed over. The figure codes are repeated here on purpose: a migration never imports app code
// (app/domain/experience-aggregates.ts holds the same list).

const figures = [
  'overall',
  'supplier_cooperation',
  'delivery_as_agreed',
  'product_quality',
  'integration',
  'training_support',
  'staff_satisfaction',
  'resident_satisfaction',
  'value_for_money',
  'recommendation_yes',
  'recommendation_with_reservations',
  'recommendation_no',
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_aggregate_figure')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id'))
    .addColumn('figure', 'text', (c) => c.notNull().check(sql`figure in (${sql.join(figures.map((f) => sql.lit(f)))})`))
    // As published: a rating mean to one decimal (1-5), or a recommendation share to the nearest tenth (0-1).
    .addColumn('value', 'real', (c) => c.notNull().check(sql`value between 0 and 5`))
    // Distinct municipalities the value was computed over; never shown, only its band.
    .addColumn('municipality_count', 'integer', (c) => c.notNull().check(sql`municipality_count >= 3`))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute()
  // The current value of each figure is the newest row of its product and figure.
  await db.schema
    .createIndex('public_aggregate_figure_current_idx')
    .on('public_aggregate_figure')
    .columns(['product_id', 'figure', 'id'])
    .execute()
  // Views of similar size, which a new view must not come too close to (another product's, for the same figure).
  await db.schema
    .createIndex('public_aggregate_figure_size_idx')
    .on('public_aggregate_figure')
    .columns(['figure', 'municipality_count'])
    .execute()

  await db.schema
    .createTable('public_aggregate_contributor')
    .addColumn('figure_id', 'integer', (c) => c.notNull().references('public_aggregate_figure.id').onDelete('cascade'))
    .addColumn('experience_report_id', 'integer', (c) => c.notNull().references('experience_report.id'))
    .addColumn('municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    .addPrimaryKeyConstraint('public_aggregate_contributor_pk', ['figure_id', 'experience_report_id'])
    .execute()
  await db.schema
    .createIndex('public_aggregate_contributor_municipality_idx')
    .on('public_aggregate_contributor')
    .columns(['municipality_number', 'figure_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_aggregate_contributor').execute()
  await db.schema.dropTable('public_aggregate_figure').execute()
}
