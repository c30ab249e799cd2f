import { z } from 'zod'
import { addYears, isIsoDate, osloDate } from '~/domain/dates'
import { MAX_NOK, parseNok } from '~/domain/money'
import { isValidOrgNumber, normaliseOrgNumber } from './org-number'

// The one module of field schemas. Every form and query-string schema is built from these parts. They accept raw
// form values ("on", "", one string where a list is expected, "1 250 000" for kroner) as well as typed values, and
// every message is an i18n key (translated where the error is shown; forms.server.ts maps issues to fields).
// Text is NFC-normalised so that "å" typed on a Mac (a + combining ring) equals the "å" a search looks for, and
// every text part refuses control characters (below); dates lie in a plausible window.

const nfc = (s: string) => s.normalize('NFC')
const blankToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v
const asList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v])

/**
 * Characters no text of ours may hold: NUL and the other C0 controls except tab, line feed and carriage return
 * (multi-line text keeps its lines), DEL, and the invisible marks and overrides that reorder text (the "Trojan
 * Source" trick: a name or a file name that reads differently from what it is). They are refused, not removed, so
 * nothing is stored that the user did not see.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/
export const hasControlCharacters = (s: string) => CONTROL_CHARACTERS.test(s)
const CONTROL_MESSAGE = 'validation.controlCharacters'

/** A string without control characters: the start of every text part (the message names what to fix). */
export const plainString = (message = 'validation.required') =>
  z.string({ error: message }).refine((s) => !hasControlCharacters(s), CONTROL_MESSAGE)

/** Trimmed, NFC, 1..max characters. */
export const requiredText = (max: number, message = 'validation.required', tooLong = 'validation.tooLong') =>
  plainString(message).trim().min(1, message).max(max, tooLong).transform(nfc)

/** Trimmed, NFC, at most max characters; blank is null. */
export const optionalText = (max: number, tooLong = 'validation.tooLong') =>
  z.preprocess(blankToNull, plainString(tooLong).trim().max(max, tooLong).transform(nfc).nullable())

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

/** The dates anyone could mean: a year typed as 1800 or 2999 is a typo, and would be published as it stands. */
export const DATE_WINDOW = { min: '1990-01-01', max: '2100-12-31' } as const

type DateRange = {
  /** Earliest allowed date (default DATE_WINDOW.min; a range never reaches outside the window). */
  min?: string
  /** Latest allowed date, or a function giving it when the form is read (e.g. "five years from today"). */
  max?: string | (() => string)
  /** The message for a date outside the range (default: the window's own message). */
  message?: string
}

/** An ISO date (YYYY-MM-DD) within the window (or a narrower range), or null when blank. */
export const dateField = (message = 'validation.date', range: DateRange = {}) =>
  z.preprocess(
    blankToNull,
    z
      .string({ error: message })
      .trim()
      .refine(isIsoDate, { message, abort: true })
      .refine(
        (d) => d >= (range.min ?? DATE_WINDOW.min) && d >= DATE_WINDOW.min,
        range.message ?? 'validation.dateRange',
      )
      .refine((d) => {
        const max = typeof range.max === 'function' ? range.max() : (range.max ?? DATE_WINDOW.max)
        return d <= max && d <= DATE_WINDOW.max
      }, range.message ?? 'validation.dateRange')
      .nullable(),
  )

/** The date `years` ahead of today in Norway, for a `dateField` range read when the form is submitted. */
export const yearsFromToday = (years: number) => () => addYears(osloDate(new Date()), years)

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
    plainString(message)
      .max(max, message)
      .pipe(z.url({ protocol: /^https?$/, error: message }))
      .nullable(),
  )

export const emailField = plainString('validation.required')
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.email')
  .pipe(z.email({ message: 'validation.email' }))

/**
 * A new password and its repetition (sign-up, reset, account): only bounded here; its rules (length, common passwords,
 * the e-mail address) and the match are newPasswordErrors (app/utils/password-rules.server.ts), which needs the
 * address.
 */
export const newPasswordField = z.string().max(1000, 'validation.tooLong')
export const confirmPasswordField = z.string().max(1000, 'validation.tooLong')

export const personNameField = plainString('validation.name')
  .trim()
  .min(2, 'validation.name')
  .max(100, 'validation.name')

/** A Norwegian organisation number: nine digits (spaces allowed) passing the modulus-11 check. */
export const orgNumberField = z
  .string({ error: 'validation.orgNumber.format' })
  .transform(normaliseOrgNumber)
  .refine((v) => /^\d{9}$/.test(v), 'validation.orgNumber.format')
  .refine((v) => !/^\d{9}$/.test(v) || isValidOrgNumber(v), 'validation.orgNumber.checksum')

export const reasonField = plainString('validation.reason')
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

/**
 * A decimal number written the Norwegian way ("0,5", "1 104", "-12.5", "−12,5"), or null when blank; at most `max` in absolute
 * value, and not below `min` when given (a measured value may be negative; a length of time may not).
 */
export const decimalField = (
  message = 'validation.number',
  { min, max = 1_000_000_000 }: { min?: number; max?: number } = {},
) =>
  z.preprocess(
    (v) => {
      const b = blankToNull(v)
      if (typeof b !== 'string') return b
      // Norwegian formatting (Intl, Excel) writes the minus as U+2212.
      const s = b
        .replace(/[\s\u00a0]/g, '')
        .replace(/^\u2212/, '-')
        .replace(',', '.')
      return /^-?\d{1,12}(\.\d{1,6})?$/.test(s) ? Number(s) : Number.NaN
    },
    z
      .number({ error: message })
      .refine((n) => Number.isFinite(n) && Math.abs(n) <= max && (min === undefined || n >= min), message)
      .nullable(),
  )
