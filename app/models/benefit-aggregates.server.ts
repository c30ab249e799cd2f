import { sql, type RawBuilder } from 'kysely'
import { getDb } from '../../db/client'
import type { BenefitCategory, BenefitIndicator } from '../../db/schema'
import {
  MEASURED_BASES,
  bandCandidate,
  bandKey,
  cellKey,
  productKey,
  cellCandidates,
  productCandidates,
  type BenefitFigureCandidate,
  type CountedMeasurement,
  type MeasuredBasis,
} from '~/domain/benefit-figures'
import {
  BENEFIT_AREAS,
  BENEFIT_CATEGORIES,
  BENEFIT_INDICATORS,
  INDICATOR_SPECS,
  annualHours,
  isMoneyIndicator,
} from '~/domain/benefits'
import {
  AGGREGATE_MIN_MUNICIPALITIES,
  contributionsOf,
  decideStep,
  meetsAggregateThreshold,
  newContributors,
  type Contributions,
} from '~/domain/experience-aggregates'
import { POPULATION_BANDS, populationBand, populationBandRange, type PopulationBand } from '~/domain/population-bands'
import { clock, type DbOrTrx } from '~/models/db.server'
import { audit } from '~/utils/audit.server'

// Benefit figures from the database (docs/decisions/011-public-benefit-figures.md). Two sources, as for ratings:
// - live: summed in SQL over the measurements that count (each benefit's latest realised and latest estimated
//   measurement against its baseline), grouped by basis so realised and estimated never meet, for those who may read
//   the records;
// - published: public_benefit_figure, written by refreshPublicBenefitFigures in the transaction of every write that
//   changes what counts, and by the catch-up at start-up and every six hours, only when decideStep allows it.

/** Narrows the measurements that count. Every part is optional. */
export type BenefitSlice = {
  category?: BenefitCategory
  area?: number
  county?: string
  populationBand?: PopulationBand
  productId?: number
  /** Several products at once (the catch-up reads them in one query rather than one each). */
  productIds?: readonly number[]
  indicators?: readonly BenefitIndicator[]
  basis?: MeasuredBasis
  /** Only the measurements counted in these published figures (public_benefit_figure ids), each while it is still its
   * benefit's latest of its basis: the records behind public figures, a fraction of all measurements. */
  inFigures?: readonly number[]
}

/** Each benefit's latest realised and latest estimated measurement (period end, then id), for benefits with a
 * baseline, with the municipality's county and population; narrowed by the slice in SQL. With `'every'`, all their
 * realised and estimated measurements instead: a superset of those that count, read without a probe per row. */
