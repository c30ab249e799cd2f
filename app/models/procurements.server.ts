import { sql } from 'kysely'
import { z } from 'zod'
import { getDb } from '../../db/client'
import { pagingFields } from '~/utils/validation'
import { audit } from '~/utils/audit.server'
import type {
  CareSettingCode,
  CommercialTermsVisibility,
  ParticipantRole,
  PhaseCode,
  ProcedureCode,
} from '../../db/schema'
import { PUBLIC_VERSION_STATES } from '~/domain/approval-workflow'
import { isIsoDate } from '~/domain/dates'
import {
  CARE_SETTINGS,
  COMMERCIAL_TERMS_VISIBILITIES,
  PHASES,
  POPULATION_BAND_CODES,
  PROCEDURES,
  doffinNoticeUrl,
  fail,
  followUpStatus,
  isValidDoffinReference,
  normaliseDoffinReference,
  ok,
  populationBand,
  populationBandRange,
  type ExperienceAuditAction,
  type FollowUpStatus,
  type PopulationBand,
  type ProcurementError,
  type Result,
} from '~/domain/procurement-rules'
import { MAX_NOK, parseNok } from '~/domain/money'
import {
  canCreateProcurement,
  canEditParticipant,
  canEditProcurement,
  canManageParticipants,
  canReadExperienceText,
  canSeeAuthor,
  canSeeCommercialTerms,
  canSeeInternalNotes,
  canWriteExperience,
  experienceAudience,
} from '~/policy/experience'
import { canViewProduct } from '~/policy/register'
import { effectiveRole, isBuyerOf, type Viewer } from '~/policy/viewer'
import { loadProductAccess } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { pageParams, toPage, type Page } from '~/models/paging.server'

// Procurements (anskaffelser): the lead municipality's core data, the products bought, and every participating
// municipality's own deployment. Commercial terms and internal notes leave the database only for viewers entitled
// to them (app/policy/experience.ts); everything else about a procurement is public information.

// ---------------------------------------------------------------------------------------------------------------
// Input helpers shared by the experience models. The schemas accept typed values and raw form values ("on", "",
// one string where a list is expected, "1 250 000" for kroner); every message is an i18n key.

const nfc = (s: string) => s.normalize('NFC')
const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v

export const requiredText = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(max, 'validation.tooLong')
    .transform(nfc)

export const optionalText = (max: number) =>
  z.preprocess(
    blankToNull,
    z.string({ error: 'validation.required' }).trim().max(max, 'validation.tooLong').transform(nfc).nullable(),
  )

export const flagField = z.preprocess(
  (v) => {
    if (v === true || v === 1 || v === 'on' || v === '1' || v === 'true' || v === 'yes') return true
    if (v === false || v === 0 || v === undefined || v === null || v === '' || v === '0' || v === 'false' || v === 'no')
      return false
    return v
  },
  z.boolean({ error: 'validation.required' }),
)

export const dateField = (message = 'validation.date') =>
  z.preprocess(blankToNull, z.string({ error: message }).trim().refine(isIsoDate, message).nullable())

export const nokField = (message: string) =>
  z.preprocess(
    (v) => {
      const b = blankToNull(v)
      if (typeof b === 'string') return parseNok(b) ?? Number.NaN
      return b
    },
    z.number({ error: message }).int(message).min(0, message).max(MAX_NOK, message).nullable(),
  )

export const countField = z.preprocess(
  (v) => {
    const b = blankToNull(v)
    if (typeof b === 'string') return /^\s*\d{1,9}\s*$/.test(b) ? Number(b.trim()) : Number.NaN
    return b
  },
  z
    .number({ error: 'validation.count' })
    .int('validation.count')
    .min(0, 'validation.count')
    .max(10_000_000, 'validation.count')
    .nullable(),
)

export const idField = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (/^\s*\d{1,15}\s*$/.test(v) ? Number(v.trim()) : Number.NaN) : v),
    z.number({ error: message }).int(message).positive(message),
  )

const asList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v])

export const codeListField = <T extends readonly [string, ...string[]]>(codes: T, message: string) =>
  z
    .preprocess(asList, z.array(z.enum(codes, { error: message }), { error: message }))
    .transform((list) => [...new Set(list)].sort() as Array<T[number]>)

export const enumField = <T extends readonly [string, ...string[]]>(codes: T, message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(codes, { error: message }))

export const optionalEnumField = <T extends readonly [string, ...string[]]>(codes: T, message: string) =>
  z.preprocess(blankToNull, z.enum(codes, { error: message }).nullable())

/** What a model accepts: raw form values or typed values, any of them missing (the schema decides what is required). */
export type FormInput<S extends z.ZodType> = { [K in keyof z.input<S>]?: unknown }

/** Zod issues → a refusal with field → i18n key, ready for the form. */
export function invalidInput(error: z.ZodError): ProcurementError {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form'
    fieldErrors[field] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid'
  }
  return fail('invalid_input', { fields: Object.keys(fieldErrors), fieldErrors })
}

