import { getDb } from '../../db/client'
import { auditChanges } from '~/domain/audit-changes'
import type { CategoryData, CriterionData } from '~/forms/criteria'
import { canManageCriteria } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'
import { clock, isUniqueViolation, type DbOrTrx } from '~/models/db.server'

// Coordinators manage the criteria and categories (/koordinator/kriterier; docs/domain.md, "Criteria"). Every change
// of a criterion makes a new criteria version, a copy of the whole set as it now stands; decisions record the version
// they were made under. Every change is audited with its fields before and after (the texts are public).

const criterionColumns = (d: CriterionData) => ({
  name_nb: d.nameNb,
  name_en: d.nameEn,
  description_nb: d.descriptionNb,
  description_en: d.descriptionEn,
  requirement_nb: d.requirementNb,
  requirement_en: d.requirementEn,
  evidence_nb: d.evidenceNb,
  evidence_en: d.evidenceEn,
  mandatory: d.mandatory ? 1 : 0,
  not_applicable_allowed: d.notApplicableAllowed ? 1 : 0,
  sort_order: d.sortOrder ?? 0,
})

/** A new criteria version: the whole set as it now stands. */
async function newCriteriaVersion(db: DbOrTrx, userId: number, at: string): Promise<number> {
  const { id } = await db
    .insertInto('criteria_version')
    .values({ created_at: at, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  const criteria = await db.selectFrom('assessment_criterion').selectAll().execute()
  await db
    .insertInto('criteria_version_criterion')
    .values(criteria.map((c) => ({ ...c, criteria_version_id: id })))
    .execute()
  return id
}

/** Adds a criterion (a new code) or edits one; a change makes a new criteria version. */
export async function saveCriterion(
  viewer: Viewer | null,
  data: CriterionData,
): Promise<Result<{ criteriaVersion: number | null }>> {
  if (!canManageCriteria(viewer)) return refuse('forbidden')
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const columns = criterionColumns(data)
      const before = await trx
        .selectFrom('assessment_criterion')
        .selectAll()
        .where('code', '=', data.code)
        .executeTakeFirst()
      const changes = before ? auditChanges(before, columns) : []
      if (before && changes.length === 0) return ok({ criteriaVersion: null })
      if (before) await trx.updateTable('assessment_criterion').set(columns).where('code', '=', data.code).execute()
      else
        await trx
          .insertInto('assessment_criterion')
          .values({ code: data.code, ...columns })
          .execute()
      const criteriaVersion = await newCriteriaVersion(trx, viewer.userId, iso)
      await audit(
        {
          action: before ? 'criteria.criterion_updated' : 'criteria.criterion_created',
          actorUserId: viewer.userId,
          target: { type: 'assessment_criterion', id: data.code },
          details: { criteriaVersion, changes: before ? changes : auditChanges({}, columns) },
          at: iso,
        },
        trx,
      )
      return ok({ criteriaVersion })
    })
}

/** Adds a category or edits one (the slug is unique). */
export async function saveCategory(viewer: Viewer | null, data: CategoryData): Promise<Result<{ categoryId: number }>> {
  if (!canManageCriteria(viewer)) return refuse('forbidden')
  const { iso } = clock()
  const columns = { slug: data.slug, name_nb: data.nameNb, name_en: data.nameEn, sort_order: data.sortOrder ?? 0 }
  try {
    return await getDb()
      .transaction()
      .execute(async (trx) => {
        if (data.categoryId !== null) {
          const before = await trx
            .selectFrom('category')
            .select(['slug', 'name_nb', 'name_en', 'sort_order'])
            .where('id', '=', data.categoryId)
            .executeTakeFirst()
          if (!before) return refuse('not_found')
          const changes = auditChanges(before, columns)
          if (changes.length === 0) return ok({ categoryId: data.categoryId })
          await trx.updateTable('category').set(columns).where('id', '=', data.categoryId).execute()
          await audit(
            {
              action: 'criteria.category_updated',
              actorUserId: viewer.userId,
              target: { type: 'category', id: data.categoryId },
              details: { changes },
              at: iso,
            },
            trx,
          )
          return ok({ categoryId: data.categoryId })
        }
        const { id } = await trx.insertInto('category').values(columns).returning('id').executeTakeFirstOrThrow()
        await audit(
          {
            action: 'criteria.category_created',
            actorUserId: viewer.userId,
            target: { type: 'category', id },
            details: { changes: auditChanges({}, columns) },
            at: iso,
          },
          trx,
        )
        return ok({ categoryId: id })
      })
  } catch (e) {
    if (isUniqueViolation(e, 'category.slug')) return invalidFields({ slug: 'criteriaAdmin.error.slugTaken' })
    throw e
  }
}
