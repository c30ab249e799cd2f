import type Database from 'better-sqlite3'
import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openGeneratedDatabase } from '../helpers/generated-db'
import type { DB } from '../../db/schema'
import {
  ALL_CELLS,
  countedMeasurements,
  refreshAllPublicBenefitFigures,
  slicesThatMayStep,
  type BenefitFigureSlices,
} from '~/models/benefit-aggregates.server'
import { bandCandidate, cellCandidates, productCandidates, type BenefitFigureCandidate } from '~/domain/benefit-figures'
import { AGGREGATE_MIN_MUNICIPALITIES, newContributors } from '~/domain/experience-aggregates'
import { POPULATION_BANDS, type PopulationBand } from '~/domain/population-bands'

// A benefit measurement write refreshes the public figures of its cell, product and band, and skips the slices in
// which no figure can take a step without reading their measurements (slicesThatMayStep). Skipping must never hide a
// step: a slice is left out only when no figure of it has three municipalities that no publication of it counted
// (decideStep's first test). For cells and bands the pre-check is exact on real data (else every write would read the
// slice anyway; a band's also counts a municipality without inhabitants, which has none); for products it may keep a
// slice that then takes no step. Checked on generated data, after random writes
// that add new contributors, old price years, superseded measurements, benefits moved between cells and withdrawn publications.

let generated: Awaited<ReturnType<typeof openGeneratedDatabase>>
let sqlite: Database.Database
let db: Kysely<DB>

beforeAll(async () => {
  generated = await openGeneratedDatabase(11)
  ;({ sqlite, db } = generated)
}, 180_000)

afterAll(() => generated?.close())

/** Whether any candidate has enough municipalities that no publication of its figure counted. */
async function anyCanStep(candidates: readonly BenefitFigureCandidate[]) {
  for (const candidate of candidates) {
    const ever = sqlite
      .prepare(
        `select distinct c.municipality_number as m from public_benefit_contributor c
         join public_benefit_figure f on f.id = c.figure_id where f.figure_key = ?`,
      )
      .all(candidate.key) as Array<{ m: string }>
    const fresh = newContributors(candidate.contributions, new Set(ever.map((r) => r.m)))
    if (fresh.length >= AGGREGATE_MIN_MUNICIPALITIES) return true
  }
  return false
}

/** The slices where a step is possible, from every counted measurement (what the pre-check avoids reading). */
async function slicesThatCanStep(productIds: readonly number[]): Promise<BenefitFigureSlices> {
  const cells = []
  for (const cell of ALL_CELLS)
    if (await anyCanStep(cellCandidates(await countedMeasurements(db, cell)))) cells.push(cell)
  const productsThatCan = []
  for (const id of productIds)
    if (await anyCanStep(productCandidates(id, await countedMeasurements(db, { productId: id }))))
      productsThatCan.push(id)
  const bands: PopulationBand[] = []
  for (const { code } of POPULATION_BANDS) {
    const candidate = bandCandidate(code, await countedMeasurements(db, { populationBand: code, basis: 'realised' }))
    if (candidate && (await anyCanStep([candidate]))) bands.push(code)
  }
  return { cells, productIds: productsThatCan, bands }
}

async function checkPrecheck() {
  const productIds = (
    sqlite
      .prepare('select distinct product_id as id from benefit where product_id is not null order by 1')
      .all() as Array<{
      id: number
    }>
  ).map((r) => r.id)
  const truth = await slicesThatCanStep(productIds)
  const kept = await slicesThatMayStep(db, {
    cells: [...ALL_CELLS],
    productIds,
    bands: POPULATION_BANDS.map((b) => b.code),
  })
  expect(kept.cells).toEqual(truth.cells)
  expect(kept.bands).toEqual(truth.bands)
  for (const id of truth.productIds) expect(kept.productIds).toContain(id)
  return truth
}

const pick = <T>(rows: T[], n: number): T => rows[n % rows.length] as T

describe('the pre-check before a benefit figure refresh', () => {
  it('leaves out exactly the cells and bands where no figure can step, and never a product that can', async () => {
    // As generated: the generator publishes what it can, so little is left to step.
    await checkPrecheck()
    // Withdraw publications: their figures' contributors are new again.
    sqlite.exec(`delete from public_benefit_figure where id in (select id from public_benefit_figure where id % 3 = 0)`)
    const afterWithdrawal = await checkPrecheck()
    expect(afterWithdrawal.cells.length + afterWithdrawal.bands.length).toBeGreaterThan(0)
    // Catching up publishes what can step: afterwards nothing can, and the pre-check says so.
    await refreshAllPublicBenefitFigures(db, '2026-12-02T00:00:00.000Z')
    const caughtUp = await checkPrecheck()
    expect(caughtUp.cells).toEqual([])
    expect(caughtUp.bands).toEqual([])

    const benefits = sqlite
      .prepare(
        `select b.id, b.created_by from benefit b where b.baseline_value is not null and exists
         (select 1 from benefit_measurement m where m.benefit_id = b.id and m.status != 'planned') order by b.id`,
      )
      .all() as Array<{ id: number; created_by: number }>
    const moneyBenefits = sqlite
      .prepare(`select id, created_by from benefit where indicator = 'nok_per_year' and baseline_value is not null`)
      .all() as Array<{ id: number; created_by: number }>
    expect(moneyBenefits.length).toBeGreaterThan(0)
    const insertMeasurement = sqlite.prepare(
      `insert into benefit_measurement (benefit_id, value, period_start, period_end, method, status, uncertainty,
       reported_by, price_year, created_by) values (?, ?, ?, ?, 'estimate', ?, 'high', 'municipality', ?, ?)`,
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom('measurement', 'money', 'withdraw', 'move'),
            which: fc.nat(),
            status: fc.constantFrom('realised', 'estimated'),
            // Later and earlier than the generated measurements: a new latest, or an older one that does not count.
            periodEnd: fc.constantFrom('2019-06-30', '2027-06-30'),
            priceYear: fc.constantFrom(2019, 2024, 2026),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (writes) => {
          sqlite.exec('savepoint writes')
          try {
            for (const w of writes) {
              if (w.kind === 'measurement' || w.kind === 'money') {
                const b = w.kind === 'money' ? pick(moneyBenefits, w.which) : pick(benefits, w.which)
                insertMeasurement.run(b.id, 1, w.periodEnd, w.periodEnd, w.status, w.priceYear, b.created_by)
              } else if (w.kind === 'withdraw') {
                const figures = sqlite.prepare('select id from public_benefit_figure order by id').all() as Array<{
                  id: number
                }>
                if (figures.length)
                  sqlite.prepare('delete from public_benefit_figure where id = ?').run(pick(figures, w.which).id)
              } else {
                // Moved to another category and area: it leaves one cell's figures and joins another's.
                const cell = pick([...ALL_CELLS], w.which)
                sqlite
                  .prepare('update benefit set category = ?, area = ? where id = ?')
                  .run(cell.category, cell.area, pick(benefits, w.which >> 3).id)
              }
            }
            await checkPrecheck()
          } finally {
            sqlite.exec('rollback to writes; release writes')
          }
        },
      ),
      { numRuns: 12, seed: 20261203 },
    )
  }, 120_000)
})
