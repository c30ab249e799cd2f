import { getDb } from '../../db/client'
import type { CriterionDefinition } from '~/domain/assessment'
import type { DbOrTrx } from '~/models/db.server'

// The published assessment criteria (data in assessment_criterion; the rules about them in app/domain/assessment.ts).

export type Criterion = CriterionDefinition & {
  nameNb: string
  nameEn: string
  descriptionNb: string
  descriptionEn: string
  /** What the criterion requires and the evidence a supplier is expected to give ('' when not written yet). */
  requirementNb: string
  requirementEn: string
  evidenceNb: string
  evidenceEn: string
  sortOrder: number
}

/** The published assessment criteria, in order. */
export async function listCriteria(db: DbOrTrx = getDb()): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('assessment_criterion')
    .select([
      'code',
      'name_nb',
      'name_en',
      'description_nb',
      'description_en',
      'requirement_nb',
      'requirement_en',
      'evidence_nb',
      'evidence_en',
      'mandatory',
      'not_applicable_allowed',
      'sort_order',
    ])
    .orderBy('sort_order')
    .orderBy('code')
    .execute()
  return rows.map((r) => ({
    code: r.code,
    nameNb: r.name_nb,
    nameEn: r.name_en,
    descriptionNb: r.description_nb,
    descriptionEn: r.description_en,
    requirementNb: r.requirement_nb,
    requirementEn: r.requirement_en,
    evidenceNb: r.evidence_nb,
    evidenceEn: r.evidence_en,
    mandatory: r.mandatory === 1,
    notApplicableAllowed: r.not_applicable_allowed === 1,
    sortOrder: r.sort_order,
  }))
}

/** The criteria version in force: the newest one (each edit of the criteria makes a new one). */
export async function currentCriteriaVersion(db: DbOrTrx = getDb()): Promise<number> {
  const row = await db
    .selectFrom('criteria_version')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return row?.id ?? 1
}
