import { z } from 'zod'
import { getDb } from '../../db/client'
import type { DossierSectionKind, VersionState } from '../../db/schema'
import { DOSSIER_SECTION_KINDS, fail, ok, type Result } from '~/domain/approval-workflow'
import { canEditDossier, canViewDossier } from '~/policy/register'
import { isSupplierOf, type Viewer } from '~/policy/viewer'
import {
  attachmentDownloadHeaders,
  openAttachmentStream,
  removeAttachment,
  storeAttachment,
} from '~/utils/attachment-storage.server'
import { MAX_ATTACHMENT_BYTES, checkPdfUpload, safePdfFilename } from '~/utils/pdf.server'
import { invalid } from './products.server'
import { auditRegister, loadVersionContext } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'

// The confidential dossier of a version: security documentation, test reports, customer references and prices
// offered. Only the supplier's own members and coordinators ever reach it (policy/register.ts canViewDossier); for
// everyone else it does not exist (not_found / null), so its existence is not revealed either.

/** At most this many attachments per version: a dossier, not a file store. */
export const MAX_ATTACHMENTS_PER_VERSION = 30

export type DossierView = {
  version: { id: number; label: string; state: VersionState }
  product: { id: number; name: string }
  sections: Array<{ id: number; kind: DossierSectionKind; heading: string; body: string; updatedAt: string }>
  attachments: Array<{
    id: number
    filename: string
    sizeBytes: number
    sha256: string
    uploadedAt: string
    uploadedBy: string
  }>
  viewerCan: { edit: boolean }
}

/** Loads the version and answers not_found for a viewer who may not see its dossier. */
async function dossierContext(db: DbOrTrx, viewer: Viewer | null, versionId: number, today: string) {
  const ctx = await loadVersionContext(db, versionId, today)
  if (!ctx || !canViewDossier(viewer, ctx.product)) return undefined
  return ctx
}

