import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { DB } from '../../db/schema'
import { getDb } from '../../db/client'
import { allowedEdits, editDistance, parseQuery, toMatchExpression } from '~/domain/search-text'
import type { CareSettingCode, IntegrationCode } from '~/domain/register-codes'
import type { RegisterSearch, RegisterSort } from '~/forms/register'
import {
  currentlyApprovedWhere,
  endedApprovalWhere,
  seesUnpublishedWhere,
  visibleProductsWhere,
} from '~/policy/register'
import { acceptedParticipationWhere } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { loadProductSummaries, type ProductSummary } from './products.server'
import { clock } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'
import { publishedAggregates } from '~/models/experience-aggregates.server'
import { ChangeMemo } from '~/models/change-memo.server'
import type { ContributorBand } from '~/domain/experience-aggregates'

// Searching and filtering the register. Full text goes through FTS5 (`product_search`, filled by
// app/models/search-index.server.ts with folded, stemmed text; the query goes through the same pipeline in
// app/domain/search-text.ts); the filters are indexed lookups; the visibility rule (app/policy/register.ts
// visibleProductsWhere) is part of the WHERE clause, so totals and pages never count what the viewer may not see.

/** The FTS5 expression for what a user typed (every stem a quoted prefix term, ANDed), or null. Kept for callers
 * that only need the expression; searchRegister also corrects misspellings. */
export function toFtsQuery(input: string | undefined | null): string | null {
  return toMatchExpression(parseQuery(input).terms)
}

// bm25 weights per column: name, supplier, category, description, facts, compound tails. A match in the name or the
// supplier's name ranks first; a match inside a compound word last.
const RANK = sql<number>`bm25(product_search, 10.0, 8.0, 3.0, 1.0, 2.0, 0.3)`

type SearchTables = {
  product_search: { rowid: number; product_search: string }
  product_search_vocab: { term: string; doc: number; cnt: number }
}
type SearchDb = Kysely<DB & SearchTables>

/** Whether some indexed word starts with this stem. */
async function stemExists(db: SearchDb, term: string) {
  const row = await db
    .selectFrom('product_search_vocab')
    .select('term')
    .where('term', '>=', term)
    .where('term', '<', `${term}\u{10FFFF}`)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The indexed word nearest to a stem nothing starts with (a misspelling), or null when none is near enough. */
async function nearestStem(db: SearchDb, term: string): Promise<string | null> {
  const max = allowedEdits(term)
  if (max === 0) return null
  const candidates = await db
    .selectFrom('product_search_vocab')
    .select(['term', 'doc'])
    .where(sql<SqlBool>`length(term) between ${term.length - max} and ${term.length + max}`)
    .execute()
  let best: { term: string; distance: number; doc: number } | null = null
  for (const c of candidates) {
    const distance = editDistance(term, c.term, max)
    if (distance > max) continue
    if (!best || distance < best.distance || (distance === best.distance && c.doc > best.doc))
      best = { term: c.term, distance, doc: c.doc }
  }
  return best?.term ?? null
}

/** The query's stems with misspelt ones replaced by the nearest indexed word; `corrected` lists the replacements. */
async function correctTerms(db: SearchDb, terms: readonly string[]) {
  const corrected: Array<{ from: string; to: string }> = []
  const result: string[] = []
  for (const term of terms) {
    if (await stemExists(db, term)) {
      result.push(term)
      continue
    }
    const nearest = await nearestStem(db, term)
    if (nearest) corrected.push({ from: term, to: nearest })
    result.push(nearest ?? term)
  }
  return { terms: result, corrected }
}

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

/** What helps choose from the list: how many municipalities use the product, and its public rating. */
export type RegisterListFacts = {
  /** Distinct municipalities with the product in a procurement they take part in, not ended (public information). */
  municipalityCount: number
  /** The overall rating and the share recommending it, as last published in steps (decision 010), for everyone:
   * the list never shows live figures. Null until published. */
  publicRating: { overall: number; recommendYes: number; band: ContributorBand; publishedAt: string } | null
}

export type RegisterListItem = ProductSummary & RegisterListFacts

/**
 * Distinct municipalities using the product (an accepted participation, not ended), for `product` in the outer query.
 * Accepted only (rule participation-accepted): a pending invitation, a declined or a left municipality is counted
 * nowhere, and counting it here showed every visitor that the lead had invited someone.
 */
const usageCount = (eb: ExpressionBuilder<DB, 'product'>) =>
  eb
    .selectFrom('procurement_product')
    .innerJoin(
      'procurement_participant',
      'procurement_participant.procurement_id',
      'procurement_product.procurement_id',
    )
    .select((c) => c.fn.count<number>('procurement_participant.municipality_number').distinct().as('n'))
    .whereRef('procurement_product.product_id', '=', 'product.id')
    .where(acceptedParticipationWhere)
    .where('procurement_participant.phase', '<>', 'ended')

/** The published overall rating (newest step), for `product` in the outer query; null until published. */
const publishedOverall = sql<number | null>`(
  select f.value from public_aggregate_figure f
  where f.product_id = product.id and f.figure = 'overall'
  order by f.id desc limit 1)`

async function listFacts(ids: readonly number[]): Promise<Map<number, RegisterListFacts>> {
  const db = getDb()
  const [usage, published] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('product')
          .select((eb) => ['product.id', usageCount(eb).as('n')])
          .where('product.id', 'in', [...ids])
          .execute(),
    publishedAggregates(db, ids),
  ])
  const counts = new Map(usage.map((u) => [u.id, u.n]))
  return new Map(
    ids.map((id) => {
      const p = published.get(id)
      const overall = p?.dimensions.find((d) => d.dimension === 'overall')?.mean ?? null
      return [
        id,
        {
          municipalityCount: counts.get(id) ?? 0,
          publicRating:
            p && overall !== null
              ? {
                  overall,
                  recommendYes: p.recommendation.yes.share,
                  band: p.contributorBand,
                  publishedAt: p.publishedAt,
                }
              : null,
        },
      ]
    }),
  )
}

