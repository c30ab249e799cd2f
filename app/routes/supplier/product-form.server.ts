import type { z } from 'zod'
import type { RegisterError } from '~/domain/approval-workflow'
import type { MessageKey } from '~/i18n'
import { ProductInput, VersionInput } from '~/models/products.server'
import { formLists, formValues, invalid, type FieldErrors, type FormValues } from '~/utils/forms.server'

// The product form (new product and edit product) and the version form (first version, added version). The models'
// Zod schemas decide what is valid; their messages are for developers, so every failing field is mapped here to a
// message that tells the supplier what to fix.

const LIST_FIELDS = ['careSettings', 'integrations'] as const

const PRODUCT_ERRORS: Record<string, MessageKey> = {
  name: 'productForm.error.name',
  categoryId: 'productForm.error.categoryId',
  shortDescription: 'productForm.error.shortDescription',
  description: 'productForm.error.description',
  intendedUsers: 'productForm.error.intendedUsers',
  website: 'productForm.error.website',
  ceMarked: 'productForm.error.ceMarked',
  intendedUse: 'productForm.error.intendedUse',
  mdrClass: 'productForm.error.mdrClass',
  dataStorageLocation: 'productForm.error.dataStorageLocation',
  dpiaTemplateAvailable: 'productForm.error.checkbox',
  dpaAvailable: 'productForm.error.checkbox',
  universalDesign: 'productForm.error.universalDesign',
  priceModel: 'productForm.error.priceModel',
  standards: 'productForm.error.standards',
  careSettings: 'productForm.error.careSettings',
  integrations: 'productForm.error.integrations',
}

const VERSION_ERRORS: Record<string, MessageKey> = {
  versionLabel: 'versionForm.error.versionLabel',
  releaseNotes: 'versionForm.error.releaseNotes',
}

function mapFields(fields: readonly string[], keys: Record<string, MessageKey>): FieldErrors {
  const errors: FieldErrors = {}
  for (const field of fields) {
    const name = field.split('.')[0] ?? field
    errors[name in keys ? name : 'form'] ??= keys[name] ?? 'common.formHasErrors'
  }
  return errors
}

const issueFields = (error: z.ZodError) => error.issues.map((i) => String(i.path[0] ?? 'form'))

/** Field errors for a refusal the model returned with field paths (invalid_input: an unknown category, say). */
export const productResultErrors = (result: RegisterError): FieldErrors =>
  mapFields(result.fields ?? ['form'], { ...PRODUCT_ERRORS, ...VERSION_ERRORS })

/**
 * The typed values to send back with an error. Checkbox groups are joined with commas (their codes never contain
 * one), so the form can tick the same boxes again.
 */
function keptValues(form: FormData): FormValues {
  const lists = formLists(form, LIST_FIELDS)
  return { ...formValues(form), careSettings: lists.careSettings.join(','), integrations: lists.integrations.join(',') }
}

export type ParsedProductForm =
  | {
      ok: true
      product: z.output<typeof ProductInput>
      version: z.output<typeof VersionInput> | null
      values: FormValues
    }
  | { ok: false; response: ReturnType<typeof invalid> }

/** Reads the product form; with `withVersion`, also the first version's label (new product). */
export function parseProductForm(form: FormData, { withVersion = false } = {}): ParsedProductForm {
  const values = keptValues(form)
  const product = ProductInput.safeParse({ ...formValues(form), ...formLists(form, LIST_FIELDS) })
  const version = withVersion ? VersionInput.safeParse({ versionLabel: values.versionLabel ?? '' }) : null
  const errors: FieldErrors = {
    ...(version && !version.success ? mapFields(issueFields(version.error), VERSION_ERRORS) : {}),
    ...(product.success ? {} : mapFields(issueFields(product.error), PRODUCT_ERRORS)),
  }
  if (!product.success || (version && !version.success)) return { ok: false, response: invalid(errors, values) }
  return { ok: true, product: product.data, version: version?.success ? version.data : null, values }
}

/** Reads the version form (label and release notes). */
export function parseVersionForm(
  form: FormData,
):
  | { ok: true; version: z.output<typeof VersionInput>; values: FormValues }
  | { ok: false; response: ReturnType<typeof invalid> } {
  const values = formValues(form)
  const parsed = VersionInput.safeParse({ versionLabel: values.versionLabel ?? '', releaseNotes: values.releaseNotes })
  if (!parsed.success)
    return { ok: false, response: invalid(mapFields(issueFields(parsed.error), VERSION_ERRORS), values) }
  return { ok: true, version: parsed.data, values }
}

/** The error a model's refusal of a version form means for the form (duplicate label, or invalid fields). */
export function versionResultErrors(result: RegisterError): FieldErrors {
  if (result.code === 'duplicate_version_label') return { versionLabel: 'versionForm.error.duplicateLabel' }
  return mapFields(result.fields ?? ['form'], VERSION_ERRORS)
}