export async function getDossier(viewer: Viewer | null, versionId: number): Promise<DossierView | null> {
  if (!Number.isSafeInteger(versionId)) return null
  const db = getDb()
  const ctx = await dossierContext(db, viewer, versionId, clock().today)
  if (!ctx) return null
  const [product, sections, attachments] = await Promise.all([
    db.selectFrom('product').select(['id', 'name']).where('id', '=', ctx.version.product_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('dossier_section')
      .select(['id', 'kind', 'heading', 'body', 'updated_at'])
      .where('version_id', '=', versionId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('dossier_attachment as a')
      .innerJoin('user as u', 'u.id', 'a.uploaded_by')
      .select([
        'a.id',
        'a.original_filename',
        'a.size_bytes',
        'a.sha256',
        'a.uploaded_at',
        'u.name as uploaded_by_name',
      ])
      .where('a.version_id', '=', versionId)
      .orderBy('a.id')
      .execute(),
  ])
  return {
    version: { id: ctx.version.id, label: ctx.version.version_label, state: ctx.version.state },
    product,
    sections: sections.map((s) => ({
      id: s.id,
      kind: s.kind,
      heading: s.heading,
      body: s.body,
      updatedAt: s.updated_at,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.original_filename,
      sizeBytes: a.size_bytes,
      sha256: a.sha256,
      uploadedAt: a.uploaded_at,
      uploadedBy: a.uploaded_by_name,
    })),
    viewerCan: { edit: canEditDossier(viewer, ctx.product, ctx.version) },
  }
}

export const DossierSectionInput = z.object({
  kind: z.enum(DOSSIER_SECTION_KINDS),
  heading: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((s) => s.normalize('NFC')),
  body: z
    .string()
    .trim()
    .min(1)
    .max(50_000)
    .transform((s) => s.normalize('NFC')),
})
export type DossierSectionInput = z.input<typeof DossierSectionInput>

/** Creates a section, or updates `sectionId` (which must belong to this version). */
export async function saveDossierSection(
  viewer: Viewer | null,
  versionId: number,
  input: DossierSectionInput,
  sectionId?: number,
): Promise<Result<{ sectionId: number }>> {
  const parsed = DossierSectionInput.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await dossierContext(trx, viewer, versionId, today)
      if (!ctx) return fail('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) {
        return isSupplierOf(viewer, ctx.product.supplierOrganisationId) ? fail('not_editable') : fail('forbidden')
      }
      let id = sectionId
      if (id === undefined) {
        id = (
          await trx
            .insertInto('dossier_section')
            .values({
              version_id: versionId,
              ...parsed.data,
              updated_by: viewer!.userId,
              created_at: iso,
              updated_at: iso,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      } else {
        const updated = await trx
          .updateTable('dossier_section')
          .set({ ...parsed.data, updated_by: viewer!.userId, updated_at: iso })
          .where('id', '=', id)
          .where('version_id', '=', versionId)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) return fail('not_found')
      }
      await auditRegister(trx, {
        action: 'register.dossier_section_saved',
        actorUserId: viewer!.userId,
        target: { type: 'dossier_section', id },
        details: { versionId },
        at: iso,
      })
      return ok({ sectionId: id })
    })
}

export async function deleteDossierSection(viewer: Viewer | null, sectionId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const section = await trx
        .selectFrom('dossier_section')
        .select(['id', 'version_id'])
        .where('id', '=', sectionId)
        .executeTakeFirst()
      const ctx = section && (await dossierContext(trx, viewer, section.version_id, today))
      if (!section || !ctx) return fail('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) {
        return isSupplierOf(viewer, ctx.product.supplierOrganisationId) ? fail('not_editable') : fail('forbidden')
      }
      await trx.deleteFrom('dossier_section').where('id', '=', sectionId).execute()
      await auditRegister(trx, {
        action: 'register.dossier_section_deleted',
        actorUserId: viewer!.userId,
        target: { type: 'dossier_section', id: sectionId },
        details: { versionId: section.version_id },
        at: iso,
      })
      return ok(null)
    })
}

/**
 * Adds a PDF to the dossier. The bytes are checked (not the name or the declared type): non-empty, at most 10 MB,
 * starting with "%PDF-". Refusals: not_found, forbidden, not_editable, empty_file, file_too_large (413), not_pdf (415).
 */