export type RegisterSearchResult = Page<RegisterListItem> & {
  /** The order used: relevance only when `relevance` holds, whatever was asked for. */
  sort: RegisterSort
  /** The search text gave words to match, so the hits have a relevance to be ordered by. */
  relevance: boolean
  /** What the search did with the text: cut to its first MAX_QUERY_LENGTH characters, misspelt words replaced. */
  query: { trimmed: boolean; corrected: Array<{ from: string; to: string }> }
}

/**
 * Searches the register as this viewer may see it (visibleProductsWhere): without a status filter, visitors, buyers
 * and other suppliers get products with a current approval; a supplier also its own other products; coordinators and
 * admins everything. Products whose approval was withdrawn or expired are found with the status filter (`withdrawn`,
 * `expired`, or `not_approved`: no current approval). Filters combine with AND.
 * Order is deterministic: ties break on the product id. The route parses the query string with RegisterSearchSchema.
 */
// Counting the hits checks every matching product's approval, so it grows with the register (the public API list and
// the register page on a cache miss paid ~10 ms for it at ten times national size), while the page of hits stops at
// its size. The public count is the same for every visitor, so it is kept until the database changes (ChangeMemo:
// exact, dropped on any write) and keyed on the date, as approvals end on their last day.
const publicCounts = new ChangeMemo<number>(1_000)

export async function searchRegister(viewer: Viewer | null, search: RegisterSearch): Promise<RegisterSearchResult> {
  const db: SearchDb = getDb().withTables<SearchTables>()
  const { today } = clock()
  const parsed = parseQuery(search.q)
  const { terms, corrected } = await correctTerms(db, parsed.terms)
  const fts = toMatchExpression(terms)
  // Without words to match there is no relevance: a shared link with sortering=relevance and no text, or text of
  // punctuation only, gets the default order (by name) instead of an error.
  const sort: RegisterSort =
    search.sort === 'relevance' && !fts ? 'name' : (search.sort ?? (fts ? 'relevance' : 'name'))
  const { page, pageSize, offset } = pageParams(search)

  // The MATCH runs once, in a subquery joined on the product id; the bound parameter is the escaped query.
  const hits = db
    .selectFrom('product_search')
    .select([sql<number>`product_search.rowid`.as('product_id'), RANK.as('rank')])
    .where(sql<SqlBool>`product_search match ${fts}`)
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
  else if (sort === 'usage')
    ordered = ordered
      .orderBy((eb) => usageCount(eb), 'desc')
      .orderBy('product.name_sort')
      .orderBy('product.id')
  else if (sort === 'rating')
    ordered = ordered
      .orderBy(sql`${publishedOverall} is null`)
      .orderBy(publishedOverall, 'desc')
      .orderBy('product.name_sort')
      .orderBy('product.id')
  else if (sort === 'newest') ordered = ordered.orderBy('product.created_at', 'desc').orderBy('product.id', 'desc')
  else ordered = ordered.orderBy('product.name_sort').orderBy('product.name').orderBy('product.id')

  const count = () =>
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n)
  // A visitor's count is everyone's: kept until the data or the date changes (see publicCounts).
  const publicKey =
    viewer === null
      ? JSON.stringify([today, fts, category, mdrClass, status, search.careSetting, search.integration])
      : null
  const [n, ids] = await Promise.all([
    publicKey === null ? count() : publicCounts.get(publicKey, count),
    ordered.limit(pageSize).offset(offset).execute(),
  ])
  const items = await loadProductSummaries(
    viewer,
    ids.map((r) => r.id),
    today,
  )
  const facts = await listFacts(items.map((i) => i.id))
  const listed = items.map((i) => ({
    ...i,
    ...(facts.get(i.id) ?? { municipalityCount: 0, publicRating: null }),
  }))
  return {
    ...toPage(listed, n, page, pageSize),
    sort,
    relevance: fts !== null,
    // A correction is named only when it found something the viewer may see: the index's words include those of
    // products the viewer may not see, and naming such a word would reveal it. (A misspelt word matches nothing, so
    // without hits the search found nothing either way.)
    query: { trimmed: parsed.trimmed, corrected: n > 0 ? corrected : [] },
  }
}
