import { z } from 'zod'
import { isValidOrgNumber, normaliseOrgNumber } from './org-number'

// Shared field schemas; messages are i18n keys translated where the error is shown.
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.email')
  .pipe(z.email({ message: 'validation.email' }))
export const personNameField = z.string().trim().min(2, 'validation.name').max(100, 'validation.name')
export const orgNumberField = z
  .string()
  .transform(normaliseOrgNumber)
  .refine((v) => /^\d{9}$/.test(v), 'validation.orgNumber.format')
  .refine((v) => !/^\d{9}$/.test(v) || isValidOrgNumber(v), 'validation.orgNumber.checksum')
export const reasonField = z.string().trim().min(5, 'validation.reason').max(2000, 'validation.reason')
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1)

/** Query-string paging for list filters: anything out of range falls back to the default instead of failing. */
export const pagingFields = {
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
}
