import { sql, type Kysely } from 'kysely'

// Public benefit figures in published steps (docs/decisions/011-public-benefit-figures.md). The public never reads
// benefit records or live sums: it reads the figures last published here, and a figure is published again only when
// at least three municipalities that no earlier publication of it counted have contributed (the rule of decision 010,
// `decideStep`). Each row is one published value of one figure (append-only: the history is the record of what the
// public was shown). A figure is named by its key, e.g. `cell:realised:hours:efficiency:2` (a category and area cell),
// `product:12:realised:home_visits_per_month` or `band:5000_20000:realised:hours_per_1000`; its family groups the
// figures whose views must not come within one or two municipalities of each other. Its contributors are the
// measurements it was computed over (no foreign key to the measurement: a record may be corrected or removed, the
// history of what was published stays).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_benefit_figure')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('figure_key', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    // As published (rounded); what it means follows from the key (hours a year, NOK, a median percentage ...).
    .addColumn('value', 'real', (c) => c.notNull())
    // Distinct municipalities the value was computed over; never shown, only its band.
    .addColumn('municipality_count', 'integer', (c) => c.notNull().check(sql`municipality_count >= 3`))
    // Provenance as published (JSON: methods, uncertainties, the span of the periods measured), or null.
    .addColumn('provenance', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute()
  // The current value of each figure is the newest row of its key.
  await db.schema.createIndex('public_benefit_figure_current_idx').on('public_benefit_figure').columns(['figure_key', 'id']).execute()
  // Views of similar size in the same family, which a new view must not come too close to.
  await db.schema
    .createIndex('public_benefit_figure_family_idx')
    .on('public_benefit_figure')
    .columns(['family', 'municipality_count'])
    .execute()

  await db.schema
    .createTable('public_benefit_contributor')
    .addColumn('figure_id', 'integer', (c) => c.notNull().references('public_benefit_figure.id').onDelete('cascade'))
    .addColumn('benefit_measurement_id', 'integer', (c) => c.notNull())
    .addColumn('municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    .addPrimaryKeyConstraint('public_benefit_contributor_pk', ['figure_id', 'benefit_measurement_id'])
    .execute()
  await db.schema
    .createIndex('public_benefit_contributor_municipality_idx')
    .on('public_benefit_contributor')
    .columns(['municipality_number', 'figure_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_benefit_contributor').execute()
  await db.schema.dropTable('public_benefit_figure').execute()
}
