import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { MAX_NOK, parseNok } from '~/domain/money'
import { isValidOrgNumber, normaliseOrgNumber } from './org-number'

// The one module of field schemas. Every form and query-string schema is built from these parts. They accept raw
// form values ("on", "", one string where a list is expected, "1 250 000" for kroner) as well as typed values, and
// every message is an i18n key (translated where the error is shown; forms.server.ts maps issues to fields).
// Text is NFC-normalised so that "å" typed on a Mac (a + combining ring) equals the "å" a search looks for.

const nfc = (s: string) => s.normalize('NFC')
const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v
const asList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v])

/** Trimmed, NFC, 1..max characters. */
export const requiredText = (max: number, message = 'validation.required', tooLong = 'validation.tooLong') =>
  z.string({ error: message }).trim().min(1, message).max(max, tooLong).transform(nfc)

/** Trimmed, NFC, at most max characters; blank is null. */
export const optionalText = (max: number, tooLong = 'validation.tooLong') =>
  z.preprocess(blankToNull, z.string({ error: tooLong }).trim().max(max, tooLong).transform(nfc).nullable())

/** A checkbox: ticked ("on", "1", "true", "yes") or not (absent, empty, "0", "false", "no"). */
export const booleanField = (message = 'validation.required') =>
  z.preprocess(
    (v) => {
      if (v === true || v === 1 || v === 'on' || v === '1' || v === 'true' || v === 'yes') return true
      if (
        v === false ||
        v === 0 ||
        v === undefined ||
        v === null ||
        v === '' ||
        v === '0' ||
        v === 'false' ||
        v === 'no'
      )
        return false
      return v
    },
    z.boolean({ error: message }),
  )

/** An ISO date (YYYY-MM-DD), or null when blank. */
export const dateField = (message = 'validation.date') =>
  z.preprocess(blankToNull, z.string({ error: message }).trim().refine(isIsoDate, message).nullable())

/** Whole kroner, written the Norwegian way ("1 250 000", "1.250.000", "1250000 kr"), or null when blank. */
export const nokField = (message: string) =>
  z.preprocess(
    (v) => {
      const b = blankToNull(v)
      if (typeof b === 'string') return parseNok(b) ?? Number.NaN
      return b
    },
    z.number({ error: message }).int(message).min(0, message).max(MAX_NOK, message).nullable(),
  )

/** A whole count (users, units, sites), or null when blank. */
export const countField = (message = 'validation.count') =>
  z.preprocess(
    (v) => {
      const b = blankToNull(v)
      if (typeof b === 'string') return /^\s*\d{1,9}\s*$/.test(b) ? Number(b.trim()) : Number.NaN
      return b
    },
    z.number({ error: message }).int(message).min(0, message).max(10_000_000, message).nullable(),
  )

/** A positive database id from a form field or a query parameter. */
export const idField = (message = 'validation.invalid') =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (/^\s*\d{1,15}\s*$/.test(v) ? Number(v.trim()) : Number.NaN) : v),
    z.number({ error: message }).int(message).positive(message),
  )

/** Several ids (a multi-select), without duplicates. */
export const idListField = (message = 'validation.invalid') =>
  z.preprocess(asList, z.array(idField(message), { error: message })).transform((ids) => [...new Set(ids)])

/** One code of a fixed list. */
export const enumField = <T extends readonly [string, ...string[]]>(codes: T, message = 'validation.invalid') =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(codes, { error: message }))

/** One code of a fixed list, or null when blank. */
export const optionalEnumField = <T extends readonly [string, ...string[]]>(codes: T, message = 'validation.invalid') =>
  z.preprocess(blankToNull, z.enum(codes, { error: message }).nullable())

/** Several codes of a fixed list (a checkbox group), sorted and without duplicates. */
export const codeListField = <T extends readonly [string, ...string[]]>(codes: T, message = 'validation.invalid') =>
  z
    .preprocess(asList, z.array(z.enum(codes, { error: message }), { error: message }))
    .transform((list) => [...new Set(list)].sort() as Array<T[number]>)

/** An http(s) address (rendered as a link: never javascript: or data:), or null when blank. */
export const urlField = (max: number, message = 'validation.invalid') =>
  z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https?$/, error: message })
      .max(max, message)
      .nullable(),
  )

export const emailField = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.email')
  .pipe(z.email({ message: 'validation.email' }))

export const personNameField = z
  .string({ error: 'validation.name' })
  .trim()
  .min(2, 'validation.name')
  .max(100, 'validation.name')

/** A Norwegian organisation number: nine digits (spaces allowed) passing the modulus-11 check. */
export const orgNumberField = z
  .string({ error: 'validation.orgNumber.format' })
  .transform(normaliseOrgNumber)
  .refine((v) => /^\d{9}$/.test(v), 'validation.orgNumber.format')
  .refine((v) => !/^\d{9}$/.test(v) || isValidOrgNumber(v), 'validation.orgNumber.checksum')

export const reasonField = z
  .string({ error: 'validation.reason' })
  .trim()
  .min(5, 'validation.reason')
  .max(2000, 'validation.reason')

/** `?side=` of a paged page: anything out of range is page 1, never an error. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1)

/** Query-string paging for list filters: anything out of range falls back to the default instead of failing. */
export const pagingFields = {
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
}

/** A positive database id from a select whose blank option means "none": null when blank. */
export const optionalIdField = (message = 'validation.invalid') =>
  z.preprocess(blankToNull, idField(message).nullable())