/** Kept apart from the write so that a refusal inside a transaction reads the same as one before it. */
export const invalidField = (field: string, key: string): ProcurementError =>
  fail('invalid_input', { fields: [field], fieldErrors: { [field]: key } })

// ---------------------------------------------------------------------------------------------------------------
// Audit.

export async function auditExperience(
  db: DbOrTrx,
  entry: {
    action: ExperienceAuditAction
    actorUserId: number | null
    target: { type: 'procurement' | 'experience_report' | 'supplier_reply' | 'content_flag'; id: number }
    details?: Record<string, unknown>
    at: string
  },
) {
  await audit(entry, db)
}

// ---------------------------------------------------------------------------------------------------------------
// Input.

const productNamesField = z
  .preprocess(
    (v) => asList(v).flatMap((x) => (typeof x === 'string' ? x.split(/\r?\n/) : [x])),
    z
      .array(
        z.string({ error: 'validation.procurement.productName' }).trim().max(200, 'validation.tooLong').transform(nfc),
      )
      .max(20, 'validation.procurement.tooManyProducts'),
  )
  .transform((list) => [...new Set(list.filter((n) => n.length > 0))])

const productIdsField = z
  .preprocess(
    asList,
    z.array(idField('validation.procurement.product')).max(20, 'validation.procurement.tooManyProducts'),
  )
  .transform((list) => [...new Set(list)])

const municipalityNumbersField = z
  .preprocess(
    (v) =>
      asList(v)
        .flatMap((x) => (typeof x === 'string' ? x.split(/[\s,;]+/) : [x]))
        .filter((x) => x !== ''),
    z
      .array(
        z
          .string({ error: 'validation.procurement.municipality' })
          .regex(/^\d{4}$/, 'validation.procurement.municipality'),
      )
      .max(400, 'validation.procurement.municipality'),
  )
  .transform((list) => [...new Set(list)])

const procurementShape = {
  title: requiredText(200),
  need: requiredText(5000),
  replacesPractice: optionalText(5000),
  supplierOrganisationId: z.preprocess(blankToNull, idField('validation.procurement.supplier').nullable()),
  supplierName: optionalText(200),
  procedure: enumField(PROCEDURES, 'validation.procurement.procedure'),
  doffinReference: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : normaliseDoffinReference(v)) : blankToNull(v)),
    z
      .string({ error: 'validation.procurement.doffinReference' })
      .refine(isValidDoffinReference, 'validation.procurement.doffinReference')
      .nullable(),
  ),
  contractValueNok: nokField('validation.procurement.contractValue'),
  priceTerms: optionalText(2000),
  contractStart: dateField(),
  contractEnd: dateField(),
  commercialTermsVisibility: z.preprocess(
    (v) => blankToNull(v) ?? 'municipalities',
    z.enum(COMMERCIAL_TERMS_VISIBILITIES, { error: 'validation.procurement.commercialTermsVisibility' }),
  ),
  careSettings: codeListField(CARE_SETTINGS, 'validation.procurement.careSetting'),
  openForJoining: flagField,
  internalNotes: optionalText(10_000),
  productIds: productIdsField,
  productNames: productNamesField,
}

const contractPeriodOk = (p: { contractStart: string | null; contractEnd: string | null }) =>
  !p.contractStart || !p.contractEnd || p.contractEnd >= p.contractStart

/** The lead municipality's core fields (create and edit). */
export const ProcurementInput = z
  .object(procurementShape)
  .refine(contractPeriodOk, { path: ['contractEnd'], message: 'validation.procurement.contractPeriod' })
export type ProcurementInput = FormInput<typeof ProcurementInput>
export type ProcurementData = z.output<typeof ProcurementInput>

/** One municipality's own deployment under a procurement. */
const deploymentShape = {
  usersCount: countField,
  unitsCount: countField,
  sitesCount: countField,
  goLiveDate: dateField(),
  phase: z.preprocess((v) => blankToNull(v) ?? 'planning', z.enum(PHASES, { error: 'validation.procurement.phase' })),
}
export const ParticipantInput = z.object({ ...deploymentShape, internalNotes: optionalText(10_000) })
export type ParticipantInput = FormInput<typeof ParticipantInput>

/** The lead adds a municipality, with its deployment data as far as known. */
export const AddParticipantInput = z.object({
  municipalityNumber: z
    .string({ error: 'validation.procurement.municipality' })
    .trim()
    .regex(/^\d{4}$/, 'validation.procurement.municipality'),
  ...deploymentShape,
})
export type AddParticipantInput = FormInput<typeof AddParticipantInput>

/** Registering a procurement: the core fields, the lead's own deployment, and the other municipalities of a joint
 * procurement (they start in the lead's phase; each fills in its own numbers). */
export const CreateProcurementInput = z
  .object({ ...procurementShape, ...deploymentShape, participantMunicipalities: municipalityNumbersField })
  .refine(contractPeriodOk, { path: ['contractEnd'], message: 'validation.procurement.contractPeriod' })
export type CreateProcurementInput = FormInput<typeof CreateProcurementInput>

// ---------------------------------------------------------------------------------------------------------------
// Shared loaders.

