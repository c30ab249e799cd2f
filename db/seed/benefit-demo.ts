import type { Kysely } from 'kysely'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import type {
  BenefitBeneficiary,
  BenefitCategory,
  BenefitIndicator,
  DB,
  MeasurementMethod,
  MeasurementReporter,
  MeasurementStatus,
  MeasurementUncertainty,
} from '../schema'
import { refreshFollowUpDueFrom } from '../../app/models/follow-up-due.server'
import { DEFAULT_EXPERIENCE_SEED_NOW } from './experience-demo'

// Fictional benefit records for the demo, modelled on the real figures of the 2025 benefit-realisation report (Menon
// Economics for Innovasjon Norge; docs/domain.md, "Benefit realisation"), attached to the demo procurements (which
// buy only the fictional suppliers' products):
// - medication dispensers: about 30 % fewer home visits (Larvik's own figures: 35 users, 184 fewer home visits and
//   2,300 fewer driving minutes a month), in the joint procurements for many municipalities, so that several
//   municipalities report the same indicator realised for one product;
// - digital home follow-up: about 0.5 hours saved per user per month;
// - digital night supervision: from one night watch per 15-20 residents to one per 32.5;
// with estimates, supplier figures with high uncertainty, benefits planned and never measured (no baseline), and
// benefits measured once and then left due for follow-up. Deterministic: a seeded PRNG and dates relative to `now`.
//
// Scripted for the demo buyer of Larvik (3909): a night-supervision benefit due for its 12-month measurement, a GPS
// benefit with a baseline due for its 6-month measurement, a planned benefit without a baseline, and the realised
// medication figures above in Sandefjord's joint procurement.

type Rng = () => number
function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Measurement = {
  value: number
  months: number
  status: MeasurementStatus
  method: MeasurementMethod
  uncertainty: MeasurementUncertainty
  reportedBy?: MeasurementReporter
  priceYear?: number
  note?: string
}

type PlannedBenefit = {
  procurementId: number
  municipality: string
  productId: number | null
  goLive: string
  category: BenefitCategory
  area: number
  beneficiary: BenefitBeneficiary
  indicator: BenefitIndicator
  customIndicator?: string
  customUnit?: string
  hoursPerUnit?: number
  concerns: number | null
  description: string | null
  baseline: { value: number; method: MeasurementMethod; note: string | null } | null
  measurements: Measurement[]
}

/** The participations the benefits attach to: live (pilot or operation) with a go-live date, on a register product. */
async function liveParticipations(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('procurement_participant as pa')
    .innerJoin('procurement_product as pp', 'pp.procurement_id', 'pa.procurement_id')
    .innerJoin('product as p', 'p.id', 'pp.product_id')
    .innerJoin('category as c', 'c.id', 'p.category_id')
    .select([
      'pa.procurement_id',
      'pa.municipality_number',
      'pa.go_live_date',
      'pa.users_count',
      'pa.phase',
      'p.id as product_id',
      'c.slug',
    ])
    .where('pa.phase', 'in', ['pilot', 'in_operation'])
    .where('pa.go_live_date', 'is not', null)
    .where('pa.go_live_date', '<=', today)
    .orderBy('pa.procurement_id')
    .orderBy('pa.municipality_number')
    .orderBy('p.id')
    .execute()
}

