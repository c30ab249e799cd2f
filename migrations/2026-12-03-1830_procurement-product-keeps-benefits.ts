import { sql, type Kysely } from 'kysely'

// A product that benefit records are about stays in its procurement, as one that experience reports are about does
// (2026-12-02-1610_report-product.ts). A benefit record belongs to its municipality: the lead taking the product out
// of the procurement left another municipality's records about a product the procurement no longer has, which their
// own buyers could then not save unchanged. The app refuses first, with a field message on the products; these
// triggers stop any other write path.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create trigger procurement_product_keeps_benefits before delete on procurement_product
            when old.product_id is not null and exists (
              select 1 from benefit
              where procurement_id = old.procurement_id and product_id = old.product_id)
            begin select raise(abort, 'procurement_product: a product with benefit records stays in its procurement'); end`.execute(
    db,
  )
  await sql`create trigger procurement_product_keeps_benefits_update before update of product_id, procurement_id on procurement_product
            when old.product_id is not null and exists (
              select 1 from benefit
              where procurement_id = old.procurement_id and product_id = old.product_id)
            begin select raise(abort, 'procurement_product: a product with benefit records stays in its procurement'); end`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['procurement_product_keeps_benefits', 'procurement_product_keeps_benefits_update'])
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db)
}
