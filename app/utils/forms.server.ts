import { data } from 'react-router'
import type { z } from 'zod'
import { messagesFor, type MessageKey } from '~/i18n'
import type { FormResult, FormValues } from './form-result'
import { invalidFields, ok, refuse, type FieldErrors, type Refusal, type Result } from './refusal'

// The one form pipeline (docs/decisions/007-form-pipeline.md). An action reads its FormData with `readSubmission`
// (a Zod schema from app/utils/fields.ts parts, whose messages are i18n keys), or with `readFormData` and then
// `parseSubmission` when it looks at the intent first; hands the typed data to a model, and answers any refusal, its
// own or the model's, with `answerRefusal` (refusal.server.ts): field errors and the typed values go back to the
// form, which reads them with `useFormState(actionData)`. Nothing else reads a request body.

export type { FieldErrors } from './refusal'
export type { FormError, FormResult, FormValues } from './form-result'

// Typed input goes back to the form, except secrets.
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword', 'code', 'stepUpSecret'])

/** The form's answer with a status (400 unless the refusal says otherwise); secrets are never echoed. */
export function formAnswer<R extends FormResult>(result: R, status = 400) {
  const values = Object.fromEntries(Object.entries(result.values).filter(([k]) => !SECRET_FIELDS.has(k)))
  return data<R>({ ...result, values }, { status })
}

export type Submission<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; refusal: Refusal; values: FormValues }

type SubmissionOptions = {
  /** Fields that carry several values (checkbox groups, multi-selects): parsed as string arrays. */
  lists?: readonly string[]
}

/**
 * Parses a submitted form with a schema. Lists are handed to the schema as arrays and kept comma-joined in `values`
 * (their codes and ids never contain a comma), so the form can select the same entries again.
 */
export function parseSubmission<S extends z.ZodType>(
  form: FormData,
  schema: S,
  options: SubmissionOptions = {},
): Submission<z.output<S>> {
  const text = formValues(form)
  const lists = formLists(form, options.lists ?? [])
  const values: FormValues = { ...text }
  for (const [name, list] of Object.entries(lists)) values[name] = list.join(',')
  const parsed = schema.safeParse({ ...text, ...lists })
  if (parsed.success) return { ok: true, data: parsed.data, values }
  return { ok: false, refusal: invalidFields(fieldErrors(parsed.error)), values }
}

/** `parseSubmission` on the request's form data; a body that is not a readable form is refused (`readFormData`). */
export async function readSubmission<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: SubmissionOptions = {},
): Promise<Submission<z.output<S>>> {
  const form = await readFormData(request)
  if (!form.ok) return { ok: false, refusal: form, values: {} }
  return parseSubmission(form.value, schema, options)
}

/** What browsers send for `<form method="post">`, with or without files. */
const FORM_MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/**
 * Every form but a dossier upload is far below this: the longest text, a dossier section, has 50,000 characters.
 * (server.ts refuses a larger declared body before the app runs; this holds for the app on its own as well.)
 */
export const MAX_FORM_BYTES = 1024 * 1024

/**
 * The one way an action reads its request body. A body that is not a form (JSON, XML, plain text) is refused as
 * `unsupported_media_type` (415) before it is read; a form that cannot be parsed (broken multipart) as
 * `unreadable_form` (400); an empty body without a type is an empty form. At most `maxBytes` are read into memory:
 * a declared Content-Length above it is refused before reading, and a body without one is counted as it streams
 * (`request_too_large`, 413). Never a 500, whatever is posted.
 */
export async function readFormData(
  request: Request,
  { maxBytes = MAX_FORM_BYTES }: { maxBytes?: number } = {},
): Promise<Result<FormData>> {
  const contentType = request.headers.get('content-type') ?? ''
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  const notAForm = () => refuse('unsupported_media_type', { detail: `request body of type ${contentType}` })
  // The body is left unread rather than cancelled: over HTTP, cancelling the request stream destroys the socket and
  // the client gets no answer at all. Node discards what is left once the response is sent.
  if (mediaType !== '' && !FORM_MEDIA_TYPES.has(mediaType)) return notAForm()
  const tooLarge = () => refuse('request_too_large', { detail: `request body over ${maxBytes} bytes` })
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return tooLarge()
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        size += value.byteLength
        if (size > maxBytes) {
          reader.releaseLock()
          return tooLarge()
        }
        chunks.push(value)
      }
    } catch {
      return refuse('unreadable_form', { detail: 'request body could not be read' })
    }
  }
  if (mediaType === '') return size === 0 ? ok(new FormData()) : notAForm()
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return ok(await new Response(body, { headers: { 'Content-Type': contentType } }).formData())
  } catch {
    return refuse('unreadable_form', { detail: 'unreadable form body' })
  }
}

const known = messagesFor('nb')

/** Zod issues → field → message key (the first issue per field). A message that is not a key is a schema bug: the
 * user still gets a generic "invalid" on the right field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form'
    errors[field] ??= issue.message in known ? (issue.message as MessageKey) : 'validation.invalid'
  }
  return errors
}

/** Text fields of FormData (the first value of each); files are read by the routes that take uploads. */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {}
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in values)) values[key] = value
  return values
}

/**
 * Every value of repeated fields (checkbox groups, native multi-selects). Mantine's MultiSelect posts one hidden
 * input with comma-separated values, so those are split too.
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
