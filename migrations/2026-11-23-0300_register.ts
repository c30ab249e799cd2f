import { sql, type Kysely } from 'kysely'

// The national register: products, versions, the approval workflow, confidential dossiers and published decisions.
// Code lists are repeated here on purpose: a migration must keep meaning what it meant when it landed, so it never
// imports app code (app/domain/approval-workflow.ts holds the same lists for the application).

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`

const careSettings = ['home_care', 'nursing_home', 'sheltered_housing', 'hospital']
const integrations = ['hl7_fhir', 'welfare_tech_hub', 'epj', 'scaip', 'open_api', 'other']
const mdrClasses = ['none', 'I', 'IIa', 'IIb', 'III']
const intendedUses = ['professional', 'home', 'both']
const versionStates = [
  'draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'provisionally_approved', 'rejected', 'withdrawn',
  'expired',
]
const outcomes = ['approved', 'provisionally_approved', 'changes_requested', 'rejected', 'withdrawn']
const sectionKinds = ['security_documentation', 'test_reports', 'customer_references', 'prices_offered', 'other']
const results = ['met', 'not_met', 'not_applicable']

// Helsedirektoratet's four criteria plus CE/MDR and universal design from the domain description. Universal design is
// assessed and published for every product but does not block approval on its own: many products (sensors, hubs) have
// no user interface of their own, and the criterion is there to inform buyers. Only CE/MDR and universal design can be
// "not applicable".
const criteria: Array<{
  code: string
  name_nb: string
  name_en: string
  description_nb: string
  description_en: string
  mandatory: number
  not_applicable_allowed: number
}> = [
  {
    code: 'interoperability',
    name_nb: 'Teknisk samhandling',
    name_en: 'Technical interoperability',
    description_nb: 'Løsningen utveksler data med kommunale journalsystemer og nasjonale løsninger gjennom dokumenterte, standardiserte grensesnitt.',
    description_en: 'The solution exchanges data with municipal record systems and national services through documented, standardised interfaces.',
    mandatory: 1,
    not_applicable_allowed: 0,
  },
  {
    code: 'information_security',
    name_nb: 'Informasjonssikkerhet',
    name_en: 'Information security',
    description_nb: 'Leverandøren dokumenterer risikovurdering, tilgangsstyring, kryptering og håndtering av sikkerhetshendelser i tråd med Normen.',
    description_en: 'The supplier documents risk assessment, access control, encryption and security incident handling in line with the Norwegian health-sector Code of Conduct (Normen).',
    mandatory: 1,
    not_applicable_allowed: 0,
  },
  {
    code: 'privacy',
    name_nb: 'Personvern',
    name_en: 'Privacy',
    description_nb: 'Behandlingen av personopplysninger oppfyller personvernforordningen, med databehandleravtale, lagringssted innenfor EØS og mal for DPIA.',
    description_en: 'Personal data processing complies with the GDPR, with a data processing agreement, storage within the EEA and a DPIA template.',
    mandatory: 1,
    not_applicable_allowed: 0,
  },
  {
    code: 'documented_benefit',
    name_nb: 'Dokumentert gevinst i praksis',
    name_en: 'Documented benefit in practice',
    description_nb: 'Det finnes målte gevinster fra bruk i norske kommuner, med nullpunktsmåling og beskrevet metode.',
    description_en: 'Benefits have been measured in use in Norwegian municipalities, with a baseline and a described method.',
    mandatory: 1,
    not_applicable_allowed: 0,
  },
  {
    code: 'ce_mdr_conformity',
    name_nb: 'CE-merking og MDR-samsvar',
    name_en: 'CE marking and MDR conformity',
    description_nb: 'Produkter som er medisinsk utstyr, er CE-merket i riktig risikoklasse etter MDR; gjelder ikke for produkter som ikke er medisinsk utstyr.',
    description_en: 'Products that are medical devices carry CE marking in the correct MDR risk class; not applicable to products that are not medical devices.',
    mandatory: 1,
    not_applicable_allowed: 1,
  },
  {
    code: 'universal_design',
    name_nb: 'Universell utforming',
    name_en: 'Universal design',
    description_nb: 'Brukergrensesnitt for innbyggere og ansatte oppfyller kravene til universell utforming av IKT (WCAG 2.1 AA).',
    description_en: 'User interfaces for residents and staff meet the Norwegian requirements for universal design of ICT (WCAG 2.1 AA).',
    mandatory: 0,
    not_applicable_allowed: 1,
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) > 0`))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('category.id'))
    .addColumn('short_description', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intended_users', 'text')
    .addColumn('website', 'text')
    .addColumn('ce_marked', 'integer', (c) => c.notNull().defaultTo(0).check(sql`ce_marked in (0, 1)`))
    .addColumn('intended_use', 'text', (c) => c.check(sql`intended_use is null or ${inList('intended_use', intendedUses)}`))
    .addColumn('mdr_class', 'text', (c) => c.notNull().defaultTo('none').check(inList('mdr_class', mdrClasses)))
    .addColumn('data_storage_location', 'text')
    .addColumn('dpia_template_available', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`dpia_template_available in (0, 1)`),
    )
    .addColumn('dpa_available', 'integer', (c) => c.notNull().defaultTo(0).check(sql`dpa_available in (0, 1)`))
    .addColumn('universal_design', 'text')
    .addColumn('price_model', 'text')
    .addColumn('standards', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('product_supplier_idx').on('product').columns(['supplier_organisation_id', 'name']).execute()
  await db.schema.createIndex('product_category_idx').on('product').columns(['category_id', 'name']).execute()
  await db.schema.createIndex('product_mdr_class_idx').on('product').column('mdr_class').execute()
  await db.schema.createIndex('product_name_idx').on('product').expression(sql`name collate nocase`).execute()
  await db.schema.createIndex('product_created_idx').on('product').column('created_at').execute()
  // A CHECK constraint cannot look at another table; only supplier companies own products.
  await sql`create trigger product_supplier_kind_insert before insert on product
            when (select kind from organisation where id = new.supplier_organisation_id) is not 'supplier'
            begin select raise(abort, 'product.supplier_organisation_id must be a supplier organisation'); end`.execute(db)
  await sql`create trigger product_supplier_kind_update before update of supplier_organisation_id on product
            when (select kind from organisation where id = new.supplier_organisation_id) is not 'supplier'
            begin select raise(abort, 'product.supplier_organisation_id must be a supplier organisation'); end`.execute(db)

  // Link tables rather than JSON columns so that the register's filters are plain indexed lookups.
  for (const [table, codes] of [
    ['product_care_setting', careSettings],
    ['product_integration', integrations],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull().check(inList('code', codes)))
      .addPrimaryKeyConstraint(`${table}_pk`, ['product_id', 'code'])
      .execute()
    await db.schema.createIndex(`${table}_code_idx`).on(table).columns(['code', 'product_id']).execute()
  }

  await db.schema
    .createTable('product_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('product.id').onDelete('cascade'))
    .addColumn('version_label', 'text', (c) => c.notNull().check(sql`length(trim(version_label)) > 0`))
    .addColumn('release_notes', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(inList('state', versionStates)))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('product_version_label_unique', ['product_id', 'version_label'])
    .execute()
  await db.schema.createIndex('product_version_product_idx').on('product_version').columns(['product_id', 'state']).execute()
  await db.schema.createIndex('product_version_queue_idx').on('product_version').columns(['state', 'submitted_at']).execute()

  await db.schema
    .createTable('dossier_section')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('product_version.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', sectionKinds)))
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('dossier_section_version_idx').on('dossier_section').column('version_id').execute()

  // The files themselves live outside public/ (see app/utils/attachment-storage.server.ts); rows keep what is needed
  // to serve and verify them.
  await db.schema
    .createTable('dossier_attachment')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('product_version.id').onDelete('cascade'))
    .addColumn('original_filename', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes > 0 and size_bytes <= 10485760`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('dossier_attachment_version_idx').on('dossier_attachment').column('version_id').execute()

  await db.schema
    .createTable('assessment_criterion')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_nb', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_nb', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'integer', (c) => c.notNull().check(sql`mandatory in (0, 1)`))
    .addColumn('not_applicable_allowed', 'integer', (c) => c.notNull().defaultTo(0).check(sql`not_applicable_allowed in (0, 1)`))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute()
  await db
    .insertInto('assessment_criterion')
    .values(criteria.map((c, i) => ({ ...c, sort_order: (i + 1) * 10 })))
    .execute()

  await db.schema
    .createTable('version_decision')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('product_version.id').onDelete('cascade'))
    .addColumn('coordinator_user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(inList('outcome', outcomes)))
    .addColumn('rationale', 'text', (c) => c.notNull().check(sql`length(trim(rationale)) > 0`))
    .addColumn('valid_until', 'text')
    // An approval always has an end date (re-assessment date); no other outcome has one.
    .addCheckConstraint(
      'version_decision_validity',
      sql`(outcome in ('approved', 'provisionally_approved')) = (valid_until is not null)`,
    )
    .execute()
  await db.schema.createIndex('version_decision_version_idx').on('version_decision').columns(['version_id', 'outcome']).execute()
  await db.schema.createIndex('version_decision_decided_idx').on('version_decision').columns(['decided_at', 'id']).execute()
  await db.schema.createIndex('version_decision_valid_until_idx').on('version_decision').column('valid_until').execute()

  await db.schema
    .createTable('decision_criterion_result')
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('version_decision.id').onDelete('cascade'))
    .addColumn('criterion_code', 'text', (c) => c.notNull().references('assessment_criterion.code'))
    .addColumn('result', 'text', (c) => c.notNull().check(inList('result', results)))
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('decision_criterion_result_pk', ['decision_id', 'criterion_code'])
    .execute()

  // Full-text search. Supplier and category names live in other tables, so this is a standalone FTS5 table keyed by
  // product id (rowid) rather than an external-content table. It is kept in sync by triggers, not by calls from the
  // model: the seed, the model and any later admin tool (or a renamed organisation or category) all write through
  // SQL, and a trigger cannot be forgotten by one of them. remove_diacritics 0 keeps å distinct from a (æ and ø are
  // letters either way), which Norwegian needs: "gå" and "ga" are different words. The prefix indexes make the
  // prefix queries the register always issues ("trygghets"*) cheap.
  await sql`create virtual table product_fts using fts5(
              name, short_description, description, supplier_name, category_names,
              tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')`.execute(db)
  const ftsRow = (p: 'new') => sql.raw(`${p}.id, ${p}.name, ${p}.short_description, ${p}.description,
      coalesce((select name from organisation where id = ${p}.supplier_organisation_id), ''),
      coalesce((select name_nb || ' ' || name_en from category where id = ${p}.category_id), '')`)
  const ftsColumns = sql.raw('rowid, name, short_description, description, supplier_name, category_names')
  await sql`create trigger product_fts_insert after insert on product begin
              insert into product_fts (${ftsColumns}) values (${ftsRow('new')});
            end`.execute(db)
  await sql`create trigger product_fts_update
              after update of name, short_description, description, supplier_organisation_id, category_id on product begin
              delete from product_fts where rowid = old.id;
              insert into product_fts (${ftsColumns}) values (${ftsRow('new')});
            end`.execute(db)
  await sql`create trigger product_fts_delete after delete on product begin
              delete from product_fts where rowid = old.id;
            end`.execute(db)
  await sql`create trigger organisation_name_product_fts after update of name on organisation begin
              update product_fts set supplier_name = new.name
              where rowid in (select id from product where supplier_organisation_id = new.id);
            end`.execute(db)
  await sql`create trigger category_name_product_fts after update of name_nb, name_en on category begin
              update product_fts set category_names = new.name_nb || ' ' || new.name_en
              where rowid in (select id from product where category_id = new.id);
            end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists organisation_name_product_fts`.execute(db)
  await sql`drop trigger if exists category_name_product_fts`.execute(db)
  await sql`drop table if exists product_fts`.execute(db)
  for (const table of [
    'decision_criterion_result', 'version_decision', 'assessment_criterion', 'dossier_attachment', 'dossier_section',
    'product_version', 'product_integration', 'product_care_setting', 'product',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