export function countedQuery(db: DbOrTrx, slice: BenefitSlice = {}, measurements: 'latest' | 'every' = 'latest') {
  const band = slice.populationBand ? populationBandRange(slice.populationBand) : null
  const inner = db
    .selectFrom('benefit as b')
    .innerJoin('benefit_measurement as m', 'm.benefit_id', 'b.id')
    .select([
      'm.id as measurement_id',
      'b.id as benefit_id',
      'b.municipality_number',
      'b.product_id',
      'b.category',
      'b.area',
      'b.indicator',
      'b.hours_per_unit',
      'b.baseline_value',
      'm.value',
      'm.price_year',
      'm.status',
      'm.method',
      'm.uncertainty',
      'm.period_start',
      'm.period_end',
    ])
    .where('b.baseline_value', 'is not', null)
    .where('m.status', 'in', slice.basis ? [slice.basis] : [...MEASURED_BASES])
    .$if(slice.category !== undefined, (q) => q.where('b.category', '=', slice.category as BenefitCategory))
    .$if(slice.area !== undefined, (q) => q.where('b.area', '=', slice.area as number))
    .$if(slice.productId !== undefined, (q) => q.where('b.product_id', '=', slice.productId as number))
    .$if(slice.productIds !== undefined, (q) => q.where('b.product_id', 'in', [...(slice.productIds ?? [])]))
    .$if(slice.indicators !== undefined, (q) => q.where('b.indicator', 'in', [...(slice.indicators ?? [])]))
    // County and band narrow whole benefits (a benefit is one municipality's) before the measurements are numbered.
    .$if(slice.county !== undefined || band !== null, (q) =>
      q.where('b.municipality_number', 'in', (eb) =>
        eb
          .selectFrom('municipality as slice_mu')
          .select('slice_mu.number')
          .$if(slice.county !== undefined, (q2) => q2.where('slice_mu.county_number', '=', slice.county as string))
          .$if(band !== null, (q2) =>
            q2
              .where('slice_mu.population', '>=', band?.min ?? 0)
              .$if(band?.max !== null, (q3) => q3.where('slice_mu.population', '<', band?.max ?? 0)),
          ),
      ),
    )
    .$if(slice.inFigures !== undefined, (q) =>
      q.where('m.id', 'in', (eb) =>
        eb
          .selectFrom('public_benefit_contributor as pc')
          .select('pc.benefit_measurement_id')
          .where('pc.figure_id', 'in', slice.inFigures?.length ? [...slice.inFigures] : [0]),
      ),
    )
    // "Latest": no later measurement of the same benefit and basis (period end, then id), one probe of
    // benefit_measurement_last_idx per measurement. Numbering every measurement of the slice with row_number() gave
    // the same rows, but sorted the whole slice: a benefit measurement write refreshes its cell and band this way, and
    // the largest cell at scale 10 took about 200 ms numbered, 50 ms probed.
    .$if(measurements === 'latest', (q) =>
      q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('benefit_measurement as later')
              .select(sql`1`.as('x'))
              .whereRef('later.benefit_id', '=', 'm.benefit_id')
              .whereRef('later.status', '=', 'm.status')
              .where((later) =>
                later.or([
                  later('later.period_end', '>', later.ref('m.period_end')),
                  later.and([
                    later('later.period_end', '=', later.ref('m.period_end')),
                    later('later.id', '>', later.ref('m.id')),
                  ]),
                ]),
              ),
          ),
        ),
      ),
    )
  return db.selectFrom(inner.as('c')).innerJoin('municipality as mu', 'mu.number', 'c.municipality_number')
}

/** The counted measurements of a slice, as the pure figure functions take them (bounded by the slice). */
export async function countedMeasurements(db: DbOrTrx, slice: BenefitSlice): Promise<CountedMeasurement[]> {
  const rows = await countedQuery(db, slice).selectAll('c').select('mu.population').execute()
  return rows.map((r) => ({
    measurementId: r.measurement_id,
    benefitId: r.benefit_id,
    municipalityNumber: r.municipality_number,
    population: r.population,
    productId: r.product_id,
    category: r.category,
    area: r.area,
    indicator: r.indicator,
    hoursPerUnit: r.hours_per_unit,
    baseline: r.baseline_value ?? 0,
    value: r.value,
    priceYear: r.price_year,
    basis: r.status as MeasuredBasis,
    method: r.method,
    uncertainty: r.uncertainty,
    periodStart: r.period_start,
    periodEnd: r.period_end,
  }))
}

// ---------------------------------------------------------------------------------------------------------------
// The derivations in SQL, built from INDICATOR_SPECS (the same table annualHours and nokPerYear read), so a live sum
// is computed in the database instead of loading every record. tests/unit/benefit-aggregates.test.ts checks that
// they agree with deriveMeasurement for every indicator.

const gainSql = (lowerIsBetter: boolean) =>
  lowerIsBetter ? sql<number>`(c.baseline_value - c.value)` : sql<number>`(c.value - c.baseline_value)`

/** Hours a year of the counted measurement `c` (annualHours), or null. */
export function annualHoursSql(): RawBuilder<number | null> {
  const branches = Object.entries(INDICATOR_SPECS).flatMap(([indicator, spec]) => {
    if (spec.perYear === null || spec.hoursPerUnit === null) return []
    const perUnit = spec.hoursPerUnit === 'per_benefit' ? sql`c.hours_per_unit` : sql.lit(spec.hoursPerUnit)
    return [sql`when ${sql.lit(indicator)} then ${gainSql(spec.lowerIsBetter)} * ${perUnit} * ${sql.lit(spec.perYear)}`]
  })
  return sql<number | null>`(case c.indicator ${sql.join(branches, sql` `)} else null end)`
}

