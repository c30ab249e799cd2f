import type { z } from 'zod'
import { ExperienceInput, type ExperienceData } from '../../app/forms/experience'
import {
  AddParticipantInput,
  CreateProcurementInput,
  ParticipantInput,
  type AddParticipantData,
  type CreateProcurementData,
  type ParticipantData,
} from '../../app/forms/procurement'
import {
  getExperienceAccess,
  getProcurementAccess,
  type ExperienceAccess,
  type ProcurementAccess,
} from '../../app/models/procurement-access.server'
import { acceptInvitation } from '../../app/models/procurement-participants.server'
import type { Viewer } from '../../app/policy/viewer'
import { parseSubmission } from '../../app/utils/forms.server'
import { testDb } from './db'
import { categoryId, createBuyer, createSupplier, productInState, productInput, type Actor } from './register-fixtures'

// Procurements, reports and approved products for the experience tests, built through the real models. The form
// fixtures are what a browser posts; the input fixtures are those parsed with the routes' schemas, as the models take
// them.

export function must<T>(
  result: { ok: true; value: T } | { ok: false; code: string; detail?: string; fieldErrors?: unknown },
): T {
  if (!result.ok)
    throw new Error(
      `fixture step refused: ${result.code} ${result.detail ?? ''} ${JSON.stringify(result.fieldErrors ?? {})}`,
    )
  return result.value
}

/** A supplier company with an approved product (its approval is current). */
export async function supplierWithProduct(companyName: string, productName: string, coordinator: Actor) {
  const supplier = await createSupplier(companyName)
  const { productId } = await productInState(
    supplier,
    coordinator,
    productInput({ name: productName, categoryId: await categoryId('digitalt-tilsyn') }),
    'approved',
  )
  return { supplier, productId }
}

type Fields = Record<string, unknown>

/** The new-procurement form as posted (lists as arrays). */
export function procurementFields(overrides: Fields = {}): Fields {
  return {
    title: 'Digitalt tilsyn i hjemmetjenesten',
    need: 'Nattlige tilsynsrunder forstyrrer søvnen og tar mye tid.',
    replacesPractice: 'Fysiske tilsyn hver natt.',
    procedure: 'competition_with_negotiation',
    doffinReference: '2024-105432',
    contractValueNok: '1 250 000',
    priceTerms: '',
    contractStart: '2025-01-01',
    contractEnd: '2028-12-31',
    commercialTermsVisibility: 'municipalities',
    careSettings: ['home_care'],
    openForJoining: '',
    internalNotes: '',
    productIds: [],
    productNames: '',
    phase: 'pilot',
    usersCount: '40',
    unitsCount: '',
    sitesCount: '2',
    goLiveDate: '',
    participantMunicipalities: [],
    ...overrides,
  }
}

/** The new-procurement form parsed, as createProcurement takes it. */
export const procurementInput = (overrides: Fields = {}): CreateProcurementData =>
  CreateProcurementInput.parse(procurementFields(overrides))

/** The experience form as posted. */
export function experienceFields(overrides: Fields = {}): Fields {
  return {
    reportDate: '2025-06-01',
    ratingOverall: '4',
    ratingSupplierCooperation: '5',
    ratingDeliveryAsAgreed: '4',
    ratingProductQuality: '3',
    ratingIntegration: '',
    ratingTrainingSupport: '4',
    ratingStaffSatisfaction: '4',
    ratingResidentSatisfaction: '5',
    ratingValueForMoney: '3',
    recommendation: 'yes',
    workedWell: 'Færre unødige tilsyn om natten.',
    wasHard: 'Opplæring av vikarer.',
    advice: 'Sett av tid til opplæring.',
    ended: '',
    endingReason: '',
    endingDetails: '',
    switchingCostNok: '',
    dataExported: '',
    publish: 'on',
    ...overrides,
  }
}

/** The experience form parsed, as createExperience and updateExperienceDraft take it. */
export const experienceInput = (overrides: Fields = {}): ExperienceData =>
  ExperienceInput.parse(experienceFields(overrides))

/** What a route loads once and passes to the procurement models. */
export const procurementAccess = async (procurementId: number): Promise<ProcurementAccess> =>
  must(await getProcurementAccess(procurementId))

/** A report as this viewer may reach it (the test fails when it may not). */
export const experienceAccess = async (viewer: Viewer | null, experienceId: number): Promise<ExperienceAccess> =>
  must(await getExperienceAccess(viewer, experienceId))

/** Renames a user (for canary author names). */
export async function renameUser(userId: number, name: string) {
  await testDb().updateTable('user').set({ name }).where('id', '=', userId).execute()
}

/** The JSON a route would send, for canary checks. */
export const serialised = (value: unknown) => JSON.stringify(value)

/** A form posted to a route and parsed as the route parses it (lists as repeated fields). */
export function submit<S extends z.ZodType>(schema: S, fields: Fields, lists: readonly string[] = []) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, String(v ?? ''))
  }
  return parseSubmission(form, schema, { lists })
}

/** A participation's deployment form parsed. */
export const participantInput = (fields: Fields): ParticipantData => ParticipantInput.parse(fields)
export const addParticipantInput = (fields: Fields): AddParticipantData => AddParticipantInput.parse(fields)

/**
 * Every municipality invited to the procurement accepts, each through the model by a verified buyer of its own:
 * what a joint procurement with these municipalities meant before participation needed consent (they take part,
 * are listed and write reports). Answers the procurement as a route would load it afterwards.
 */
export async function acceptInvitations(procurementId: number): Promise<ProcurementAccess> {
  const access = await procurementAccess(procurementId)
  for (const p of access.participants.filter((x) => x.status === 'invited')) {
    const { viewer } = await createBuyer(p.municipalityNumber)
    must(await acceptInvitation(viewer, access))
  }
  return procurementAccess(procurementId)
}
