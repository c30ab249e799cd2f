import { getDb } from '../../db/client'
import type { BenefitIndicator, MeasurementMethod, MeasurementReporter, MeasurementStatus } from '../../db/schema'
import {
  benefitFollowUpDue,
  deriveMeasurement,
  isMoneyIndicator,
  type BenefitArea,
  type DerivedBenefit,
} from '~/domain/benefits'
import { FOLLOW_UP_PHASES } from '~/domain/procurement-rules'
import { isOneOf } from '~/domain/code-lists'
import type { BaselineData, BenefitData, MeasurementData, MeasurementRefData } from '~/forms/benefit'
import {
  canEditBenefit,
  canRecordBenefit,
  canViewBenefit,
  visibleBenefitsWhere,
  type BenefitAccess,
} from '~/policy/benefits'
import { isVerifiedBuyer, type Viewer } from '~/policy/viewer'
import { acceptedParticipationWhere } from '~/policy/experience'
import { audit } from '~/utils/audit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { clock, type DbOrTrx } from '~/models/db.server'
import { refreshBenefitSlices, refreshPublicBenefitFigures, slicesOfBenefits } from '~/models/benefit-aggregates.server'
import type { ProcurementAccess } from '~/models/procurement-access.server'
import { pageParams, pageWithin, toPage, type Page, type PageParams } from '~/models/paging.server'
import { ChangeMemo } from '~/models/change-memo.server'
import { refreshFollowUpDueFrom } from '~/models/follow-up-due.server'

// Benefit records (docs/domain.md, "Benefit realisation"): a municipality's planned benefits under a procurement,
// their baselines and their measurements. Reads select through the policy's list form (`benefit-visible`); writes are
// for the buyers of the benefit's municipality while it takes part in the procurement, re-checked in the transaction,
// and audited with ids and codes only. Every derived figure comes from app/domain/benefits.ts.

/** Bounds: one procurement's records are read at most this many at a time. (A municipality's follow-up reads all of
 * its benefits: which are due is decided for each, and a cap dropped the oldest, the likeliest to be due.) */
const MAX_BENEFITS = 200
const MAX_MEASUREMENTS = 2000

export type BenefitRef = BenefitAccess & {
  id: number
  procurementId: number
  municipalityNumber: string
}

/** A benefit as the policy sees it, whoever asks; undefined when it does not exist. */
async function loadBenefitRef(db: DbOrTrx, benefitId: number): Promise<BenefitRef | undefined> {
  const row = await db
    .selectFrom('benefit')
    .leftJoin('product', 'product.id', 'benefit.product_id')
    .select(['benefit.id', 'benefit.procurement_id', 'benefit.municipality_number', 'product.supplier_organisation_id'])
    .where('benefit.id', '=', benefitId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    procurementId: row.procurement_id,
    municipalityNumber: row.municipality_number,
    productSupplierOrganisationId: row.supplier_organisation_id ?? null,
  }
}

/** A benefit of this procurement that the viewer may read; not_found otherwise (it does not exist for them). */
export async function getBenefitRef(
  viewer: Viewer | null,
  procurementId: number,
  benefitId: number,
): Promise<Result<BenefitRef>> {
  const ref = await loadBenefitRef(getDb(), benefitId)
  if (!ref || ref.procurementId !== procurementId || !canViewBenefit(viewer, ref)) return refuse('not_found')
  return ok(ref)
}

export type MeasurementView = {
  id: number
  value: number
  periodStart: string
  periodEnd: string
  method: MeasurementMethod
  status: MeasurementStatus
  uncertainty: 'low' | 'moderate' | 'high'
  reportedBy: MeasurementReporter
  priceYear: number | null
  note: string | null
  /** Against the baseline; null while there is none (only planned and estimated figures can exist then). */
  derived: DerivedBenefit | null
}

