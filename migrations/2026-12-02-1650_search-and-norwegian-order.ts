import { sql, type Kysely } from 'kysely'

// Findability (issue 13).
//
// 1. The register's full-text index is rebuilt as `product_search`, filled by the application
//    (app/models/search-index.server.ts reindexProduct, called from every model write, and rebuildSearchIndex at
//    start-up and after the demo seed), no longer by SQL triggers: the indexed text is folded (æ→ae, ø→o, å→a,
//    accents) and stemmed with the Norwegian Snowball stemmer, which SQL cannot do. Columns: name, supplier, category,
//    description (short and full description, intended users) and facts (standards, integrations, care settings,
//    regulatory facts), and parts (the tails of compound words, «fallsensor» → «sensor»). `product_search_vocab` lists the indexed words, for "did you mean".
// 2. Norwegian alphabetical order: `name_sort` on product, organisation and user, a generated column whose value sorts
//    byte by byte in the order of Intl.Collator('nb') (a … z, æ, ø, å; «aa» as å; case and accents ignored; see
//    tests/unit/collation.test.ts). It is computed by SQLite from the name, so no write can forget it, and indexed,
//    so paging by it is cheap and stable.

/** Lower-cased, accent-free, with æ ø å (and ä ö, «aa») mapped to the three code points after z. SQLite's lower()
 * folds ASCII only, so the Norwegian and Sami letters are replaced in both cases (at most 22 nested replace() calls:
 * older sqlite3 shells refuse deeper expressions in a schema). Repeated on purpose in the later migration that adds
 * it to municipality: a migration never imports shared code. */
function norwegianSortKeySql(column: string): string {
  const map: Array<[string, string]> = [
    ['aa', '}'],
    ['Æ', '{'],
    ['æ', '{'],
    ['Ä', '{'],
    ['ä', '{'],
    ['Ø', '|'],
    ['ø', '|'],
    ['Ö', '|'],
    ['ö', '|'],
    ['Å', '}'],
    ['å', '}'],
    ['ü', 'y'],
    ['Á', 'a'],
    ['á', 'a'],
    ['É', 'e'],
    ['é', 'e'],
    ['č', 'c'],
    ['š', 's'],
    ['ŋ', 'n'],
    ['đ', 'd'],
    ['ŧ', 't'],
    ['Ü', 'y'],
  ]
  let expression = `lower(trim(${column}))`
  for (const [from, to] of map) expression = `replace(${expression}, '${from}', '${to}')`
  return expression
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists product_fts_insert`.execute(db)
  await sql`drop trigger if exists product_fts_update`.execute(db)
  await sql`drop trigger if exists product_fts_delete`.execute(db)
  await sql`drop trigger if exists organisation_name_product_fts`.execute(db)
  await sql`drop trigger if exists category_name_product_fts`.execute(db)
  await sql`drop table if exists product_fts`.execute(db)

  await sql`create virtual table product_search using fts5(
              name, supplier, category, description, facts, parts,
              tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')`.execute(db)
  await sql`create virtual table product_search_vocab using fts5vocab(product_search, 'row')`.execute(db)

  for (const table of ['product', 'organisation', 'user']) {
    await sql
      .raw(
        `alter table "${table}" add column name_sort text generated always as (${norwegianSortKeySql('name')}) virtual`,
      )
      .execute(db)
    await sql.raw(`create index "${table}_name_sort_idx" on "${table}" (name_sort, id)`).execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['product', 'organisation', 'user']) {
    await sql.raw(`drop index if exists "${table}_name_sort_idx"`).execute(db)
    await sql.raw(`alter table "${table}" drop column name_sort`).execute(db)
  }
  await sql`drop table if exists product_search_vocab`.execute(db)
  await sql`drop table if exists product_search`.execute(db)
}
