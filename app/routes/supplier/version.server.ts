import { data } from 'react-router'
import { z } from 'zod'
import { SaveSectionSchema, VersionSchema } from '~/forms/register'
import { submitVersion } from '~/models/decisions.server'
import { addAttachmentFile, deleteAttachment, deleteDossierSection, saveDossierSection } from '~/models/dossier.server'
import type { VersionAccess } from '~/models/register-access.server'
import { getVersionAccess, updateVersion } from '~/models/versions.server'
import { canEditProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { idField } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { formValues, parseSubmission, readFormData } from '~/utils/forms.server'
import { MAX_ATTACHMENT_BYTES, safePdfFilename, uploadRefusal } from '~/utils/pdf.server'
import { answerRefusal } from '~/utils/refusal.server'

// The version page's forms: release notes, submission, dossier sections and PDF attachments.

/** One PDF plus the form's few text fields and the multipart framing: about 10.5 MB. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 512 * 1024

/**
 * The viewer's own company's version, or 404 (another supplier's version is not revealed, even a public one). The
 * loader and the action ask once and pass the access on.
 */
export async function ownVersion(viewer: Viewer, versionId: number): Promise<VersionAccess> {
  const access = await getVersionAccess(viewer, versionId)
  if (!access || !canEditProduct(viewer, access.product)) throw data(null, { status: 404 })
  return access
}

const DeleteSectionSchema = z.object({ sectionId: idField() })
const DeleteAttachmentSchema = z.object({ attachmentId: idField() })

export async function handleVersionAction(request: Request, viewer: Viewer, access: VersionAccess) {
  const versionId = access.version.id
  const self = `/leverandor/versjoner/${versionId}`
  // Only an upload is large; the limit holds for every form on the page, before the body is parsed.
  const read = await readFormData(request, { maxBytes: MAX_UPLOAD_REQUEST_BYTES })
  if (!read.ok) {
    if (read.code === 'request_too_large') return answerRefusal(uploadRefusal('file_too_large'), { intent: 'upload' })
    return answerRefusal(read)
  }
  const form = read.value

  switch (form.get('intent')) {
    case 'saveVersion': {
      const submission = parseSubmission(form, VersionSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await updateVersion(viewer, versionId, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(self, { key: 'supplier.version.saved' })
    }

    case 'submit': {
      const result = await submitVersion(viewer, versionId)
      if (!result.ok) return answerRefusal(result, formValues(form))
      return redirectWithFlash(self, { key: 'supplier.submitted', vars: { version: access.version.label } })
    }

    case 'saveSection': {
      const submission = parseSubmission(form, SaveSectionSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const { sectionId, ...section } = submission.data
      const result = await saveDossierSection(viewer, versionId, section, sectionId)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(self, {
        key: 'dossier.section.saved',
        vars: { heading: section.heading.slice(0, 120) },
      })
    }

    case 'deleteSection': {
      const submission = parseSubmission(form, DeleteSectionSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await deleteDossierSection(viewer, submission.data.sectionId)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(self, { key: 'dossier.section.deleted' })
    }

    case 'upload': {
      const file = form.get('file')
      const result = await addAttachmentFile(viewer, versionId, file instanceof File ? file : null)
      if (!result.ok) return answerRefusal(result, formValues(form))
      return redirectWithFlash(self, {
        key: 'dossier.attachment.uploaded',
        vars: { filename: file instanceof File ? safePdfFilename(file.name) : '' },
      })
    }

    case 'deleteAttachment': {
      const submission = parseSubmission(form, DeleteAttachmentSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await deleteAttachment(viewer, submission.data.attachmentId)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(self, { key: 'dossier.attachment.deleted' })
    }

    default:
      throw data(null, { status: 400 })
  }
}
