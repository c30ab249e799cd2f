import { data } from 'react-router'
import type { z } from 'zod'
import type { MessageKey } from '~/i18n'

export type FormValues = Record<string, string>
/** Field name → message key, translated in the component. */
export type FieldErrors = Partial<Record<string, MessageKey>>

/** The form's text fields (files are read separately by the routes that take uploads). */
export async function readForm(request: Request): Promise<FormValues> {
  return formValues(await request.formData())
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message as MessageKey
  }
  return errors
}

// Typed input goes back to the form, except secrets.
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword', 'code'])

/** A 400 answer with field-level errors and the user's input (without passwords). */
export function invalid(errors: FieldErrors, values: FormValues = {}) {
  const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.has(k)))
  return data({ errors, values: kept }, { status: 400 })
}

/** An error about the whole form (not one field), with the status that fits it. */
export function formError(key: MessageKey, status: number, extra: { vars?: Record<string, string | number>; values?: FormValues } = {}) {
  const kept = Object.fromEntries(Object.entries(extra.values ?? {}).filter(([k]) => !SECRET_FIELDS.has(k)))
  return data({ errors: {} as FieldErrors, values: kept, formError: { key, vars: extra.vars } }, { status })
}

export function parseForm<S extends z.ZodType>(schema: S, values: FormValues):
  | { ok: true; data: z.infer<S> }
  | { ok: false; response: ReturnType<typeof invalid> } {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, response: invalid(fieldErrors(result.error), values) }
}

/**
 * Only paths on this site. Browsers drop tabs and newlines from URLs and treat `\` as `/`, so `/\t/evil.example`
 * would become `//evil.example`: refuse control characters and backslashes, then check the parsed origin.
 */
export function safeRedirect(to: unknown, fallback = '/') {
  if (typeof to !== 'string' || !to.startsWith('/') || /[\x00-\x20\\]/.test(to)) return fallback
  const base = 'http://erfaringsbanken.invalid'
  const url = new URL(to, base)
  if (url.origin !== base) return fallback
  return url.pathname + url.search + url.hash
}

/** readForm's text fields, from FormData a route has already read (forms that also carry files or repeated fields). */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {}
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in values)) values[key] = value
  return values
}

/**
 * Every value of repeated fields (checkbox groups, native multi-selects), which readForm and formValues reduce to the
 * first. Mantine's MultiSelect posts one hidden input with comma-separated values, so those are split too.
 */
export function formLists<K extends string>(form: FormData, names: readonly K[]): Record<K, string[]> {
  const lists = {} as Record<K, string[]>
  for (const name of names) {
    lists[name] = form
      .getAll(name)
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
  }
  return lists
}
