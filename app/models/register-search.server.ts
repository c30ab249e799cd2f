import { sql, type SqlBool } from 'kysely'
import { z } from 'zod'
import { getDb } from '../../db/client'
import type { CareSettingCode, IntegrationCode, MdrClass } from '../../db/schema'
import { CARE_SETTINGS, INTEGRATIONS, MDR_CLASSES } from '~/domain/approval-workflow'
import { isCoordinatorOrAdmin, effectiveRole, type Viewer } from '~/policy/viewer'
import { loadProductSummaries, type ProductSummary } from './products.server'
import { currentApprovalExists } from '~/models/register-access.server'
import { clock } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Searching and filtering the register. Full text goes through FTS5 (migrations/2026-11-23-0300_register.ts); the
// filters are indexed lookups; the visibility rule is part of the WHERE clause, so totals and pages never count
// what the viewer may not see.

import { REGISTER_SORTS, REGISTER_STATUS_FILTERS } from '~/domain/register-search-options'

export { REGISTER_SORTS, REGISTER_STATUS_FILTERS }
export type RegisterSort = (typeof REGISTER_SORTS)[number]
/** approved: holds a current full approval · provisionally_approved: a current provisional approval and no full one
 * · not_approved: no current approval (only ever matches for suppliers' own products and for coordinators). */
export type RegisterStatusFilter = (typeof REGISTER_STATUS_FILTERS)[number]

const oneOrMany = <T extends readonly [string, ...string[]]>(codes: T) =>
  z
    .preprocess(
      (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : String(v).split(',')),
      z.array(z.enum(codes)),
    )
    .transform((list) => [...new Set(list)])
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)

/** Parses query-string values (strings, comma lists) into a RegisterSearch; unknown values are refused so the route
 * can answer 400 instead of silently showing something else. */
export const RegisterSearchInput = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  /** Category slug. */
  category: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional(),
  ),
  status: z.preprocess(blankToUndefined, z.enum(REGISTER_STATUS_FILTERS).optional()),
  mdrClass: z.preprocess(blankToUndefined, z.enum(MDR_CLASSES).optional()),
  /** Every one given must apply (AND). */
  careSetting: oneOrMany(CARE_SETTINGS).optional(),
  /** Every one given must apply (AND). */
  integration: oneOrMany(INTEGRATIONS).optional(),
  sort: z.preprocess(blankToUndefined, z.enum(REGISTER_SORTS).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).optional()),
})
export type RegisterSearch = {
  q?: string
  category?: string
  status?: RegisterStatusFilter
  mdrClass?: MdrClass
  careSetting?: CareSettingCode[]
  integration?: IntegrationCode[]
  sort?: RegisterSort
  page?: number
  pageSize?: number
}
const _searchTypesAgree: RegisterSearch = {} as z.output<typeof RegisterSearchInput>
void _searchTypesAgree

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

export type RegisterSearchResult = Page<ProductSummary> & { sort: RegisterSort }

/**
 * Searches the register as this viewer may see it: visitors, buyers and other suppliers get products with a current
 * approval; a supplier also its own other products; coordinators and admins everything. Filters combine with AND.
 * Order is deterministic: ties break on the product id. Throws on values outside the code lists: the route parses
 * the query string with RegisterSearchInput.safeParse first.
 */
export async function searchRegister(search: RegisterSearch, viewer: Viewer | null): Promise<RegisterSearchResult> {
  const parsed = RegisterSearchInput.parse(search)
  const db = getDb().withTables<{ product_fts: { rowid: number; product_fts: string } }>()
  const { today } = clock()
  const fts = toFtsQuery(parsed.q)
  const sort: RegisterSort =
    parsed.sort === 'relevance' && !fts ? 'name' : (parsed.sort ?? (fts ? 'relevance' : 'name'))
  const { page, pageSize, offset } = pageParams(parsed)

  const approvedNow = currentApprovalExists('p.id', today)
  const role = effectiveRole(viewer)

  // The MATCH runs once, in a subquery joined on the product id; the bound parameter is the escaped query.
  const hits = db
    .selectFrom('product_fts')
    .select([sql<number>`product_fts.rowid`.as('product_id'), RANK.as('rank')])
    .where(sql<SqlBool>`product_fts match ${fts}`)
    .as('hit')
  const base = db
    .selectFrom('product as p')
    .$if(fts !== null, (qb) => qb.innerJoin(hits, 'hit.product_id', 'p.id'))
    // Visibility.
    .$if(!isCoordinatorOrAdmin(viewer), (qb) =>
      qb.where((eb) =>
        role === 'supplier'
          ? eb.or([approvedNow, eb('p.supplier_organisation_id', '=', viewer!.organisationId)])
          : approvedNow,
      ),
    )
    // Filters.
    .$if(parsed.category !== undefined, (qb) =>
      qb.where('p.category_id', '=', (eb) =>
        eb.selectFrom('category').select('id').where('slug', '=', parsed.category!),
      ),
    )
    .$if(parsed.mdrClass !== undefined, (qb) => qb.where('p.mdr_class', '=', parsed.mdrClass!))
    .$if(parsed.status === 'approved', (qb) => qb.where(currentApprovalExists('p.id', today, ['approved'])))
    .$if(parsed.status === 'provisionally_approved', (qb) =>
      qb
        .where(currentApprovalExists('p.id', today, ['provisionally_approved']))
        .where((eb) => eb.not(currentApprovalExists('p.id', today, ['approved']))),
    )
    .$if(parsed.status === 'not_approved', (qb) => qb.where((eb) => eb.not(approvedNow)))
    .$if((parsed.careSetting ?? []).length > 0, (qb) =>
      qb.where((eb) =>
        eb.and(
          parsed.careSetting!.map((code) =>
            eb.exists(
              eb
                .selectFrom('product_care_setting as cs')
                .select('cs.product_id')
                .whereRef('cs.product_id', '=', 'p.id')
                .where('cs.code', '=', code),
            ),
          ),
        ),
      ),
    )
    .$if((parsed.integration ?? []).length > 0, (qb) =>
      qb.where((eb) =>
        eb.and(
          parsed.integration!.map((code) =>
            eb.exists(
              eb
                .selectFrom('product_integration as pi')
                .select('pi.product_id')
                .whereRef('pi.product_id', '=', 'p.id')
                .where('pi.code', '=', code),
            ),
          ),
        ),
      ),
    )

  let ordered = base.select('p.id')
  if (sort === 'relevance') ordered = ordered.orderBy(sql`hit.rank`).orderBy('p.id')
  else if (sort === 'newest') ordered = ordered.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc')
  else ordered = ordered.orderBy(sql`p.name collate nocase`).orderBy('p.id')

  const [{ n }, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ordered.limit(pageSize).offset(offset).execute(),
  ])
  const items = await loadProductSummaries(
    getDb(),
    ids.map((r) => r.id),
    viewer,
    today,
  )
  return { ...toPage(items, n, page, pageSize), sort }
}