/** NOK a year of the counted measurement `c` (nokPerYear), or null (not money, or no price year). */
export function nokPerYearSql(): RawBuilder<number | null> {
  const branches = Object.entries(INDICATOR_SPECS).flatMap(([indicator, spec]) =>
    spec.kind === 'money' ? [sql`when ${sql.lit(indicator)} then ${gainSql(spec.lowerIsBetter)}`] : [],
  )
  return sql<
    number | null
  >`(case when c.price_year is null then null else (case c.indicator ${sql.join(branches, sql` `)} else null end) end)`
}

/** One live cell: the sums of one basis in one category and area (hours; or NOK of one price year). */
export type LiveCell = {
  basis: MeasuredBasis
  category: BenefitCategory
  area: number
  /** Null for the hours cell, the price year for a NOK cell. */
  priceYear: number | null
  hoursPerYear: number | null
  nok: number | null
  municipalities: string[]
}

/** Live cells of the slice, summed in SQL: the grouping always includes the basis, so a realised sum never holds an
 * estimate (and NOK of different price years are never added). */
export async function liveCells(db: DbOrTrx, slice: BenefitSlice): Promise<LiveCell[]> {
  const hours = annualHoursSql()
  const nok = nokPerYearSql()
  const rows = await countedQuery(db, slice)
    .select([
      'c.status',
      'c.category',
      'c.area',
      sql<number | null>`case when ${nok} is null then null else c.price_year end`.as('nok_year'),
      sql<number | null>`sum(${hours})`.as('hours'),
      sql<number | null>`sum(${nok})`.as('nok'),
      sql<string>`group_concat(distinct c.municipality_number)`.as('municipalities'),
    ])
    .where((eb) => eb.or([eb(hours, 'is not', null), eb(nok, 'is not', null)]))
    .groupBy(['c.status', 'c.category', 'c.area', 'nok_year'])
    .execute()
  return rows.map((r) => ({
    basis: r.status as MeasuredBasis,
    category: r.category,
    area: r.area,
    priceYear: r.nok_year,
    hoursPerYear: r.nok_year === null ? r.hours : null,
    nok: r.nok_year === null ? null : r.nok,
    municipalities: r.municipalities ? r.municipalities.split(',') : [],
  }))
}

/** Each municipality's realised hours a year in the slice, summed in SQL, with its population (≤ 357 rows). */
export async function liveRealisedHoursPerMunicipality(db: DbOrTrx, slice: BenefitSlice) {
  const hours = annualHoursSql()
  const rows = await countedQuery(db, { ...slice, basis: 'realised' })
    .select(['c.municipality_number', 'mu.population', sql<number>`sum(${hours})`.as('hours')])
    .where(hours, 'is not', null)
    .groupBy(['c.municipality_number', 'mu.population'])
    .execute()
  return rows.map((r) => ({ municipalityNumber: r.municipality_number, population: r.population, hours: r.hours }))
}

