import { describe, expect, it } from 'vitest'
import { testDb } from '../helpers/db'

describe('reference data migration', () => {
  it('loads all 357 municipalities with their population', async () => {
    const db = testDb()
    const count = await db
      .selectFrom('municipality')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(count.n).toBe(357)
    const oslo = await db.selectFrom('municipality').selectAll().where('number', '=', '0301').executeTakeFirstOrThrow()
    expect(oslo).toMatchObject({ name: 'Oslo', population: 717710, county_number: '03' })
  })

  it('loads 15 counties whose population is the sum of their municipalities', async () => {
    const db = testDb()
    const counties = await db.selectFrom('county').selectAll().execute()
    expect(counties).toHaveLength(15)
    const vestland = counties.find((c) => c.name === 'Vestland')!
    const sum = await db
      .selectFrom('municipality')
      .select((eb) => eb.fn.sum<number>('population').as('p'))
      .where('county_number', '=', vestland.number)
      .executeTakeFirstOrThrow()
    expect(vestland.population).toBe(sum.p)
    expect(vestland.population).toBeGreaterThan(600_000)
  })

  it('loads the ten welfare-technology categories in both languages', async () => {
    const categories = await testDb().selectFrom('category').selectAll().orderBy('sort_order').execute()
    expect(categories.map((c) => c.name_nb)).toEqual([
      'Trygghetsalarm og responssenter',
      'Digitalt tilsyn',
      'Fall- og hendelsesvarsling',
      'Lokaliseringsteknologi (GPS)',
      'Elektronisk medisineringsstøtte',
      'Digital hjemmeoppfølging',
      'Elektroniske dørlåser og nøkkelhåndtering',
      'Kommunikasjon og sosial kontakt',
      'Smarthus og miljøstyring',
      'Integrasjon og plattform',
    ])
    expect(categories.every((c) => c.name_en.length > 3)).toBe(true)
  })

  it('runs with foreign keys on and in WAL mode', async () => {
    const { sql } = await import('kysely')
    const db = testDb()
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)
    expect(fk.rows[0]?.foreign_keys).toBe(1)
    const wal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)
    expect(wal.rows[0]?.journal_mode).toBe('wal')
    await expect(
      db
        .insertInto('municipality')
        .values({
          number: '9999',
          name: 'Ingen',
          county_number: '99',
          population: 1,
          area_km2: 1,
          administrative_centre: 'x',
          language_form: 'x',
          website: 'x',
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/)
  })
})
