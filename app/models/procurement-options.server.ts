import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import { getDb } from '../../db/client'
import type { DB } from '../../db/schema'
import { PUBLIC_VERSION_STATES } from '~/domain/approval-workflow'
import { PICKER_LIMIT } from '~/domain/procurement-rules'
import { listMunicipalityOptions as listMunicipalities } from '~/models/accounts.server'
import { labelMatches, municipalityOptionLabel } from '~/domain/municipality-names'
import { municipalityFilterOptions } from '~/models/product-experience.server'
import { containsInsensitive } from '~/models/text-match.server'

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

/** What a procurement form's pickers show: the matches of each search, and the products, supplier and
 * municipalities chosen. */
export type PickerQuery = {
  productSearch: string
  supplierSearch: string
  municipalitySearch: string
  productIds: readonly number[]
  supplierOrganisationId: number | null
  municipalityNumbers: readonly string[]
}

/** The bounded options of the pickers of the procurement forms. Showing an option does not make it allowed: the
 * models check every submitted id again (procurements.server.ts, procurement-participants.server.ts).
 * `excludeMunicipalities`: those that cannot be chosen here (the viewer's own, those taking part already). */
export async function procurementPickerOptions(query: PickerQuery, excludeMunicipalities: readonly string[] = []) {
  const [products, suppliers, municipalities] = await Promise.all([
    registerProductOptions(query.productSearch, query.productIds),
    supplierOptions(query.supplierSearch, query.supplierOrganisationId),
    municipalityOptions(query.municipalitySearch, query.municipalityNumbers, excludeMunicipalities),
  ])
  return { products, suppliers, municipalities }
}

/** The chosen municipalities first, then at most PICKER_LIMIT others whose label (number, names, county) matches
 * the search as the pickers match (labelMatches: every word, accents folded). The 357 are read whole (a fixed, small table); only the page's options are bounded. */
export async function municipalityOptions(search: string, chosen: readonly string[], exclude: readonly string[]) {
  const all = await listMunicipalityOptions()
  const excluded = new Set(exclude)
  const picked = new Set(chosen.filter((n) => !excluded.has(n)))
  const matches = all
    .filter((o) => !excluded.has(o.value) && !picked.has(o.value))
    .filter((o) => search === '' || labelMatches(o.label, search))
    .slice(0, PICKER_LIMIT)
  return [...all.filter((o) => picked.has(o.value)), ...matches]
}

/** The chosen products first, then at most PICKER_LIMIT others whose name contains the search (the first by name
 * without one). */
async function registerProductOptions(search: string, chosen: readonly number[]) {
  const base = () =>
    getDb()
      .selectFrom('product')
      .innerJoin('organisation', 'organisation.id', 'product.supplier_organisation_id')
      .select(['product.id', 'product.name', 'organisation.name as supplier'])
      .where(wasOnPublicRegisterWhere)
  const ids = chosen.slice(0, 100)
  const [picked, matches] = await Promise.all([
    ids.length ? base().where('product.id', 'in', ids).execute() : [],
    base()
      .$if(search !== '', (q) => q.where(containsInsensitive('product.name', search)))
      .$if(ids.length > 0, (q) => q.where('product.id', 'not in', ids))
      .orderBy('product.name_sort')
      .orderBy('product.name')
      .orderBy('product.id')
      .limit(PICKER_LIMIT)
      .execute(),
  ])
  return [...picked, ...matches].map((r) => ({ value: String(r.id), label: `${r.name} (${r.supplier})` }))
}

/** The chosen supplier first, then at most PICKER_LIMIT other verified supplier companies matching the search. */
async function supplierOptions(search: string, chosen: number | null) {
  const base = () =>
    getDb()
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('kind', '=', 'supplier')
      .where('status', '=', 'verified')
  const [picked, matches] = await Promise.all([
    chosen !== null ? base().where('id', '=', chosen).execute() : [],
    base()
      .$if(search !== '', (q) => q.where(containsInsensitive('name', search)))
      .$if(chosen !== null, (q) => q.where('id', '!=', chosen ?? 0))
      .orderBy('name_sort')
      .orderBy('name')
      .orderBy('id')
      .limit(PICKER_LIMIT)
      .execute(),
  ])
  return [...picked, ...matches].map((r) => ({ value: String(r.id), label: r.name }))
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

// The municipalities and their names change only with a migration (the app never writes them): read once per
// connection rather than on every page with a municipality picker (a procurement's invite form, for one).
const municipalityOptionsOf = new WeakMap<object, Promise<Array<{ value: string; label: string }>>>()

export function listMunicipalityOptions(): Promise<ReadonlyArray<{ value: string; label: string }>> {
  const db = getDb()
  let options = municipalityOptionsOf.get(db)
  if (!options) {
    options = listMunicipalities().then((rows) =>
      rows.map((r) => ({ value: r.number, label: municipalityOptionLabel(r) })),
    )
    options.catch(() => municipalityOptionsOf.delete(db))
    municipalityOptionsOf.set(db, options)
  }
  return options
}

export async function listCountyOptions() {
  return (await municipalityFilterOptions()).counties.map((c) => ({ value: c.number, label: c.name }))
}
