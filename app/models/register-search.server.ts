import { sql, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { DB } from '../../db/schema'
import { getDb } from '../../db/client'
import type { CareSettingCode, IntegrationCode } from '~/domain/register-codes'
import type { RegisterSearch, RegisterSort } from '~/forms/register'
import {
  currentlyApprovedWhere,
  endedApprovalWhere,
  seesUnpublishedWhere,
  visibleProductsWhere,
} from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { loadProductSummaries, type ProductSummary } from './products.server'
import { clock } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Searching and filtering the register. Full text goes through FTS5 (migrations/2026-11-23-0300_register.ts); the
// filters are indexed lookups; the visibility rule (app/policy/register.ts visibleProductsWhere) is part of the WHERE
// clause, so totals and pages never count what the viewer may not see.

const MAX_TERMS = 8
const MAX_TERM_LENGTH = 40

/**
 * Turns what a user typed into an FTS5 query: every word becomes a quoted prefix term ("trygghets"*), and the terms
 * are ANDed. Only letters, combining marks and digits survive, and each term is quoted, so FTS5 syntax in the input
 * (quotes, *, ^, column filters, NEAR, AND/OR/NOT) is never interpreted. Null when nothing searchable is left.
 */
export function toFtsQuery(input: string | undefined | null): string | null {
  if (!input) return null
  const terms = input
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS)
    .map((t) => t.slice(0, MAX_TERM_LENGTH))
  if (terms.length === 0) return null
  return terms.map((t) => `"${t}"*`).join(' ')
}

// bm25 weights per FTS column: name, short_description, description, supplier_name, category_names.
const RANK = sql<number>`bm25(product_fts, 10.0, 4.0, 1.0, 3.0, 2.0)`

type ProductCodeLists = { product_care_setting: CareSettingCode; product_integration: IntegrationCode }

/** Products whose code list (care settings or integrations) holds this code. */
const hasCode =
  <T extends keyof ProductCodeLists>(table: T, code: ProductCodeLists[T]) =>
  (eb: ExpressionBuilder<DB, 'product'>) => {
    const list: keyof ProductCodeLists = table
    return eb.exists(
      eb.selectFrom(list).select('product_id').whereRef('product_id', '=', 'product.id').where('code', '=', code),
    )
  }

export type RegisterSearchResult = Page<ProductSummary> & { sort: RegisterSort }

/**
 * Searches the register as this viewer may see it (visibleProductsWhere): without a status filter, visitors, buyers
 * and other suppliers get products with a current approval; a supplier also its own other products; coordinators and
 * admins everything. Products whose approval was withdrawn or expired are found with the status filter (`withdrawn`,
 * `expired`, or `not_approved`: no current approval). Filters combine with AND.
 * Order is deterministic: ties break on the product id. The route parses the query string with RegisterSearchSchema.
 */
export async function searchRegister(viewer: Viewer | null, search: RegisterSearch): Promise<RegisterSearchResult> {
  const db = getDb().withTables<{ product_fts: { rowid: number; product_fts: string } }>()
  const { today } = clock()
  const fts = toFtsQuery(search.q)
  const sort: RegisterSort =
    search.sort === 'relevance' && !fts ? 'name' : (search.sort ?? (fts ? 'relevance' : 'name'))
  const { page, pageSize, offset } = pageParams(search)

  // The MATCH runs once, in a subquery joined on the product id; the bound parameter is the escaped query.
  const hits = db
    .selectFrom('product_fts')
    .select([sql<number>`product_fts.rowid`.as('product_id'), RANK.as('rank')])
    .where(sql<SqlBool>`product_fts match ${fts}`)
    .as('hit')
  let base = db
    .selectFrom('product')
    .$if(fts !== null, (qb) => qb.innerJoin(hits, 'hit.product_id', 'product.id'))
    .where(visibleProductsWhere(viewer, today))
  // Filters.
  const { category, mdrClass, status } = search
  if (category !== undefined)
    base = base.where('product.category_id', '=', (eb) =>
      eb.selectFrom('category').select('id').where('slug', '=', category),
    )
  if (mdrClass !== undefined) base = base.where('product.mdr_class', '=', mdrClass)
  // Without a status the list is the register of current approvals: products whose approval was withdrawn or expired
  // are public but listed only when asked for (and to their supplier and the coordinators, who see all they may).
  if (status === undefined)
    base = base.where((eb) => eb.or([currentlyApprovedWhere(today)(eb), seesUnpublishedWhere(viewer)(eb)]))
  if (status === 'approved') base = base.where(currentlyApprovedWhere(today, ['approved']))
  if (status === 'provisionally_approved')
    base = base
      .where(currentlyApprovedWhere(today, ['provisionally_approved']))
      .where((eb) => eb.not(currentlyApprovedWhere(today, ['approved'])(eb)))
  if (status === 'withdrawn' || status === 'expired') base = base.where(endedApprovalWhere(today, [status]))
  if (status === 'not_approved') base = base.where((eb) => eb.not(currentlyApprovedWhere(today)(eb)))
  for (const code of search.careSetting ?? []) base = base.where(hasCode('product_care_setting', code))
  for (const code of search.integration ?? []) base = base.where(hasCode('product_integration', code))

  let ordered = base.select('product.id')
  if (sort === 'relevance') ordered = ordered.orderBy(sql`hit.rank`).orderBy('product.id')
  else if (sort === 'newest') ordered = ordered.orderBy('product.created_at', 'desc').orderBy('product.id', 'desc')
  else ordered = ordered.orderBy(sql`product.name collate nocase`).orderBy('product.id')

  const [{ n }, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ordered.limit(pageSize).offset(offset).execute(),
  ])
  const items = await loadProductSummaries(
    viewer,
    ids.map((r) => r.id),
    today,
  )
  return { ...toPage(items, n, page, pageSize), sort }
}
