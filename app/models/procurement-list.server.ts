import type { Expression, SqlBool } from 'kysely'
import { getDb } from '../../db/client'
import type { ProcurementListFilter } from '~/forms/procurement'
import { PHASES, type PhaseCode, type ProcedureCode } from '~/domain/procurement-rules'
import { acceptedParticipationWhere, commercialTermsWhere } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import type { DbOrTrx } from '~/models/db.server'
import {
  loadMunicipalities,
  municipalityFilterWhere,
  municipalityRefOrPlaceholder,
  type MunicipalityRef,
} from '~/models/municipalities.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'
import { containsInsensitive } from '~/models/text-match.server'
import { ChangeMemo } from '~/models/change-memo.server'

// The national list of procurements, filtered to "municipalities like mine", a phase, a procedure or a product.

/** A product bought: a register product (its register name) or one named in free text (productId null). */
export type ProcurementProductRef = { productId: number | null; name: string }

/** The products bought under each of these procurements, in the order the lead listed them (procurements without
 * products are absent from the map). */
export async function loadProcurementProducts(db: DbOrTrx, procurementIds: readonly number[]) {
  const byProcurement = new Map<number, ProcurementProductRef[]>()
  if (procurementIds.length === 0) return byProcurement
  const rows = await db
    .selectFrom('procurement_product')
    .leftJoin('product', 'product.id', 'procurement_product.product_id')
    .select([
      'procurement_product.procurement_id',
      'procurement_product.product_id',
      'procurement_product.product_name',
      'product.name as register_name',
    ])
    .where('procurement_product.procurement_id', 'in', [...procurementIds])
    .orderBy('procurement_product.id')
    .execute()
  for (const r of rows) {
    const list = byProcurement.get(r.procurement_id) ?? []
    list.push({ productId: r.product_id, name: r.register_name ?? r.product_name ?? '' })
    byProcurement.set(r.procurement_id, list)
  }
  return byProcurement
}

export type ProcurementSummary = {
  id: number
  title: string
  lead: MunicipalityRef
  participantCount: number
  /** Phases of the participants, each once, in phase order. */
  phases: PhaseCode[]
  procedure: ProcedureCode
  supplierName: string | null
  products: ProcurementProductRef[]
  contractStart: string | null
  contractEnd: string | null
  /** Null when this viewer may not see it. */
  contractValueNok: number | null
  updatedAt: string
}

/**
 * Procurements, newest change first; participants are the accepted ones (rule `participation-accepted`). Filters: a
 * participating municipality, the county or population band of any
 * participant ("municipalities like mine"), a participant's phase, the procedure, a register product (by id, or part
 * of its name).
 */
const listCounts = new ChangeMemo<number>(1_000)

export async function listProcurements(
  viewer: Viewer | null,
  filter: ProcurementListFilter = {},
): Promise<Page<ProcurementSummary>> {
  const { page, pageSize, offset } = pageParams(filter)
  const db = getDb()
  const { municipality, county, populationBand, phase, procedure, productId, productName } = filter
  const base = db.selectFrom('procurement').where((eb) => {
    const conditions: Array<Expression<SqlBool>> = []
    if (procedure) conditions.push(eb('procurement.procedure', '=', procedure))
    if (productId !== undefined) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('procurement_product')
            .select('procurement_product.id')
            .whereRef('procurement_product.procurement_id', '=', 'procurement.id')
            .where('procurement_product.product_id', '=', productId),
        ),
      )
    }
    if (productName !== undefined) {
      // From the products whose name matches (a few thousand names) to their procurements, not a name test per
      // procurement.
      conditions.push(
        eb(
          'procurement.id',
          'in',
          eb
            .selectFrom('procurement_product')
            .select('procurement_product.procurement_id')
            .where(
              'procurement_product.product_id',
              'in',
              eb.selectFrom('product').select('product.id').where(containsInsensitive('product.name', productName)),
            ),
        ),
      )
    }
    if (municipality || county || populationBand || phase) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('procurement_participant')
            .innerJoin('municipality', 'municipality.number', 'procurement_participant.municipality_number')
            .select('procurement_participant.id')
            .whereRef('procurement_participant.procurement_id', '=', 'procurement.id')
            .where(acceptedParticipationWhere)
            .where(municipalityFilterWhere({ county, populationBand }))
            .where((p) =>
              p.and([
                ...(municipality ? [p('procurement_participant.municipality_number', '=', municipality)] : []),
                ...(phase ? [p('procurement_participant.phase', '=', phase)] : []),
              ]),
            ),
        ),
      )
    }
    return eb.and(conditions)
  })
  // The count reads every matching procurement (all of them unfiltered) and is the same for every viewer: kept until
  // the database changes, as the register's public count is.
  const countKey = JSON.stringify([municipality, county, populationBand, phase, procedure, productId, productName])
  const [n, rows] = await Promise.all([
    listCounts.get(countKey, async () =>
      Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    ),
    base
      .leftJoin('organisation', 'organisation.id', 'procurement.supplier_organisation_id')
      .select((eb) => [
        'procurement.id',
        'procurement.title',
        'procurement.lead_municipality_number',
        'procurement.procedure',
        'procurement.supplier_name',
        'organisation.name as supplier_organisation_name',
        'procurement.contract_start',
        'procurement.contract_end',
        'procurement.updated_at',
        eb
          .case()
          .when(commercialTermsWhere(viewer)(eb))
          .then(eb.ref('procurement.contract_value_nok'))
          .end()
          .as('contract_value_nok'),
      ])
      .orderBy('procurement.updated_at', 'desc')
      .orderBy('procurement.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  const ids = rows.map((r) => r.id)
  const [participants, products, municipalities] = await Promise.all([
    ids.length
      ? db
          .selectFrom('procurement_participant')
          .select(['procurement_id', 'municipality_number', 'phase'])
          .where('procurement_id', 'in', ids)
          .where(acceptedParticipationWhere)
          .execute()
      : Promise.resolve([]),
    loadProcurementProducts(db, ids),
    loadMunicipalities(
      db,
      rows.map((r) => r.lead_municipality_number),
    ),
  ])
  const items = rows.map((r): ProcurementSummary => {
    const own = participants.filter((p) => p.procurement_id === r.id)
    return {
      id: r.id,
      title: r.title,
      lead: municipalityRefOrPlaceholder(municipalities, r.lead_municipality_number),
      participantCount: own.length,
      phases: PHASES.filter((ph) => own.some((p) => p.phase === ph)),
      procedure: r.procedure,
      supplierName: r.supplier_organisation_name ?? r.supplier_name,
      products: products.get(r.id) ?? [],
      contractStart: r.contract_start,
      contractEnd: r.contract_end,
      contractValueNok: r.contract_value_nok,
      updatedAt: r.updated_at,
    }
  })
  return toPage(items, n, page, pageSize)
}
