import { getDb } from '../../db/client'
import type { DossierSectionKind } from '~/domain/register-codes'
import type { VersionState } from '~/domain/approval-workflow'
import type { DossierSectionData } from '~/forms/register'
import {
  canEditDossier,
  canViewDossier,
  visibleAttachmentsWhere,
  visibleDossierSectionsWhere,
  type ProductAccess,
} from '~/policy/register'
import { isSupplierOf, type Viewer } from '~/policy/viewer'
import { audit } from '~/utils/audit.server'
import {
  attachmentDownloadHeaders,
  openAttachmentStream,
  removeAttachment,
  storeAttachment,
} from '~/utils/attachment-storage.server'
import { MAX_ATTACHMENT_BYTES, checkPdfUpload, safePdfFilename, uploadRefusal } from '~/utils/pdf.server'
import { ok, refuse, type Result } from '~/utils/refusal'
import { loadVersionAccess, type VersionAccess } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'

// The confidential dossier of a version: security documentation, test reports, customer references and prices
// offered. Only the supplier's own members and coordinators ever reach it (app/policy/register.ts canViewDossier and
// its list forms); for everyone else it does not exist (not_found / null), so its existence is not revealed either.

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

/** The version's access facts when this viewer may see its dossier. */
async function dossierAccess(db: DbOrTrx, viewer: Viewer | null, versionId: number, today: string) {
  const access = await loadVersionAccess(db, versionId, today)
  return access && canViewDossier(viewer, access.product) ? access : undefined
}

/** Why a viewer who may see the dossier may not change it: its own supplier meets a locked version. */
const cannotEdit = (viewer: Viewer | null, product: ProductAccess) =>
  isSupplierOf(viewer, product.supplierOrganisationId) ? refuse('not_editable') : refuse('forbidden')

/** The version's dossier (the access from getVersionAccess), or null when this viewer may not see it. */
export async function getDossier(viewer: Viewer | null, access: VersionAccess): Promise<DossierView | null> {
  if (!canViewDossier(viewer, access.product)) return null
  const db = getDb()
  const versionId = access.version.id
  const [product, sections, attachments] = await Promise.all([
    db.selectFrom('product').select(['id', 'name']).where('id', '=', access.product.id).executeTakeFirstOrThrow(),
    db
      .selectFrom('dossier_section')
      .select(['id', 'kind', 'heading', 'body', 'updated_at'])
      .where('version_id', '=', versionId)
      .where(visibleDossierSectionsWhere(viewer))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('dossier_attachment')
      .innerJoin('user as u', 'u.id', 'dossier_attachment.uploaded_by')
      .select([
        'dossier_attachment.id',
        'dossier_attachment.original_filename',
        'dossier_attachment.size_bytes',
        'dossier_attachment.sha256',
        'dossier_attachment.uploaded_at',
        'u.name as uploaded_by_name',
      ])
      .where('dossier_attachment.version_id', '=', versionId)
      .where(visibleAttachmentsWhere(viewer))
      .orderBy('dossier_attachment.id')
      .execute(),
  ])
  return {
    version: { id: versionId, label: access.version.label, state: access.version.state },
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
    viewerCan: { edit: canEditDossier(viewer, access.product, access.version) },
  }
}

