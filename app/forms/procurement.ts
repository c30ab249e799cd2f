import { z } from 'zod'
import { CARE_SETTINGS } from '~/domain/register-codes'
import { POPULATION_BAND_CODES } from '~/domain/population-bands'
import type { FormValues } from '~/utils/form-result'
import {
  COMMERCIAL_TERMS_VISIBILITIES,
  PHASES,
  PROCEDURES,
  PRODUCT_NAME_FILTER_MAX,
  isValidDoffinReference,
  normaliseDoffinReference,
} from '~/domain/procurement-rules'
import {
  booleanField,
  codeListField,
  countField,
  dateField,
  enumField,
  idField,
  idListField,
  nokField,
  optionalIdField,
  optionalText,
  pagingFields,
  requiredText,
  yearsFromToday,
} from '~/utils/fields'

// The procurement forms (docs/domain.md, "Procurements"): the lead's core fields, each participant's deployment, and
// the list's query string. The routes parse with these schemas; the models take their output.

const MAX_PRODUCTS = 20
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
const orDefault = (fallback: string) => (v: unknown) => (isBlank(v) ? fallback : v)
/** One value or several, each possibly holding several separated by `separator`. */
const splitList = (separator: RegExp) => (v: unknown) =>
  (isBlank(v) ? [] : Array.isArray(v) ? v : [v])
    .flatMap((x) => (typeof x === 'string' ? x.split(separator) : [x]))
    .filter((x) => x !== '')

/** Fields that carry several values: checkbox groups and multi-selects. */
export const PROCUREMENT_LISTS = ['careSettings', 'productIds', 'participantMunicipalities'] as const

const municipalityNumberField = z
  .string({ error: 'validation.procurement.municipality' })
  .trim()
  .regex(/^\d{4}$/, 'validation.procurement.municipality')

/** Other municipalities of a joint procurement: picked, or typed separated by spaces, commas or semicolons. */
const municipalityNumbersField = z
  .preprocess(
    splitList(/[\s,;]+/),
    z
      .array(municipalityNumberField, { error: 'validation.procurement.municipality' })
      .max(400, 'validation.procurement.municipality'),
  )
  .transform((list) => [...new Set(list)])

/** Products named in free text, one per line. */
const productNamesField = z
  .preprocess(
    splitList(/\r?\n/),
    z
      .array(optionalText(200, 'validation.procurement.productName'), { error: 'validation.procurement.productName' })
      .max(MAX_PRODUCTS, 'validation.procurement.tooManyProducts'),
  )
  .transform((names) => [...new Set(names.filter((n): n is string => n !== null))])

/** A Doffin notice id (a pasted notice address is accepted), or null when blank. */
const doffinReferenceField = z.preprocess(
  (v) => (isBlank(v) ? null : typeof v === 'string' ? normaliseDoffinReference(v) : v),
  z
    .string({ error: 'validation.procurement.doffinReference' })
    .refine(isValidDoffinReference, 'validation.procurement.doffinReference')
    .nullable(),
)

const coreShape = {
  title: requiredText(200),
  need: requiredText(5000),
  replacesPractice: optionalText(5000),
  supplierOrganisationId: optionalIdField('validation.procurement.supplier'),
  supplierName: optionalText(200),
  procedure: enumField(PROCEDURES, 'validation.procurement.procedure'),
  doffinReference: doffinReferenceField,
  contractValueNok: nokField('validation.procurement.contractValue'),
  priceTerms: optionalText(2000),
  contractStart: dateField(),
  contractEnd: dateField(),
  commercialTermsVisibility: z.preprocess(
    orDefault('municipalities'),
    enumField(COMMERCIAL_TERMS_VISIBILITIES, 'validation.procurement.commercialTermsVisibility'),
  ),
  careSettings: codeListField(CARE_SETTINGS, 'validation.procurement.careSetting'),
  openForJoining: booleanField(),
  internalNotes: optionalText(10_000),
  productIds: idListField('validation.procurement.product').refine(
    (ids) => ids.length <= MAX_PRODUCTS,
    'validation.procurement.tooManyProducts',
  ),
  productNames: productNamesField,
}

const contractPeriod = {
  check: (p: { contractStart: string | null; contractEnd: string | null }) =>
    !p.contractStart || !p.contractEnd || p.contractEnd >= p.contractStart,
  issue: { path: ['contractEnd'], message: 'validation.procurement.contractPeriod' },
}

/** The lead municipality's core fields (the edit form). */
export const ProcurementInput = z.object(coreShape).refine(contractPeriod.check, contractPeriod.issue)
export type ProcurementData = z.output<typeof ProcurementInput>

/** One municipality's own deployment under a procurement. */
const deploymentShape = {
  usersCount: countField(),
  unitsCount: countField(),
  sitesCount: countField(),
  // Go-live is in the past or planned: not before 1990, not more than five years ahead.
  goLiveDate: dateField('validation.date', { max: yearsFromToday(5), message: 'validation.procurement.goLiveDate' }),
  phase: z.preprocess(orDefault('planning'), enumField(PHASES, 'validation.procurement.phase')),
}

/** Registering a procurement: the core fields, the lead's own deployment, and the other municipalities of a joint
 * procurement (they start in the lead's phase; each fills in its own numbers). */
