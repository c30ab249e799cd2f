import { SEARCH_OPTIONS_INTENT } from '~/domain/procurement-rules'
import { pickerQuery, PROCUREMENT_LISTS } from '~/forms/procurement'
import { procurementPickerOptions } from '~/models/procurement-options.server'
import { formAnswer, formLists, formValues } from '~/utils/forms.server'

// The search round trip of the pickers of the procurement forms (new, edit, invite), shared by both actions.

/** True when one of the pickers' search buttons sent the form (the detail page's forms also carry their own intent,
 * which comes first and says which form it was). */
export const isOptionSearch = (form: FormData) => form.getAll('intent').includes(SEARCH_OPTIONS_INTENT)

/** The form back with everything typed and the matches of its searches; nothing is saved, so 200. */
export async function answerOptionSearch(form: FormData, excludeMunicipalities: readonly string[] = []) {
  const values = formValues(form)
  for (const [name, list] of Object.entries(formLists(form, PROCUREMENT_LISTS))) values[name] = list.join(',')
  const pickerOptions = await procurementPickerOptions(pickerQuery(values), excludeMunicipalities)
  return formAnswer({ errors: {}, values, pickerOptions }, 200)
}
