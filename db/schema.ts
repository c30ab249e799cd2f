import type { Generated, Selectable } from 'kysely'

// Hand-written types of SQLite's runtime values (booleans 0/1, timestamps ISO text).
// tests/unit/schema-types.test.ts compares them with PRAGMA table_info so they cannot drift.

export interface CountyTable {
  number: string
  name: string
  population: number
}

export interface MunicipalityTable {
  number: string
  name: string
  county_number: string
  population: number
  area_km2: number
  administrative_centre: string
  language_form: string
  website: string
}

export interface CategoryTable {
  id: Generated<number>
  slug: string
  name_nb: string
  name_en: string
  sort_order: number
}

export interface DB {
  county: CountyTable
  municipality: MunicipalityTable
  category: CategoryTable
}

export type County = Selectable<CountyTable>
export type Municipality = Selectable<MunicipalityTable>
export type Category = Selectable<CategoryTable>
