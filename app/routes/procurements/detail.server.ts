import type { ProcurementData } from '~/models/procurements.server'
import type { FormValues } from '~/utils/forms.server'

/** The saved core fields as form values (lists comma-joined, flags as "on"). */
export function procurementFormDefaults(data: ProcurementData): FormValues {
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