export async function seedBenefitDemo(db: Kysely<DB>, opts: { now?: Date } = {}): Promise<void> {
  const existing = await db.selectFrom('benefit').select('id').limit(1).executeTakeFirst()
  if (existing) return
  const now = opts.now ?? DEFAULT_EXPERIENCE_SEED_NOW
  const today = osloDate(now)
  const nowIso = now.toISOString()
  const rng = mulberry32(20251015)
  const between = (min: number, max: number) => min + rng() * (max - min)
  const monthsLive = (goLive: string) => Math.floor((Date.parse(today) - Date.parse(goLive)) / (30.44 * 86_400_000))

  const rows = await liveParticipations(db, today)
  // One row per participation: its first register product.
  const seen = new Set<string>()
  const participations = rows.filter((r) => {
    const key = `${r.procurement_id}:${r.municipality_number}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })

  const planned: PlannedBenefit[] = []
  const checkpoints = (goLive: string) => [6, 12, 24].filter((m) => m <= monthsLive(goLive))

  // ---- Larvik's own records (the demo buyer).
  const larvik = participations.filter((p) => p.municipality_number === '3909')
  const larvikOf = (slug: string) => larvik.find((p) => p.slug === slug)
  const larvikMedication = larvikOf('medisineringsstotte')
  if (larvikMedication) {
    const base = {
      procurementId: larvikMedication.procurement_id,
      municipality: '3909',
      productId: larvikMedication.product_id,
      goLive: larvikMedication.go_live_date ?? today,
      category: 'efficiency' as const,
      area: 2,
      beneficiary: 'staff' as const,
      concerns: 35,
    }
    const points = checkpoints(base.goLive)
    planned.push({
      ...base,
      indicator: 'home_visits_per_month',
      hoursPerUnit: 0.5,
      description: 'Medisindispensere hos 35 brukere erstatter besøk som bare gjaldt medisiner.',
      baseline: {
        value: 613,
        method: 'system_data',
        note: 'Besøk per måned fra fagsystemet, tre måneder før oppstart.',
      },
      measurements: points.map((months, i) => ({
        value: i === points.length - 1 ? 429 : 452,
        months,
        status: 'realised',
        method: 'system_data',
        uncertainty: 'low',
      })),
    })
    planned.push({
      ...base,
      indicator: 'driving_minutes_per_month',
      description: 'Færre besøk gir mindre kjøring i hjemmetjenesten.',
      baseline: { value: 7800, method: 'system_data', note: 'Kjørelogg fra tjenestebilene.' },
      measurements: points.map((months) => ({
        value: 5500,
        months,
        status: 'realised',
        method: 'system_data',
        uncertainty: 'moderate',
      })),
    })
  }
  const larvikSupervision = larvikOf('digitalt-tilsyn')
  if (larvikSupervision) {
    planned.push({
      procurementId: larvikSupervision.procurement_id,
      municipality: '3909',
      productId: larvikSupervision.product_id,
      goLive: larvikSupervision.go_live_date ?? today,
      category: 'efficiency',
      area: 2,
      beneficiary: 'staff',
      indicator: 'night_watches_per_night',
      concerns: 65,
      description: 'Digitalt tilsyn på to avdelinger med 65 beboere.',
      baseline: { value: 4, method: 'manual_count', note: 'Turnusplanen før oppstart.' },
      // Measured at six months; the 12-month measurement is due.
      measurements: [{ value: 3, months: 6, status: 'realised', method: 'manual_count', uncertainty: 'moderate' }],
    })
  }
  const larvikGps = larvikOf('lokaliseringsteknologi')
  if (larvikGps) {
    planned.push({
      procurementId: larvikGps.procurement_id,
      municipality: '3909',
      productId: larvikGps.product_id,
      goLive: larvikGps.go_live_date ?? today,
      category: 'quality',
      area: 5,
      beneficiary: 'relatives',
      indicator: 'custom',
      customIndicator: 'Leteaksjoner etter savnede',
      customUnit: 'per måned',
      concerns: 12,
      description: null,
      baseline: { value: 2, method: 'manual_count', note: 'Tall fra hjemmetjenesten; små tall, stor variasjon.' },
      measurements: [],
    })
  }
  const larvikAlarm = larvikOf('trygghetsalarm')
  if (larvikAlarm) {
    planned.push({
      procurementId: larvikAlarm.procurement_id,
      municipality: '3909',
      productId: larvikAlarm.product_id,
      goLive: larvikAlarm.go_live_date ?? today,
      category: 'quality',
      area: 1,
      beneficiary: 'residents',
      indicator: 'falls_per_month',
      concerns: 140,
      description: 'Planlagt: færre fall med varsling. Nullpunkt er ikke målt.',
      baseline: null,
      measurements: [],
    })
  }

  // ---- Everyone else, by product category.
  let index = 0
  for (const p of participations) {
    if (p.municipality_number === '3909' || !p.go_live_date) continue
    const goLive = p.go_live_date
    const points = checkpoints(goLive)
    const users = Math.min(120, Math.max(15, p.users_count ?? 30))
    const common = {
      procurementId: p.procurement_id,
      municipality: p.municipality_number,
      productId: p.product_id,
      goLive,
      concerns: users,
    }
    const n = index++
    // Every seventh participation planned a benefit and never measured it: no baseline.
    if (n % 7 === 3) {
      planned.push({
        ...common,
        category: 'quality',
        area: 4,
        beneficiary: 'hospital',
        indicator: 'admissions_per_year',
        description: 'Planlagt: færre innleggelser. Ikke målt.',
        baseline: null,
        measurements: [],
      })
      continue
    }
    // Some stop after the first measurement, and are then due at their next follow-up point.
    const measuredPoints = n % 5 === 1 ? points.slice(0, 1) : points
    if (p.slug === 'medisineringsstotte') {
      const baseline = Math.round(users * between(16, 19))
      const estimated = n % 4 === 2
      planned.push({
        ...common,
        category: 'efficiency',
        area: 2,
        beneficiary: 'staff',
        indicator: 'home_visits_per_month',
        hoursPerUnit: 0.5,
        description: 'Medisindispensere erstatter medisinbesøk.',
        baseline: { value: baseline, method: 'system_data', note: 'Besøk per måned fra fagsystemet.' },
        measurements: measuredPoints.map((months) => ({
          value: Math.round(baseline * (1 - between(0.25, 0.34))),
          months,
          status: estimated ? 'estimated' : 'realised',
          method: estimated ? 'estimate' : 'system_data',
          uncertainty: estimated ? 'high' : rng() < 0.5 ? 'low' : 'moderate',
        })),
      })
      if (n % 3 === 0) {
        // The supplier's estimate of what it saves in kroner: an estimate with high uncertainty, in 2025 kroner.
        const cost = Math.round((users * between(55_000, 70_000)) / 1000) * 1000
        planned.push({
          ...common,
          category: 'efficiency',
          area: 2,
          beneficiary: 'municipality',
          indicator: 'nok_per_year',
          description: 'Anslått innsparing i hjemmetjenesten.',
          baseline: { value: cost, method: 'estimate', note: 'Kostnad per år før oppstart, anslått fra budsjettet.' },
          measurements: measuredPoints.slice(-1).map((months) => ({
            value: Math.round((cost * (1 - between(0.2, 0.3))) / 1000) * 1000,
            months,
            status: 'estimated',
            method: 'supplier_figure',
            uncertainty: 'high',
            reportedBy: 'supplier',
            priceYear: 2025,
          })),
        })
      }
    } else if (p.slug === 'digital-hjemmeoppfolging') {
      const baseline = Math.round(users * between(5, 7))
      planned.push({
        ...common,
        category: 'efficiency',
        area: 2,
        beneficiary: 'staff',
        indicator: 'hours_per_month',
        description: 'Digital hjemmeoppfølging: tid brukt på tjenester til brukerne.',
        baseline: { value: baseline, method: 'system_data', note: 'Vedtakstimer per måned.' },
        measurements: measuredPoints.map((months) => ({
          value: Math.round((baseline - users * between(0.4, 0.6)) * 10) / 10,
          months,
          status: n % 4 === 0 ? 'estimated' : 'realised',
          method: n % 4 === 0 ? 'estimate' : 'system_data',
          uncertainty: n % 4 === 0 ? 'high' : 'moderate',
        })),
      })
    } else if (p.slug === 'digitalt-tilsyn') {
      const residents = Math.round(between(40, 130))
      const before = Math.ceil(residents / between(15, 20))
      const after = Math.ceil(residents / 32.5)
      const estimated = n % 3 === 0
      planned.push({
        ...common,
        concerns: residents,
        category: 'efficiency',
        area: 2,
        beneficiary: 'staff',
        indicator: 'night_watches_per_night',
        description: 'Digitalt tilsyn om natten på sykehjem.',
        baseline: { value: before, method: 'manual_count', note: 'Nattevakter per natt i turnusen.' },
        measurements: measuredPoints.map((months) => ({
          value: after,
          months,
          status: estimated ? 'estimated' : 'realised',
          method: estimated ? 'estimate' : 'manual_count',
          uncertainty: estimated ? 'high' : 'moderate',
          note: estimated ? 'Anslått ut fra bemanningsnormen én nattevakt per 32,5 beboere.' : undefined,
        })),
      })
    } else if (n % 4 === 0) {
      // Other technologies: users who feel safer, from a survey.
      planned.push({
        ...common,
        category: 'quality',
        area: 5,
        beneficiary: 'residents',
        indicator: 'share_feeling_safer',
        description: null,
        baseline: {
          value: Math.round(between(40, 55)),
          method: 'survey',
          note: 'Brukerundersøkelse, lav svarprosent.',
        },
        measurements: measuredPoints.slice(-1).map((months) => ({
          value: Math.round(between(65, 85)),
          months,
          status: 'realised',
          method: 'survey',
          uncertainty: 'high',
        })),
      })
    }
  }

  // ---- Writing.
  await db.transaction().execute(async (trx) => {
    const authors = new Map<string, number>()
    const municipalities = [...new Set(planned.map((b) => b.municipality))]
    for (const number of municipalities) {
      const user = await trx
        .selectFrom('user')
        .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
        .select('user.id')
        .where('organisation.municipality_number', '=', number)
        .where('user.role', '=', 'buyer')
        .where('user.status', '=', 'verified')
        .orderBy('user.id')
        .executeTakeFirst()
      if (user) authors.set(number, user.id)
    }
    const at = (date: string) => {
      const stamp = `${date}T10:00:00.000Z`
      return stamp > nowIso ? nowIso : stamp
    }
    for (const b of planned) {
      const author = authors.get(b.municipality)
      if (author === undefined) continue
      const baselineStart = addMonths(b.goLive, -3)
      const created = at(addDays(b.goLive, -100))
      const { id } = await trx
        .insertInto('benefit')
        .values({
          procurement_id: b.procurementId,
          municipality_number: b.municipality,
          product_id: b.productId,
          category: b.category,
          area: b.area,
          beneficiary: b.beneficiary,
          indicator: b.indicator,
          custom_indicator: b.customIndicator ?? null,
          custom_unit: b.customUnit ?? null,
          hours_per_unit: b.hoursPerUnit ?? null,
          concerns_count: b.concerns,
          description: b.description,
          baseline_value: b.baseline?.value ?? null,
          baseline_period_start: b.baseline ? baselineStart : null,
          baseline_period_end: b.baseline ? addDays(b.goLive, -1) : null,
          baseline_method: b.baseline?.method ?? null,
          baseline_quality_note: b.baseline?.note ?? null,
          created_by: author,
          created_at: created,
          updated_at: created,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const m of b.measurements) {
        const end = addDays(addMonths(b.goLive, m.months), -1)
        if (end > today) continue
        const recorded = at(addDays(end, 14) > today ? today : addDays(end, 14))
        await trx
          .insertInto('benefit_measurement')
          .values({
            benefit_id: id,
            value: m.value,
            period_start: addMonths(b.goLive, m.months - 1),
            period_end: end,
            method: m.method,
            status: m.status,
            uncertainty: m.uncertainty,
            reported_by: m.reportedBy ?? 'municipality',
            price_year: m.priceYear ?? null,
            note: m.note ?? null,
            created_by: author,
            created_at: recorded,
            updated_at: recorded,
          })
          .execute()
      }
    }
    // Measurements are follow-up activity: the stored follow-up dates, as the app's writes keep them.
    await refreshFollowUpDueFrom(trx, 'all')
  })
}
