import { sql, type Kysely } from 'kysely'
import { readFileSync } from 'node:fs'

// Reference data every environment needs. The JSON is copied from the shared reference data; see db/reference/README.md.
type SourceMunicipality = {
  number: string
  name: string
  countyNumber: string
  county: string
  population: number
  areaKm2: number
  administrativeCentre: string
  officialLanguageForm: string
  website: string
}

const categories: Array<[slug: string, nameNb: string, nameEn: string]> = [
  ['trygghetsalarm', 'Trygghetsalarm og responssenter', 'Social alarms and response centres'],
  ['digitalt-tilsyn', 'Digitalt tilsyn', 'Digital supervision'],
  ['fall-og-hendelsesvarsling', 'Fall- og hendelsesvarsling', 'Fall and event alerts'],
  ['lokaliseringsteknologi', 'Lokaliseringsteknologi (GPS)', 'Location technology (GPS)'],
  ['medisineringsstotte', 'Elektronisk medisineringsstøtte', 'Electronic medication support'],
  ['digital-hjemmeoppfolging', 'Digital hjemmeoppfølging', 'Digital home follow-up'],
  ['dorlaser-og-nokkelhandtering', 'Elektroniske dørlåser og nøkkelhåndtering', 'Electronic door locks and key management'],
  ['kommunikasjon-og-sosial-kontakt', 'Kommunikasjon og sosial kontakt', 'Communication and social contact'],
  ['smarthus-og-miljostyring', 'Smarthus og miljøstyring', 'Smart home and environmental control'],
  ['integrasjon-og-plattform', 'Integrasjon og plattform', 'Integration and platforms'],
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('county')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('municipality')
    .addColumn('number', 'text', (c) => c.primaryKey().check(sql`length(number) = 4`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_number', 'text', (c) => c.notNull().references('county.number'))
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('area_km2', 'real', (c) => c.notNull())
    .addColumn('administrative_centre', 'text', (c) => c.notNull())
    .addColumn('language_form', 'text', (c) => c.notNull())
    .addColumn('website', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('municipality_county_idx').on('municipality').column('county_number').execute()
  await db.schema.createIndex('municipality_name_idx').on('municipality').column('name').execute()
  await db.schema.createIndex('municipality_population_idx').on('municipality').column('population').execute()

  await db.schema
    .createTable('category')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name_nb', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute()

  const file = new URL('../db/reference/municipalities-2025.json', import.meta.url)
  const source = JSON.parse(readFileSync(file, 'utf8')) as { municipalities: SourceMunicipality[] }
  const counties = new Map<string, { number: string; name: string; population: number }>()
  for (const m of source.municipalities) {
    const county = counties.get(m.countyNumber) ?? { number: m.countyNumber, name: m.county, population: 0 }
    county.population += m.population
    counties.set(m.countyNumber, county)
  }
  await db.insertInto('county').values([...counties.values()]).execute()
  await db
    .insertInto('municipality')
    .values(
      source.municipalities.map((m) => ({
        number: m.number,
        name: m.name,
        county_number: m.countyNumber,
        population: m.population,
        area_km2: m.areaKm2,
        administrative_centre: m.administrativeCentre,
        language_form: m.officialLanguageForm,
        website: m.website,
      })),
    )
    .execute()
  await db
    .insertInto('category')
    .values(categories.map(([slug, name_nb, name_en], i) => ({ slug, name_nb, name_en, sort_order: (i + 1) * 10 })))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('category').execute()
  await db.schema.dropTable('municipality').execute()
  await db.schema.dropTable('county').execute()
}
