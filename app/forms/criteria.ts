import { z } from 'zod'
import { booleanField, countField, optionalIdField, optionalText, requiredText } from '~/utils/fields'

// Managing the criteria and categories (/koordinator/kriterier; docs/domain.md, "Criteria"). Messages are i18n keys.

/** A criterion's code is its form-field name on the decision form (result_<code>): lower case, digits, underscores. */
const criterionCode = requiredText(60, 'criteriaAdmin.error.code').refine(
  (s) => /^[a-z][a-z0-9_]{1,59}$/.test(s),
  'criteriaAdmin.error.code',
)
const longText = (max: number) => optionalText(max).transform((v) => v ?? '')
const order = countField('criteriaAdmin.error.sortOrder').refine((n) => n !== null, 'criteriaAdmin.error.sortOrder')

export const CriterionSchema = z.object({
  code: criterionCode,
  nameNb: requiredText(120, 'criteriaAdmin.error.name'),
  nameEn: requiredText(120, 'criteriaAdmin.error.name'),
  descriptionNb: requiredText(2000, 'criteriaAdmin.error.description'),
  descriptionEn: requiredText(2000, 'criteriaAdmin.error.description'),
  requirementNb: longText(5000),
  requirementEn: longText(5000),
  evidenceNb: longText(5000),
  evidenceEn: longText(5000),
  mandatory: booleanField(),
  notApplicableAllowed: booleanField(),
  sortOrder: order,
})
export type CriterionData = z.output<typeof CriterionSchema>

export const CategorySchema = z.object({
  categoryId: optionalIdField(),
  slug: requiredText(80, 'criteriaAdmin.error.slug').refine(
    (s) => /^[a-z0-9-]{1,80}$/.test(s),
    'criteriaAdmin.error.slug',
  ),
  nameNb: requiredText(120, 'criteriaAdmin.error.name'),
  nameEn: requiredText(120, 'criteriaAdmin.error.name'),
  sortOrder: order,
})
export type CategoryData = z.output<typeof CategorySchema>