export type BenefitView = {
  id: number
  procurementId: number
  municipality: { number: string; name: string }
  product: { id: number; name: string } | null
  category: 'efficiency' | 'quality'
  area: BenefitArea
  beneficiary: 'residents' | 'staff' | 'municipality' | 'hospital' | 'relatives'
  indicator: BenefitIndicator
  customIndicator: string | null
  customUnit: string | null
  hoursPerUnit: number | null
  concernsCount: number | null
  description: string | null
  baseline: {
    value: number
    periodStart: string
    periodEnd: string
    method: MeasurementMethod
    qualityNote: string | null
  } | null
  /** Newest period first. */
  measurements: MeasurementView[]
  /** The newest realised and the newest estimated measurement, side by side: never added together. */
  latest: { realised: MeasurementView | null; estimated: MeasurementView | null }
  /** The 6/12/24-month follow-up point the benefit is due at, for its own municipality's buyers. */
  followUpDue: { months: number; dueDate: string } | null
  viewerCan: { edit: boolean }
}

const benefitColumns = [
  'benefit.id',
  'benefit.procurement_id',
  'benefit.municipality_number',
  'municipality.name as municipality_name',
  'benefit.product_id',
  'product.name as product_name',
  'product.supplier_organisation_id',
  'benefit.category',
  'benefit.area',
  'benefit.beneficiary',
  'benefit.indicator',
  'benefit.custom_indicator',
  'benefit.custom_unit',
  'benefit.hours_per_unit',
  'benefit.concerns_count',
  'benefit.description',
  'benefit.baseline_value',
  'benefit.baseline_period_start',
  'benefit.baseline_period_end',
  'benefit.baseline_method',
  'benefit.baseline_quality_note',
  'procurement_participant.go_live_date',
  'procurement_participant.phase',
] as const

function benefitsQuery(viewer: Viewer | null, db: DbOrTrx) {
  return db
    .selectFrom('benefit')
    .innerJoin('municipality', 'municipality.number', 'benefit.municipality_number')
    .leftJoin('product', 'product.id', 'benefit.product_id')
    .leftJoin('procurement_participant', (j) =>
      j
        .onRef('procurement_participant.procurement_id', '=', 'benefit.procurement_id')
        .onRef('procurement_participant.municipality_number', '=', 'benefit.municipality_number'),
    )
    .select(benefitColumns)
    .where(visibleBenefitsWhere(viewer))
}

type BenefitRow = Awaited<ReturnType<ReturnType<typeof benefitsQuery>['execute']>>[number]

async function loadMeasurements(db: DbOrTrx, benefitIds: readonly number[]) {
  if (benefitIds.length === 0) return []
  return db
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
      'note',
    ])
    .where('benefit_id', 'in', benefitIds)
    .orderBy('benefit_id')
    .orderBy('period_end', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_MEASUREMENTS)
    .execute()
}

