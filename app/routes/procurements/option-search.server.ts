import { SEARCH_OPTIONS_INTENT } from '~/domain/procurement-rules'
import { pickerQuery } from '~/forms/procurement'
import { procurementPickerOptions } from '~/models/procurement-options.server'
import { formAnswer, type FormValues } from '~/utils/forms.server'

// The search round trip of the procurement forms' pickers (new and edit), shared by both actions.

/** True when one of the pickers' search buttons sent the form (the edit form also carries its own intent). */
export const isOptionSearch = (form: FormData) => form.getAll('intent').includes(SEARCH_OPTIONS_INTENT)

/** The form back with everything typed and the matches of its searches; nothing is saved, so 200. */
export async function answerOptionSearch(values: FormValues) {
  return formAnswer({ errors: {}, values, pickerOptions: await procurementPickerOptions(pickerQuery(values)) }, 200)
}
