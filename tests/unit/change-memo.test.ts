import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentChangeToken, getDb } from '../../db/client'
import { ChangeMemo } from '../../app/models/change-memo.server'
import { productBenefits } from '../../app/models/benefit-overview.server'
import { compareProductExperience } from '../../app/models/product-experience.server'
import type { Viewer } from '../../app/policy/viewer'
import { municipalitiesInBand, municipalityBenefit } from '../helpers/benefit-fixtures'
import { testDb } from '../helpers/db'
import { supplierWithProduct } from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator } from '../helpers/register-fixtures'
import { getSessionState } from '../../app/utils/auth.server'
import { sessionFor } from '../helpers/accounts'

// Live figures are kept in memory between writes (app/models/change-memo.server.ts). A buyer must never see a figure
// older than the data: every write of this process and every commit of another process shows at once. And with many
// users signed in, their sessions' writes (a touch once a minute each, sign-ins, the audit log) must not empty them.

let productId: number
let reader: Viewer
let measurementIds: number[] = []

beforeAll(async () => {
  const coordinator = await createCoordinator()
  ;({ productId } = await supplierWithProduct('Minne AS', 'Minne Dispenser', coordinator))
  reader = (await createBuyer('0301')).viewer
  for (const [i, m] of (await municipalitiesInBand('5000_20000', 3)).entries()) {
    const made = await municipalityBenefit(
      m,
      { productId, indicator: 'home_visits_per_month', hoursPerUnit: 0.5, baseline: 600, area: 2 },
      [{ value: 420 + i * 10, status: 'realised' }],
    )
    measurementIds = [...measurementIds, ...made.measurementIds]
  }
})

const median = async () =>
  (await productBenefits(reader, [productId])).get(productId)?.figures.find((f) => f.basis === 'realised')
    ?.medianImprovementPercent

describe('memo of live figures', () => {
  it('shows a write of this process at the next read', async () => {
    expect(await median()).toBe(Math.round(((600 - 430) / 600) * 100))
    expect(await median()).toBe(Math.round(((600 - 430) / 600) * 100))
    await testDb().updateTable('benefit_measurement').set({ value: 300 }).where('id', 'in', measurementIds).execute()
    expect(await median()).toBe(50)
  })

  it('shows a commit of another process at the next read', async () => {
    const token = contentChangeToken()
    expect(contentChangeToken()).toBe(token)
    const other = new Database(process.env.DATABASE_PATH as string)
    try {
      other
        .prepare(`update benefit_measurement set value = 150 where id in (${measurementIds.map(() => '?').join(',')})`)
        .run(...measurementIds)
    } finally {
      other.close()
    }
    expect(contentChangeToken()).not.toBe(token)
    expect(await median()).toBe(75)
  })

  it('shows a procurement that dropped the product in the compare counts at the next read', async () => {
    const using = async () => (await compareProductExperience(reader, [productId]))[0]?.municipalitiesUsing
    expect(await using()).toBe(3)
    expect(await using()).toBe(3)
    const procurement = await testDb()
      .selectFrom('procurement_product')
      .select('procurement_id')
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow()
    // A product that benefit records are about stays in its procurement (a trigger): those records name no product
    // first.
    await testDb()
      .updateTable('benefit')
      .set({ product_id: null })
      .where('procurement_id', '=', procurement.procurement_id)
      .execute()
    await testDb()
      .deleteFrom('procurement_product')
      .where('procurement_id', '=', procurement.procurement_id)
      .where('product_id', '=', productId)
      .execute()
    expect(await using()).toBe(2)
  })

  it('shares one read between callers that ask at the same time, and reads again after a write', async () => {
    const memo = new ChangeMemo<number>(10)
    let reads = 0
    const load = async () => {
      reads += 1
      await new Promise((r) => setTimeout(r, 5))
      return reads
    }
    expect(await Promise.all([memo.get('k', load), memo.get('k', load)])).toEqual([1, 1])
    expect(reads).toBe(1)
    await testDb().updateTable('benefit_measurement').set({ value: 151 }).where('id', '=', measurementIds[0]!).execute()
    expect(await memo.get('k', load)).toBe(2)
  })
})

/** Runs one statement from another process, as another worker (or a command-line script) would. */
function elsewhere(statement: string, ...params: unknown[]) {
  const other = new Database(process.env.DATABASE_PATH as string)
  try {
    other.prepare(statement).run(...params)
  } finally {
    other.close()
  }
}

describe('memo keyed on the content', () => {
  const counting = () => {
    let reads = 0
    return { load: async () => (reads += 1), reads: () => reads }
  }

  it('keeps its values through session, sign-in and audit writes of this process and of another', async () => {
    const memo = new ChangeMemo<number>(10)
    const { load, reads } = counting()
    expect(await memo.get('k', load)).toBe(1)
    await sessionFor(reader.userId)
    await testDb()
      .insertInto('rate_limit_event')
      .values({ key: 'memo-test', created_at: new Date().toISOString() })
      .execute()
    elsewhere(
      'insert into rate_limit_event (key, created_at) values (?, ?)',
      'memo-elsewhere',
      new Date().toISOString(),
    )
    elsewhere("update session set last_seen_at = last_seen_at || '' where user_id = ?", reader.userId)
    expect(await memo.get('k', load)).toBe(1)
    expect(reads()).toBe(1)
    // Sanity: a content write does drop it.
    elsewhere("update assessment_criterion set name_nb = name_nb || ' '")
    expect(await memo.get('k', load)).toBe(2)
  })

  it('neither serves nor stores while the shared connection is inside a transaction', async () => {
    const memo = new ChangeMemo<number>(10)
    const { load, reads } = counting()
    expect(await memo.get('k', load)).toBe(1)
    let during: Promise<number> | undefined
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('assessment_criterion').set({ name_en: 'x' }).where('code', '=', 'no-such-code').execute()
        during = memo.get('k', load)
        await trx
          .insertInto('rate_limit_event')
          .values({ key: 'in-trx', created_at: new Date().toISOString() })
          .execute()
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await during).toBe(2)
    expect(await memo.get('k', load)).toBe(1)
    expect(reads()).toBe(2)
  })
})

describe('memo of sessions', () => {
  it("notices another process's sign-out at the next request, though the content did not change", async () => {
    const cookie = await sessionFor(reader.userId)
    const state = () => getSessionState(new Request('http://localhost/', { headers: { cookie } }))
    expect((await state()).kind).toBe('signed_in')
    expect((await state()).kind).toBe('signed_in')
    const before = contentChangeToken()
    elsewhere('delete from session where user_id = ?', reader.userId)
    expect(contentChangeToken()).toBe(before)
    expect((await state()).kind).toBe('none')
  })
})