function toView(
  viewer: Viewer | null,
  row: BenefitRow,
  measurements: Awaited<ReturnType<typeof loadMeasurements>>,
  today: string,
): BenefitView {
  const baseline =
    row.baseline_value !== null &&
    row.baseline_period_start !== null &&
    row.baseline_period_end !== null &&
    row.baseline_method !== null
      ? {
          value: row.baseline_value,
          periodStart: row.baseline_period_start,
          periodEnd: row.baseline_period_end,
          method: row.baseline_method,
          qualityNote: row.baseline_quality_note,
        }
      : null
  const conversion = { indicator: row.indicator, hoursPerUnit: row.hours_per_unit }
  const views: MeasurementView[] = measurements.map((m) => ({
    id: m.id,
    value: m.value,
    periodStart: m.period_start,
    periodEnd: m.period_end,
    method: m.method,
    status: m.status,
    uncertainty: m.uncertainty,
    reportedBy: m.reported_by,
    priceYear: m.price_year,
    note: m.note,
    derived: baseline
      ? deriveMeasurement({ ...conversion, baseline: baseline.value }, { value: m.value, priceYear: m.price_year })
      : null,
  }))
  const own = isVerifiedBuyer(viewer) && viewer.municipalityNumber === row.municipality_number
  const participating = row.phase !== null
  const answered = views.filter((m) => m.status !== 'planned').map((m) => m.periodEnd)
  return {
    id: row.id,
    procurementId: row.procurement_id,
    municipality: { number: row.municipality_number, name: row.municipality_name },
    product:
      row.product_id !== null && row.product_name !== null ? { id: row.product_id, name: row.product_name } : null,
    category: row.category,
    area: row.area as BenefitArea,
    beneficiary: row.beneficiary,
    indicator: row.indicator,
    customIndicator: row.custom_indicator,
    customUnit: row.custom_unit,
    hoursPerUnit: row.hours_per_unit,
    concernsCount: row.concerns_count,
    description: row.description,
    baseline,
    measurements: views,
    latest: {
      realised: views.find((m) => m.status === 'realised') ?? null,
      estimated: views.find((m) => m.status === 'estimated') ?? null,
    },
    followUpDue:
      own && row.phase !== null && isOneOf(FOLLOW_UP_PHASES, row.phase)
        ? benefitFollowUpDue({
            hasBaseline: baseline !== null,
            goLiveDate: row.go_live_date,
            latestMeasurementEnd: answered.sort().at(-1) ?? null,
            today,
          })
        : null,
    viewerCan: {
      edit: participating && canEditBenefit(viewer, { municipalityNumber: row.municipality_number }),
    },
  }
}

/** The benefit records of one procurement this viewer may read (each municipality's in turn), with their
 * measurements and derived figures. */
export async function listProcurementBenefits(viewer: Viewer | null, procurement: ProcurementAccess) {
  const db = getDb()
  const { today } = clock()
  const rows = await benefitsQuery(viewer, db)
    .where('benefit.procurement_id', '=', procurement.id)
    .orderBy('benefit.municipality_number')
    .orderBy('benefit.id')
    .limit(MAX_BENEFITS)
    .execute()
  const measurements = await loadMeasurements(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) =>
    toView(
      viewer,
      r,
      measurements.filter((m) => m.benefit_id === r.id),
      today,
    ),
  )
}

/** One benefit record with its measurements; undefined when the viewer may not read it. */
export async function getBenefit(viewer: Viewer | null, ref: BenefitRef): Promise<BenefitView | undefined> {
  const db = getDb()
  const row = await benefitsQuery(viewer, db).where('benefit.id', '=', ref.id).executeTakeFirst()
  if (!row) return undefined
  return toView(viewer, row, await loadMeasurements(db, [row.id]), clock().today)
}

