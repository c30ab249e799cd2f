import { inserter, scaled, type GeneratorContext, type GeneratorStep } from '../context'
import { addDays, daysBetween, timestampOn } from '../random'
import { ADVICE, REPLY_BODIES, WAS_HARD, WORKED_WELL } from '../text'

const ENDING_REASONS = [
  'contract_expired',
  'terminated_by_municipality',
  'terminated_by_supplier',
  'switched_supplier',
  'product_discontinued',
  'needs_changed',
  'other',
]
const OPTIONAL_RATINGS = 8

/** Experience reports for the participations that have gone live (a few drafts, a few hidden by moderation, the last
 * report of an ended participation saying so), supplier replies and flags. The reports of a participation agree with
 * the quality of the products bought, so products differ in their figures. */
export const experienceStep: GeneratorStep = {
  name: 'experience',
  tables: ['experience_report', 'supplier_reply', 'content_flag'],
  run(ctx: GeneratorContext) {
    const { sqlite, random, facts, today } = ctx
    const insertReport = inserter(sqlite, 'experience_report', [
      'procurement_id',
      'product_id',
      'municipality_number',
      'author_user_id',
      'report_date',
      'status',
      'rating_overall',
      'rating_supplier_cooperation',
      'rating_delivery_as_agreed',
      'rating_product_quality',
      'rating_integration',
      'rating_training_support',
      'rating_staff_satisfaction',
      'rating_resident_satisfaction',
      'rating_value_for_money',
      'recommendation',
      'worked_well',
      'was_hard',
      'advice',
      'ended',
      'ending_reason',
      'ending_details',
      'switching_cost_nok',
      'data_exported',
      'hidden',
      'hidden_at',
      'hidden_reason',
      'created_at',
      'updated_at',
      'published_at',
    ])
    const insertReply = inserter(sqlite, 'supplier_reply', [
      'experience_report_id',
      'supplier_organisation_id',
      'author_user_id',
      'body',
      'created_at',
      'updated_at',
    ])
    const insertFlag = inserter(sqlite, 'content_flag', [
      'target_type',
      'target_id',
      'flagged_by',
      'reason',
      'created_at',
      'status',
      'decided_by',
      'decided_at',
      'decision_reason',
    ])
    const buyers = new Map(facts.municipalities.map((m) => [m.number, m.buyerUserIds]))
    const supplierUsers = new Map(facts.suppliers.map((s) => [s.organisationId, s.userIds]))
    const allBuyers = facts.municipalities.flatMap((m) => m.buyerUserIds)

    const eligible = facts.participations.filter(
      (p) => p.goLiveDate !== null && p.goLiveDate <= today && p.phase !== 'planning' && p.phase !== 'tendering',
    )
    const target = scaled(ctx, 15_000)
    const mean = eligible.length > 0 ? target / eligible.length : 0
    const rating = (quality: number, sd: number) => Math.min(5, Math.max(1, Math.round(random.normal(quality, sd))))

    for (const p of eligible) {
      const goLive = p.goLiveDate ?? today
      const k = Math.floor(random.next() * (2 * mean + 1))
      const span = Math.max(0, daysBetween(goLive, today))
      const dates = Array.from({ length: k }, () => addDays(goLive, random.int(0, span))).sort()
      const authors = buyers.get(p.municipalityNumber) ?? []
      if (authors.length === 0) continue
      dates.forEach((date, index) => {
        const last = index === dates.length - 1
        const draft = last && random.chance(0.03)
        const ended = last && !draft && p.phase === 'ended'
        const hidden = !draft && random.chance(0.003)
        const overall = rating(p.quality, 0.8)
        const at = timestampOn(random, date)
        const optional = Array.from({ length: OPTIONAL_RATINGS }, () =>
          random.chance(0.8) ? rating(p.quality, 1) : null,
        )
        const id = insertReport(
          p.procurementId,
          p.reportProductId,
          p.municipalityNumber,
          random.pick(authors),
          date,
          draft ? 'draft' : 'published',
          overall,
          ...optional,
          overall >= 4
            ? random.chance(0.85)
              ? 'yes'
              : 'with_reservations'
            : overall === 3
              ? 'with_reservations'
              : 'no',
          random.chance(0.9) ? random.pick(WORKED_WELL) : null,
          random.chance(0.8) ? random.pick(WAS_HARD) : null,
          random.chance(0.7) ? random.pick(ADVICE) : null,
          ended ? 1 : 0,
          ended ? random.pick(ENDING_REASONS) : null,
          ended && random.chance(0.5) ? 'Avtalen ble avsluttet etter evaluering.' : null,
          ended && random.chance(0.4) ? random.int(10, 2000) * 1000 : null,
          ended ? random.pick(['yes', 'partly', 'no']) : null,
          hidden ? 1 : 0,
          hidden ? at : null,
          hidden ? 'Inneholdt personopplysninger.' : null,
          at,
          at,
          draft ? null : at,
        )
        if (draft) return
        if (hidden) {
          insertFlag(
            'experience',
            id,
            random.pick(allBuyers),
            'Rapporten nevner en bruker ved navn.',
            at,
            'hidden',
            random.pick(facts.coordinatorUserIds),
            at,
            'Skjult: inneholdt personopplysninger.',
          )
          return
        }
        facts.publishedReports.push({
          id,
          procurementId: p.procurementId,
          municipalityNumber: p.municipalityNumber,
          supplierIds: p.supplierOrganisationIds,
        })
        const supplierId = p.supplierOrganisationIds[0]
        const repliers = supplierId === undefined ? undefined : supplierUsers.get(supplierId)
        if (supplierId !== undefined && repliers && random.chance(0.08)) {
          insertReply(id, supplierId, random.pick(repliers), random.pick(REPLY_BODIES), at, at)
        }
        if (random.chance(0.001)) {
          const flagger = random.pick(allBuyers)
          if (!authors.includes(flagger)) {
            insertFlag('experience', id, flagger, 'Jeg mener rapporten er unøyaktig.', at, 'open', null, null, null)
          }
        }
      })
    }
  },
}
