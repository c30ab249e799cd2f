import { data } from 'react-router'
import type { RegisterError } from '~/domain/approval-workflow'
import { registerErrorStatus } from '~/domain/approval-workflow'
import { canCreateProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import type { FieldErrors, FormValues } from '~/utils/forms.server'

// Shared by the supplier workspace's route modules (/leverandor/...): who may use it, ids from the URL, and how a
// refusal from the register models becomes an HTTP answer.

/**
 * The workspace is for verified members of verified supplier companies. A visitor is sent to sign in; everybody else
 * signed in (pending, buyers, coordinators and admins, who assess from /koordinator/vurdering) gets 403.
 */
export async function requireSupplier(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request)
  assertAllowed(canCreateProduct(viewer))
  return viewer
}

/** A numeric id from a form field, or null when the field is missing or malformed. */
export function formId(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null
}

/**
 * Refusals that are not about what the user typed: not found (also another supplier's resource, so its existence is
 * not revealed) and forbidden end the request; the caller handles the rest.
 */
export function throwIfNotFoundOrForbidden(result: RegisterError) {
  if (result.code === 'not_found' || result.code === 'forbidden')
    throw data(null, { status: registerErrorStatus(result.code) })
}

/** Field-level errors with a status other than 400 (409 duplicate, 413 too large, 415 not a PDF). */
export function fieldErrorsWithStatus(errors: FieldErrors, values: FormValues, status: number) {
  return data({ errors, values }, { status })
}

/** Text forms of the workspace: the longest (a dossier section of 50,000 characters) is far below this. */
export const MAX_TEXT_FORM_BYTES = 1024 * 1024

/**
 * The request's form data, read at most `maxBytes` into memory: a declared Content-Length above the limit is refused
 * before anything is read, and a body without one (chunked) is counted while it streams. A body that is not a form
 * (wrong content type, broken multipart) is a bad request, never a 500.
 */
export async function readBoundedFormData(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; form: FormData } | { ok: false; status: 400 | 413 }> {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return { ok: false, status: 413 }
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined)
        return { ok: false, status: 413 }
      }
      chunks.push(value)
    }
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    const contentType = request.headers.get('content-type') ?? ''
    const form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
    return { ok: true, form }
  } catch {
    return { ok: false, status: 400 }
  }
}

/** readBoundedFormData for the text forms: anything unreadable or oversized ends the request with its status. */
export async function readTextForm(request: Request): Promise<FormData> {
  const read = await readBoundedFormData(request, MAX_TEXT_FORM_BYTES)
  if (!read.ok) throw data(null, { status: read.status })
  return read.form
}
