import type { PhaseCode } from '../../schema'
import { inserter, scaled, type GeneratorContext, type GeneratorStep } from '../context'
import { addDays, timestampOn, WeightedIndex, zipfWeights } from '../random'
import { NEEDS } from '../text'

const PROCEDURES = [
  'open_tender',
  'restricted_tender',
  'competition_with_negotiation',
  'innovation_partnership',
  'innovation_contract',
  'direct_award',
  'framework_call_off',
  'dynamic_purchasing_system',
  'below_threshold',
]
const CARE_SETTINGS = ['home_care', 'nursing_home', 'sheltered_housing', 'hospital']

/** Procurements with their products, care settings and participants. Large municipalities buy more (weight
 * population^0.8); product popularity follows a Zipf curve, so a few products are in thousands of procurements and
 * most in a handful; one in eight procurements is joint, some with dozens of municipalities from the same county. */
export const procurementsStep: GeneratorStep = {
  name: 'procurements',
  tables: ['procurement', 'procurement_care_setting', 'procurement_product', 'procurement_participant'],
  run(ctx: GeneratorContext) {
    const { sqlite, random, facts, today } = ctx
    const insertProcurement = inserter(sqlite, 'procurement', [
      'lead_municipality_number',
      'title',
      'need',
      'replaces_practice',
      'supplier_organisation_id',
      'supplier_name',
      'procedure',
      'doffin_reference',
      'contract_value_nok',
      'price_terms',
      'contract_start',
      'contract_end',
      'commercial_terms_visibility',
      'open_for_joining',
      'internal_notes',
      'created_by',
      'created_at',
      'updated_at',
    ])
    const insertCareSetting = inserter(sqlite, 'procurement_care_setting', ['procurement_id', 'code'])
    const insertProduct = inserter(sqlite, 'procurement_product', ['procurement_id', 'product_id', 'product_name'])
    const insertParticipant = inserter(sqlite, 'procurement_participant', [
      'procurement_id',
      'municipality_number',
      'role',
      'users_count',
      'units_count',
      'sites_count',
      'go_live_date',
      'phase',
      'internal_notes',
      'status',
      'created_at',
      'updated_at',
    ])

    const municipalities = facts.municipalities
    const leadIndex = new WeightedIndex(municipalities.map((m) => Math.pow(m.population, 0.8)))
    const byCounty = new Map<string, typeof municipalities>()
    for (const m of municipalities) byCounty.set(m.countyNumber, [...(byCounty.get(m.countyNumber) ?? []), m])
    // Popularity ranks in a random order, so the most bought products are not simply the oldest ids.
    const publicProducts = random.sample(
      facts.products.filter((p) => p.everPublic),
      facts.products.length,
    )
    if (publicProducts.length === 0) throw new Error('no public products to buy')
    const productIndex = new WeightedIndex(zipfWeights(publicProducts.length, 0.7))
    const publicBySupplier = new Map<number, typeof publicProducts>()
    for (const p of publicProducts) {
      publicBySupplier.set(p.supplierOrganisationId, [...(publicBySupplier.get(p.supplierOrganisationId) ?? []), p])
    }

    const count = scaled(ctx, 5000)
    for (let i = 0; i < count; i++) {
      const lead = municipalities[leadIndex.draw(random)]
      if (!lead) throw new Error('no municipality')
      const created = addDays(today, -random.int(30, 8 * 365))
      const createdAt = timestampOn(random, created)
      const contractStart = addDays(created, random.int(0, 180))
      const contractEnd = addDays(contractStart, random.int(2 * 365, 6 * 365))
      const freeTextOnly = random.chance(0.05)
      const primary = publicProducts[productIndex.draw(random)]
      if (!primary) throw new Error('no product')
      const products = freeTextOnly ? [] : [primary]
      if (!freeTextOnly && random.chance(0.3)) {
        const siblings = (publicBySupplier.get(primary.supplierOrganisationId) ?? []).filter((p) => p !== primary)
        products.push(...random.sample(siblings, random.int(1, 2)))
      }
      const year = contractStart.slice(0, 4)
      const procurementId = insertProcurement(
        lead.number,
        `Anskaffelse ${i + 1}: velferdsteknologi i ${lead.name}`,
        random.pick(NEEDS),
        random.chance(0.5) ? 'Analoge løsninger og manuelle rutiner.' : null,
        freeTextOnly ? null : primary.supplierOrganisationId,
        freeTextOnly ? 'Ukjent leverandør AS' : null,
        random.pick(PROCEDURES),
        random.chance(0.7) ? `${year}-${String(random.int(0, 999_999)).padStart(6, '0')}` : null,
        random.chance(0.8) ? random.int(50, 20_000) * 1000 : null,
        random.chance(0.5) ? 'Fast pris per enhet per måned, KPI-justert årlig.' : null,
        contractStart,
        contractEnd,
        random.chance(0.3) ? 'public' : 'municipalities',
        random.chance(0.15) ? 1 : 0,
        random.chance(0.3) ? 'Interne notater om anskaffelsen.' : null,
        random.pick(lead.buyerUserIds),
        createdAt,
        createdAt,
      )
      for (const code of random.sample(CARE_SETTINGS, random.int(1, 2))) insertCareSetting(procurementId, code)
      for (const p of products) insertProduct(procurementId, p.id, null)
      if (freeTextOnly || random.chance(0.1)) insertProduct(procurementId, null, 'Tilleggsutstyr fra annen leverandør')

      const participants = [lead]
      if (random.chance(0.12)) {
        const extra = Math.min(30, 1 + Math.floor(-Math.log(1 - random.next()) * 4))
        const sameCounty = (byCounty.get(lead.countyNumber) ?? []).filter((m) => m !== lead)
        participants.push(...random.sample(sameCounty, extra))
      }
      const goLive = random.chance(0.95) ? addDays(contractStart, random.int(0, 365)) : null
      for (const [index, m] of participants.entries()) {
        const ownGoLive = goLive && index > 0 ? addDays(goLive, random.int(0, 120)) : goLive
        let phase: PhaseCode
        if (ownGoLive === null || ownGoLive > today) phase = random.pick(['planning', 'tendering'] as const)
        else {
          phase = random.weighted<PhaseCode>([
            ['pilot', 15],
            ['implementation', 15],
            ['in_operation', 55],
            ['ended', 15],
          ])
        }
        const participantId = insertParticipant(
          procurementId,
          m.number,
          index === 0 ? 'lead' : 'participant',
          random.chance(0.8) ? Math.max(1, Math.round((m.population / 200) * random.next())) : null,
          random.chance(0.6) ? random.int(1, 40) : null,
          random.chance(0.6) ? random.int(1, 15) : null,
          ownGoLive,
          phase,
          random.chance(0.2) ? 'Egne notater om innføringen.' : null,
          // Generated participations have all been accepted (an invitation answered is the common case at scale).
          'accepted',
          createdAt,
          createdAt,
        )
        facts.participations.push({
          procurementId,
          municipalityNumber: m.number,
          participantId,
          phase,
          goLiveDate: ownGoLive,
          supplierOrganisationIds: [...new Set(products.map((p) => p.supplierOrganisationId))],
          reportProductId: products[0]?.id ?? null,
          quality: products.length > 0 ? products.reduce((s, p) => s + p.quality, 0) / products.length : 3.5,
        })
      }
    }
  },
}