/** The register products of a procurement, which a benefit may be about (procurements and their products are public). */
export async function listBenefitProductOptions(procurementId: number) {
  const rows = await getDb()
    .selectFrom('procurement_product')
    .innerJoin('product', 'product.id', 'procurement_product.product_id')
    .select(['product.id', 'product.name'])
    .where('procurement_product.procurement_id', '=', procurementId)
    .orderBy('product.name')
    .execute()
  return rows.map((r) => ({ value: String(r.id), label: r.name }))
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

async function productInProcurement(db: DbOrTrx, procurementId: number, productId: number | null) {
  if (productId === null) return true
  const row = await db
    .selectFrom('procurement_product')
    .select('product_id')
    .where('procurement_id', '=', procurementId)
    .where('product_id', '=', productId)
    .executeTakeFirst()
  return row !== undefined
}

/** Whether the benefit's municipality still takes part in its procurement (re-checked in the write's transaction);
 * the caller has checked canEditBenefit first. */
async function stillParticipates(db: DbOrTrx, ref: BenefitRef): Promise<boolean> {
  const participant = await db
    .selectFrom('procurement_participant')
    .select('id')
    .where('procurement_id', '=', ref.procurementId)
    .where('municipality_number', '=', ref.municipalityNumber)
    // Only while it takes part: an invitation not yet accepted, a decline or a departure records nothing.
    .where(acceptedParticipationWhere)
    .executeTakeFirst()
  return participant !== undefined
}

function benefitColumnsOf(data: BenefitData) {
  return {
    category: data.category,
    area: data.area,
    beneficiary: data.beneficiary,
    indicator: data.indicator,
    custom_indicator: data.customIndicator,
    custom_unit: data.customUnit,
    hours_per_unit: data.hoursPerUnit,
    concerns_count: data.concernsCount,
    product_id: data.productId,
    description: data.description,
  }
}

/** A buyer of a participating municipality plans a benefit for its own participation. */
export async function createBenefit(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  data: BenefitData,
): Promise<Result<{ benefitId: number }>> {
  if (!canRecordBenefit(viewer, procurement)) return refuse('forbidden')
  const { iso } = clock()
  const municipalityNumber = viewer.municipalityNumber
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await productInProcurement(trx, procurement.id, data.productId)))
        return invalidFields({ productId: 'validation.benefit.product' })
      const { id } = await trx
        .insertInto('benefit')
        .values({
          procurement_id: procurement.id,
          municipality_number: municipalityNumber,
          ...benefitColumnsOf(data),
          created_by: viewer.userId,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(
        {
          action: 'benefit.created',
          actorUserId: viewer.userId,
          target: { type: 'benefit', id },
          details: {
            procurementId: procurement.id,
            municipalityNumber,
            productId: data.productId,
            category: data.category,
            area: data.area,
            indicator: data.indicator,
          },
          at: iso,
        },
        trx,
      )
      await refreshPublicBenefitFigures(trx, [id], iso)
      return ok({ benefitId: id })
    })
}

/** The benefit's own buyers change what it is about; its indicator is fixed once a baseline or a measurement exists
 * (the figures are in that indicator's unit). */
export async function updateBenefit(viewer: Viewer | null, ref: BenefitRef, data: BenefitData): Promise<Result<null>> {
  if (!canEditBenefit(viewer, ref)) return refuse('forbidden')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await stillParticipates(trx, ref))) return refuse('forbidden')
      if (!(await productInProcurement(trx, ref.procurementId, data.productId)))
        return invalidFields({ productId: 'validation.benefit.product' })
      const current = await trx
        .selectFrom('benefit')
        .select(['indicator', 'baseline_value'])
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow()
      const measured = await trx
        .selectFrom('benefit_measurement')
        .select('id')
        .where('benefit_id', '=', ref.id)
        .limit(1)
        .executeTakeFirst()
      if (current.indicator !== data.indicator && (current.baseline_value !== null || measured))
        return invalidFields({ indicator: 'validation.benefit.indicatorLocked' })
      // Its figures leave the slices it counted in (category, area, product) and join the new ones: both take a step.
      const before = await slicesOfBenefits(trx, [ref.id])
      await trx
        .updateTable('benefit')
        .set({ ...benefitColumnsOf(data), updated_at: iso })
        .where('id', '=', ref.id)
        .execute()
      await refreshBenefitSlices(trx, before, iso)
      await refreshPublicBenefitFigures(trx, [ref.id], iso)
      await audit(
        {
          action: 'benefit.updated',
          actorUserId: viewer.userId,
          target: { type: 'benefit', id: ref.id },
          details: {
            procurementId: ref.procurementId,
            municipalityNumber: ref.municipalityNumber,
            indicator: data.indicator,
          },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}

/** Records (or corrects) the benefit's baseline: measured before the change, so it cannot start in the future. */
export async function saveBaseline(viewer: Viewer | null, ref: BenefitRef, data: BaselineData): Promise<Result<null>> {
  if (!canEditBenefit(viewer, ref)) return refuse('forbidden')
  const { iso, today } = clock()
  if (data.baselinePeriodStart > today) return invalidFields({ baselinePeriodStart: 'validation.benefit.periodFuture' })
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await stillParticipates(trx, ref))) return refuse('forbidden')
      const before = await trx
        .selectFrom('benefit')
        .select('baseline_value')
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('benefit')
        .set({
          baseline_value: data.baselineValue,
          baseline_period_start: data.baselinePeriodStart,
          baseline_period_end: data.baselinePeriodEnd,
          baseline_method: data.baselineMethod,
          baseline_quality_note: data.baselineQualityNote,
          updated_at: iso,
        })
        .where('id', '=', ref.id)
        .execute()
      await audit(
        {
          action: 'benefit.baseline_recorded',
          actorUserId: viewer.userId,
          target: { type: 'benefit', id: ref.id },
          details: {
            procurementId: ref.procurementId,
            municipalityNumber: ref.municipalityNumber,
            method: data.baselineMethod,
            corrected: before.baseline_value !== null,
          },
          at: iso,
        },
        trx,
      )
      await refreshPublicBenefitFigures(trx, [ref.id], iso)
      return ok(null)
    })
}

