import type { FormValues } from '~/utils/form-result'
import type { ProcurementData } from './procurement'

// Saved procurement data as form values, apart from the Zod schemas (./procurement.ts, server side only): the
// procurement page fills each participation's form with these in the browser too, without loading Zod (issue 14).

/** The saved core fields as form values (lists comma-joined, as the form posts them back; flags as "on"). */
export function procurementFormValues(data: ProcurementData): FormValues {
  return {
    title: data.title,
    need: data.need,
    replacesPractice: data.replacesPractice ?? '',
    supplierOrganisationId: data.supplierOrganisationId === null ? '' : String(data.supplierOrganisationId),
    supplierName: data.supplierName ?? '',
    procedure: data.procedure,
    doffinReference: data.doffinReference ?? '',
    contractValueNok: data.contractValueNok === null ? '' : String(data.contractValueNok),
    priceTerms: data.priceTerms ?? '',
    contractStart: data.contractStart ?? '',
    contractEnd: data.contractEnd ?? '',
    commercialTermsVisibility: data.commercialTermsVisibility,
    careSettings: data.careSettings.join(','),
    openForJoining: data.openForJoining ? 'on' : '',
    internalNotes: data.internalNotes ?? '',
    productIds: data.productIds.join(','),
    productNames: data.productNames.join('\n'),
  }
}

/** A participation's saved deployment data as form values. */
export function participantFormValues(p: {
  usersCount: number | null
  unitsCount: number | null
  sitesCount: number | null
  goLiveDate: string | null
  phase: string
  internalNotes: string | null
}): FormValues {
  const count = (n: number | null) => (n === null ? '' : String(n))
  return {
    usersCount: count(p.usersCount),
    unitsCount: count(p.unitsCount),
    sitesCount: count(p.sitesCount),
    goLiveDate: p.goLiveDate ?? '',
    phase: p.phase,
    internalNotes: p.internalNotes ?? '',
  }
}
