import { CONTROL_CHARACTERS } from '~/utils/fields'
import { ok, refuse, refusalMessage, type RefusalCode, type Result } from '~/utils/refusal'

// Content sniffing for uploaded documents. The file name and the browser's declared type are whatever the uploader
// says; only the bytes tell what a file is. A dossier accepts PDFs, and a PDF starts with "%PDF-" (ISO 32000-1,
// 7.5.2). Readers tolerate junk before the header, which is exactly how HTML/PDF polyglots are built, so we do not.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-

/** True when the bytes begin with the PDF header "%PDF-" followed by a version digit. */
export function isPdf(bytes: Uint8Array): boolean {
  if (bytes.length < PDF_MAGIC.length + 1) return false
  for (let i = 0; i < PDF_MAGIC.length; i++) if (bytes[i] !== PDF_MAGIC[i]) return false
  const major = bytes[PDF_MAGIC.length] ?? 0
  return major >= 0x31 && major <= 0x39 // "1".."9": PDF 1.x and 2.0
}

/** A refusal of the upload: its message goes on the form's file field, the form itself says to look there. */
export const uploadRefusal = (code: Extract<RefusalCode, 'empty_file' | 'file_too_large' | 'not_pdf'>) =>
  refuse(code, { message: 'common.formHasErrors', fields: ['file'], fieldErrors: { file: refusalMessage({ code }) } })

/** Checks an upload before anything is written: not empty, at most 10 MB, really a PDF. */
export function checkPdfUpload(bytes: Uint8Array, maxBytes = MAX_ATTACHMENT_BYTES): Result<null> {
  if (bytes.length === 0) return uploadRefusal('empty_file')
  if (bytes.length > maxBytes) return uploadRefusal('file_too_large')
  if (!isPdf(bytes)) return uploadRefusal('not_pdf')
  return ok(null)
}

/**
 * The name shown and offered on download: the last path segment, without control characters (those every text field
 * refuses, such as the right-to-left override that makes "rapport\u202Efdp.exe" read as "rapportexe.pdf", and tabs
 * and line breaks) or characters that break a Content-Disposition header, at most 150 characters, ending in .pdf.
 */
export function safePdfFilename(original: string): string {
  const base = (original.split(/[\\/]/).pop() ?? '').normalize('NFC')
  const cleaned = base
    .replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '')
    .replace(/[\u0000-\u001f\u007f"*:<>?|;]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  const stem =
    cleaned
      .replace(/\.pdf$/i, '')
      .slice(0, 146)
      .trim() || 'dokument'
  return `${stem}.pdf`
}
