import { sql, type Kysely } from 'kysely'

// Versioned criteria (issue 10, deliverable 4): the set of assessment criteria gets a version number that changes with
// every edit, each version keeps a copy of the criteria as they were, and every decision records the version it was
// made under. Version 1 is the set as it stands now; every existing decision was made under it.

const copied = [
  'code',
  'name_nb',
  'name_en',
  'description_nb',
  'description_en',
  'requirement_nb',
  'requirement_en',
  'evidence_nb',
  'evidence_en',
  'mandatory',
  'not_applicable_allowed',
  'sort_order',
] as const

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('criteria_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .addColumn('created_by', 'integer', (c) => c.references('user.id'))
    .execute()
  await db.schema
    .createTable('criteria_version_criterion')
    .addColumn('criteria_version_id', 'integer', (c) => c.notNull().references('criteria_version.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_nb', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_nb', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('requirement_nb', 'text', (c) => c.notNull())
    .addColumn('requirement_en', 'text', (c) => c.notNull())
    .addColumn('evidence_nb', 'text', (c) => c.notNull())
    .addColumn('evidence_en', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'integer', (c) => c.notNull().check(sql`mandatory in (0, 1)`))
    .addColumn('not_applicable_allowed', 'integer', (c) => c.notNull().check(sql`not_applicable_allowed in (0, 1)`))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('criteria_version_criterion_pk', ['criteria_version_id', 'code'])
    .execute()
  await sql`insert into criteria_version (id) values (1)`.execute(db)
  const columns = sql.join(copied.map((c) => sql.ref(c)))
  await sql`insert into criteria_version_criterion (criteria_version_id, ${columns})
            select 1, ${columns} from assessment_criterion`.execute(db)
  await db.schema
    .alterTable('version_decision')
    .addColumn('criteria_version_id', 'integer', (c) => c.references('criteria_version.id'))
    .execute()
  await sql`update version_decision set criteria_version_id = 1`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('version_decision').dropColumn('criteria_version_id').execute()
  await db.schema.dropTable('criteria_version_criterion').execute()
  await db.schema.dropTable('criteria_version').execute()
}
