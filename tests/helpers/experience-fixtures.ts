import type { CreateProcurementInput } from '../../app/models/procurements.server'
import type { ExperienceInput } from '../../app/models/experiences.server'
import { testDb } from './db'
import { categoryId, createSupplier, productInState, productInput, type Actor } from './register-fixtures'

// Procurements, reports and approved products for the experience tests, built through the real models.

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

export function procurementInput(
  overrides: Partial<Record<keyof CreateProcurementInput, unknown>> = {},
): CreateProcurementInput {
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
  } as CreateProcurementInput
}

export function experienceInput(overrides: Partial<Record<keyof ExperienceInput, unknown>> = {}): ExperienceInput {
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
  } as ExperienceInput
}

/** Renames a user (for canary author names). */
export async function renameUser(userId: number, name: string) {
  await testDb().updateTable('user').set({ name }).where('id', '=', userId).execute()
}

/** The JSON a route would send, for canary checks. */
export const serialised = (value: unknown) => JSON.stringify(value)