/** Adds a measurement. A realised result needs the baseline (the database refuses it too), is about a period that has
 * begun, and a NOK figure says its price year. */
export async function addMeasurement(
  viewer: Viewer | null,
  ref: BenefitRef,
  data: MeasurementData,
): Promise<Result<{ measurementId: number }>> {
  if (!canEditBenefit(viewer, ref)) return refuse('forbidden')
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await stillParticipates(trx, ref))) return refuse('forbidden')
      const benefit = await trx
        .selectFrom('benefit')
        .select(['indicator', 'baseline_value'])
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow()
      if (data.status === 'realised' && benefit.baseline_value === null)
        return invalidFields({ status: 'validation.benefit.realisedNeedsBaseline' })
      if (data.status === 'realised' && data.periodStart > today)
        return invalidFields({ periodStart: 'validation.benefit.periodFuture' })
      const money = isMoneyIndicator(benefit.indicator)
      if (money && data.priceYear === null) return invalidFields({ priceYear: 'validation.benefit.priceYearRequired' })
      const { id } = await trx
        .insertInto('benefit_measurement')
        .values({
          benefit_id: ref.id,
          value: data.value,
          period_start: data.periodStart,
          period_end: data.periodEnd,
          method: data.method,
          status: data.status,
          uncertainty: data.uncertainty,
          reported_by: data.reportedBy,
          price_year: money ? data.priceYear : null,
          note: data.note,
          created_by: viewer.userId,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx.updateTable('benefit').set({ updated_at: iso }).where('id', '=', ref.id).execute()
      // A measurement is follow-up activity of the participation.
      await refreshFollowUpDueFrom(trx, {
        procurementId: ref.procurementId,
        municipalityNumbers: [ref.municipalityNumber],
      })
      await audit(
        {
          action: 'benefit.measurement_added',
          actorUserId: viewer.userId,
          target: { type: 'benefit_measurement', id },
          details: {
            benefitId: ref.id,
            procurementId: ref.procurementId,
            municipalityNumber: ref.municipalityNumber,
            status: data.status,
            method: data.method,
            uncertainty: data.uncertainty,
            reportedBy: data.reportedBy,
          },
          at: iso,
        },
        trx,
      )
      await refreshPublicBenefitFigures(trx, [ref.id], iso)
      return ok({ measurementId: id })
    })
}

/** Deletes one measurement of the benefit (after the buyer confirmed it). */
export async function deleteMeasurement(
  viewer: Viewer | null,
  ref: BenefitRef,
  data: MeasurementRefData,
): Promise<Result<null>> {
  if (!canEditBenefit(viewer, ref)) return refuse('forbidden')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await stillParticipates(trx, ref))) return refuse('forbidden')
      const result = await trx
        .deleteFrom('benefit_measurement')
        .where('id', '=', data.measurementId)
        .where('benefit_id', '=', ref.id)
        .executeTakeFirst()
      if (Number(result.numDeletedRows) !== 1) return refuse('not_found')
      // A measurement is follow-up activity of the participation.
      await refreshFollowUpDueFrom(trx, {
        procurementId: ref.procurementId,
        municipalityNumbers: [ref.municipalityNumber],
      })
      await audit(
        {
          action: 'benefit.measurement_deleted',
          actorUserId: viewer.userId,
          target: { type: 'benefit_measurement', id: data.measurementId },
          details: { benefitId: ref.id, procurementId: ref.procurementId, municipalityNumber: ref.municipalityNumber },
          at: iso,
        },
        trx,
      )
      await refreshPublicBenefitFigures(trx, [ref.id], iso)
      return ok(null)
    })
}

