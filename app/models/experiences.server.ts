import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { z } from 'zod'
import { getDb } from '../../db/client'
import type { DataExported, EndingReason, ExperienceStatus, Recommendation } from '../../db/schema'
import {
  DATA_EXPORTED,
  ENDING_REASONS,
  RATING_DIMENSIONS,
  RATING_FIELDS,
  RECOMMENDATIONS,
  fail,
  ok,
  populationBandRange,
  ratingColumn,
  type PopulationBand,
  type RatingDimension,
  type Result,
} from '~/domain/procurement-rules'
import {
  canDeleteExperienceDraft,
  canEditExperience,
  canEditReply,
  canFlag,
  canPublishExperience,
  canReply,
  canSeeAuthor,
  canSeeModerationOf,
  canSeeReplyAuthor,
  canSeeSwitchingCost,
  canViewExperience,
  canWriteExperience,
  experienceAudience,
} from '~/policy/experience'
import { effectiveRole, isCoordinatorOrAdmin, isSupplierOf, type Viewer } from '~/policy/viewer'
import {
  auditExperience,
  dateField,
  type FormInput,
  enumField,
  flagField,
  invalidField,
  invalidInput,
  loadProcurementAccess,
  loadProcurementSuppliers,
  nokField,
  optionalEnumField,
  optionalText,
} from './procurements.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Experience reports (erfaringer): dated, several per participation over time, with nine 1-5 ratings, a
// recommendation, free text and, when a contract ends, why and what switching cost. Drafts are their author's alone;
// a published report is read by municipalities, coordinators and the supplier of the rated products (without the
// author's name and without money), and by nobody else (the public gets thresholded aggregates from
// product-experience.server.ts).

// ---------------------------------------------------------------------------------------------------------------
// Input.

const ratingValue = (required: boolean) =>
  z.preprocess(
    (v) => {
      // "0" or "" from a radio group's "not relevant" option means no rating.
      if (v === undefined || v === null || v === '' || v === '0' || v === 0) return null
      if (typeof v === 'string') return /^\s*\d\s*$/.test(v) ? Number(v.trim()) : Number.NaN
      return v
    },
    required
      ? z
          .number({ error: 'validation.experience.rating' })
          .int('validation.experience.rating')
          .min(1, 'validation.experience.rating')
          .max(5, 'validation.experience.rating')
      : z
          .number({ error: 'validation.experience.rating' })
          .int('validation.experience.rating')
          .min(1, 'validation.experience.rating')
          .max(5, 'validation.experience.rating')
          .nullable(),
  )

export const ExperienceInput = z
  .object({
    reportDate: dateField().refine((d) => d !== null, 'validation.required'),
    [RATING_FIELDS.overall]: ratingValue(true),
    [RATING_FIELDS.supplier_cooperation]: ratingValue(false),
    [RATING_FIELDS.delivery_as_agreed]: ratingValue(false),
    [RATING_FIELDS.product_quality]: ratingValue(false),
    [RATING_FIELDS.integration]: ratingValue(false),
    [RATING_FIELDS.training_support]: ratingValue(false),
    [RATING_FIELDS.staff_satisfaction]: ratingValue(false),
    [RATING_FIELDS.resident_satisfaction]: ratingValue(false),
    [RATING_FIELDS.value_for_money]: ratingValue(false),
    recommendation: enumField(RECOMMENDATIONS, 'validation.experience.recommendation'),
    workedWell: optionalText(5000),
    wasHard: optionalText(5000),
    advice: optionalText(5000),
    ended: flagField,
    endingReason: optionalEnumField(ENDING_REASONS, 'validation.experience.endingReason'),
    endingDetails: optionalText(2000),
    switchingCostNok: nokField('validation.experience.switchingCost'),
    dataExported: optionalEnumField(DATA_EXPORTED, 'validation.experience.dataExported'),
    /** Publish now (otherwise the report is saved as a private draft). */
    publish: flagField,
  })
  .refine((e) => !e.ended || e.endingReason !== null, {
    path: ['endingReason'],
    message: 'validation.experience.endingReasonRequired',
  })
  // The ending section of the form may still hold values after "ended" was unticked: they are not part of the report.
  .transform((e) =>
    e.ended ? e : { ...e, endingReason: null, endingDetails: null, switchingCostNok: null, dataExported: null },
  )
