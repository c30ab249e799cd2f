import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { ensureSearchIndex } from '../../app/models/search-index.server'
import { searchRegister } from '../../app/models/register-search.server'
import { seedDemo } from '../helpers/parity'

// Start-up does no work per product while the writes keep the index complete, and rebuilds it when it is not (data
// from before the index, or a migration that emptied it after a change to what is indexed).
describe('the search index at start-up', () => {
  it('is left alone when complete, and rebuilt when it lacks products', async () => {
    await seedDemo()
    const db = getDb()
    expect(await db.transaction().execute((trx) => ensureSearchIndex(trx))).toBe(0)
    await sql`delete from product_search`.execute(db)
    expect((await searchRegister(null, { q: 'trygghetsalarm' })).total).toBe(0)
    const products = await db
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(await db.transaction().execute((trx) => ensureSearchIndex(trx))).toBe(products.n)
    expect((await searchRegister(null, { q: 'trygghetsalarm' })).total).toBeGreaterThan(0)
  })
})
