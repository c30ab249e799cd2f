import { z } from 'zod'
import {
  ASSESSMENT_OUTCOMES,
  CRITERION_RESULTS,
  type CriterionResultInput,
  type DecisionParts,
} from '~/domain/assessment'
import {
  CARE_SETTINGS,
  DOSSIER_SECTION_KINDS,
  INTEGRATIONS,
  INTENDED_USES,
  MDR_CLASSES,
  type CareSettingCode,
  type IntegrationCode,
  type MdrClass,
} from '~/domain/register-codes'
import { REGISTER_SORTS, REGISTER_STATUS_FILTERS } from '~/domain/register-search-options'
import {
  booleanField,
  codeListField,
  dateField,
  enumField,
  idField,
  optionalEnumField,
  optionalText,
  requiredText,
  urlField,
} from '~/utils/fields'

// The register's form and query-string schemas (docs/decisions/007-form-pipeline.md): the routes parse with them,
// the models take their typed output. Every message is an i18n key telling the user what to fix.

// ---------------------------------------------------------------------------------------------------------------
// Products and versions (the supplier workspace).

/** Checkbox groups of the product form (posted as repeated fields). */
export const PRODUCT_LIST_FIELDS = ['careSettings', 'integrations'] as const

/** The facts an approval rests on: they belong to a version (app/domain/approval-facts.ts). */
const approvalFactFields = {
  ceMarked: booleanField('productForm.error.checkbox'),
  intendedUse: optionalEnumField(INTENDED_USES, 'productForm.error.intendedUse'),
  mdrClass: z.preprocess(
    (v) => (v === undefined || v === '' ? 'none' : v),
    enumField(MDR_CLASSES, 'productForm.error.mdrClass'),
  ),
  dataStorageLocation: optionalText(1000, 'productForm.error.dataStorageLocation'),
  dpiaTemplateAvailable: booleanField('productForm.error.checkbox'),
  dpaAvailable: booleanField('productForm.error.checkbox'),
  universalDesign: optionalText(2000, 'productForm.error.universalDesign'),
  standards: optionalText(1000, 'productForm.error.standards'),
  integrations: codeListField(INTEGRATIONS, 'productForm.error.integrations'),
}

const productFields = {
  name: requiredText(120, 'productForm.error.name', 'productForm.error.name'),
  categoryId: idField('productForm.error.categoryId'),
  shortDescription: requiredText(300, 'productForm.error.shortDescription', 'productForm.error.shortDescription'),
  description: optionalText(10_000, 'productForm.error.description').transform((v) => v ?? ''),
  intendedUsers: optionalText(1000, 'productForm.error.intendedUsers'),
  // Rendered as a link: only http(s), never javascript: or data:.
  website: urlField(500, 'productForm.error.website'),
  priceModel: optionalText(2000, 'productForm.error.priceModel'),
  careSettings: codeListField(CARE_SETTINGS, 'productForm.error.careSettings'),
  ...approvalFactFields,
}

const versionFields = {
  versionLabel: requiredText(40, 'versionForm.error.versionLabel', 'versionForm.error.versionLabel'),
  releaseNotes: optionalText(5000, 'versionForm.error.releaseNotes'),
}

/** A medical device may only be placed on the market with CE marking. */
const ceMarkedIfMedicalDevice = (p: { mdrClass: MdrClass; ceMarked: boolean }) => p.mdrClass === 'none' || p.ceMarked
const ceMarkedIssue = { path: ['ceMarked'], message: 'productForm.error.ceMarked' }

export const ProductSchema = z.object(productFields).refine(ceMarkedIfMedicalDevice, ceMarkedIssue)
export type ProductData = z.output<typeof ProductSchema>

/** A new product with the label of its first version. */
export const NewProductSchema = z
  .object({ ...productFields, versionLabel: versionFields.versionLabel })
  .refine(ceMarkedIfMedicalDevice, ceMarkedIssue)

export const VersionSchema = z.object(versionFields)

/** A new version carrying changed approval facts (offered when the product form refused them). */
export const VersionWithFactsSchema = z
  .object({ ...versionFields, ...approvalFactFields })
  .refine(ceMarkedIfMedicalDevice, ceMarkedIssue)
/** The checkbox group of the facts (posted as repeated fields). */
export const FACT_LIST_FIELDS = ['integrations'] as const
/** A version's label and release notes (release notes may be left out: none yet). */
export type VersionData = { versionLabel: string; releaseNotes?: string | null }

// ---------------------------------------------------------------------------------------------------------------
// The confidential dossier.

export const DossierSectionSchema = z.object({
  kind: enumField(DOSSIER_SECTION_KINDS, 'dossier.error.kind'),
  heading: requiredText(200, 'dossier.error.heading', 'dossier.error.heading'),
  body: requiredText(50_000, 'dossier.error.body', 'dossier.error.body'),
})
export type DossierSectionData = z.output<typeof DossierSectionSchema>

/** The section form: a new section, or an edit of `sectionId`. */
export const SaveSectionSchema = DossierSectionSchema.extend({
  sectionId: z.preprocess((v) => (v === '' ? undefined : v), idField().optional()),
})

// ---------------------------------------------------------------------------------------------------------------
// Assessment (the coordinators).

