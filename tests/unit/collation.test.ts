import { describe, expect, it } from 'vitest'
import { testDb } from '../helpers/db'

// The stored Norwegian sort keys (name_sort, migrations 2026-12-02-1650 and -1651) order names as Intl.Collator('nb')
// does: a … z, then æ, ø, å; «aa» as å; case and accents ignored.

const collator = new Intl.Collator('nb')

describe('name_sort', () => {
  it('orders all 357 municipalities as Intl.Collator("nb") does', async () => {
    const rows = await testDb()
      .selectFrom('municipality')
      .select('name')
      .orderBy('name_sort')
      .orderBy('number')
      .execute()
    const names = rows.map((r) => r.name)
    expect(names).toHaveLength(357)
    expect(names).toEqual([...names].sort(collator.compare))
    expect(names.at(-1)).toBe('Åsnes')
  })

  it('orders counties with Østfold last', async () => {
    const rows = await testDb().selectFrom('county').select('name').orderBy('name_sort').execute()
    expect(rows.map((r) => r.name).at(-1)).toBe('Østfold')
  })

  it('orders tricky names as Intl.Collator("nb") does', async () => {
    const names = [
      'Åse',
      'Aase',
      'Ærlig',
      'Ärlig',
      'Øystein',
      'Örn',
      'Zorro',
      'Émile',
      'Emil',
      'ebbe',
      'Übel',
      'Yngve',
      'Gáivuotna',
      'Gamvik',
      'Kárášjohka',
      'Karasjok',
      'Abel',
    ]
    // Rows of their own in this test file's database, sorted by the same generated column.
    const db = testDb()
    await db
      .insertInto('county')
      .values(names.map((name, i) => ({ number: `x${i}`, name, population: 0 })))
      .execute()
    const rows = await db
      .selectFrom('county')
      .select('name')
      .where('number', 'like', 'x%')
      .orderBy('name_sort')
      .execute()
    // Names equal but for accents («Ärlig», «Ærlig») may come in either order; everything else as the collator says.
    const base = new Intl.Collator('nb', { sensitivity: 'base' })
    const got = rows.map((r) => r.name)
    expect(got).toHaveLength(names.length)
    for (let i = 1; i < got.length; i++)
      expect(base.compare(got[i - 1] ?? '', got[i] ?? ''), got.join(', ')).toBeLessThanOrEqual(0)
  })
})
