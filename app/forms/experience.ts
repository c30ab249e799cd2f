import { z } from 'zod'
import {
  DATA_EXPORTED,
  ENDING_REASONS,
  FLAG_TARGET_TYPES,
  MODERATION_DECISIONS,
  RATING_DIMENSIONS,
  RATING_FIELDS,
  RECOMMENDATIONS,
  type RatingDimension,
} from '~/domain/procurement-rules'
import { likeMineFields } from '~/forms/procurement'
import {
  booleanField,
  dateField,
  enumField,
  idField,
  nokField,
  optionalEnumField,
  optionalIdField,
  optionalText,
  pagingFields,
  requiredText,
} from '~/utils/fields'
import type { FormValues } from '~/utils/form-result'

// The experience forms (docs/domain.md, "Experience report", "Ending and switching", "Reply", "Flags and
// moderation"). The routes parse with these schemas; the models take their output.

/** A 1-5 rating; "0" or blank (a radio group's "not relevant") is no rating, which only optional dimensions allow. */
const ratingField = (required: boolean) => {
  const rating = z
    .number({ error: 'validation.experience.rating' })
    .int('validation.experience.rating')
    .min(1, 'validation.experience.rating')
    .max(5, 'validation.experience.rating')
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === '' || v === '0' || v === 0) return null
      if (typeof v === 'string') return /^\s*\d\s*$/.test(v) ? Number(v.trim()) : Number.NaN
      return v
    },
    required ? rating : rating.nullable(),
  )
}

export const ExperienceInput = z
  .object({
    /** The register product the report is about: asked when the procurement bought several (with one, it is that
     * one; the model checks it against the procurement's products). */
    productId: optionalIdField('validation.experience.product'),
    reportDate: dateField().pipe(z.string({ error: 'validation.required' })),
    [RATING_FIELDS.overall]: ratingField(true),
    [RATING_FIELDS.supplier_cooperation]: ratingField(false),
    [RATING_FIELDS.delivery_as_agreed]: ratingField(false),
    [RATING_FIELDS.product_quality]: ratingField(false),
    [RATING_FIELDS.integration]: ratingField(false),
    [RATING_FIELDS.training_support]: ratingField(false),
    [RATING_FIELDS.staff_satisfaction]: ratingField(false),
    [RATING_FIELDS.resident_satisfaction]: ratingField(false),
    [RATING_FIELDS.value_for_money]: ratingField(false),
    recommendation: enumField(RECOMMENDATIONS, 'validation.experience.recommendation'),
    workedWell: optionalText(5000),
    wasHard: optionalText(5000),
    advice: optionalText(5000),
    ended: booleanField(),
    endingReason: optionalEnumField(ENDING_REASONS, 'validation.experience.endingReason'),
    endingDetails: optionalText(2000),
    switchingCostNok: nokField('validation.experience.switchingCost'),
    dataExported: optionalEnumField(DATA_EXPORTED, 'validation.experience.dataExported'),
    /** Publish now (otherwise the report is saved as a private draft). */
    publish: booleanField(),
  })
  .refine((e) => !e.ended || e.endingReason !== null, {
    path: ['endingReason'],
    message: 'validation.experience.endingReasonRequired',
  })
  // The ending section of the form may still hold values after "ended" was unticked: they are not part of the report.
  .transform((e) =>
    e.ended ? e : { ...e, endingReason: null, endingDetails: null, switchingCostNok: null, dataExported: null },
  )
export type ExperienceData = z.output<typeof ExperienceInput>

/** The supplier's reply to a report. */
export const ReplyInput = z.object({ body: requiredText(5000) })
export type ReplyData = z.output<typeof ReplyInput>

/** A reason the coordinators (for a flag) or the author (for a decision) read: 5 to 2,000 characters. */
const reasonText = (message: string) => requiredText(2000, message, message).refine((s) => s.length >= 5, message)

export const FlagInput = z.object({
  targetType: enumField(FLAG_TARGET_TYPES, 'validation.flag.targetType'),
  targetId: idField('validation.flag.targetType'),
  reason: reasonText('validation.flag.reason'),
})
export type FlagData = z.output<typeof FlagInput>

export const ModerationDecisionInput = z.object({
  targetType: enumField(FLAG_TARGET_TYPES, 'validation.flag.targetType'),
  targetId: idField('validation.flag.targetType'),
  decision: enumField(MODERATION_DECISIONS, 'validation.moderation.decision'),
  reason: reasonText('validation.moderation.reason'),
})
export type ModerationDecisionData = z.output<typeof ModerationDecisionInput>

/** A coordinator restores hidden content, with a reason (audited, shown to its author and to those who flagged it). */
export const RestoreInput = z.object({
  targetType: enumField(FLAG_TARGET_TYPES, 'validation.flag.targetType'),
  targetId: idField('validation.flag.targetType'),
  reason: reasonText('validation.moderation.reason'),
})
export type RestoreData = z.output<typeof RestoreInput>

/** A saved draft, as the author reads it, as form values. */
export function experienceFormValues(report: {
  product: { id: number } | null
  reportDate: string
  ratings: Record<RatingDimension, number | null>
  recommendation: string
  workedWell: string | null
  wasHard: string | null
  advice: string | null
  ending: {
    reason: string | null
    details: string | null
    switchingCostNok: number | null
    dataExported: string | null
  } | null
}): FormValues {
  const values: FormValues = {
    productId: report.product ? String(report.product.id) : '',
    reportDate: report.reportDate,
    recommendation: report.recommendation,
    workedWell: report.workedWell ?? '',
    wasHard: report.wasHard ?? '',
    advice: report.advice ?? '',
    ended: report.ending ? 'on' : '',
    endingReason: report.ending?.reason ?? '',
    endingDetails: report.ending?.details ?? '',
    switchingCostNok: report.ending?.switchingCostNok == null ? '' : String(report.ending.switchingCostNok),
    dataExported: report.ending?.dataExported ?? '',
  }
  for (const dimension of RATING_DIMENSIONS) {
    const rating = report.ratings[dimension]
    values[RATING_FIELDS[dimension]] = rating === null ? '' : String(rating)
  }
  return values
}

/** The product page's query string (parsed by the route): anything unrecognised is ignored. `usagePage` pages the
 * list of municipalities using the product, `page` the experience reports. */
export const ProductExperienceFilter = z.object({ ...likeMineFields, ...pagingFields, usagePage: pagingFields.page })
export type ProductExperienceFilter = z.output<typeof ProductExperienceFilter>