const RESULT_FIELD = /^result_([a-z0-9_]{1,60})$/
const resultValue = optionalEnumField(CRITERION_RESULTS, 'assess.error.invalid_input')
const commentValue = optionalText(2000)
const outcomeValue = enumField(ASSESSMENT_OUTCOMES, 'validation.required')
const validUntilValue = dateField('assess.error.valid_until_out_of_range')

type FieldIssue = { path: [string]; message: string; input: unknown }

/** The `result_<criterion>` fields with their `comment_<criterion>`: the answered results, and an issue for each
 * field that did not parse. */
function criterionResults(form: Record<string, unknown>) {
  const results: CriterionResultInput[] = []
  const issues: FieldIssue[] = []
  for (const [field, value] of Object.entries(form)) {
    const criterionCode = RESULT_FIELD.exec(field)?.[1]
    if (!criterionCode) continue
    const result = resultValue.safeParse(value)
    const commentField = `comment_${criterionCode}`
    const comment = commentValue.safeParse(form[commentField])
    if (!result.success) issues.push({ path: [field], message: 'assess.error.invalid_input', input: value })
    if (!comment.success)
      issues.push({
        path: [commentField],
        // Too long, or control characters: the comment part's own message.
        message: comment.error.issues[0]?.message ?? 'validation.tooLong',
        input: form[commentField],
      })
    if (result.success && comment.success && result.data !== null)
      results.push({ criterionCode, result: result.data, comment: comment.data })
  }
  return { results, issues }
}

/**
 * The decision form: an outcome, a rationale, an end date (provisional approval) and one `result_<criterion>` (with
 * its `comment_<criterion>`) per criterion. An unanswered criterion is left out of the results, so the rule "every
 * criterion needs a result" (app/domain/assessment.ts) names it on its field.
 */
export const DecisionSchema = z
  .looseObject({
    outcome: outcomeValue,
    rationale: requiredText(10_000, 'assess.error.rationale_required'),
    validUntil: validUntilValue,
  })
  // The criteria's own field errors also when another field failed (where Zod would skip a refinement), so one
  // submit reports them all.
  .superRefine(
    (form, ctx) => {
      if (typeof form !== 'object' || form === null) return
      for (const issue of criterionResults(form).issues) ctx.addIssue({ code: 'custom', ...issue })
    },
    { when: () => true },
  )
  .transform((form) => ({
    outcome: form.outcome,
    rationale: form.rationale,
    validUntil: form.validUntil,
    results: criterionResults(form).results,
  }))

/**
 * What can be read of a decision form that DecisionSchema refused (Zod runs no transform once a field failed): the
 * parts that parse, for the rules about criteria and the end date (checkDecisionFields), so their field errors come
 * back in the same answer as the schema's.
 */
export function decisionParts(values: Record<string, unknown>): DecisionParts {
  const outcome = outcomeValue.safeParse(values.outcome)
  const validUntil = validUntilValue.safeParse(values.validUntil)
  return {
    outcome: outcome.success ? outcome.data : undefined,
    validUntil: validUntil.success ? validUntil.data : null,
    results: criterionResults(values).results,
  }
}

export const WithdrawalSchema = z.object({
  rationale: requiredText(10_000, 'assess.error.rationale_required'),
})

// ---------------------------------------------------------------------------------------------------------------
// Searching the register (the query string of /register).

export type RegisterSort = (typeof REGISTER_SORTS)[number]
/** approved: holds a current full approval · provisionally_approved: a current provisional approval and no full one
 * · withdrawn, expired: no current approval, and the last one was withdrawn or ran out (public: endedApprovalWhere)
 * · not_approved: no current approval (for the public the withdrawn and expired ones; for suppliers' own products and
 * for coordinators also those never approved). No status: the current approvals (and what the viewer's own role adds). */
export type RegisterStatusFilter = (typeof REGISTER_STATUS_FILTERS)[number]

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)
/** A list given as repeated parameters, as one comma list, or both (`?x=a,b&x=c`). */
const commaList = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
        .filter((item) => item !== ''),
    codeListField(codes),
  )

/** Unknown values are refused, so the route answers 400 instead of silently showing something else. */
export const RegisterSearchSchema = z.object({
  // Any length is accepted: the search reads the first MAX_QUERY_LENGTH characters and says so (never a 400).
  q: z.preprocess(blankToUndefined, z.string().optional()),
  /** Category slug. */
  category: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional(),
  ),
  status: z.preprocess(blankToUndefined, z.enum(REGISTER_STATUS_FILTERS).optional()),
  mdrClass: z.preprocess(blankToUndefined, z.enum(MDR_CLASSES).optional()),
  /** Every one given must apply (AND). */
  careSetting: commaList(CARE_SETTINGS).optional(),
  /** Every one given must apply (AND). */
  integration: commaList(INTEGRATIONS).optional(),
  sort: z.preprocess(blankToUndefined, z.enum(REGISTER_SORTS).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).optional()),
})
export type RegisterSearch = {
  q?: string
  category?: string
  status?: RegisterStatusFilter
  mdrClass?: MdrClass
  careSetting?: CareSettingCode[]
  integration?: IntegrationCode[]
  sort?: RegisterSort
  page?: number
  pageSize?: number
}
const _searchTypesAgree: RegisterSearch = {} as z.output<typeof RegisterSearchSchema>
void _searchTypesAgree