/** Supplier organisations of the register products in each procurement (the suppliers the experience is about). */
export async function loadProcurementSuppliers(db: DbOrTrx, procurementIds: readonly number[]) {
  const map = new Map<number, number[]>()
  const ids = [...new Set(procurementIds)]
  for (const id of ids) map.set(id, [])
  if (ids.length === 0) return map
  const rows = await db
    .selectFrom('procurement_product as pp')
    .innerJoin('product as p', 'p.id', 'pp.product_id')
    .select(['pp.procurement_id', 'p.supplier_organisation_id'])
    .where('pp.procurement_id', 'in', ids)
    .distinct()
    .orderBy('pp.procurement_id')
    .orderBy('p.supplier_organisation_id')
    .execute()
  for (const r of rows) map.get(r.procurement_id)!.push(r.supplier_organisation_id)
  return map
}

/** What the policy needs about a procurement: its lead, participants and product suppliers. */
export async function loadProcurementAccess(db: DbOrTrx, procurementId: number) {
  const row = await db
    .selectFrom('procurement')
    .select(['id', 'lead_municipality_number', 'commercial_terms_visibility'])
    .where('id', '=', procurementId)
    .executeTakeFirst()
  if (!row) return undefined
  const [participants, suppliers] = await Promise.all([
    db
      .selectFrom('procurement_participant')
      .select(['municipality_number', 'role', 'phase'])
      .where('procurement_id', '=', procurementId)
      .execute(),
    loadProcurementSuppliers(db, [procurementId]),
  ])
  return {
    id: row.id,
    leadMunicipalityNumber: row.lead_municipality_number,
    commercialTermsVisibility: row.commercial_terms_visibility,
    participants: participants.map((p) => ({
      municipalityNumber: p.municipality_number,
      role: p.role,
      phase: p.phase,
    })),
    supplierOrganisationIds: suppliers.get(procurementId) ?? [],
  }
}
export type ProcurementAccess = NonNullable<Awaited<ReturnType<typeof loadProcurementAccess>>>

/** Products that have been on the public register (approved at some point); drafts and rejected products cannot be
 * named as bought, which would also reveal them. */
async function checkProducts(db: DbOrTrx, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, number>()
  const rows = await db
    .selectFrom('product as p')
    .select(['p.id', 'p.supplier_organisation_id'])
    .where('p.id', 'in', [...ids])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('product_version as v')
          .select('v.id')
          .whereRef('v.product_id', '=', 'p.id')
          .where('v.state', 'in', PUBLIC_VERSION_STATES),
      ),
    )
    .execute()
  return new Map(rows.map((r) => [r.id, r.supplier_organisation_id]))
}

