import { addMonths } from '../../../app/domain/dates'
import type { BenefitBeneficiary, BenefitCategory, BenefitIndicator, MeasurementMethod } from '../../schema'
import { inserter, type GeneratorContext, type GeneratorStep } from '../context'
import { addDays, timestampOn, type Random } from '../random'

// Which indicators a municipality measures for a product of each category (weights), after the national method and
// the demo records (db/seed/benefit-demo.ts): dispensers save home visits and driving, home follow-up saves hours,
// night supervision saves night watches, alarms make residents feel safer.
const INDICATORS_BY_CATEGORY: Record<string, ReadonlyArray<readonly [BenefitIndicator, number]>> = {
  medisineringsstotte: [
    ['home_visits_per_month', 5],
    ['driving_minutes_per_month', 2],
    ['nok_per_year', 2],
    ['hours_per_month', 1],
  ],
  'digital-hjemmeoppfolging': [
    ['hours_per_month', 5],
    ['admissions_per_year', 2],
    ['nok_per_year', 1],
    ['share_feeling_safer', 1],
  ],
  'digitalt-tilsyn': [
    ['night_watches_per_night', 5],
    ['falls_per_month', 1],
    ['share_feeling_safer', 1],
  ],
  trygghetsalarm: [
    ['share_feeling_safer', 3],
    ['falls_per_month', 2],
    ['home_visits_per_month', 1],
  ],
  'fall-og-hendelsesvarsling': [
    ['falls_per_month', 4],
    ['admissions_per_year', 2],
    ['night_watches_per_night', 1],
  ],
  lokaliseringsteknologi: [
    ['custom', 3],
    ['share_feeling_safer', 2],
    ['hours_per_month', 1],
  ],
  'dorlaser-og-nokkelhandtering': [
    ['home_visits_per_month', 2],
    ['driving_minutes_per_month', 2],
    ['hours_per_month', 2],
  ],
}
const OTHER_INDICATORS: ReadonlyArray<readonly [BenefitIndicator, number]> = [
  ['share_feeling_safer', 2],
  ['hours_per_month', 2],
  ['waiting_list', 1],
]

/** The national method's classification of each indicator: category, area (1-6) and who gains. */
const CLASSIFICATION: Record<
  BenefitIndicator,
  { category: BenefitCategory; area: number; beneficiary: BenefitBeneficiary }
> = {
  home_visits_per_month: { category: 'efficiency', area: 2, beneficiary: 'staff' },
  driving_minutes_per_month: { category: 'efficiency', area: 2, beneficiary: 'staff' },
  hours_per_month: { category: 'efficiency', area: 2, beneficiary: 'staff' },
  night_watches_per_night: { category: 'efficiency', area: 2, beneficiary: 'staff' },
  nok_per_year: { category: 'efficiency', area: 2, beneficiary: 'municipality' },
  waiting_list: { category: 'efficiency', area: 3, beneficiary: 'municipality' },
  falls_per_month: { category: 'quality', area: 1, beneficiary: 'residents' },
  admissions_per_year: { category: 'quality', area: 4, beneficiary: 'hospital' },
  share_feeling_safer: { category: 'quality', area: 5, beneficiary: 'residents' },
  custom: { category: 'quality', area: 5, beneficiary: 'relatives' },
}

const BASELINE_METHOD: Record<BenefitIndicator, MeasurementMethod> = {
  home_visits_per_month: 'system_data',
  driving_minutes_per_month: 'system_data',
  hours_per_month: 'system_data',
  night_watches_per_night: 'manual_count',
  nok_per_year: 'estimate',
  waiting_list: 'system_data',
  falls_per_month: 'manual_count',
  admissions_per_year: 'system_data',
  share_feeling_safer: 'survey',
  custom: 'manual_count',
}

const round = (value: number, decimals = 0) => Math.round(value * 10 ** decimals) / 10 ** decimals

/** A baseline for `concerns` users and a function giving a measured value after the change (the gain varies). */
function figures(indicator: BenefitIndicator, concerns: number, random: Random) {
  const between = (min: number, max: number) => min + random.next() * (max - min)
  switch (indicator) {
    case 'home_visits_per_month': {
      const base = Math.round(concerns * between(16, 19))
      return { base, after: () => Math.round(base * (1 - between(0.2, 0.34))) }
    }
    case 'driving_minutes_per_month': {
      const base = Math.round(concerns * between(180, 240))
      return { base, after: () => Math.round(base * (1 - between(0.15, 0.35))) }
    }
    case 'hours_per_month': {
      const base = Math.round(concerns * between(5, 7))
      return { base, after: () => round(base - concerns * between(0.3, 0.6), 1) }
    }
    case 'night_watches_per_night': {
      const base = Math.ceil(concerns / between(15, 20))
      return { base, after: () => Math.max(1, Math.ceil(concerns / between(28, 34))) }
    }
    case 'nok_per_year': {
      const base = Math.round((concerns * between(55_000, 70_000)) / 1000) * 1000
      return { base, after: () => Math.round((base * (1 - between(0.15, 0.3))) / 1000) * 1000 }
    }
    case 'waiting_list': {
      const base = random.int(5, 40)
      return { base, after: () => Math.max(0, Math.round(base * (1 - between(0.1, 0.5)))) }
    }
    case 'falls_per_month': {
      const base = round(concerns * between(0.05, 0.12), 1)
      return { base, after: () => round(base * (1 - between(0.05, 0.4)), 1) }
    }
    case 'admissions_per_year': {
      const base = Math.round(concerns * between(0.3, 0.6))
      return { base, after: () => Math.round(base * (1 - between(0.05, 0.2))) }
    }
    case 'share_feeling_safer': {
      const base = Math.round(between(40, 55))
      return { base, after: () => Math.round(between(60, 85)) }
    }
    case 'custom': {
      const base = random.int(1, 4)
      return { base, after: () => random.int(0, base) }
    }
  }
}