/** Deletes the benefit with its baseline and measurements (after the buyer confirmed it). */
export async function deleteBenefit(viewer: Viewer | null, ref: BenefitRef): Promise<Result<null>> {
  if (!canEditBenefit(viewer, ref)) return refuse('forbidden')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await stillParticipates(trx, ref))) return refuse('forbidden')
      const { n } = await trx
        .selectFrom('benefit_measurement')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('benefit_id', '=', ref.id)
        .executeTakeFirstOrThrow()
      const slices = await slicesOfBenefits(trx, [ref.id])
      await trx.deleteFrom('benefit_measurement').where('benefit_id', '=', ref.id).execute()
      await trx.deleteFrom('benefit').where('id', '=', ref.id).execute()
      // A measurement is follow-up activity of the participation.
      await refreshFollowUpDueFrom(trx, {
        procurementId: ref.procurementId,
        municipalityNumbers: [ref.municipalityNumber],
      })
      await refreshBenefitSlices(trx, slices, iso)
      await audit(
        {
          action: 'benefit.deleted',
          actorUserId: viewer.userId,
          target: { type: 'benefit', id: ref.id },
          details: { procurementId: ref.procurementId, municipalityNumber: ref.municipalityNumber, measurements: n },
          at: iso,
        },
        trx,
      )
      return ok(null)
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Follow-up

export type BenefitFollowUpItem = {
  benefitId: number
  procurementId: number
  procurementTitle: string
  indicator: BenefitIndicator
  customIndicator: string | null
  customUnit: string | null
  productName: string | null
  due: { months: number; dueDate: string } | null
}

export type BenefitFollowUp = {
  /** Benefits with a baseline and no measurement at the latest 6/12/24-month point after go-live, oldest due first. */
  due: Page<BenefitFollowUpItem>
  /** Benefits planned without a baseline ("mangler nullpunkt"), newest first. */
  missingBaseline: Page<BenefitFollowUpItem>
}

/** Which page of each follow-up list to show ("Min kommune" pages them apart). */
export type BenefitFollowUpPages = { duePage?: number; missingPage?: number; pageSize?: number }

/**
 * The benefit follow-up of the viewer's municipality (its own buyers only; null for anyone else): what is due for a
 * measurement, and what still lacks a baseline, a page of each with their counts. All the municipality's benefits are
 * read (through the index on (municipality_number, id)): which are due is decided for each.
 */
export async function getBenefitFollowUp(
  viewer: Viewer | null,
  pages: BenefitFollowUpPages = {},
): Promise<BenefitFollowUp | null> {
  if (!isVerifiedBuyer(viewer)) return null
  const number = viewer.municipalityNumber
  const { today } = clock()
  const due = pageParams({ page: pages.duePage, pageSize: pages.pageSize })
  const missing = pageParams({ page: pages.missingPage, pageSize: pages.pageSize })
  // Read again on every visit to "Min kommune" and growing with the municipality's benefits: kept until the database
  // changes (or the day does). A verified buyer of the municipality sees all its benefits (visibleBenefitsWhere), so
  // the municipality, the day and the pages decide the answer.
  return followUpMemo.get(`${number}:${today}:${due.pageSize}:${due.page}:${missing.page}`, () =>
    readBenefitFollowUp(viewer, number, today, due, missing),
  )
}

const followUpMemo = new ChangeMemo<BenefitFollowUp>(1_000)