export type ExperienceInput = FormInput<typeof ExperienceInput>
export type ExperienceData = z.output<typeof ExperienceInput>

function reportColumns(data: ExperienceData) {
  const ratings = Object.fromEntries(
    RATING_DIMENSIONS.map((d) => [ratingColumn(d), data[RATING_FIELDS[d]] ?? null]),
  ) as {
    rating_overall: number
  } & Record<`rating_${Exclude<RatingDimension, 'overall'>}`, number | null>
  return {
    report_date: data.reportDate!,
    ...ratings,
    recommendation: data.recommendation,
    worked_well: data.workedWell,
    was_hard: data.wasHard,
    advice: data.advice,
    ended: data.ended ? 1 : 0,
    ending_reason: data.endingReason,
    ending_details: data.endingDetails,
    switching_cost_nok: data.switchingCostNok,
    data_exported: data.dataExported,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Views.

export type Ratings = Record<RatingDimension, number | null>

export type ReplyView = {
  id: number
  experienceId: number
  supplier: { id: number; name: string }
  body: string
  createdAt: string
  updatedAt: string
  edited: boolean
  /** The supplier's own members and coordinators only. */
  authorName: string | null
  /** Coordinators and the supplier only; null for everyone else (who never gets hidden replies). */
  moderation: { hidden: boolean; hiddenAt: string | null; reason: string | null } | null
  viewerCan: { edit: boolean; flag: boolean }
}

export type ExperienceView = {
  id: number
  procurement: { id: number; title: string }
  municipality: { number: string; name: string }
  reportDate: string
  status: ExperienceStatus
  publishedAt: string | null
  ratings: Ratings
  recommendation: Recommendation
  workedWell: string | null
  wasHard: string | null
  advice: string | null
  ending: {
    reason: EndingReason | null
    details: string | null
    /** Municipalities and coordinators only; null for the supplier. */
    switchingCostNok: number | null
    dataExported: DataExported | null
  } | null
  /** Buyers and coordinators only (the supplier sees the municipality). */
  author: { name: string; email: string } | null
  /** Coordinators and the author only. */
  moderation: { hidden: boolean; hiddenAt: string | null; reason: string | null } | null
  reply: ReplyView | null
  viewerCan: { edit: boolean; publish: boolean; delete: boolean; reply: boolean; flag: boolean }
}

/**
 * SQL (on `experience_report as r`): the reports this viewer may read. Coordinators: every published report, hidden
 * ones included. Buyers: every published, visible report, plus their own drafts and hidden reports. Suppliers:
 * published, visible reports on procurements of their own register products. Everyone else: none.
 */
export function visibleReportsSql(viewer: Viewer | null): RawBuilder<SqlBool> {
  const role = effectiveRole(viewer)
  if (role === 'coordinator' || role === 'admin') return sql<SqlBool>`r.status = 'published'`
  if (role === 'buyer')
    return sql<SqlBool>`(r.author_user_id = ${viewer!.userId} or (r.status = 'published' and r.hidden = 0))`
  if (role === 'supplier') {
    return sql<SqlBool>`(r.status = 'published' and r.hidden = 0 and exists (
      select 1 from procurement_product vp join product vpr on vpr.id = vp.product_id
      where vp.procurement_id = r.procurement_id and vpr.supplier_organisation_id = ${viewer!.organisationId}))`
  }
  return sql<SqlBool>`0`
}

export type ExperienceQuery = {
  ids?: readonly number[]
  procurementId?: number
  productId?: number
  authorUserId?: number
  status?: ExperienceStatus
  /** "Municipalities like mine": the reporting municipality's county and population band. */
  county?: string
  populationBand?: PopulationBand
}

/** Reports visible to the viewer matching the query, newest first, with replies; a fixed number of queries. */
export async function queryExperienceViews(
  db: DbOrTrx,
  viewer: Viewer | null,
  query: ExperienceQuery,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ExperienceView>> {
  const { page, pageSize, offset } = pageParams(paging)
  // Every row a supplier can see is about its own products (visibleReportsSql), so one audience covers the page.
  const audience = experienceAudience(viewer, effectiveRole(viewer) === 'supplier' ? [viewer!.organisationId] : [])
  const withAuthor = canSeeAuthor(audience)
  const band = query.populationBand ? populationBandRange(query.populationBand) : null
  const base = db
    .selectFrom('experience_report as r')
    .innerJoin('municipality as m', 'm.number', 'r.municipality_number')
    .where(visibleReportsSql(viewer))
    .$if(query.ids !== undefined, (qb) => qb.where('r.id', 'in', query.ids!.length ? [...query.ids!] : [-1]))
    .$if(query.procurementId !== undefined, (qb) => qb.where('r.procurement_id', '=', query.procurementId!))
    .$if(query.authorUserId !== undefined, (qb) => qb.where('r.author_user_id', '=', query.authorUserId!))
    .$if(query.status !== undefined, (qb) => qb.where('r.status', '=', query.status!))
    .$if(query.productId !== undefined, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('procurement_product as fp')
            .select('fp.id')
            .whereRef('fp.procurement_id', '=', 'r.procurement_id')
            .where('fp.product_id', '=', query.productId!),
        ),
      ),
    )
    .$if(!!query.county, (qb) => qb.where('m.county_number', '=', query.county!))
    .$if(!!band, (qb) => qb.where('m.population', '>=', band!.min))
    .$if(!!band && band.max !== null, (qb) => qb.where('m.population', '<', band!.max!))

  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('procurement as p', 'p.id', 'r.procurement_id')
      .select([
        'r.id',
        'r.procurement_id',
        'p.title as procurement_title',
        'r.municipality_number',
        'm.name as municipality_name',
        'r.author_user_id',
        'r.report_date',
        'r.status',
        'r.published_at',
        'r.rating_overall',
        'r.rating_supplier_cooperation',
        'r.rating_delivery_as_agreed',
        'r.rating_product_quality',
        'r.rating_integration',
        'r.rating_training_support',
        'r.rating_staff_satisfaction',
        'r.rating_resident_satisfaction',
        'r.rating_value_for_money',
        'r.recommendation',
        'r.worked_well',
        'r.was_hard',
        'r.advice',
        'r.ended',
        'r.ending_reason',
        'r.ending_details',
        'r.data_exported',
        // Hidden rows only reach coordinators and their author (visibleReportsSql), so the reason goes only to them.
        'r.hidden',
        'r.hidden_at',
        'r.hidden_reason',
      ])
      // Money and names are selected only for viewers entitled to them.
      .$if(canSeeSwitchingCost(viewer), (qb) => qb.select('r.switching_cost_nok'))
      .$if(withAuthor, (qb) =>
        qb
          .innerJoin('user as u', 'u.id', 'r.author_user_id')
          .select(['u.name as author_name', 'u.email as author_email']),
      )
      .orderBy('r.report_date', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  if (rows.length === 0) return toPage([], n, page, pageSize)

  const [suppliers, replies] = await Promise.all([
    loadProcurementSuppliers(
      db,
      rows.map((r) => r.procurement_id),
    ),
    loadReplies(
      db,
      viewer,
      rows.map((r) => r.id),
    ),
  ])
  const items = rows.map((r): ExperienceView => {
    const x = r as typeof r & { switching_cost_nok?: number | null; author_name?: string; author_email?: string }
    const report = {
      status: r.status,
      hidden: r.hidden === 1,
      authorUserId: r.author_user_id,
      municipalityNumber: r.municipality_number,
    }
    const supplierIds = suppliers.get(r.procurement_id) ?? []
    const reply = replies.get(r.id) ?? null
    const isAuthor = !!viewer && viewer.userId === r.author_user_id
    return {
      id: r.id,
      procurement: { id: r.procurement_id, title: r.procurement_title },
      municipality: { number: r.municipality_number, name: r.municipality_name },
      reportDate: r.report_date,
      status: r.status,
      publishedAt: r.published_at,
      ratings: Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, r[ratingColumn(d)]])) as Ratings,
      recommendation: r.recommendation,
      workedWell: r.worked_well,
      wasHard: r.was_hard,
      advice: r.advice,
      ending:
        r.ended === 1
          ? {
              reason: r.ending_reason,
              details: r.ending_details,
              switchingCostNok: x.switching_cost_nok ?? null,
              dataExported: r.data_exported,
            }
          : null,
      author: withAuthor && x.author_name !== undefined ? { name: x.author_name, email: x.author_email! } : null,
      moderation: canSeeModerationOf(viewer, { authorUserId: r.author_user_id })
        ? { hidden: r.hidden === 1, hiddenAt: r.hidden_at, reason: r.hidden_reason }
        : null,
      reply,
      viewerCan: {
        edit: canEditExperience(viewer, report),
        publish: canPublishExperience(viewer, report),
        delete: canDeleteExperienceDraft(viewer, report),
        reply: !reply && canReply(viewer, supplierIds, report),
        flag: canFlag(viewer) && r.status === 'published' && r.hidden === 0 && !isAuthor,
      },
    }
  })
  return toPage(items, n, page, pageSize)
}

