import { z } from 'zod'
import {
  BENEFICIARIES,
  BENEFIT_CATEGORIES,
  BENEFIT_INDICATORS,
  MEASUREMENT_METHODS,
  MEASUREMENT_STATUSES,
  needsHoursPerUnit,
  REPORTERS,
  UNCERTAINTIES,
  type BenefitArea,
} from '~/domain/benefits'
import { countField, dateField, decimalField, enumField, idField, optionalIdField, optionalText } from '~/utils/fields'
import type { FormValues } from '~/utils/form-result'

// The benefit forms (docs/domain.md, "Benefit realisation"): a planned benefit, its baseline, and measurements over
// time. The routes parse with these schemas; app/models/benefits.server.ts takes their output and checks what needs
// the database (the product belongs to the procurement, a realised result has a baseline, NOK has a price year).

export const AREA_CODES = ['1', '2', '3', '4', '5', '6'] as const

/** A value measured in the indicator's unit: may be negative (a change), never absurd. */
const valueField = (message: string) => decimalField(message, { max: 1_000_000_000 })

/** The price year of a NOK figure: a year from 1990 to 2100, or blank. */
const priceYearField = countField('validation.benefit.priceYear').refine(
  (y) => y === null || (y >= 1990 && y <= 2100),
  'validation.benefit.priceYear',
)

const requiredDate = (message = 'validation.date') =>
  dateField(message).pipe(z.string({ error: 'validation.required' }))

export const BenefitInput = z
  .object({
    category: enumField(BENEFIT_CATEGORIES, 'validation.benefit.category'),
    area: enumField(AREA_CODES, 'validation.benefit.area').transform((a) => Number(a) as BenefitArea),
    beneficiary: enumField(BENEFICIARIES, 'validation.benefit.beneficiary'),
    indicator: enumField(BENEFIT_INDICATORS, 'validation.benefit.indicator'),
    customIndicator: optionalText(120),
    customUnit: optionalText(40),
    hoursPerUnit: decimalField('validation.benefit.hoursPerUnit', { min: 0, max: 1000 }),
    concernsCount: countField(),
    productId: optionalIdField('validation.benefit.product'),
    description: optionalText(2000),
  })
  .refine((b) => b.indicator !== 'custom' || b.customIndicator !== null, {
    path: ['customIndicator'],
    message: 'validation.benefit.customIndicator',
  })
  .refine((b) => b.indicator !== 'custom' || b.customUnit !== null, {
    path: ['customUnit'],
    message: 'validation.benefit.customUnit',
  })
  .refine((b) => !needsHoursPerUnit(b.indicator) || (b.hoursPerUnit !== null && b.hoursPerUnit > 0), {
    path: ['hoursPerUnit'],
    message: 'validation.benefit.hoursPerUnit',
  })
  // What the chosen indicator does not use is not part of the benefit.
  .transform((b) => ({
    ...b,
    customIndicator: b.indicator === 'custom' ? b.customIndicator : null,
    customUnit: b.indicator === 'custom' ? b.customUnit : null,
    hoursPerUnit: needsHoursPerUnit(b.indicator) ? b.hoursPerUnit : null,
  }))
export type BenefitData = z.output<typeof BenefitInput>

export const BaselineInput = z
  .object({
    baselineValue: valueField('validation.benefit.value').pipe(z.number({ error: 'validation.benefit.value' })),
    baselinePeriodStart: requiredDate(),
    baselinePeriodEnd: requiredDate(),
    baselineMethod: enumField(MEASUREMENT_METHODS, 'validation.benefit.method'),
    baselineQualityNote: optionalText(2000),
  })
  .refine((b) => b.baselinePeriodEnd >= b.baselinePeriodStart, {
    path: ['baselinePeriodEnd'],
    message: 'validation.benefit.period',
  })
export type BaselineData = z.output<typeof BaselineInput>

export const MeasurementInput = z
  .object({
    value: valueField('validation.benefit.value').pipe(z.number({ error: 'validation.benefit.value' })),
    periodStart: requiredDate(),
    periodEnd: requiredDate(),
    method: enumField(MEASUREMENT_METHODS, 'validation.benefit.method'),
    status: enumField(MEASUREMENT_STATUSES, 'validation.benefit.status'),
    uncertainty: enumField(UNCERTAINTIES, 'validation.benefit.uncertainty'),
    reportedBy: enumField(REPORTERS, 'validation.benefit.reportedBy'),
    priceYear: priceYearField,
    note: optionalText(2000),
  })
  .refine((m) => m.periodEnd >= m.periodStart, { path: ['periodEnd'], message: 'validation.benefit.period' })
export type MeasurementData = z.output<typeof MeasurementInput>

export const MeasurementRef = z.object({ measurementId: idField() })
export type MeasurementRefData = z.output<typeof MeasurementRef>

/** A saved benefit as form values (for editing). */
export function benefitFormValues(b: {
  category: string
  area: number
  beneficiary: string
  indicator: string
  customIndicator: string | null
  customUnit: string | null
  hoursPerUnit: number | null
  concernsCount: number | null
  productId: number | null
  description: string | null
}): FormValues {
  return {
    category: b.category,
    area: String(b.area),
    beneficiary: b.beneficiary,
    indicator: b.indicator,
    customIndicator: b.customIndicator ?? '',
    customUnit: b.customUnit ?? '',
    hoursPerUnit: b.hoursPerUnit === null ? '' : String(b.hoursPerUnit).replace('.', ','),
    concernsCount: b.concernsCount === null ? '' : String(b.concernsCount),
    productId: b.productId === null ? '' : String(b.productId),
    description: b.description ?? '',
  }
}

/** A saved baseline as form values; blank when there is none yet. */
export function baselineFormValues(
  b: {
    value: number
    periodStart: string
    periodEnd: string
    method: string
    qualityNote: string | null
  } | null,
): FormValues {
  if (!b) return {}
  return {
    baselineValue: String(b.value).replace('.', ','),
    baselinePeriodStart: b.periodStart,
    baselinePeriodEnd: b.periodEnd,
    baselineMethod: b.method,
    baselineQualityNote: b.qualityNote ?? '',
  }
}
