import { sql, type Kysely } from 'kysely'

// Approval integrity (issue 10, problem 2): the facts an approval rests on belong to the version that was assessed,
// not to the product, so a supplier cannot change what an approval says after the decision. Each version gets its own
// copy of the regulatory facts (CE marking, intended use, MDR class, data location, standards, DPIA template, data
// processing agreement, universal design) and its own integrations list; every existing version starts with its
// product's current facts. The product's columns stay as the register's copy of its public facts (the search filters
// read them); app/models/approval-facts.server.ts keeps them in step. Code lists are repeated on purpose: a migration
// never imports app code.

const integrations = ['hl7_fhir', 'welfare_tech_hub', 'epj', 'scaip', 'open_api', 'other']
const mdrClasses = ['none', 'I', 'IIa', 'IIb', 'III']
const intendedUses = ['professional', 'home', 'both']
const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`

const factColumns = [
  'ce_marked',
  'intended_use',
  'mdr_class',
  'data_storage_location',
  'dpia_template_available',
  'dpa_available',
  'universal_design',
  'standards',
] as const

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('product_version')
    .addColumn('ce_marked', 'integer', (c) => c.notNull().defaultTo(0).check(sql`ce_marked in (0, 1)`))
    .execute()
  await db.schema
    .alterTable('product_version')
    .addColumn('intended_use', 'text', (c) =>
      c.check(sql`intended_use is null or ${inList('intended_use', intendedUses)}`),
    )
    .execute()
  await db.schema
    .alterTable('product_version')
    .addColumn('mdr_class', 'text', (c) => c.notNull().defaultTo('none').check(inList('mdr_class', mdrClasses)))
    .execute()
  await db.schema.alterTable('product_version').addColumn('data_storage_location', 'text').execute()
  await db.schema
    .alterTable('product_version')
    .addColumn('dpia_template_available', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`dpia_template_available in (0, 1)`),
    )
    .execute()
  await db.schema
    .alterTable('product_version')
    .addColumn('dpa_available', 'integer', (c) => c.notNull().defaultTo(0).check(sql`dpa_available in (0, 1)`))
    .execute()
  await db.schema.alterTable('product_version').addColumn('universal_design', 'text').execute()
  await db.schema.alterTable('product_version').addColumn('standards', 'text').execute()

  await db.schema
    .createTable('version_integration')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('product_version.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().check(inList('code', integrations)))
    .addPrimaryKeyConstraint('version_integration_pk', ['version_id', 'code'])
    .execute()

  // Every existing version starts with its product's facts as they are now.
  const assignments = sql.join(
    factColumns.map(
      (c) => sql`${sql.ref(c)} = (select ${sql.ref(`product.${c}`)} from product where product.id = product_version.product_id)`,
    ),
  )
  await sql`update product_version set ${assignments}`.execute(db)
  await sql`insert into version_integration (version_id, code)
            select v.id, pi.code from product_version v join product_integration pi on pi.product_id = v.product_id`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('version_integration').execute()
  for (const c of [...factColumns].reverse()) await db.schema.alterTable('product_version').dropColumn(c).execute()
}