export const CreateProcurementInput = z
  .object({ ...coreShape, ...deploymentShape, participantMunicipalities: municipalityNumbersField })
  .refine(contractPeriod.check, contractPeriod.issue)
export type CreateProcurementData = z.output<typeof CreateProcurementInput>

/** A municipality's buyers edit their own participation, with its internal notes. */
export const ParticipantInput = z.object({
  municipalityNumber: municipalityNumberField,
  ...deploymentShape,
  internalNotes: optionalText(10_000),
})
export type ParticipantData = z.output<typeof ParticipantInput>

/** The lead adds a municipality, with its deployment data as far as known. */
export const AddParticipantInput = z.object({ municipalityNumber: municipalityNumberField, ...deploymentShape })
export type AddParticipantData = z.output<typeof AddParticipantInput>

/** The lead removes a municipality. */
export const RemoveParticipantInput = z.object({ municipalityNumber: municipalityNumberField })
export type RemoveParticipantData = z.output<typeof RemoveParticipantInput>

/** "Municipalities like mine" in a query string (the procurement list, a product page): a county and a population
 * band, each ignored when unrecognised. */
export const likeMineFields = {
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  populationBand: z.enum(POPULATION_BAND_CODES).optional().catch(undefined),
}

/** The list's filters. Anything unrecognised is ignored rather than failing the page. */
export const ProcurementListFilter = z.object({
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  ...likeMineFields,
  phase: z.enum(PHASES).optional().catch(undefined),
  procedure: z.enum(PROCEDURES).optional().catch(undefined),
  productId: idField().optional().catch(undefined),
  /** Part of a register product's name (the list's product filter without a picker of every product). */
  productName: z.preprocess(
    (v) =>
      typeof v === 'string' ? v.normalize('NFC').trim().slice(0, PRODUCT_NAME_FILTER_MAX) || undefined : undefined,
    z.string().optional(),
  ),
  ...pagingFields,
})
export type ProcurementListFilter = z.output<typeof ProcurementListFilter>

/** The national list's filters from its query string (Norwegian keys, like /register), shared by the page and its
 * CSV export: kommune, fase, fylke, innbyggere, produkt (a register product's id), produktnavn (part of a register
 * product's name), prosedyre, side. */
export function procurementFilterFromParams(q: URLSearchParams, pageSize: number): ProcurementListFilter {
  const param = (name: string) => q.get(name) || undefined
  return ProcurementListFilter.parse({
    municipality: param('kommune'),
    phase: param('fase'),
    county: param('fylke'),
    populationBand: param('innbyggere'),
    productId: param('produkt'),
    productName: param('produktnavn'),
    procedure: param('prosedyre'),
    page: param('side'),
    pageSize,
  })
}

/** "Min kommune": only participations due for follow-up, only those led or joined. */
export const MyMunicipalityFilter = z.object({
  dueOnly: booleanField().catch(false),
  role: z.enum(['lead', 'participant']).optional().catch(undefined),
  /** The page of the notices of products no longer approved (they page apart from the procurements). */
  noticePage: pagingFields.page,
  /** The page of the invitations waiting for an answer. */
  invitationPage: pagingFields.page,
  /** The pages of the benefit follow-up's two lists: measurements due, and benefits without a baseline. */
  benefitDuePage: pagingFields.page,
  missingBaselinePage: pagingFields.page,
  /** The page of the viewer's own drafts. */
  draftPage: pagingFields.page,
  ...pagingFields,
})
export type MyMunicipalityFilter = z.output<typeof MyMunicipalityFilter>

/** A picker's typed search in a query string: cut like the forms' searches, never refused (it only narrows a list). */
const pickerSearchText = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, PRODUCT_NAME_FILTER_MAX) : ''),
  z.string(),
)

/** /anskaffelser/valg's query string: the product and municipality pickers' searches. */
export const PickerMatchesQuery = z.object({ produktsok: pickerSearchText, kommunesok: pickerSearchText })

/** What the pickers show for a form's values: the typed searches and the ids chosen. Lenient, since nothing is saved:
 * a malformed id is simply not shown (the save refuses it). */
export function pickerQuery(values: FormValues) {
  const search = (name: string) => (values[name] ?? '').trim().slice(0, PRODUCT_NAME_FILTER_MAX)
  const ids = (values.productIds ?? '')
    .split(',')
    .filter((v) => /^\d{1,12}$/.test(v))
    .map(Number)
  const supplier = values.supplierOrganisationId ?? ''
  // The new form's participants (a list) or the invite form's one municipality.
  const municipalities = `${values.participantMunicipalities ?? ''},${values.municipalityNumber ?? ''}`
    .split(/[\s,;]+/)
    .filter((v) => /^\d{4}$/.test(v))
  return {
    productSearch: search('productSearch'),
    supplierSearch: search('supplierSearch'),
    municipalitySearch: search('municipalitySearch'),
    productIds: [...new Set(ids)].slice(0, MAX_PRODUCTS),
    supplierOrganisationId: /^\d{1,12}$/.test(supplier) ? Number(supplier) : null,
    municipalityNumbers: [...new Set(municipalities)].slice(0, 400),
  }
}