export async function addAttachment(
  viewer: Viewer | null,
  versionId: number,
  upload: { filename: string; bytes: Uint8Array },
): Promise<Result<{ attachmentId: number }>> {
  const { iso, today } = clock()
  const db = getDb()
  // Authorise before touching the disk.
  const before = await dossierContext(db, viewer, versionId, today)
  if (!before) return fail('not_found')
  if (!canEditDossier(viewer, before.product, before.version)) {
    return isSupplierOf(viewer, before.product.supplierOrganisationId) ? fail('not_editable') : fail('forbidden')
  }
  const check = checkPdfUpload(upload.bytes)
  if (!check.ok) return fail(check.code, { fields: ['file'] })

  const stored = await storeAttachment(upload.bytes)
  try {
    const result = await db.transaction().execute(async (trx) => {
      // The state may have changed while the file was written (a submission in another tab).
      const ctx = await dossierContext(trx, viewer, versionId, today)
      if (!ctx) return fail('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) return fail('not_editable')
      const { n } = await trx
        .selectFrom('dossier_attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('version_id', '=', versionId)
        .executeTakeFirstOrThrow()
      if (n >= MAX_ATTACHMENTS_PER_VERSION)
        return fail('invalid_input', { fields: ['file'], detail: 'too many attachments' })
      const { id } = await trx
        .insertInto('dossier_attachment')
        .values({
          version_id: versionId,
          original_filename: safePdfFilename(upload.filename),
          stored_name: stored.storedName,
          size_bytes: stored.sizeBytes,
          sha256: stored.sha256,
          uploaded_by: viewer!.userId,
          uploaded_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await auditRegister(trx, {
        action: 'register.attachment_uploaded',
        actorUserId: viewer!.userId,
        target: { type: 'dossier_attachment', id },
        details: { versionId, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
        at: iso,
      })
      return ok({ attachmentId: id })
    })
    if (!result.ok) await removeAttachment(stored.storedName)
    return result
  } catch (e) {
    await removeAttachment(stored.storedName)
    throw e
  }
}

/**
 * The same for a File from request.formData(). The declared size is checked before the body is read into memory;
 * the route should still cap the request body (Content-Length) since the form parser has buffered it by then.
 */
export async function addAttachmentFile(
  viewer: Viewer | null,
  versionId: number,
  file: File,
): Promise<Result<{ attachmentId: number }>> {
  if (file.size > MAX_ATTACHMENT_BYTES) return fail('file_too_large', { fields: ['file'] })
  return addAttachment(viewer, versionId, { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
}

export type AttachmentDownload = {
  filename: string
  sizeBytes: number
  sha256: string
  /** Ready-made headers for the Response (application/pdf, attachment, nosniff, no-store). */
  headers: Headers
  stream: () => ReadableStream<Uint8Array>
}

/**
 * An authorised download: null unless the viewer may see the dossier (the route answers 404). The route returns
 * `new Response(download.stream(), { headers: download.headers })`. Every download is audited.
 */
export async function openAttachment(viewer: Viewer | null, attachmentId: number): Promise<AttachmentDownload | null> {
  if (!Number.isSafeInteger(attachmentId)) return null
  const db = getDb()
  const { iso, today } = clock()
  const row = await db
    .selectFrom('dossier_attachment')
    .select(['id', 'version_id', 'original_filename', 'stored_name', 'size_bytes', 'sha256'])
    .where('id', '=', attachmentId)
    .executeTakeFirst()
  if (!row || !(await dossierContext(db, viewer, row.version_id, today))) return null
  await auditRegister(db, {
    action: 'register.attachment_downloaded',
    actorUserId: viewer!.userId,
    target: { type: 'dossier_attachment', id: row.id },
    details: { versionId: row.version_id },
    at: iso,
  })
  const meta = { filename: row.original_filename, sizeBytes: row.size_bytes, sha256: row.sha256 }
  return { ...meta, headers: attachmentDownloadHeaders(meta), stream: () => openAttachmentStream(row.stored_name) }
}

export async function deleteAttachment(viewer: Viewer | null, attachmentId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('dossier_attachment')
        .select(['id', 'version_id', 'stored_name'])
        .where('id', '=', attachmentId)
        .executeTakeFirst()
      const ctx = row && (await dossierContext(trx, viewer, row.version_id, today))
      if (!row || !ctx) return fail('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) {
        return isSupplierOf(viewer, ctx.product.supplierOrganisationId) ? fail('not_editable') : fail('forbidden')
      }
      await trx.deleteFrom('dossier_attachment').where('id', '=', attachmentId).execute()
      await auditRegister(trx, {
        action: 'register.attachment_deleted',
        actorUserId: viewer!.userId,
        target: { type: 'dossier_attachment', id: attachmentId },
        details: { versionId: row.version_id },
        at: iso,
      })
      return ok(row.stored_name)
    })
  if (!result.ok) return result
  // After the commit: a failed delete leaves an orphan file, never a row without its file.
  await removeAttachment(result.value)
  return ok(null)
}

/**
 * Whether an attachment with this id exists, whoever may see it: lets the download route answer 403 (signed in, not
 * entitled) apart from 404 (no such attachment). Reveals nothing else about it.
 */
export async function attachmentExists(attachmentId: number): Promise<boolean> {
  if (!Number.isSafeInteger(attachmentId)) return false
  return !!(await getDb()
    .selectFrom('dossier_attachment')
    .select('id')
    .where('id', '=', attachmentId)
    .executeTakeFirst())
}