async function existingMunicipalities(db: DbOrTrx, numbers: readonly string[]) {
  if (numbers.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('municipality')
    .select('number')
    .where('number', 'in', [...numbers])
    .execute()
  return new Set(rows.map((r) => r.number))
}

/** Only verified companies: naming a pending or rejected sign-up would publish its name on the procurement page. */
async function isSupplierOrganisation(db: DbOrTrx, id: number) {
  const row = await db.selectFrom('organisation').select(['kind', 'status']).where('id', '=', id).executeTakeFirst()
  return row?.kind === 'supplier' && row.status === 'verified'
}

/** Checks references and resolves the supplier: a registered company when one is given or when every register
 * product comes from the same one. */
async function resolveCore(
  db: DbOrTrx,
  data: ProcurementData,
): Promise<Result<{ supplierOrganisationId: number | null; supplierName: string | null }>> {
  const products = await checkProducts(db, data.productIds)
  if (products.size !== data.productIds.length) return invalidField('productIds', 'validation.procurement.product')
  let supplierOrganisationId = data.supplierOrganisationId
  if (supplierOrganisationId !== null && !(await isSupplierOrganisation(db, supplierOrganisationId))) {
    return invalidField('supplierOrganisationId', 'validation.procurement.supplier')
  }
  const productSuppliers = new Set(products.values())
  if (supplierOrganisationId === null && data.supplierName === null && productSuppliers.size === 1) {
    supplierOrganisationId = [...productSuppliers][0]!
  }
  return ok({ supplierOrganisationId, supplierName: supplierOrganisationId === null ? data.supplierName : null })
}

function coreColumns(
  data: ProcurementData,
  supplier: { supplierOrganisationId: number | null; supplierName: string | null },
) {
  return {
    title: data.title,
    need: data.need,
    replaces_practice: data.replacesPractice,
    supplier_organisation_id: supplier.supplierOrganisationId,
    supplier_name: supplier.supplierName,
    procedure: data.procedure,
    doffin_reference: data.doffinReference,
    contract_value_nok: data.contractValueNok,
    price_terms: data.priceTerms,
    contract_start: data.contractStart,
    contract_end: data.contractEnd,
    commercial_terms_visibility: data.commercialTermsVisibility,
    open_for_joining: data.openForJoining ? 1 : 0,
    internal_notes: data.internalNotes,
  }
}

async function replaceProductsAndSettings(db: DbOrTrx, procurementId: number, data: ProcurementData) {
  await db.deleteFrom('procurement_product').where('procurement_id', '=', procurementId).execute()
  await db.deleteFrom('procurement_care_setting').where('procurement_id', '=', procurementId).execute()
  const rows = [
    ...data.productIds.map((id) => ({ procurement_id: procurementId, product_id: id, product_name: null })),
    ...data.productNames.map((name) => ({ procurement_id: procurementId, product_id: null, product_name: name })),
  ]
  if (rows.length) await db.insertInto('procurement_product').values(rows).execute()
  if (data.careSettings.length) {
    await db
      .insertInto('procurement_care_setting')
      .values(data.careSettings.map((code) => ({ procurement_id: procurementId, code })))
      .execute()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

/** A buyer registers a procurement led by its own municipality (joint when other municipalities are named). */
export async function createProcurement(
  viewer: Viewer | null,
  input: CreateProcurementInput,
): Promise<Result<{ procurementId: number }>> {
  if (!canCreateProcurement(viewer)) return fail('forbidden')
  const parsed = CreateProcurementInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const data = parsed.data
  const lead = viewer!.municipalityNumber!
  const others = data.participantMunicipalities.filter((m) => m !== lead)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const known = await existingMunicipalities(trx, others)
      if (known.size !== others.length)
        return invalidField('participantMunicipalities', 'validation.procurement.municipality')
      const core = await resolveCore(trx, data)
      if (!core.ok) return core
      const { id } = await trx
        .insertInto('procurement')
        .values({
          ...coreColumns(data, core.value),
          lead_municipality_number: lead,
          created_by: viewer!.userId,
          created_at: iso,
          updated_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await replaceProductsAndSettings(trx, id, data)
      await trx
        .insertInto('procurement_participant')
        .values([
          {
            procurement_id: id,
            municipality_number: lead,
            role: 'lead' as const,
            users_count: data.usersCount,
            units_count: data.unitsCount,
            sites_count: data.sitesCount,
            go_live_date: data.goLiveDate,
            phase: data.phase,
            created_at: iso,
            updated_at: iso,
          },
          ...others.map((m) => ({
            procurement_id: id,
            municipality_number: m,
            role: 'participant' as const,
            users_count: null,
            units_count: null,
            sites_count: null,
            go_live_date: null,
            phase: data.phase,
            created_at: iso,
            updated_at: iso,
          })),
        ])
        .execute()
      await auditExperience(trx, {
        action: 'procurement.created',
        actorUserId: viewer!.userId,
        target: { type: 'procurement', id },
        details: { lead, participants: others, productIds: data.productIds },
        at: iso,
      })
      return ok({ procurementId: id })
    })
}

/** The lead municipality's buyers edit the core fields, products and care settings. */
export async function updateProcurement(
  viewer: Viewer | null,
  procurementId: number,
  input: ProcurementInput,
): Promise<Result<null>> {
  const parsed = ProcurementInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await loadProcurementAccess(trx, procurementId)
      if (!access) return fail('not_found')
      if (!canEditProcurement(viewer, access)) return fail('forbidden')
      const core = await resolveCore(trx, parsed.data)
      if (!core.ok) return core
      await trx
        .updateTable('procurement')
        .set({ ...coreColumns(parsed.data, core.value), updated_at: iso })
        .where('id', '=', procurementId)
        .execute()
      await replaceProductsAndSettings(trx, procurementId, parsed.data)
      await auditExperience(trx, {
        action: 'procurement.updated',
        actorUserId: viewer!.userId,
        target: { type: 'procurement', id: procurementId },
        at: iso,
      })
      return ok(null)
    })
}

/** The lead adds a municipality to a joint procurement. */
export async function addParticipant(
  viewer: Viewer | null,
  procurementId: number,
  input: AddParticipantInput,
): Promise<Result<null>> {
  const parsed = AddParticipantInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await loadProcurementAccess(trx, procurementId)
      if (!access) return fail('not_found')
      if (!canManageParticipants(viewer, access)) return fail('forbidden')
      const m = parsed.data.municipalityNumber
      if ((await existingMunicipalities(trx, [m])).size !== 1)
        return invalidField('municipalityNumber', 'validation.procurement.municipality')
      if (access.participants.some((p) => p.municipalityNumber === m)) return fail('already_participant')
      await trx
        .insertInto('procurement_participant')
        .values({
          procurement_id: procurementId,
          municipality_number: m,
          role: 'participant',
          users_count: parsed.data.usersCount,
          units_count: parsed.data.unitsCount,
          sites_count: parsed.data.sitesCount,
          go_live_date: parsed.data.goLiveDate,
          phase: parsed.data.phase,
          created_at: iso,
          updated_at: iso,
        })
        .execute()
      await trx.updateTable('procurement').set({ updated_at: iso }).where('id', '=', procurementId).execute()
      await auditExperience(trx, {
        action: 'procurement.participant_added',
        actorUserId: viewer!.userId,
        target: { type: 'procurement', id: procurementId },
        details: { municipalityNumber: m },
        at: iso,
      })
      return ok(null)
    })
}

