import { sql, type Kysely } from 'kysely'
import { readFileSync } from 'node:fs'

// Every official name form of every municipality (issue 13). 22 municipalities have names in more than one language;
// the 2025 reference file gave only one of them (for Kautokeino only «Guovdageaidnu»), so a buyer in Kautokeino
// could not find the municipality at sign-up. Source: Statistics Norway's classification of municipalities (KLASS
// 131, valid from 2024-01-01), copied into db/reference/municipality-names-2024.json with its source note.
//
// - `municipality.name` becomes the official name as written, e.g. «Guovdageaidnu - Kautokeino».
// - `municipality_name` lists each form with its language (ISO 639-3), for searching by any of them; every
//   municipality has at least its one name there.
// - `name_sort` on municipality and county: the Norwegian sort key (as migration 2026-12-02-1650 adds to product,
//   organisation and user; the expression is repeated here on purpose, a migration never imports shared code).

type Names = { municipalities: Array<{ number: string; official: string; forms: Array<[string, string]> }> }

const languages = ['nob', 'sme', 'smj', 'sma', 'fkv']

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
  const source = JSON.parse(
    readFileSync(new URL('../db/reference/municipality-names-2024.json', import.meta.url), 'utf8'),
  ) as Names

  await db.schema
    .createTable('municipality_name')
    .addColumn('municipality_number', 'text', (c) => c.notNull().references('municipality.number'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) =>
      c.notNull().check(sql`language in (${sql.join(languages.map((l) => sql.lit(l)))})`),
    )
    .addPrimaryKeyConstraint('municipality_name_pk', ['municipality_number', 'position'])
    .execute()

  const existing = await db.selectFrom('municipality').select(['number', 'name']).execute()
  const known = new Map(source.municipalities.map((m) => [m.number, m]))
  for (const m of existing) {
    const official = known.get(m.number)
    if (official) {
      await db.updateTable('municipality').set({ name: official.official }).where('number', '=', m.number).execute()
      await db
        .insertInto('municipality_name')
        .values(
          official.forms.map(([name, language], i) => ({
            municipality_number: m.number,
            position: i + 1,
            name,
            language,
          })),
        )
        .execute()
    } else {
      await db
        .insertInto('municipality_name')
        .values({ municipality_number: m.number, position: 1, name: m.name, language: 'nob' })
        .execute()
    }
  }

  for (const table of ['municipality', 'county']) {
    await sql
      .raw(
        `alter table "${table}" add column name_sort text generated always as (${norwegianSortKeySql('name')}) virtual`,
      )
      .execute(db)
    await sql.raw(`create index "${table}_name_sort_idx" on "${table}" (name_sort, number)`).execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['municipality', 'county']) {
    await sql.raw(`drop index if exists "${table}_name_sort_idx"`).execute(db)
    await sql.raw(`alter table "${table}" drop column name_sort`).execute(db)
  }
  const first = await db
    .selectFrom('municipality_name')
    .select(['municipality_number', 'name'])
    .where('position', '=', 1)
    .execute()
  for (const f of first)
    await db.updateTable('municipality').set({ name: f.name }).where('number', '=', f.municipality_number).execute()
  await db.schema.dropTable('municipality_name').execute()
}
