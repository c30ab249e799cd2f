import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { DB } from '../../db/schema'
import { populationBandRange, type PopulationBand } from '~/domain/population-bands'
import type { DbOrTrx } from '~/models/db.server'

// Municipalities as the procurement and experience models show and filter them.

export type MunicipalityRef = {
  number: string
  name: string
  countyNumber: string
  countyName: string
  population: number
}

/** The columns of a MunicipalityRef, for a query that joins `municipality` and its `county`. */
export const municipalityRefColumns = [
  'municipality.number',
  'municipality.name',
  'municipality.county_number',
  'county.name as county_name',
  'municipality.population',
] as const

type MunicipalityRefRow = {
  number: string
  name: string
  county_number: string
  county_name: string
  population: number
}

/** A row selected with municipalityRefColumns as a MunicipalityRef. */
export const toMunicipalityRef = (r: MunicipalityRefRow): MunicipalityRef => ({
  number: r.number,
  name: r.name,
  countyNumber: r.county_number,
  countyName: r.county_name,
  population: r.population,
})

/** Name, county and population of these municipalities. */
export async function loadMunicipalities(db: DbOrTrx, numbers: readonly string[]) {
  const unique = [...new Set(numbers)]
  if (unique.length === 0) return new Map<string, MunicipalityRef>()
  const rows = await db
    .selectFrom('municipality')
    .innerJoin('county', 'county.number', 'municipality.county_number')
    .select(municipalityRefColumns)
    .where('municipality.number', 'in', unique)
    .execute()
  return new Map(rows.map((r) => [r.number, toMunicipalityRef(r)]))
}

/** The municipality from loadMunicipalities, or its bare number where the reference data lacks it (the page still
 * shows the procurement). */
export const municipalityRefOrPlaceholder = (refs: ReadonlyMap<string, MunicipalityRef>, number: string) =>
  refs.get(number) ?? { number, name: number, countyNumber: '', countyName: '', population: 0 }

/** The numbers of these that exist in the reference data. */
export async function existingMunicipalities(db: DbOrTrx, numbers: readonly string[]) {
  if (numbers.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('municipality')
    .select('number')
    .where('number', 'in', [...numbers])
    .execute()
  return new Set(rows.map((r) => r.number))
}

/** "Municipalities like mine": a county, a population band, or both. */
export type MunicipalityFilter = { county?: string; populationBand?: PopulationBand }

export const hasMunicipalityFilter = (filter: MunicipalityFilter) => !!(filter.county || filter.populationBand)

/** The municipalities a filter selects, on `municipality`. */
export const municipalityFilterWhere =
  (filter: MunicipalityFilter) =>
  (eb: ExpressionBuilder<DB, 'municipality'>): Expression<SqlBool> => {
    const conditions: Array<Expression<SqlBool>> = []
    if (filter.county) conditions.push(eb('municipality.county_number', '=', filter.county))
    if (filter.populationBand) {
      const band = populationBandRange(filter.populationBand)
      conditions.push(eb('municipality.population', '>=', band.min))
      if (band.max !== null) conditions.push(eb('municipality.population', '<', band.max))
    }
    return eb.and(conditions)
  }