/** The lead removes a municipality that joined by mistake; one with experience reports stays (they are its record). */
export async function removeParticipant(
  viewer: Viewer | null,
  procurementId: number,
  municipalityNumber: string,
): Promise<Result<null>> {
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await loadProcurementAccess(trx, procurementId)
      if (!access) return fail('not_found')
      if (!canManageParticipants(viewer, access)) return fail('forbidden')
      const participant = access.participants.find((p) => p.municipalityNumber === municipalityNumber)
      if (!participant) return fail('not_found')
      if (participant.role === 'lead') return fail('cannot_remove_lead')
      const report = await trx
        .selectFrom('experience_report')
        .select('id')
        .where('procurement_id', '=', procurementId)
        .where('municipality_number', '=', municipalityNumber)
        .limit(1)
        .executeTakeFirst()
      if (report) return fail('participant_has_reports')
      await trx
        .deleteFrom('procurement_participant')
        .where('procurement_id', '=', procurementId)
        .where('municipality_number', '=', municipalityNumber)
        .execute()
      await trx.updateTable('procurement').set({ updated_at: iso }).where('id', '=', procurementId).execute()
      await auditExperience(trx, {
        action: 'procurement.participant_removed',
        actorUserId: viewer!.userId,
        target: { type: 'procurement', id: procurementId },
        details: { municipalityNumber },
        at: iso,
      })
      return ok(null)
    })
}

