import { sql, type Kysely } from 'kysely'

// A benefit measurement write refreshes the public figures of its cell and population band (decision 011). Before it
// reads their measurements, it asks which municipalities could count in each figure, one probe per municipality
// (app/models/benefit-aggregates.server.ts, slicesThatMayStep): benefit_cell_idx finds a municipality's benefits with
// a baseline in one category and area, with what decides whether they convert to hours, from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('benefit_cell_idx')
    .on('benefit')
    .columns(['category', 'area', 'municipality_number', 'baseline_value', 'indicator', 'hours_per_unit'])
    .execute()
  await sql`analyze benefit`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('benefit_cell_idx').execute()
}