/** Creates a section, or updates `sectionId` (which must belong to this version). */
export async function saveDossierSection(
  viewer: Viewer | null,
  versionId: number,
  section: DossierSectionData,
  sectionId?: number,
): Promise<Result<{ sectionId: number }>> {
  const { iso, today } = clock()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const ctx = await dossierAccess(trx, viewer, versionId, today)
      if (!ctx) return refuse('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) return cannotEdit(viewer, ctx.product)
      let id = sectionId
      if (id === undefined) {
        id = (
          await trx
            .insertInto('dossier_section')
            .values({
              version_id: versionId,
              ...section,
              updated_by: viewer.userId,
              created_at: iso,
              updated_at: iso,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      } else {
        const updated = await trx
          .updateTable('dossier_section')
          .set({ ...section, updated_by: viewer.userId, updated_at: iso })
          .where('id', '=', id)
          .where('version_id', '=', versionId)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) return refuse('not_found')
      }
      await audit(
        {
          action: 'register.dossier_section_saved',
          actorUserId: viewer.userId,
          target: { type: 'dossier_section', id },
          details: { versionId },
          at: iso,
        },
        trx,
      )
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
      const ctx = section && (await dossierAccess(trx, viewer, section.version_id, today))
      if (!section || !ctx) return refuse('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) return cannotEdit(viewer, ctx.product)
      await trx.deleteFrom('dossier_section').where('id', '=', sectionId).execute()
      await audit(
        {
          action: 'register.dossier_section_deleted',
          actorUserId: viewer.userId,
          target: { type: 'dossier_section', id: sectionId },
          details: { versionId: section.version_id },
          at: iso,
        },
        trx,
      )
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
  const before = await dossierAccess(db, viewer, versionId, today)
  if (!before) return refuse('not_found')
  if (!canEditDossier(viewer, before.product, before.version)) return cannotEdit(viewer, before.product)
  const check = checkPdfUpload(upload.bytes)
  if (!check.ok) return check

  const stored = await storeAttachment(upload.bytes)
  try {
    const result = await db.transaction().execute(async (trx): Promise<Result<{ attachmentId: number }>> => {
      // The state may have changed while the file was written (a submission in another tab).
      const ctx = await dossierAccess(trx, viewer, versionId, today)
      if (!ctx) return refuse('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) return refuse('not_editable')
      const { n } = await trx
        .selectFrom('dossier_attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('version_id', '=', versionId)
        .executeTakeFirstOrThrow()
      if (n >= MAX_ATTACHMENTS_PER_VERSION)
        return refuse('invalid_input', {
          message: 'dossier.error.tooMany',
          vars: { max: MAX_ATTACHMENTS_PER_VERSION },
          fields: ['file'],
        })
      const { id } = await trx
        .insertInto('dossier_attachment')
        .values({
          version_id: versionId,
          original_filename: safePdfFilename(upload.filename),
          stored_name: stored.storedName,
          size_bytes: stored.sizeBytes,
          sha256: stored.sha256,
          uploaded_by: viewer.userId,
          uploaded_at: iso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(
        {
          action: 'register.attachment_uploaded',
          actorUserId: viewer.userId,
          target: { type: 'dossier_attachment', id },
          details: { versionId, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
          at: iso,
        },
        trx,
      )
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
 * The same for a File from request.formData() (null when the form sent none). The declared size is checked before
 * the body is read into memory; the route still caps the request body (Content-Length), since the form parser has
 * buffered it by then.
 */
export async function addAttachmentFile(
  viewer: Viewer | null,
  versionId: number,
  file: File | null,
): Promise<Result<{ attachmentId: number }>> {
  if (!file || (file.size === 0 && file.name === ''))
    return refuse('invalid_input', { fields: ['file'], fieldErrors: { file: 'dossier.error.noFile' } })
  if (file.size > MAX_ATTACHMENT_BYTES) return uploadRefusal('file_too_large')
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
 * An authorised download. The route returns `new Response(download.stream(), { headers: download.headers })`; every
 * download is audited. Refused as not_found when there is no such attachment and as forbidden when the viewer may not
 * see the dossier (the download link is only ever shown to those who may, so a signed-in stranger learns nothing).
 */
export async function openAttachment(viewer: Viewer | null, attachmentId: number): Promise<Result<AttachmentDownload>> {
  if (!Number.isSafeInteger(attachmentId)) return refuse('not_found')
  const db = getDb()
  const { iso, today } = clock()
  const row = await db
    .selectFrom('dossier_attachment')
    .select(['id', 'version_id', 'original_filename', 'stored_name', 'size_bytes', 'sha256'])
    .where('id', '=', attachmentId)
    .executeTakeFirst()
  if (!row) return refuse('not_found')
  if (!viewer || !(await dossierAccess(db, viewer, row.version_id, today))) return refuse('forbidden')
  await audit(
    {
      action: 'register.attachment_downloaded',
      actorUserId: viewer.userId,
      target: { type: 'dossier_attachment', id: row.id },
      details: { versionId: row.version_id },
      at: iso,
    },
    db,
  )
  const meta = { filename: row.original_filename, sizeBytes: row.size_bytes, sha256: row.sha256 }
  return ok({ ...meta, headers: attachmentDownloadHeaders(meta), stream: () => openAttachmentStream(row.stored_name) })
}

export async function deleteAttachment(viewer: Viewer | null, attachmentId: number): Promise<Result<null>> {
  const { iso, today } = clock()
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<Result<string>> => {
      const row = await trx
        .selectFrom('dossier_attachment')
        .select(['id', 'version_id', 'stored_name'])
        .where('id', '=', attachmentId)
        .executeTakeFirst()
      const ctx = row && (await dossierAccess(trx, viewer, row.version_id, today))
      if (!row || !ctx) return refuse('not_found')
      if (!canEditDossier(viewer, ctx.product, ctx.version)) return cannotEdit(viewer, ctx.product)
      await trx.deleteFrom('dossier_attachment').where('id', '=', attachmentId).execute()
      await audit(
        {
          action: 'register.attachment_deleted',
          actorUserId: viewer.userId,
          target: { type: 'dossier_attachment', id: attachmentId },
          details: { versionId: row.version_id },
          at: iso,
        },
        trx,
      )
      return ok(row.stored_name)
    })
  if (!result.ok) return result
  // After the commit: a failed delete leaves an orphan file, never a row without its file.
  await removeAttachment(result.value)
  return ok(null)
}
