import { canCreateProduct } from '~/policy/register'
import type { SupplierViewer } from '~/policy/viewer'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { ok, refuse, type Result } from '~/utils/refusal'
import { valueOrThrow } from '~/utils/refusal.server'

// Shared by the supplier workspace's route modules (/leverandor/...): who may use it, and reading its forms with a
// bounded body.

/**
 * The workspace is for verified members of verified supplier companies. A visitor is sent to sign in; everybody else
 * signed in (pending, buyers, coordinators and admins, who assess from /koordinator/vurdering) gets 403.
 */
export async function requireSupplier(request: Request): Promise<SupplierViewer> {
  const viewer = await requireViewer(request)
  if (canCreateProduct(viewer)) return viewer
  assertAllowed(false)
}

/** Text forms of the workspace: the longest (a dossier section of 50,000 characters) is far below this. */
export const MAX_TEXT_FORM_BYTES = 1024 * 1024

/**
 * The request's form data, read at most `maxBytes` into memory: a declared Content-Length above the limit is refused
 * before anything is read, and a body without one (chunked) is counted while it streams. A body that is not a form
 * (wrong content type, broken multipart) is invalid input, never a 500.
 */
export async function readBoundedFormData(request: Request, maxBytes: number): Promise<Result<FormData>> {
  const tooLarge = () => refuse('file_too_large', { detail: `request body over ${maxBytes} bytes` })
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) return tooLarge()
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
        return tooLarge()
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
    return ok(await new Response(body, { headers: { 'Content-Type': contentType } }).formData())
  } catch {
    return refuse('invalid_input', { detail: 'unreadable form body' })
  }
}

/** readBoundedFormData for the text forms: anything unreadable or oversized ends the request with its status. */
export async function readTextForm(request: Request): Promise<FormData> {
  return valueOrThrow(await readBoundedFormData(request, MAX_TEXT_FORM_BYTES))
}