/** A municipality's buyers edit their own deployment data (the lead's buyers their own row too). */
export async function updateParticipant(
  viewer: Viewer | null,
  procurementId: number,
  municipalityNumber: string,
  input: ParticipantInput,
): Promise<Result<null>> {
  const parsed = ParticipantInput.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { iso } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const access = await loadProcurementAccess(trx, procurementId)
      if (!access) return fail('not_found')
      const participant = access.participants.find((p) => p.municipalityNumber === municipalityNumber)
      if (!participant) return fail('not_found')
      if (!canEditParticipant(viewer, participant)) return fail('forbidden')
      await trx
        .updateTable('procurement_participant')
        .set({
          users_count: parsed.data.usersCount,
          units_count: parsed.data.unitsCount,
          sites_count: parsed.data.sitesCount,
          go_live_date: parsed.data.goLiveDate,
          phase: parsed.data.phase,
          internal_notes: parsed.data.internalNotes,
          updated_at: iso,
        })
        .where('procurement_id', '=', procurementId)
        .where('municipality_number', '=', municipalityNumber)
        .execute()
      await trx.updateTable('procurement').set({ updated_at: iso }).where('id', '=', procurementId).execute()
      await auditExperience(trx, {
        action: 'procurement.participant_updated',
        actorUserId: viewer!.userId,
        target: { type: 'procurement', id: procurementId },
        details: { municipalityNumber, phase: parsed.data.phase, from: participant.phase },
        at: iso,
      })
      return ok(null)
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

export type MunicipalityRef = {
  number: string
  name: string
  countyNumber: string
  countyName: string
  population: number
}

export type ParticipantView = {
  municipality: MunicipalityRef
  role: ParticipantRole
  usersCount: number | null
  unitsCount: number | null
  sitesCount: number | null
  goLiveDate: string | null
  phase: PhaseCode
  /** Only for the municipality's own buyers; null for everyone else. */
  internalNotes: string | null
  /** Only for the municipality's own buyers (follow-up is shown to its municipality). */
  followUp: FollowUpStatus | null
  /** Latest published report: for viewers who may read reports (null for the public). */
  lastReportDate: string | null
}

export type ProcurementProductView = {
  /** Register product id, or null for a product named in free text. */
  productId: number | null
  name: string
  supplierName: string | null
  /** Whether the product page is open to this viewer. */
  linkable: boolean
}

export type CommercialTerms = { contractValueNok: number | null; priceTerms: string | null }

export type ProcurementDetail = {
  id: number
  title: string
  need: string
  replacesPractice: string | null
  lead: MunicipalityRef
  supplier: { organisationId: number | null; name: string | null }
  procedure: ProcedureCode
  doffinReference: string | null
  doffinUrl: string | null
  contractStart: string | null
  contractEnd: string | null
  commercialTermsVisibility: CommercialTermsVisibility
  /** Null when this viewer may not see them (suppliers; visitors unless public). */
  commercialTerms: CommercialTerms | null
  careSettings: CareSettingCode[]
  openForJoining: boolean
  /** The lead municipality's internal notes: its own buyers only. */
  internalNotes: string | null
  products: ProcurementProductView[]
  participants: ParticipantView[]
  /** Who registered it: buyers and coordinators only. */
  createdBy: { name: string; email: string } | null
  createdAt: string
  updatedAt: string
  viewerCan: {
    edit: boolean
    manageParticipants: boolean
    /** Municipality numbers whose participant row this viewer may edit. */
    editParticipants: string[]
    writeExperience: boolean
  }
}

const municipalityRef = (r: {
  number: string
  name: string
  county_number: string
  county_name: string
  population: number
}): MunicipalityRef => ({
  number: r.number,
  name: r.name,
  countyNumber: r.county_number,
  countyName: r.county_name,
  population: r.population,
})

async function loadMunicipalities(db: DbOrTrx, numbers: readonly string[]) {
  const unique = [...new Set(numbers)]
  if (unique.length === 0) return new Map<string, MunicipalityRef>()
  const rows = await db
    .selectFrom('municipality as m')
    .innerJoin('county as c', 'c.number', 'm.county_number')
    .select(['m.number', 'm.name', 'm.county_number', 'c.name as county_name', 'm.population'])
    .where('m.number', 'in', unique)
    .execute()
  return new Map(rows.map((r) => [r.number, municipalityRef(r)]))
}

/** Latest published report date per (procurement, municipality). */
export async function loadLastReportDates(db: DbOrTrx, procurementIds: readonly number[]) {
  const map = new Map<string, string>()
  if (procurementIds.length === 0) return map
  const rows = await db
    .selectFrom('experience_report')
    .select(['procurement_id', 'municipality_number', (eb) => eb.fn.max('report_date').as('last')])
    .where('procurement_id', 'in', [...new Set(procurementIds)])
    .where('status', '=', 'published')
    .groupBy(['procurement_id', 'municipality_number'])
    .execute()
  for (const r of rows) if (r.last) map.set(`${r.procurement_id}:${r.municipality_number}`, r.last as string)
  return map
}

/** One procurement for this viewer: every viewer sees the public part; null when it does not exist. */
export async function getProcurement(viewer: Viewer | null, procurementId: number): Promise<ProcurementDetail | null> {
  if (!Number.isSafeInteger(procurementId)) return null
  const db = getDb()
  const { today } = clock()
  const row = await db
    .selectFrom('procurement as p')
    .leftJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
    .select([
      'p.id',
      'p.lead_municipality_number',
      'p.title',
      'p.need',
      'p.replaces_practice',
      'p.supplier_organisation_id',
      'p.supplier_name',
      'o.name as supplier_organisation_name',
      'p.procedure',
      'p.doffin_reference',
      'p.contract_start',
      'p.contract_end',
      'p.commercial_terms_visibility',
      'p.open_for_joining',
      'p.created_by',
      'p.created_at',
      'p.updated_at',
    ])
    .where('p.id', '=', procurementId)
    .executeTakeFirst()
  if (!row) return null

  const access = (await loadProcurementAccess(db, procurementId))!
  const audience = experienceAudience(viewer, access.supplierOrganisationIds)
  const seesTerms = canSeeCommercialTerms(viewer, row.commercial_terms_visibility)
  const seesNotes = canSeeInternalNotes(viewer, row.lead_municipality_number)
  const ownMunicipality = effectiveRole(viewer) === 'buyer' ? viewer!.municipalityNumber : null

  const [sensitive, creator, products, careSettings, participants, lastReports] = await Promise.all([
    // Commercial terms and notes are read only when this viewer may have them.
    seesTerms || seesNotes
      ? db
          .selectFrom('procurement')
          .select(['contract_value_nok', 'price_terms', 'internal_notes'])
          .where('id', '=', procurementId)
          .executeTakeFirstOrThrow()
      : Promise.resolve(null),
    canSeeAuthor(audience)
      ? db.selectFrom('user').select(['name', 'email']).where('id', '=', row.created_by).executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('procurement_product as pp')
      .leftJoin('product as pr', 'pr.id', 'pp.product_id')
      .leftJoin('organisation as so', 'so.id', 'pr.supplier_organisation_id')
      .select(['pp.id', 'pp.product_id', 'pp.product_name', 'pr.name as register_name', 'so.name as supplier_name'])
      .where('pp.procurement_id', '=', procurementId)
      .orderBy('pp.id')
      .execute(),
    db
      .selectFrom('procurement_care_setting')
      .select('code')
      .where('procurement_id', '=', procurementId)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('procurement_participant as pp')
      .select([
        'pp.municipality_number',
        'pp.role',
        'pp.users_count',
        'pp.units_count',
        'pp.sites_count',
        'pp.go_live_date',
        'pp.phase',
        'pp.created_at',
        // Only the municipality's own notes, and only for its own buyers.
        sql<string | null>`case when pp.municipality_number = ${ownMunicipality ?? ''} then pp.internal_notes end`.as(
          'internal_notes',
        ),
      ])
      .where('pp.procurement_id', '=', procurementId)
      .orderBy(sql`pp.role = 'lead'`, 'desc')
      .orderBy('pp.municipality_number')
      .execute(),
    loadLastReportDates(db, [procurementId]),
  ])
  const municipalities = await loadMunicipalities(
    db,
    participants.map((p) => p.municipality_number),
  )
  const productAccess = await loadProductAccess(
    db,
    products.flatMap((p) => (p.product_id ? [p.product_id] : [])),
    today,
  )

  return {
    id: row.id,
    title: row.title,
    need: row.need,
    replacesPractice: row.replaces_practice,
    lead: municipalities.get(row.lead_municipality_number)!,
    supplier: {
      organisationId: row.supplier_organisation_id,
      name: row.supplier_organisation_name ?? row.supplier_name,
    },
    procedure: row.procedure,
    doffinReference: row.doffin_reference,
    doffinUrl: row.doffin_reference ? doffinNoticeUrl(row.doffin_reference) : null,
    contractStart: row.contract_start,
    contractEnd: row.contract_end,
    commercialTermsVisibility: row.commercial_terms_visibility,
    commercialTerms:
      seesTerms && sensitive
        ? { contractValueNok: sensitive.contract_value_nok, priceTerms: sensitive.price_terms }
        : null,
    careSettings: careSettings.map((c) => c.code),
    openForJoining: row.open_for_joining === 1,
    internalNotes: seesNotes && sensitive ? sensitive.internal_notes : null,
    products: products.map((p) => {
      const access = p.product_id ? productAccess.get(p.product_id) : undefined
      return {
        productId: p.product_id,
        name: p.register_name ?? p.product_name ?? '',
        supplierName: p.supplier_name,
        linkable: !!access && canViewProduct(viewer, access),
      }
    }),
    participants: participants.map((p) => {
      const own = isBuyerOf(viewer, p.municipality_number)
      const lastReportDate = lastReports.get(`${procurementId}:${p.municipality_number}`) ?? null
      return {
        municipality: municipalities.get(p.municipality_number)!,
        role: p.role,
        usersCount: p.users_count,
        unitsCount: p.units_count,
        sitesCount: p.sites_count,
        goLiveDate: p.go_live_date,
        phase: p.phase,
        internalNotes: own ? p.internal_notes : null,
        followUp: own
          ? followUpStatus({
              phase: p.phase,
              goLiveDate: p.go_live_date,
              lastReportDate,
              joinedDate: p.created_at.slice(0, 10),
              today,
            })
          : null,
        lastReportDate: canReadExperienceText(audience) ? lastReportDate : null,
      }
    }),
    createdBy: creator ? { name: creator.name, email: creator.email } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    viewerCan: {
      edit: canEditProcurement(viewer, access),
      manageParticipants: canManageParticipants(viewer, access),
      editParticipants: access.participants
        .filter((p) => canEditParticipant(viewer, p))
        .map((p) => p.municipalityNumber),
      writeExperience: canWriteExperience(
        viewer,
        access.participants.map((p) => p.municipalityNumber),
      ),
    },
  }
}

/** The form's current values for the lead's buyers (internal notes and terms included); null for anyone else. */
export async function getProcurementForEdit(
  viewer: Viewer | null,
  procurementId: number,
): Promise<ProcurementData | null> {
  if (!Number.isSafeInteger(procurementId)) return null
  const db = getDb()
  const access = await loadProcurementAccess(db, procurementId)
  if (!access || !canEditProcurement(viewer, access)) return null
  const [p, products, care] = await Promise.all([
    db
      .selectFrom('procurement')
      .select([
        'title',
        'need',
        'replaces_practice',
        'supplier_organisation_id',
        'supplier_name',
        'procedure',
        'doffin_reference',
        'contract_value_nok',
        'price_terms',
        'contract_start',
        'contract_end',
        'commercial_terms_visibility',
        'open_for_joining',
        'internal_notes',
      ])
      .where('id', '=', procurementId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('procurement_product')
      .select(['product_id', 'product_name'])
      .where('procurement_id', '=', procurementId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('procurement_care_setting')
      .select('code')
      .where('procurement_id', '=', procurementId)
      .orderBy('code')
      .execute(),
  ])
  return {
    title: p.title,
    need: p.need,
    replacesPractice: p.replaces_practice,
    supplierOrganisationId: p.supplier_organisation_id,
    supplierName: p.supplier_name,
    procedure: p.procedure,
    doffinReference: p.doffin_reference,
    contractValueNok: p.contract_value_nok,
    priceTerms: p.price_terms,
    contractStart: p.contract_start,
    contractEnd: p.contract_end,
    commercialTermsVisibility: p.commercial_terms_visibility,
    careSettings: care.map((c) => c.code),
    openForJoining: p.open_for_joining === 1,
    internalNotes: p.internal_notes,
    productIds: products.flatMap((x) => (x.product_id ? [x.product_id] : [])),
    productNames: products.flatMap((x) => (x.product_name ? [x.product_name] : [])),
  }
}

export const ProcurementListFilter = z.object({
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  county: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  populationBand: z.enum(POPULATION_BAND_CODES).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  procedure: z.enum(PROCEDURES).optional().catch(undefined),
  productId: z.coerce.number().int().positive().optional().catch(undefined),
  ...pagingFields,
})
/** Raw query-string values are fine: anything unrecognised is ignored. */
export type ProcurementListFilter = { [K in keyof z.input<typeof ProcurementListFilter>]?: unknown }

export type ProcurementSummary = {
  id: number
  title: string
  lead: MunicipalityRef
  participantCount: number
  /** Phases of the participants, each once, in phase order. */
  phases: PhaseCode[]
  procedure: ProcedureCode
  supplierName: string | null
  products: Array<{ productId: number | null; name: string }>
  contractStart: string | null
  contractEnd: string | null
  /** Null when this viewer may not see it. */
  contractValueNok: number | null
  updatedAt: string
}

/**
 * Procurements, newest change first. Filters: a participating municipality, the county or population band of any
 * participant ("municipalities like mine"), a participant's phase, the procedure, a register product.
 */
export async function listProcurements(
  viewer: Viewer | null,
  rawFilter: ProcurementListFilter = {},
): Promise<Page<ProcurementSummary>> {
  const filter = ProcurementListFilter.parse(rawFilter)
  const { page, pageSize, offset } = pageParams(filter)
  const db = getDb()
  const band = filter.populationBand ? populationBandRange(filter.populationBand) : null
  const base = db
    .selectFrom('procurement as p')
    .$if(!!filter.procedure, (qb) => qb.where('p.procedure', '=', filter.procedure!))
    .$if(filter.productId !== undefined, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('procurement_product as x')
            .select('x.id')
            .whereRef('x.procurement_id', '=', 'p.id')
            .where('x.product_id', '=', filter.productId!),
        ),
      ),
    )
    .$if(!!(filter.municipality || filter.county || band || filter.phase), (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('procurement_participant as pa')
            .innerJoin('municipality as m', 'm.number', 'pa.municipality_number')
            .select('pa.id')
            .whereRef('pa.procurement_id', '=', 'p.id')
            .$if(!!filter.municipality, (q) => q.where('pa.municipality_number', '=', filter.municipality!))
            .$if(!!filter.county, (q) => q.where('m.county_number', '=', filter.county!))
            .$if(!!band, (q) => q.where('m.population', '>=', band!.min))
            .$if(!!band && band.max !== null, (q) => q.where('m.population', '<', band!.max!))
            .$if(!!filter.phase, (q) => q.where('pa.phase', '=', filter.phase!)),
        ),
      ),
    )
  const role = effectiveRole(viewer)
  const termsForAll = role === 'buyer' || role === 'coordinator' || role === 'admin'
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .leftJoin('organisation as o', 'o.id', 'p.supplier_organisation_id')
      .select([
        'p.id',
        'p.title',
        'p.lead_municipality_number',
        'p.procedure',
        'p.supplier_name',
        'o.name as supplier_organisation_name',
        'p.contract_start',
        'p.contract_end',
        'p.updated_at',
        // Per the policy: municipalities and coordinators always, suppliers never, everyone else when public.
        termsForAll
          ? sql<number | null>`p.contract_value_nok`.as('contract_value_nok')
          : role === 'supplier'
            ? sql<number | null>`null`.as('contract_value_nok')
            : sql<number | null>`case when p.commercial_terms_visibility = 'public' then p.contract_value_nok end`.as(
                'contract_value_nok',
              ),
      ])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ])
  const ids = rows.map((r) => r.id)
  const [participants, products] = await Promise.all([
    ids.length
      ? db
          .selectFrom('procurement_participant')
          .select(['procurement_id', 'municipality_number', 'phase'])
          .where('procurement_id', 'in', ids)
          .execute()
      : Promise.resolve([]),
    ids.length
      ? db
          .selectFrom('procurement_product as pp')
          .leftJoin('product as pr', 'pr.id', 'pp.product_id')
          .select(['pp.procurement_id', 'pp.product_id', 'pp.product_name', 'pr.name as register_name'])
          .where('pp.procurement_id', 'in', ids)
          .orderBy('pp.id')
          .execute()
      : Promise.resolve([]),
  ])
  const municipalities = await loadMunicipalities(
    db,
    rows.map((r) => r.lead_municipality_number),
  )
  const items = rows.map((r) => {
    const own = participants.filter((p) => p.procurement_id === r.id)
    return {
      id: r.id,
      title: r.title,
      lead: municipalities.get(r.lead_municipality_number)!,
      participantCount: own.length,
      phases: PHASES.filter((ph) => own.some((p) => p.phase === ph)),
      procedure: r.procedure,
      supplierName: r.supplier_organisation_name ?? r.supplier_name,
      products: products
        .filter((p) => p.procurement_id === r.id)
        .map((p) => ({ productId: p.product_id, name: p.register_name ?? p.product_name ?? '' })),
      contractStart: r.contract_start,
      contractEnd: r.contract_end,
      contractValueNok: r.contract_value_nok,
      updatedAt: r.updated_at,
    }
  })
  return toPage(items, n, page, pageSize)
}

/** Population band and county of the viewer's municipality: the default "municipalities like mine" filter. */
export async function likeMineFilter(
  viewer: Viewer | null,
): Promise<{ populationBand: PopulationBand; county: string } | null> {
  if (effectiveRole(viewer) !== 'buyer' || !viewer!.municipalityNumber) return null
  const m = await getDb()
    .selectFrom('municipality')
    .select(['population', 'county_number'])
    .where('number', '=', viewer!.municipalityNumber)
    .executeTakeFirst()
  if (!m) return null
  return { populationBand: populationBand(m.population), county: m.county_number }
}