/** Benefit records (docs/domain.md, "Benefit realisation") for accepted participations, by the municipality's own
 * buyers. Skewed as in reality: most small municipalities record none, larger ones record for many of their
 * procurements, and a few "champions" record several benefits per procurement and keep measuring. Live participations
 * get a baseline (before go-live) and measurements at the follow-up points 6, 12 and 24 months after go-live that have
 * passed (some stop after the first); participations not yet live sometimes have a planned benefit without a
 * baseline. Realised results always have a baseline; NOK figures their price year. */
export const benefitsStep: GeneratorStep = {
  name: 'benefits',
  tables: ['benefit', 'benefit_measurement'],
  run(ctx: GeneratorContext) {
    const { sqlite, random, facts, today } = ctx
    const insertBenefit = inserter(sqlite, 'benefit', [
      'procurement_id',
      'municipality_number',
      'product_id',
      'category',
      'area',
      'beneficiary',
      'indicator',
      'custom_indicator',
      'custom_unit',
      'hours_per_unit',
      'concerns_count',
      'description',
      'baseline_value',
      'baseline_period_start',
      'baseline_period_end',
      'baseline_method',
      'baseline_quality_note',
      'created_by',
      'created_at',
      'updated_at',
    ])
    const insertMeasurement = inserter(sqlite, 'benefit_measurement', [
      'benefit_id',
      'value',
      'period_start',
      'period_end',
      'method',
      'status',
      'uncertainty',
      'reported_by',
      'price_year',
      'note',
      'created_by',
      'created_at',
      'updated_at',
    ])
    const products = new Map(facts.products.map((p) => [p.id, p]))
    // How keen each municipality is: the share of its participations with benefit records, growing with its size;
    // one in twenty is a champion whatever its size.
    const keenness = new Map(
      facts.municipalities.map((m) => {
        const champion = random.chance(0.05)
        const share = champion ? 0.9 : Math.min(0.6, Math.max(0.02, (Math.log10(m.population) - 3) / 3))
        return [m.number, { share, champion, buyers: m.buyerUserIds }]
      }),
    )
    const cap = (date: string) => (date > today ? today : date)

    for (const p of facts.participations) {
      const m = keenness.get(p.municipalityNumber)
      if (!m || m.buyers.length === 0 || !random.chance(m.share)) continue
      const live = p.goLiveDate !== null && p.goLiveDate <= today && p.phase !== 'planning' && p.phase !== 'tendering'
      // Not yet live: at most a planned benefit, without a baseline.
      if (!live && !random.chance(0.25)) continue
      const goLive = p.goLiveDate ?? addDays(today, random.int(30, 365))
      const product = p.reportProductId === null ? undefined : products.get(p.reportProductId)
      const choices = (product && INDICATORS_BY_CATEGORY[product.categorySlug]) ?? OTHER_INDICATORS
      const count = live ? (m.champion ? random.int(1, 3) : random.chance(0.2) ? 2 : 1) : 1
      const indicators = new Set(Array.from({ length: count }, () => random.weighted(choices)))
      for (const indicator of indicators) {
        const author = random.pick(m.buyers)
        const concerns = random.int(10, 140)
        const { category, area, beneficiary } = CLASSIFICATION[indicator]
        // Every seventh benefit is planned and never measured: no baseline.
        const measured = live && !random.chance(1 / 7)
        const { base, after } = figures(indicator, concerns, random)
        const created = timestampOn(random, cap(addDays(goLive, -random.int(60, 150))))
        const benefitId = insertBenefit(
          p.procurementId,
          p.municipalityNumber,
          p.reportProductId,
          category,
          area,
          beneficiary,
          indicator,
          indicator === 'custom' ? 'Leteaksjoner etter savnede' : null,
          indicator === 'custom' ? 'per måned' : null,
          indicator === 'home_visits_per_month' ? random.pick([0.25, 0.5, 0.75]) : null,
          concerns,
          random.chance(0.6) ? `Planlagt gevinst for ${concerns} brukere.` : null,
          measured ? base : null,
          measured ? addMonths(goLive, -3) : null,
          measured ? addDays(goLive, -1) : null,
          measured ? BASELINE_METHOD[indicator] : null,
          measured && random.chance(0.5) ? 'Tall fra fagsystemet før oppstart.' : null,
          author,
          created,
          created,
        )
        if (!measured) continue
        // The follow-up points that have passed; champions keep measuring, others often stop after the first.
        const points = [6, 12, 24].filter((months) => addDays(addMonths(goLive, months), -1) <= today)
        const kept = m.champion || random.chance(0.6) ? points : points.slice(0, 1)
        const estimated = random.chance(0.3)
        const money = indicator === 'nok_per_year'
        const bySupplier = money && random.chance(0.5)
        for (const months of kept) {
          const end = addDays(addMonths(goLive, months), -1)
          const recorded = timestampOn(random, cap(addDays(end, random.int(3, 30))))
          insertMeasurement(
            benefitId,
            after(),
            addMonths(goLive, months - 1),
            end,
            bySupplier ? 'supplier_figure' : estimated ? 'estimate' : BASELINE_METHOD[indicator],
            estimated || bySupplier ? 'estimated' : 'realised',
            estimated || bySupplier ? 'high' : random.pick(['low', 'moderate'] as const),
            bySupplier ? 'supplier' : 'municipality',
            money ? Number(end.slice(0, 4)) : null,
            null,
            random.pick(m.buyers),
            recorded,
            recorded,
          )
        }
      }
    }
  },
}
