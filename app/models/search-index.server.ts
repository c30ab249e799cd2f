import { sql } from 'kysely'
import { compoundTails, indexText } from '~/domain/search-text'
import { messagesFor, type MessageKey } from '~/i18n'
import type { DbOrTrx } from '~/models/db.server'
import { movePublicDataVersion } from '../../db/public-data-version'

// The register's full-text index (`product_search`, migrations/2026-12-02-1650_search-and-norwegian-order.ts).
// Every text goes through the same pipeline as the queries (app/domain/search-text.ts: fold, then Norwegian stem).
// One function writes a product's row: reindexProduct, called in the transaction of every model write that changes
// what is indexed (the product, its codes, its versions, and syncProductFacts when an approval changes which
// version's facts the product shows), so the index never lags behind. rebuildSearchIndex rewrites every row: after
// the demo seed, which writes through SQL, and at start-up only when the index does not hold one row per product
// (ensureSearchIndex). A change to what is indexed or how (app/domain/search-text.ts) ships with a migration that
// empties product_search, so the next start rebuilds it.
//
// Only a product's public fields are indexed, never a version's release notes or anything the product page would not
// show: the search finds what the visitor may see (visibility is applied by the query, app/policy/register.ts).

/** Both languages' labels of a code list entry, so that «hjemmetjenester» and «home care» both find it. */
function labels(key: MessageKey): string {
  return `${messagesFor('nb')[key]} ${messagesFor('en')[key]}`
}

/** The indexed columns of one product, or null when it does not exist. */
async function productDocument(db: DbOrTrx, productId: number) {
  const p = await db
    .selectFrom('product')
    .innerJoin('organisation', 'organisation.id', 'product.supplier_organisation_id')
    .innerJoin('category', 'category.id', 'product.category_id')
    .select([
      'product.id',
      'product.name',
      'product.short_description',
      'product.description',
      'product.intended_users',
      'product.ce_marked',
      'product.intended_use',
      'product.mdr_class',
      'product.data_storage_location',
      'product.dpia_template_available',
      'product.dpa_available',
      'product.universal_design',
      'product.standards',
      'organisation.name as supplier',
      'category.name_nb',
      'category.name_en',
    ])
    .where('product.id', '=', productId)
    .executeTakeFirst()
  if (!p) return null
  const [care, integrations] = await Promise.all([
    db.selectFrom('product_care_setting').select('code').where('product_id', '=', productId).execute(),
    db.selectFrom('product_integration').select('code').where('product_id', '=', productId).execute(),
  ])
  // Standards and integrations are approval facts: when they move to the version, take them from the version the
  // public label names (app/domain/approval-label.ts) here, and nowhere else.
  const facts = [
    p.standards,
    ...integrations.map((i) => labels(`integration.${i.code}`)),
    ...care.map((c) => labels(`careSetting.${c.code}`)),
    // Only what a product is: «ikke medisinsk utstyr» would make every such product a hit for «medisin».
    p.mdr_class === 'none' ? '' : `MDR medisinsk utstyr medical device ${labels(`mdr.${p.mdr_class}`)}`,
    p.ce_marked ? 'CE CE-merket CE-merking CE marked' : '',
    p.intended_use ? labels(`intendedUse.${p.intended_use}`) : '',
    p.data_storage_location,
    p.dpia_template_available ? 'DPIA personvernkonsekvensvurdering' : '',
    p.dpa_available ? 'databehandleravtale data processing agreement' : '',
    p.universal_design ? `universell utforming universal design ${p.universal_design}` : '',
  ]
  return {
    rowid: p.id,
    name: indexText(p.name),
    supplier: indexText(p.supplier),
    category: indexText(`${p.name_nb} ${p.name_en}`),
    description: indexText([p.short_description, p.description, p.intended_users].filter(Boolean).join(' ')),
    facts: indexText(facts.filter(Boolean).join(' ')),
    parts: compoundTails(
      [p.name, p.short_description, p.description, p.intended_users, p.name_nb, ...facts].filter(Boolean).join(' '),
    ),
  }
}

/** Writes one product's row of the index (or removes it, when the product is gone). Call it in the transaction of
 * the write. */
export async function reindexProduct(db: DbOrTrx, productId: number): Promise<void> {
  const doc = await productDocument(db, productId)
  await sql`delete from product_search where rowid = ${productId}`.execute(db)
  if (!doc) return
  await sql`insert into product_search (rowid, name, supplier, category, description, facts, parts)
            values (${doc.rowid}, ${doc.name}, ${doc.supplier}, ${doc.category}, ${doc.description}, ${doc.facts},
                    ${doc.parts})`.execute(db)
}

/** Rewrites the whole index. Returns the number of products indexed. */
export async function rebuildSearchIndex(db: DbOrTrx): Promise<number> {
  const ids = await db.selectFrom('product').select('id').orderBy('id').execute()
  await sql`delete from product_search`.execute(db)
  for (const { id } of ids) await reindexProduct(db, id)
  // Search answers (and their counts, kept in memos) may change with no product row written.
  await movePublicDataVersion(db)
  return ids.length
}

/** At start-up: rebuilds the index only when it does not hold one row per product (data from before it existed, or
 * a migration that emptied it); otherwise the writes have kept it up to date and start-up does no work per product. */
export async function ensureSearchIndex(db: DbOrTrx): Promise<number> {
  const [indexed, products] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from product_search`.execute(db),
    db
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  if ((indexed.rows[0]?.n ?? 0) === products.n) return 0
  return rebuildSearchIndex(db)
}
