import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import { getDb } from '../../db/client'
import type { DB } from '../../db/schema'
import { PUBLIC_VERSION_STATES } from '~/domain/approval-workflow'
import { listMunicipalityOptions as listMunicipalities } from '~/models/accounts.server'
import { municipalityOptionLabel } from '~/domain/municipality-names'
import { municipalityFilterOptions } from '~/models/product-experience.server'

// The choices the procurement forms and filters offer.

/** Products that have been on the public register (approved at some point), on `product`: only these may be named
 * as bought; drafts and rejected products never, which would also reveal them. */
export const wasOnPublicRegisterWhere = (eb: ExpressionBuilder<DB, 'product'>): Expression<SqlBool> =>
  eb.exists(
    eb
      .selectFrom('product_version')
      .select('product_version.id')
      .whereRef('product_version.product_id', '=', 'product.id')
      .where('product_version.state', 'in', PUBLIC_VERSION_STATES),
  )

/** Register products that may be named as bought, with their supplier: the products picker and the list filter. */
export async function listRegisterProductOptions() {
  const rows = await getDb()
    .selectFrom('product')
    .innerJoin('organisation', 'organisation.id', 'product.supplier_organisation_id')
    .select(['product.id', 'product.name', 'organisation.name as supplier'])
    .where(wasOnPublicRegisterWhere)
    .orderBy('product.name_sort')
    .orderBy('product.name')
    .orderBy('product.id')
    .execute()
  return rows.map((r) => ({ value: String(r.id), label: `${r.name} (${r.supplier})` }))
}

/** One register product as an option of the list's product filter (the one a link named), or null. */
export async function getRegisterProductOption(productId: number) {
  const row = await getDb()
    .selectFrom('product')
    .innerJoin('organisation', 'organisation.id', 'product.supplier_organisation_id')
    .select(['product.id', 'product.name', 'organisation.name as supplier'])
    .where('product.id', '=', productId)
    .where(wasOnPublicRegisterWhere)
    .executeTakeFirst()
  return row ? { value: String(row.id), label: `${row.name} (${row.supplier})` } : null
}

/** Verified supplier companies (the supplier of a procurement, when registered): naming a pending or rejected
 * sign-up would publish its name on the procurement page. */
export async function listSupplierOptions() {
  const rows = await getDb()
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', '=', 'supplier')
    .where('status', '=', 'verified')
    .orderBy('name_sort')
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ value: String(r.id), label: r.name }))
}

export async function listMunicipalityOptions() {
  return (await listMunicipalities()).map((r) => ({ value: r.number, label: municipalityOptionLabel(r) }))
}

export async function listCountyOptions() {
  return (await municipalityFilterOptions()).counties.map((c) => ({ value: c.number, label: c.name }))
}
