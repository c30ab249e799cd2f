import { sql, type Kysely } from 'kysely'

// Reports stay with their product (issue 10, problem 4). A report used to count for every register product in its
// procurement, so a lead re-posting the procurement with other products moved every participant's reports, ratings
// and the supplier's reply to another supplier's product. Now a report names the product it is about:
// - `experience_report.product_id`: the register product the report is about (null when the procurement named its
//   products in free text only: such a report is about no register product and counts for none);
// - existing reports get the procurement's register product, the first one the lead listed when there are several
//   (the demo data has one per procurement);
// - the database keeps it honest: a report's product must be one of its procurement's register products when it is
//   written, and a product a report is about cannot be taken out of the procurement (the app refuses first, with a
//   field message; the triggers stop any other write path).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('experience_report')
    .addColumn('product_id', 'integer', (c) => c.references('product.id'))
    .execute()
  await sql`update experience_report set product_id = (
              select pp.product_id from procurement_product pp
              where pp.procurement_id = experience_report.procurement_id and pp.product_id is not null
              order by pp.id limit 1)`.execute(db)
  await db.schema
    .createIndex('experience_report_product_idx')
    .on('experience_report')
    .columns(['product_id', 'status', 'hidden', 'procurement_id', 'municipality_number'])
    .execute()
  for (const event of ['insert', 'update of product_id, procurement_id']) {
    const name = event === 'insert' ? 'experience_report_product_insert' : 'experience_report_product_update'
    await sql`create trigger ${sql.raw(name)} before ${sql.raw(event)} on experience_report
              when new.product_id is not null and not exists (
                select 1 from procurement_product
                where procurement_id = new.procurement_id and product_id = new.product_id)
              begin select raise(abort, 'experience_report.product_id must be a product of its procurement'); end`.execute(
      db,
    )
  }
  await sql`create trigger procurement_product_keeps_reports before delete on procurement_product
            when old.product_id is not null and exists (
              select 1 from experience_report
              where procurement_id = old.procurement_id and product_id = old.product_id)
            begin select raise(abort, 'procurement_product: a product with experience reports stays in its procurement'); end`.execute(
    db,
  )
  await sql`create trigger procurement_product_keeps_reports_update before update of product_id, procurement_id on procurement_product
            when old.product_id is not null and exists (
              select 1 from experience_report
              where procurement_id = old.procurement_id and product_id = old.product_id)
            begin select raise(abort, 'procurement_product: a product with experience reports stays in its procurement'); end`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of [
    'experience_report_product_insert',
    'experience_report_product_update',
    'procurement_product_keeps_reports',
    'procurement_product_keeps_reports_update',
  ])
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db)
  await db.schema.dropIndex('experience_report_product_idx').execute()
  await db.schema.alterTable('experience_report').dropColumn('product_id').execute()
}