async function readBenefitFollowUp(
  viewer: Viewer,
  number: string,
  today: string,
  duePage: PageParams,
  missingPage: PageParams,
): Promise<BenefitFollowUp> {
  const db = getDb()
  // The benefits' own columns only: the procurement's title and the product's name are read below for the items
  // shown, not for each of a large municipality's thousands of benefits.
  const rows = await db
    .selectFrom('benefit')
    .innerJoin('procurement_participant', (j) =>
      j
        .onRef('procurement_participant.procurement_id', '=', 'benefit.procurement_id')
        .onRef('procurement_participant.municipality_number', '=', 'benefit.municipality_number'),
    )
    .where(acceptedParticipationWhere)
    .select([
      'benefit.id',
      'benefit.procurement_id',
      'benefit.product_id',
      'benefit.indicator',
      'benefit.custom_indicator',
      'benefit.custom_unit',
      'benefit.baseline_value',
      'procurement_participant.go_live_date',
      'procurement_participant.phase',
    ])
    .where('benefit.municipality_number', '=', number)
    .where(visibleBenefitsWhere(viewer))
    .execute()
  const latest = await db
    .selectFrom('benefit_measurement')
    .innerJoin('benefit', 'benefit.id', 'benefit_measurement.benefit_id')
    .select(['benefit_measurement.benefit_id', (eb) => eb.fn.max('benefit_measurement.period_end').as('last')])
    .where('benefit.municipality_number', '=', number)
    .where('benefit_measurement.status', '!=', 'planned')
    .groupBy('benefit_measurement.benefit_id')
    .execute()
  const lastEnd = new Map(latest.map((r) => [r.benefit_id, r.last]))
  const items = rows
    .filter((r) => r.phase !== 'ended')
    .map((r) => ({
      row: r,
      due: isOneOf(FOLLOW_UP_PHASES, r.phase)
        ? benefitFollowUpDue({
            hasBaseline: r.baseline_value !== null,
            goLiveDate: r.go_live_date,
            latestMeasurementEnd: lastEnd.get(r.id) ?? null,
            today,
          })
        : null,
    }))
  const due = items
    .filter((x) => x.due !== null)
    .sort((a, b) => (a.due?.dueDate ?? '').localeCompare(b.due?.dueDate ?? '') || a.row.id - b.row.id)
  const missing = items.filter((x) => x.row.baseline_value === null)
  // A page past the end (an old link, measurements recorded since): the last page, not an empty list.
  const dueAt = pageWithin(duePage, due.length)
  const missingAt = pageWithin(missingPage, missing.length)
  const dueShown = due.slice(dueAt.offset, dueAt.offset + dueAt.pageSize)
  const missingShown = missing.slice(missingAt.offset, missingAt.offset + missingAt.pageSize)
  const shown = [...dueShown, ...missingShown]
  const procurementIds = [...new Set(shown.map((x) => x.row.procurement_id))]
  const productIds = [...new Set(shown.flatMap((x) => (x.row.product_id === null ? [] : [x.row.product_id])))]
  const [titles, productNames] = await Promise.all([
    procurementIds.length === 0
      ? []
      : db.selectFrom('procurement').select(['id', 'title']).where('id', 'in', procurementIds).execute(),
    productIds.length === 0
      ? []
      : db.selectFrom('product').select(['id', 'name']).where('id', 'in', productIds).execute(),
  ])
  const titleOf = new Map(titles.map((t) => [t.id, t.title]))
  const productNameOf = new Map(productNames.map((p) => [p.id, p.name]))
  const item = ({ row: r, due }: (typeof items)[number]): BenefitFollowUpItem => ({
    benefitId: r.id,
    procurementId: r.procurement_id,
    procurementTitle: titleOf.get(r.procurement_id) ?? '',
    indicator: r.indicator,
    customIndicator: r.custom_indicator,
    customUnit: r.custom_unit,
    productName: r.product_id === null ? null : (productNameOf.get(r.product_id) ?? null),
    due,
  })
  return {
    due: toPage(dueShown.map(item), due.length, dueAt.page, dueAt.pageSize),
    missingBaseline: toPage(missingShown.map(item), missing.length, missingAt.page, missingAt.pageSize),
  }
}