/** Replies to these reports that this viewer may see (the reports themselves must already be visible to it). */
export async function loadReplies(db: DbOrTrx, viewer: Viewer | null, reportIds: readonly number[]) {
  const map = new Map<number, ReplyView>()
  if (reportIds.length === 0) return map
  const coordinator = isCoordinatorOrAdmin(viewer)
  const ownSupplier = effectiveRole(viewer) === 'supplier' ? viewer!.organisationId : -1
  const rows = await db
    .selectFrom('supplier_reply as sr')
    .innerJoin('organisation as o', 'o.id', 'sr.supplier_organisation_id')
    .innerJoin('user as u', 'u.id', 'sr.author_user_id')
    .select([
      'sr.id',
      'sr.experience_report_id',
      'sr.supplier_organisation_id',
      'o.name as supplier_name',
      'sr.body',
      'sr.created_at',
      'sr.updated_at',
      'sr.hidden',
      'sr.hidden_at',
      'sr.hidden_reason',
      // The writer's name only for the supplier's own members and coordinators.
      sql<
        string | null
      >`case when ${coordinator ? 1 : 0} = 1 or sr.supplier_organisation_id = ${ownSupplier} then u.name end`.as(
        'author_name',
      ),
    ])
    .where('sr.experience_report_id', 'in', [...reportIds])
    .$if(!coordinator, (qb) =>
      qb.where((eb) => eb.or([eb('sr.hidden', '=', 0), eb('sr.supplier_organisation_id', '=', ownSupplier)])),
    )
    .execute()
  for (const r of rows) {
    const reply = { supplierOrganisationId: r.supplier_organisation_id, hidden: r.hidden === 1 }
    map.set(r.experience_report_id, {
      id: r.id,
      experienceId: r.experience_report_id,
      supplier: { id: r.supplier_organisation_id, name: r.supplier_name },
      body: r.body,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      edited: r.updated_at !== r.created_at,
      authorName: canSeeReplyAuthor(viewer, reply) ? r.author_name : null,
      moderation: canSeeModerationOf(viewer, { supplierOrganisationId: r.supplier_organisation_id })
        ? { hidden: r.hidden === 1, hiddenAt: r.hidden_at, reason: r.hidden_reason }
        : null,
      viewerCan: {
        edit: canEditReply(viewer, reply),
        flag: canFlag(viewer) && r.hidden === 0 && !isSupplierOf(viewer, r.supplier_organisation_id),
      },
    })
  }
  return map
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

/** One report; null when it does not exist or this viewer may not read it (a draft of someone else, a hidden
 * report, a report about another supplier's products, any report for the public). */
export async function getExperience(viewer: Viewer | null, experienceId: number): Promise<ExperienceView | null> {
  if (!Number.isSafeInteger(experienceId)) return null
  const page = await queryExperienceViews(getDb(), viewer, { ids: [experienceId] })
  return page.items[0] ?? null
}

/** A procurement's reports for this viewer (the author's own drafts included), newest first; null when the
 * procurement does not exist. */
export async function listProcurementExperiences(
  viewer: Viewer | null,
  procurementId: number,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ExperienceView> | null> {
  if (!Number.isSafeInteger(procurementId)) return null
  const db = getDb()
  const exists = await db.selectFrom('procurement').select('id').where('id', '=', procurementId).executeTakeFirst()
  if (!exists) return null
  return queryExperienceViews(db, viewer, { procurementId }, paging)
}

/** The viewer's own drafts (buyers only; null for anyone else). */
export async function listMyDrafts(
  viewer: Viewer | null,
  paging: { page?: number; pageSize?: number } = {},
): Promise<Page<ExperienceView> | null> {
  if (effectiveRole(viewer) !== 'buyer') return null
  return queryExperienceViews(getDb(), viewer, { authorUserId: viewer!.userId, status: 'draft' }, paging)
}

/** A draft's current values for its author's form; null for anyone else or once published. */
export async function getExperienceForEdit(
  viewer: Viewer | null,
  experienceId: number,
): Promise<(ExperienceData & { procurementId: number }) | null> {
  if (!Number.isSafeInteger(experienceId) || !viewer) return null
  const r = await getDb().selectFrom('experience_report').selectAll().where('id', '=', experienceId).executeTakeFirst()
  if (!r) return null
  if (
    !canEditExperience(viewer, {
      status: r.status,
      authorUserId: r.author_user_id,
      municipalityNumber: r.municipality_number,
    })
  )
    return null
  return {
    procurementId: r.procurement_id,
    reportDate: r.report_date,
    ...(Object.fromEntries(RATING_DIMENSIONS.map((d) => [RATING_FIELDS[d], r[ratingColumn(d)]])) as Record<
      (typeof RATING_FIELDS)[RatingDimension],
      number
    >),
    recommendation: r.recommendation,
    workedWell: r.worked_well,
    wasHard: r.was_hard,
    advice: r.advice,
    ended: r.ended === 1,
    endingReason: r.ending_reason,
    endingDetails: r.ending_details,
    switchingCostNok: r.switching_cost_nok,
    dataExported: r.data_exported,
    publish: false,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

async function publishInTransaction(
  trx: DbOrTrx,
  viewer: Viewer,
  report: { id: number; procurementId: number; municipalityNumber: string; ended: boolean },
  iso: string,
) {
  await trx
    .updateTable('experience_report')
    .set({ status: 'published', published_at: iso, updated_at: iso })
    .where('id', '=', report.id)
    .where('status', '=', 'draft')
    .execute()
  // A published report that the contract has ended closes the participation: no more follow-up reminders.
  let phaseEnded = false
  if (report.ended) {
    const result = await trx
      .updateTable('procurement_participant')
      .set({ phase: 'ended', updated_at: iso })
      .where('procurement_id', '=', report.procurementId)
      .where('municipality_number', '=', report.municipalityNumber)
      .where('phase', '!=', 'ended')
      .executeTakeFirst()
    phaseEnded = Number(result.numUpdatedRows) === 1
  }
  await auditExperience(trx, {
    action: 'experience.published',
    actorUserId: viewer.userId,
    target: { type: 'experience_report', id: report.id },
    details: {
      procurementId: report.procurementId,
      municipalityNumber: report.municipalityNumber,
      ended: report.ended,
      phaseEnded,
    },
    at: iso,
  })
}

/** A buyer of a participating municipality writes a report for its participation (a draft, or published at once). */
export async function createExperience(
  viewer: Viewer | null,
  procurementId: number,
  input: ExperienceInput,
): Promise<Result<{ experienceId: number; status: ExperienceStatus }>> {
  const parsed = ExperienceInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso, today } = clock()
  if (parsed.data.reportDate! > today) return invalidField('reportDate', 'validation.experience.reportDateFuture')
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await loadProcurementAccess(trx, procurementId)
      if (!access) return fail('not_found')
      if (
        !canWriteExperience(
          viewer,
          access.participants.map((p) => p.municipalityNumber),
        )
      )
        return fail('forbidden')
      const municipalityNumber = viewer!.municipalityNumber!
      const { id } = await trx
        .insertInto('experience_report')
        .values({
          procurement_id: procurementId,
          municipality_number: municipalityNumber,
          author_user_id: viewer!.userId,
          status: 'draft',
          ...reportColumns(parsed.data),
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (parsed.data.publish) {
        await publishInTransaction(
          trx,
          viewer!,
          { id, procurementId, municipalityNumber, ended: parsed.data.ended },
          iso,
        )
      }
      return ok({ experienceId: id, status: parsed.data.publish ? ('published' as const) : ('draft' as const) })
    })
}

async function loadOwnReport(trx: DbOrTrx, viewer: Viewer | null, experienceId: number) {
  const r = await trx
    .selectFrom('experience_report')
    .select(['id', 'procurement_id', 'municipality_number', 'author_user_id', 'status', 'hidden', 'ended'])
    .where('id', '=', experienceId)
    .executeTakeFirst()
  if (!r) return { error: fail('not_found') } as const
  const suppliers = (await loadProcurementSuppliers(trx, [r.procurement_id])).get(r.procurement_id) ?? []
  const report = {
    status: r.status,
    hidden: r.hidden === 1,
    authorUserId: r.author_user_id,
    municipalityNumber: r.municipality_number,
  }
  if (!canViewExperience(viewer, experienceAudience(viewer, suppliers), report))
    return { error: fail('not_found') } as const
  if (!canEditExperience(viewer, report)) {
    // The author asking to change a published report gets "not editable" rather than "forbidden".
    const isAuthor = !!viewer && viewer.userId === r.author_user_id
    return { error: isAuthor && r.status === 'published' ? fail('not_editable') : fail('forbidden') } as const
  }
  return { report: r } as const
}

/** The author edits a draft (and may publish it in the same step). */
export async function updateExperienceDraft(
  viewer: Viewer | null,
  experienceId: number,
  input: ExperienceInput,
): Promise<Result<{ status: ExperienceStatus }>> {
  const parsed = ExperienceInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso, today } = clock()
  if (parsed.data.reportDate! > today) return invalidField('reportDate', 'validation.experience.reportDateFuture')
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const own = await loadOwnReport(trx, viewer, experienceId)
      if (own.error) return own.error
      await trx
        .updateTable('experience_report')
        .set({ ...reportColumns(parsed.data), updated_at: iso })
        .where('id', '=', experienceId)
        .where('status', '=', 'draft')
        .execute()
      if (parsed.data.publish) {
        await publishInTransaction(
          trx,
          viewer!,
          {
            id: experienceId,
            procurementId: own.report.procurement_id,
            municipalityNumber: own.report.municipality_number,
            ended: parsed.data.ended,
          },
          iso,
        )
      }
      return ok({ status: parsed.data.publish ? ('published' as const) : ('draft' as const) })
    })
}

/** The author publishes a draft. */
export async function publishExperience(viewer: Viewer | null, experienceId: number): Promise<Result<null>> {
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const own = await loadOwnReport(trx, viewer, experienceId)
      if (own.error) return own.error
      await publishInTransaction(
        trx,
        viewer!,
        {
          id: experienceId,
          procurementId: own.report.procurement_id,
          municipalityNumber: own.report.municipality_number,
          ended: own.report.ended === 1,
        },
        iso,
      )
      return ok(null)
    })
}

/** The author discards a draft (never published, so nobody else has seen it and nothing is lost from the record). */
export async function deleteExperienceDraft(viewer: Viewer | null, experienceId: number): Promise<Result<null>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const own = await loadOwnReport(trx, viewer, experienceId)
      if (own.error) return own.error
      await trx.deleteFrom('experience_report').where('id', '=', experienceId).where('status', '=', 'draft').execute()
      return ok(null)
    })
}