/** The population of a band (the municipalities of the reference data), for the extrapolation. */
export async function bandPopulation(db: DbOrTrx, band: PopulationBand, county?: string) {
  const { min, max } = populationBandRange(band)
  const row = await db
    .selectFrom('municipality')
    .select([(eb) => eb.fn.sum<number>('population').as('population'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('population', '>=', min)
    .$if(max !== null, (q) => q.where('population', '<', max ?? 0))
    .$if(county !== undefined, (q) => q.where('county_number', '=', county ?? ''))
    .executeTakeFirst()
  return { population: Number(row?.population ?? 0), municipalities: Number(row?.n ?? 0) }
}

// ---------------------------------------------------------------------------------------------------------------
// Published figures.

export type PublishedFigure = {
  id: number
  key: string
  value: number
  municipalityCount: number
  provenance: string | null
  publishedAt: string
}

/** The newest published row of every figure whose key starts with the prefix (indexed: a key range). */
export async function currentPublishedFigures(db: DbOrTrx, prefix: string): Promise<PublishedFigure[]> {
  const rows = await db
    .selectFrom('public_benefit_figure as f')
    .select(['f.id', 'f.figure_key', 'f.value', 'f.municipality_count', 'f.provenance', 'f.published_at'])
    .where('f.figure_key', '>=', prefix)
    .where('f.figure_key', '<', `${prefix}\uffff`)
    .where('f.id', '=', (eb) =>
      eb
        .selectFrom('public_benefit_figure as g')
        .select((g) => g.fn.max('g.id').as('id'))
        .whereRef('g.figure_key', '=', 'f.figure_key'),
    )
    .execute()
  return rows.map((r) => ({
    id: r.id,
    key: r.figure_key,
    value: r.value,
    municipalityCount: r.municipality_count,
    provenance: r.provenance,
    publishedAt: r.published_at,
  }))
}

/** Distinct municipalities behind these published rows together (for the band of a total of published cells). */
export async function publishedMunicipalityCount(db: DbOrTrx, figureIds: readonly number[]) {
  if (figureIds.length === 0) return 0
  const row = await db
    .selectFrom('public_benefit_contributor')
    .select(sql<number>`count(distinct municipality_number)`.as('n'))
    .where('figure_id', 'in', [...figureIds])
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

// ---------------------------------------------------------------------------------------------------------------
// Publishing steps.

/** What one refresh covers: category × area cells, products and population bands. */
export type BenefitFigureSlices = {
  cells: Array<{ category: BenefitCategory; area: number }>
  productIds: number[]
  bands: PopulationBand[]
}

/** The slices these benefits count in (their cell, their product, their municipality's band). */
export async function slicesOfBenefits(db: DbOrTrx, benefitIds: readonly number[]): Promise<BenefitFigureSlices> {
  if (benefitIds.length === 0) return { cells: [], productIds: [], bands: [] }
  const rows = await db
    .selectFrom('benefit as b')
    .innerJoin('municipality as mu', 'mu.number', 'b.municipality_number')
    .select(['b.category', 'b.area', 'b.product_id', 'mu.population'])
    .where('b.id', 'in', [...benefitIds])
    .execute()
  return mergeSlices(
    rows.map((r) => ({
      cells: [{ category: r.category, area: r.area }],
      productIds: r.product_id === null ? [] : [r.product_id],
      bands: [populationBand(r.population)],
    })),
  )
}

function mergeSlices(parts: readonly BenefitFigureSlices[]): BenefitFigureSlices {
  const cells = new Map<string, { category: BenefitCategory; area: number }>()
  for (const p of parts) for (const c of p.cells) cells.set(`${c.category}:${c.area}`, c)
  return {
    cells: [...cells.values()].sort((a, b) => a.category.localeCompare(b.category) || a.area - b.area),
    productIds: [...new Set(parts.flatMap((p) => p.productIds))].sort((a, b) => a - b),
    bands: POPULATION_BANDS.map((b) => b.code).filter((code) => parts.some((p) => p.bands.includes(code))),
  }
}

/** Publishes what the step rule allows of these candidates; answers the keys published. */
async function publishCandidates(db: DbOrTrx, candidates: BenefitFigureCandidate[], at: string): Promise<string[]> {
  const ready = candidates.filter((c) => meetsAggregateThreshold(c.contributions.size))
  const published: string[] = []
  for (const candidate of ready) {
    const ever = await db
      .selectFrom('public_benefit_contributor as c')
      .innerJoin('public_benefit_figure as f', 'f.id', 'c.figure_id')
      .select('c.municipality_number')
      .distinct()
      .where('f.figure_key', '=', candidate.key)
      .execute()
    const everPublished = new Set(ever.map((r) => r.municipality_number))
    // Only a figure that at least three municipalities no earlier publication counted have given can take a step
    // (decideStep's first test): the rest need no look at other figures, so a catch-up over unchanged data is a read
    // per figure, as for the experience aggregates.
    if (newContributors(candidate.contributions, everPublished).length < AGGREGATE_MIN_MUNICIPALITIES) continue
    // Views of other figures of the same family within two municipalities in size (views further apart differ by
    // at least three municipalities anyway).
    const size = candidate.contributions.size
    const nearby = await db
      .selectFrom('public_benefit_figure')
      .select('id')
      .where('family', '=', candidate.family)
      .where('figure_key', '!=', candidate.key)
      .where('municipality_count', '>', size - AGGREGATE_MIN_MUNICIPALITIES)
      .where('municipality_count', '<', size + AGGREGATE_MIN_MUNICIPALITIES)
      .execute()
    const nearbyContributors = nearby.length
      ? await db
          .selectFrom('public_benefit_contributor')
          .select(['figure_id', 'municipality_number', 'benefit_measurement_id'])
          .where(
            'figure_id',
            'in',
            nearby.map((n) => n.id),
          )
          .execute()
      : []
    const otherViews: Contributions[] = nearby.map((n) =>
      contributionsOf(
        nearbyContributors
          .filter((c) => c.figure_id === n.id)
          .map((c) => ({ municipalityNumber: c.municipality_number, reportId: c.benefit_measurement_id })),
      ),
    )
    if (decideStep(candidate.contributions, everPublished, otherViews) !== 'publish') continue
    const { id } = await db
      .insertInto('public_benefit_figure')
      .values({
        figure_key: candidate.key,
        family: candidate.family,
        value: candidate.value,
        municipality_count: size,
        provenance: candidate.provenance ? JSON.stringify(candidate.provenance) : null,
        published_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('public_benefit_contributor')
      .values(
        [...candidate.contributions].flatMap(([municipality, measurementIds]) =>
          measurementIds.map((measurementId) => ({
            figure_id: id,
            benefit_measurement_id: measurementId,
            municipality_number: municipality,
          })),
        ),
      )
      .execute()
    published.push(candidate.key)
  }
  return published
}

/** Adds a municipality to a figure key's set. */
function addPossible(into: Map<string, Set<string>>, key: string, municipality: string) {
  const set = into.get(key)
  if (set) set.add(municipality)
  else into.set(key, new Set([municipality]))
}

/** Whether benefit `b` converts to hours a year: annualHours's own rule, asked per indicator (with and without the
 * benefit's hours per unit), so the SQL cannot drift from it. */
function convertsToHoursSql(): RawBuilder<boolean> {
  const converts = (indicator: BenefitIndicator, hoursPerUnit: number | null) =>
    annualHours({ indicator, hoursPerUnit }, 1) !== null
  const fixed = BENEFIT_INDICATORS.filter((indicator) => converts(indicator, null))
  const perBenefit = BENEFIT_INDICATORS.filter((indicator) => !converts(indicator, null) && converts(indicator, 1))
  const list = (indicators: readonly string[]) =>
    sql.join(indicators.length ? indicators.map((i) => sql.lit(i)) : [sql.lit('')], sql`, `)
  return sql<boolean>`(b.indicator in (${list(fixed)}) or (b.indicator in (${list(perBenefit)}) and b.hours_per_unit is not null))`
}

/** The money indicators (nokPerYearSql is not null for their measurements with a price year). */
const MONEY_INDICATORS = BENEFIT_INDICATORS.filter(isMoneyIndicator)

/** The municipalities with a benefit with a baseline that converts to hours (in the cell, or of the band) and a
 * measurement of the basis: one probe per municipality that stops at its first such benefit (benefit_cell_idx for a
 * cell, an index by municipality for a band; tests/unit/query-plans.test.ts). */
export function municipalitiesWithHoursQuery(
  db: DbOrTrx,
  basis: MeasuredBasis,
  where: { cell: { category: BenefitCategory; area: number } } | { band: PopulationBand },
) {
  const band = 'band' in where ? populationBandRange(where.band) : null
  return db
    .selectFrom('municipality as mu')
    .select('mu.number')
    .$if(band !== null, (q) =>
      q
        .where('mu.population', '>=', band?.min ?? 0)
        .$if(band?.max !== null, (q2) => q2.where('mu.population', '<', band?.max ?? 0)),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('benefit as b')
          .select(sql`1`.as('x'))
          .whereRef('b.municipality_number', '=', 'mu.number')
          .$if('cell' in where, (q) =>
            'cell' in where ? q.where('b.category', '=', where.cell.category).where('b.area', '=', where.cell.area) : q,
          )
          .where('b.baseline_value', 'is not', null)
          .where(convertsToHoursSql())
          .where(({ exists: has, selectFrom: from }) =>
            has(
              from('benefit_measurement as m')
                .select(sql`1`.as('y'))
                .whereRef('m.benefit_id', '=', 'b.id')
                .where('m.status', '=', basis),
            ),
          ),
      ),
    )
}

async function municipalitiesWithHours(
  db: DbOrTrx,
  basis: MeasuredBasis,
  where: Parameters<typeof municipalitiesWithHoursQuery>[2],
) {
  const rows = await municipalitiesWithHoursQuery(db, basis, where).execute()
  return new Set(rows.map((r) => r.number))
}

/**
 * The slices in which some figure could take a step: where, for some figure key, at least three municipalities that
 * no publication of it has counted would contribute. A step needs that (decideStep's first test), so a refresh leaves
 * the rest out without reading their measurements (the largest cell at scale 10 has about 13,000 counted measurements,
 * and every benefit measurement write refreshes its cell, product and band). Who contributes to a figure in hours is
 * decided per benefit (its indicator and hours per unit), so one probe per municipality finds them exactly; NOK
 * figures go by each counted measurement's price year, read from the few money benefits; for products, every
 * measurement of theirs is taken, a superset. tests/unit/benefit-figure-steps-precheck.test.ts checks the result against
 * the counted measurements themselves.
 */
export async function slicesThatMayStep(db: DbOrTrx, slices: BenefitFigureSlices): Promise<BenefitFigureSlices> {
  const possibleByCell = new Map<string, Map<string, Set<string>>>()
  for (const cell of slices.cells) {
    const possible = new Map<string, Set<string>>()
    for (const basis of MEASURED_BASES)
      possible.set(
        cellKey(basis, 'hours', cell.category, cell.area),
        await municipalitiesWithHours(db, basis, { cell }),
      )
    const money = await countedQuery(db, { ...cell, indicators: MONEY_INDICATORS })
      .select(['c.status', 'c.price_year', 'c.municipality_number'])
      .distinct()
      .where('c.price_year', 'is not', null)
      .execute()
    for (const r of money)
      addPossible(
        possible,
        cellKey(r.status as MeasuredBasis, `nok_${r.price_year ?? 0}`, cell.category, cell.area),
        r.municipality_number,
      )
    possibleByCell.set(`${cell.category}:${cell.area}`, possible)
  }
  const possibleByProduct = new Map<number, Map<string, Set<string>>>()
  if (slices.productIds.length) {
    const rows = await countedQuery(db, { productIds: slices.productIds }, 'every')
      .select(['c.product_id', 'c.status', 'c.indicator', 'c.municipality_number'])
      .where('c.indicator', '!=', 'custom')
      .distinct()
      .execute()
    for (const r of rows) {
      if (r.product_id === null) continue
      const possible = possibleByProduct.get(r.product_id) ?? new Map<string, Set<string>>()
      possibleByProduct.set(r.product_id, possible)
      addPossible(possible, productKey(r.product_id, r.status as MeasuredBasis, r.indicator), r.municipality_number)
    }
  }
  const possibleByBand = new Map<PopulationBand, Map<string, Set<string>>>()
  for (const band of slices.bands)
    possibleByBand.set(band, new Map([[bandKey(band), await municipalitiesWithHours(db, 'realised', { band })]]))
  const keys = [...possibleByCell.values(), ...possibleByProduct.values(), ...possibleByBand.values()].flatMap(
    (possible) => [...possible.keys()],
  )
  const everPublished = new Map<string, Set<string>>()
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('public_benefit_contributor as c')
      .innerJoin('public_benefit_figure as f', 'f.id', 'c.figure_id')
      .select(['f.figure_key', 'c.municipality_number'])
      .distinct()
      .where('f.figure_key', 'in', keys.slice(i, i + 500))
      .execute()
    for (const r of rows) addPossible(everPublished, r.figure_key, r.municipality_number)
  }
  const mayStep = (possible: Map<string, Set<string>> | undefined) =>
    [...(possible ?? [])].some(([key, municipalities]) => {
      const ever = everPublished.get(key)
      let fresh = 0
      for (const m of municipalities) if (!ever?.has(m) && ++fresh >= AGGREGATE_MIN_MUNICIPALITIES) return true
      return false
    })
  return {
    cells: slices.cells.filter((cell) => mayStep(possibleByCell.get(`${cell.category}:${cell.area}`))),
    productIds: slices.productIds.filter((id) => mayStep(possibleByProduct.get(id))),
    bands: slices.bands.filter((band) => mayStep(possibleByBand.get(band))),
  }
}

/** Publishes the steps the rule allows for these slices (one slice at a time: a figure published here is another's
 * neighbour for the rest of the run). */
export async function refreshBenefitSlices(db: DbOrTrx, allSlices: BenefitFigureSlices, at: string): Promise<string[]> {
  const slices = await slicesThatMayStep(db, allSlices)
  const published: string[] = []
  for (const cell of slices.cells)
    published.push(...(await publishCandidates(db, cellCandidates(await countedMeasurements(db, cell)), at)))
  // Every product's measurements in one read (the catch-up covers thousands of products); each product's figures are
  // still decided in turn, after the figures published before it.
  const byProduct = new Map<number, CountedMeasurement[]>()
  if (slices.productIds.length)
    for (const m of await countedMeasurements(db, { productIds: slices.productIds })) {
      if (m.productId === null) continue
      const list = byProduct.get(m.productId)
      if (list) list.push(m)
      else byProduct.set(m.productId, [m])
    }
  for (const productId of slices.productIds)
    published.push(...(await publishCandidates(db, productCandidates(productId, byProduct.get(productId) ?? []), at)))
  for (const band of slices.bands) {
    const candidate = bandCandidate(band, await countedMeasurements(db, { populationBand: band, basis: 'realised' }))
    if (candidate) published.push(...(await publishCandidates(db, [candidate], at)))
  }
  if (published.length)
    await audit(
      {
        action: 'benefit_figures.published',
        target: { type: 'benefit_figures', id: 'public' },
        details: { figures: published },
        at,
      },
      db,
    )
  return published
}

/**
 * After a write that changes which benefit measurements count or what they say (a measurement recorded, changed or
 * removed; a baseline set or changed; a benefit's category, area, product or indicator changed), publish a new public
 * step for every figure of these benefits that the step rule allows. Run it inside the write's transaction, after
 * the write. A write that moves a benefit out of a slice (another category, area or product) passes the benefit
 * before and after: call it before the change too, or rely on the catch-up, which covers every slice. Answers the
 * figure keys published.
 */
export async function refreshPublicBenefitFigures(
  db: DbOrTrx,
  benefitIds: readonly number[],
  at: string = clock().iso,
): Promise<string[]> {
  return refreshBenefitSlices(db, await slicesOfBenefits(db, benefitIds), at)
}

/** Every slice with benefits, at start-up and every six hours: catches up a write path that did not refresh and data
 * older than the figure table. The step rule makes it safe to run at any time. */
export async function refreshAllPublicBenefitFigures(db: DbOrTrx = getDb(), at: string = clock().iso) {
  const run = async (trx: DbOrTrx) => {
    const rows = await trx
      .selectFrom('benefit as b')
      .innerJoin('municipality as mu', 'mu.number', 'b.municipality_number')
      .select(['b.category', 'b.area', 'b.product_id', 'mu.population'])
      .distinct()
      .where('b.baseline_value', 'is not', null)
      .execute()
    const slices = mergeSlices(
      rows.map((r) => ({
        cells: [{ category: r.category, area: r.area }],
        productIds: r.product_id === null ? [] : [r.product_id],
        bands: [populationBand(r.population)],
      })),
    )
    return refreshBenefitSlices(trx, slices, at)
  }
  return db.isTransaction ? run(db) : db.transaction().execute(run)
}

export const ALL_CELLS = BENEFIT_CATEGORIES.flatMap((category) => BENEFIT_AREAS.map((area) => ({ category, area })))
