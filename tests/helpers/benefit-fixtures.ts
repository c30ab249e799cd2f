import type {
  BenefitCategory,
  BenefitIndicator,
  MeasurementMethod,
  MeasurementStatus,
  MeasurementUncertainty,
} from '../../db/schema'
import { populationBandRange, type PopulationBand } from '../../app/domain/population-bands'
import { refreshFollowUpDueFrom } from '../../app/models/follow-up-due.server'
import { createProcurement } from '../../app/models/procurements.server'
import { testDb } from './db'
import { must, procurementInput } from './experience-fixtures'
import { createBuyer, type Actor } from './register-fixtures'

// Benefit records for the overview's tests, written straight into the real SQLite file (the forms that record them
// are another part of the work): a municipality's procurement of a product, a benefit with its baseline, and its
// measurements.

/** Municipality numbers of a population band (reference data), in number order. */
export async function municipalitiesInBand(band: PopulationBand, count: number, county?: string): Promise<string[]> {
  const { min, max } = populationBandRange(band)
  const rows = await testDb()
    .selectFrom('municipality')
    .select('number')
    .where('population', '>=', min)
    .$if(max !== null, (q) => q.where('population', '<', max ?? 0))
    .$if(county !== undefined, (q) => q.where('county_number', '=', county ?? ''))
    .orderBy('number')
    .limit(count)
    .execute()
  if (rows.length < count) throw new Error(`only ${rows.length} municipalities in ${band}`)
  return rows.map((r) => r.number)
}

/** A procurement of these products led by the municipality, registered by one of its buyers. */
export async function procurementOf(municipalityNumber: string, productIds: number[] = [], title?: string) {
  const buyer = await createBuyer(municipalityNumber)
  const { procurementId } = must(
    await createProcurement(
      buyer.viewer,
      procurementInput({ title: title ?? `Anskaffelse ${municipalityNumber}`, productIds: productIds.map(String) }),
    ),
  )
  return { procurementId, buyer }
}

export type BenefitFixture = {
  procurementId: number
  municipalityNumber: string
  createdBy: Actor
  productId?: number | null
  category?: BenefitCategory
  area?: number
  indicator?: BenefitIndicator
  hoursPerUnit?: number | null
  baseline?: number | null
  description?: string | null
  baselineNote?: string | null
}

export async function insertBenefit(f: BenefitFixture): Promise<number> {
  const baseline = f.baseline === undefined ? 100 : f.baseline
  const { id } = await testDb()
    .insertInto('benefit')
    .values({
      procurement_id: f.procurementId,
      municipality_number: f.municipalityNumber,
      product_id: f.productId ?? null,
      category: f.category ?? 'efficiency',
      area: f.area ?? 2,
      beneficiary: 'staff',
      indicator: f.indicator ?? 'hours_per_month',
      hours_per_unit: f.hoursPerUnit ?? null,
      description: f.description ?? null,
      baseline_value: baseline,
      baseline_period_start: baseline === null ? null : '2024-01-01',
      baseline_period_end: baseline === null ? null : '2024-03-31',
      baseline_method: baseline === null ? null : 'manual_count',
      baseline_quality_note: f.baselineNote ?? null,
      created_by: f.createdBy.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export type MeasurementFixture = {
  value: number
  status?: MeasurementStatus
  method?: MeasurementMethod
  uncertainty?: MeasurementUncertainty
  periodStart?: string
  periodEnd?: string
  priceYear?: number | null
  note?: string | null
}

export async function insertMeasurement(benefitId: number, createdBy: Actor, m: MeasurementFixture): Promise<number> {
  const { id } = await testDb()
    .insertInto('benefit_measurement')
    .values({
      benefit_id: benefitId,
      value: m.value,
      period_start: m.periodStart ?? '2025-01-01',
      period_end: m.periodEnd ?? '2025-03-31',
      method: m.method ?? 'system_data',
      status: m.status ?? 'realised',
      uncertainty: m.uncertainty ?? 'low',
      reported_by: 'municipality',
      price_year: m.priceYear ?? null,
      note: m.note ?? null,
      created_by: createdBy.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // As the app's own writes do: a measurement moves the participation's stored follow-up date.
  const benefit = await testDb()
    .selectFrom('benefit')
    .select(['procurement_id', 'municipality_number'])
    .where('id', '=', benefitId)
    .executeTakeFirstOrThrow()
  await refreshFollowUpDueFrom(testDb(), {
    procurementId: benefit.procurement_id,
    municipalityNumbers: [benefit.municipality_number],
  })
  return id
}

/** A municipality's procurement with one benefit and its measurements, in one go. */
export async function municipalityBenefit(
  municipalityNumber: string,
  benefit: Omit<BenefitFixture, 'procurementId' | 'municipalityNumber' | 'createdBy'>,
  measurements: MeasurementFixture[],
) {
  const { procurementId, buyer } = await procurementOf(municipalityNumber, benefit.productId ? [benefit.productId] : [])
  const benefitId = await insertBenefit({ ...benefit, procurementId, municipalityNumber, createdBy: buyer })
  const measurementIds: number[] = []
  for (const m of measurements) measurementIds.push(await insertMeasurement(benefitId, buyer, m))
  return { procurementId, buyer, benefitId, measurementIds }
}
