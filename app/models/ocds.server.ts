import { getDb } from '../../db/client'
import { toRelease, type OcdsBenefit, type OcdsProcurement, type OcdsRelease } from '~/domain/ocds'
import { translator } from '~/i18n'
import { acceptedParticipationWhere, commercialTermsWhere } from '~/policy/experience'
import { visibleBenefitsWhere } from '~/policy/benefits'
import { isCoordinatorOrAdmin, isVerifiedMember, type Viewer } from '~/policy/viewer'
import type { DbOrTrx } from '~/models/db.server'
import { loadProcurementProducts } from '~/models/procurement-list.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Procurements as OCDS releases (app/domain/ocds.ts) for this viewer: the public fields for everyone, the contract
// value where commercial-terms allows it, and benefit records (as metrics) where benefit-visible allows them. Batched:
// a fixed number of queries for a page, whatever its size.

/** Whether this viewer reads any benefit records at all (the public sees aggregates only). */
const readsBenefitRecords = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer) || isVerifiedMember(viewer)

async function loadBenefits(db: DbOrTrx, viewer: Viewer | null, procurementIds: readonly number[]) {
  const byProcurement = new Map<number, OcdsBenefit[]>()
  if (!readsBenefitRecords(viewer) || procurementIds.length === 0) return byProcurement
  const benefits = await db
    .selectFrom('benefit')
    .leftJoin('product', 'product.id', 'benefit.product_id')
    .select([
      'benefit.id',
      'benefit.procurement_id',
      'benefit.municipality_number',
      'benefit.indicator',
      'benefit.custom_indicator',
      'benefit.custom_unit',
      'benefit.category',
      'benefit.area',
      'benefit.baseline_value',
      'benefit.baseline_period_start',
      'benefit.baseline_period_end',
      'benefit.baseline_method',
      'product.name as product_name',
    ])
    .where('benefit.procurement_id', 'in', [...procurementIds])
    .where(visibleBenefitsWhere(viewer))
    .orderBy('benefit.id')
    .execute()
  const measurements =
    benefits.length === 0
      ? []
      : await db
          .selectFrom('benefit_measurement')
          .select([
            'id',
            'benefit_id',
            'value',
            'period_start',
            'period_end',
            'method',
            'status',
            'uncertainty',
            'reported_by',
            'price_year',
          ])
          .where(
            'benefit_id',
            'in',
            benefits.map((b) => b.id),
          )
          .orderBy('period_end')
          .orderBy('id')
          .execute()
  for (const b of benefits) {
    const list = byProcurement.get(b.procurement_id) ?? []
    list.push({
      id: b.id,
      municipalityNumber: b.municipality_number,
      productName: b.product_name,
      indicator: b.indicator,
      indicatorTitle: b.indicator === 'custom' ? (b.custom_indicator ?? '') : b.indicator,
      unit: b.indicator === 'custom' ? (b.custom_unit ?? '') : b.indicator.replace(/_per_.*/, ''),
      categoryTitle: b.category,
      areaTitle: `area ${b.area}`,
      baseline:
        b.baseline_value !== null && b.baseline_period_start && b.baseline_period_end && b.baseline_method
          ? {
              value: b.baseline_value,
              periodStart: b.baseline_period_start,
              periodEnd: b.baseline_period_end,
              method: b.baseline_method,
            }
          : null,
      measurements: measurements
        .filter((m) => m.benefit_id === b.id)
        .map((m) => ({
          id: m.id,
          value: m.value,
          periodStart: m.period_start,
          periodEnd: m.period_end,
          method: m.method,
          status: m.status,
          uncertainty: m.uncertainty,
          reportedBy: m.reported_by,
          priceYear: m.price_year,
        })),
    })
    byProcurement.set(b.procurement_id, list)
  }
  return byProcurement
}

async function loadReleases(db: DbOrTrx, viewer: Viewer | null, ids: readonly number[]): Promise<OcdsRelease[]> {
  if (ids.length === 0) return []
  const seesTerms = commercialTermsWhere(viewer)
  const [rows, participants, products, benefits] = await Promise.all([
    db
      .selectFrom('procurement')
      .innerJoin('municipality as lead', 'lead.number', 'procurement.lead_municipality_number')
      .leftJoin('organisation', 'organisation.id', 'procurement.supplier_organisation_id')
      .select((eb) => [
        'procurement.id',
        'procurement.title',
        'procurement.need',
        'procurement.procedure',
        'procurement.doffin_reference',
        'procurement.lead_municipality_number',
        'lead.name as lead_name',
        'procurement.supplier_organisation_id',
        'procurement.supplier_name',
        'organisation.name as supplier_org_name',
        'procurement.contract_start',
        'procurement.contract_end',
        'procurement.updated_at',
        eb.case().when(seesTerms(eb)).then(eb.ref('procurement.contract_value_nok')).end().as('contract_value_nok'),
      ])
      .where('procurement.id', 'in', [...ids])
      .execute(),
    db
      .selectFrom('procurement_participant')
      .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
      .select(['procurement_participant.procurement_id', 'municipality.number', 'municipality.name'])
      .where('procurement_participant.procurement_id', 'in', [...ids])
      .where('procurement_participant.role', '!=', 'lead')
      .where(acceptedParticipationWhere)
      .orderBy('procurement_participant.id')
      .execute(),
    loadProcurementProducts(db, ids),
    loadBenefits(db, viewer, ids),
  ])
  const t = translator('nb')
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const r = byId.get(id)
    if (!r) return []
    const procurement: OcdsProcurement = {
      id: r.id,
      title: r.title,
      need: r.need,
      procedure: r.procedure,
      procedureTitle: t(`procedure.${r.procedure}`),
      doffinReference: r.doffin_reference,
      lead: { number: r.lead_municipality_number, name: r.lead_name },
      participants: participants
        .filter((p) => p.procurement_id === id)
        .map((p) => ({ number: p.number, name: p.name })),
      supplier: { organisationId: r.supplier_organisation_id, name: r.supplier_org_name ?? r.supplier_name },
      products: products.get(id) ?? [],
      contractStart: r.contract_start,
      contractEnd: r.contract_end,
      contractValueNok: r.contract_value_nok,
      updatedAt: r.updated_at,
      benefits: readsBenefitRecords(viewer) ? (benefits.get(id) ?? []) : null,
    }
    return [toRelease(procurement)]
  })
}

/** One procurement's release, or null when it does not exist (procurements are public information). */
export async function ocdsRelease(viewer: Viewer | null, procurementId: number): Promise<OcdsRelease | null> {
  const [release] = await loadReleases(getDb(), viewer, [procurementId])
  return release ?? null
}

/** A page of releases, the most recently changed procurement first. */
export async function ocdsReleasePage(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number },
): Promise<Page<OcdsRelease>> {
  const db = getDb()
  const { page, pageSize, offset } = pageParams(paging, 100)
  const [{ n }, idRows] = await Promise.all([
    db
      .selectFrom('procurement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('procurement')
      .select('id')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  return toPage(
    await loadReleases(
      db,
      viewer,
      idRows.map((r) => r.id),
    ),
    n,
    page,
    pageSize,
  )
}
