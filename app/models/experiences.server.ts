import { getDb } from '../../db/client'
import type { ExperienceData } from '~/forms/experience'
import { RATING_DIMENSIONS, RATING_FIELDS, ratingColumn, type ExperienceStatus } from '~/domain/procurement-rules'
import { canEditExperience, canWriteExperience, isAcceptedParticipation } from '~/policy/experience'
import type { Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { auditChanges } from '~/domain/audit-changes'
import { invalidFields, ok, refuse, type Refusal, type Result } from '~/utils/refusal'
import { clock, type DbOrTrx } from '~/models/db.server'
import { refreshPublicAggregates } from '~/models/experience-aggregates.server'
import {
  loadProcurementRegisterProducts,
  type ExperienceAccess,
  type ProcurementAccess,
} from '~/models/procurement-access.server'
import { refreshFollowUpDueFrom } from '~/models/follow-up-due.server'

// Writing experience reports (docs/domain.md, "Experience report", "Ending and switching"): dated, several per
// participation over time, with nine 1-5 ratings, a recommendation, free text and, when a contract ends, why and what
// switching cost. A report is saved as its author's private draft or published; a published report is final.
// Reading them is experience-views.server.ts.

function reportColumns(data: ExperienceData) {
  const ratings = Object.fromEntries(RATING_DIMENSIONS.map((d) => [ratingColumn(d), data[RATING_FIELDS[d]]])) as {
    rating_overall: number
  } & Record<`rating_${Exclude<(typeof RATING_DIMENSIONS)[number], 'overall'>}`, number | null>
  return {
    report_date: data.reportDate,
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

/**
 * The register product a report is about: one of the procurement's register products. With one, it is that one;
 * with several, the author must choose; with none (products named in free text only), the report is about no
 * register product. Answers the product id, or a field refusal.
 */
function reportProduct(procurement: Pick<ProcurementAccess, 'products'>, chosen: number | null): Result<number | null> {
  const ids = procurement.products.map((p) => p.productId)
  if (chosen !== null)
    return ids.includes(chosen) ? ok(chosen) : invalidFields({ productId: 'validation.experience.product' })
  if (ids.length === 0) return ok(null)
  if (ids.length === 1) return ok(ids[0] ?? null)
  return invalidFields({ productId: 'validation.experience.productRequired' })
}

/** A report is published only while its municipality takes part (accepted): a municipality that left keeps its
 * drafts, but publishes no more. */
async function participationAccepted(trx: DbOrTrx, procurementId: number, municipalityNumber: string) {
  const row = await trx
    .selectFrom('procurement_participant')
    .select('status')
    .where('procurement_id', '=', procurementId)
    .where('municipality_number', '=', municipalityNumber)
    .executeTakeFirst()
  return row !== undefined && isAcceptedParticipation(row)
}

const notParticipating = () => refuse('not_participating')

/** A report is about what has happened: its date may not be in the future. */
const futureDate = (data: ExperienceData, today: string) =>
  data.reportDate > today ? invalidFields({ reportDate: 'validation.experience.reportDateFuture' }) : null

async function publishInTransaction(
  trx: DbOrTrx,
  viewer: Viewer,
  report: { id: number; procurementId: number; municipalityNumber: string; ended: boolean },
  iso: string,
) {
  const { product_id: productId } = await trx
    .selectFrom('experience_report')
    .select('product_id')
    .where('id', '=', report.id)
    .executeTakeFirstOrThrow()
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
  // A new latest report (or the end of the participation) moves its follow-up date.
  await refreshFollowUpDueFrom(trx, {
    procurementId: report.procurementId,
    municipalityNumbers: [report.municipalityNumber],
  })
  await audit(
    {
      action: 'experience.published',
      actorUserId: viewer.userId,
      target: { type: 'experience_report', id: report.id },
      details: {
        procurementId: report.procurementId,
        municipalityNumber: report.municipalityNumber,
        productId,
        ended: report.ended,
        phaseEnded,
      },
      at: iso,
    },
    trx,
  )
  // The report now counts for the product it is about: its public figures take a step if the step rule allows it.
  if (productId !== null) await refreshPublicAggregates(trx, [productId], iso)
}

/** A buyer of a participating municipality writes a report for its participation (a draft, or published at once). */
export async function createExperience(
  viewer: Viewer | null,
  procurement: ProcurementAccess,
  data: ExperienceData,
): Promise<Result<{ experienceId: number; status: ExperienceStatus }>> {
  if (!canWriteExperience(viewer, procurement)) return refuse('forbidden')
  const { iso, today } = clock()
  const future = futureDate(data, today)
  if (future) return future
  const product = reportProduct(procurement, data.productId)
  if (!product.ok) return product
  const municipalityNumber = viewer.municipalityNumber
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await participationAccepted(trx, procurement.id, municipalityNumber))) return notParticipating()
      const { id } = await trx
        .insertInto('experience_report')
        .values({
          procurement_id: procurement.id,
          product_id: product.value,
          municipality_number: municipalityNumber,
          author_user_id: viewer.userId,
          status: 'draft',
          ...reportColumns(data),
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (data.publish) {
        await publishInTransaction(
          trx,
          viewer,
          { id, procurementId: procurement.id, municipalityNumber, ended: data.ended },
          iso,
        )
      }
      return ok({ experienceId: id, status: data.publish ? ('published' as const) : ('draft' as const) })
    })
}

/** Why a report may not be changed: the author asking to change a published report is told it is final; anyone
 * else may not. */
const editRefusal = (viewer: Viewer | null, report: ExperienceAccess): Refusal =>
  viewer?.userId === report.authorUserId && report.status === 'published'
    ? refuse('not_editable', { message: 'procurement.error.notEditable' })
    : refuse('forbidden')

/** The author edits a draft (and may publish it in the same step); the product must be one of its procurement's
 * register products. */
export async function updateExperienceDraft(
  viewer: Viewer | null,
  report: ExperienceAccess,
  data: ExperienceData,
): Promise<Result<{ status: ExperienceStatus }>> {
  if (!canEditExperience(viewer, report)) return editRefusal(viewer, report)
  const { iso, today } = clock()
  const future = futureDate(data, today)
  if (future) return future
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const products = (await loadProcurementRegisterProducts(trx, [report.procurementId])).get(report.procurementId)
      const product = reportProduct({ products: products ?? [] }, data.productId)
      if (!product.ok) return product
      if (data.publish && !(await participationAccepted(trx, report.procurementId, report.municipalityNumber)))
        return notParticipating()
      const before = await trx
        .selectFrom('experience_report')
        .selectAll()
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow()
      const after = { ...reportColumns(data), product_id: product.value }
      await trx
        .updateTable('experience_report')
        .set({ ...after, updated_at: iso })
        .where('id', '=', report.id)
        .where('status', '=', 'draft')
        .execute()
      // A draft is its author's alone (not even the coordinators read it): the trail names the fields, never values.
      const changes = auditChanges(before, after, Object.keys(after) as Array<keyof typeof after>)
      if (changes.length > 0)
        await audit(
          {
            action: 'experience.updated',
            actorUserId: viewer.userId,
            target: { type: 'experience_report', id: report.id },
            details: { procurementId: report.procurementId, changes },
            at: iso,
          },
          trx,
        )
      if (data.publish) {
        await publishInTransaction(
          trx,
          viewer,
          {
            id: report.id,
            procurementId: report.procurementId,
            municipalityNumber: report.municipalityNumber,
            ended: data.ended,
          },
          iso,
        )
      }
      return ok({ status: data.publish ? ('published' as const) : ('draft' as const) })
    })
}

/** The author publishes a draft. */
export async function publishExperience(viewer: Viewer | null, report: ExperienceAccess): Promise<Result<null>> {
  if (!canEditExperience(viewer, report)) return editRefusal(viewer, report)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await participationAccepted(trx, report.procurementId, report.municipalityNumber)))
        return notParticipating()
      await publishInTransaction(trx, viewer, report, iso)
      return ok(null)
    })
}

/** The author discards a draft (never published, so nobody else has seen it and nothing is lost from the record). */
export async function deleteExperienceDraft(viewer: Viewer | null, report: ExperienceAccess): Promise<Result<null>> {
  if (!canEditExperience(viewer, report)) return editRefusal(viewer, report)
  await getDb().deleteFrom('experience_report').where('id', '=', report.id).where('status', '=', 'draft').execute()
  return ok(null)
}
