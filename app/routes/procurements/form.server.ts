import { data } from 'react-router'
import { getDb } from '../../../db/client'
import { PUBLIC_VERSION_STATES } from '~/domain/approval-workflow'
import { procurementErrorStatus, type ProcurementError } from '~/domain/procurement-rules'
import { messagesFor, type MessageKey } from '~/i18n'
import { listMunicipalityOptions as listMunicipalities } from '~/models/accounts.server'
import { municipalityFilterOptions } from '~/models/product-experience.server'
import { formError, formLists, formValues, invalid, type FieldErrors, type FormValues } from '~/utils/forms.server'

// Shared by the procurement route modules: the options the forms offer, reading repeated fields, and how a refusal
// from the procurement/experience models becomes an HTTP answer.

/** Approved (public) register products with their supplier, for the "products bought" picker and the list filter. */
export async function listRegisterProductOptions() {
  const rows = await getDb()
    .selectFrom('product as p')
    .innerJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .select(['p.id', 'p.name', 'o.name as supplier'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('product_version as v')
          .select('v.id')
          .whereRef('v.product_id', '=', 'p.id')
          .where('v.state', 'in', PUBLIC_VERSION_STATES),
      ),
    )
    .orderBy('p.name')
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({ value: String(r.id), label: `${r.name} (${r.supplier})` }))
}

/** Verified supplier companies (the supplier of a procurement, when registered). */
export async function listSupplierOptions() {
  const rows = await getDb()
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('kind', '=', 'supplier')
    .where('status', '=', 'verified')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ value: String(r.id), label: r.name }))
}

export async function listMunicipalityOptions() {
  return (await listMunicipalities()).map((r) => ({ value: r.number, label: `${r.name} (${r.county})` }))
}

export async function listCountyOptions() {
  return (await municipalityFilterOptions()).counties.map((c) => ({ value: c.number, label: c.name }))
}

/** Fields that carry several values: checkbox groups, native multi-selects, and Mantine's MultiSelect (one hidden
 * input with comma-separated values). */
export const PROCUREMENT_LIST_FIELDS = ['careSettings', 'productIds', 'participantMunicipalities'] as const

/** The model's input (text fields plus lists) and the values to send back with an error (lists comma-joined). */
export function procurementFormInput(form: FormData, listFields: readonly string[] = PROCUREMENT_LIST_FIELDS) {
  const values = formValues(form)
  const lists = formLists(form, listFields)
  const kept: FormValues = { ...values }
  for (const [k, v] of Object.entries(lists)) kept[k] = v.join(',')
  return { input: { ...values, ...lists } as Record<string, unknown>, values: kept }
}

const known = messagesFor('nb')
const asKey = (key: string): MessageKey => (key in known ? (key as MessageKey) : 'validation.invalid')

const CONFLICT_KEYS: Partial<Record<ProcurementError['code'], MessageKey>> = {
  not_editable: 'procurement.error.notEditable',
  already_replied: 'procurement.error.alreadyReplied',
  already_participant: 'procurement.error.alreadyParticipant',
  participant_has_reports: 'procurement.error.participantHasReports',
  cannot_remove_lead: 'procurement.error.cannotRemoveLead',
  already_flagged: 'procurement.error.alreadyFlagged',
}

/**
 * A model refusal as the answer: not found and forbidden end the request (404/403); invalid input comes back as
 * field errors (400) with the typed values; conflicts (409) as a message over the form.
 */
export function refusal(result: ProcurementError, values: FormValues) {
  const status = procurementErrorStatus(result.code)
  if (status === 404 || status === 403) throw data(null, { status })
  if (status === 400) {
    const errors: FieldErrors = {}
    for (const [field, key] of Object.entries(result.fieldErrors ?? {})) errors[field] = asKey(key)
    if (Object.keys(errors).length === 0) errors.form = 'validation.invalid'
    return invalid(errors, values)
  }
  return formError(CONFLICT_KEYS[result.code] ?? 'procurement.error.conflict', status, { values })
}
