import { data } from 'react-router'
import type { MessageKey } from '~/i18n'
import { submitVersion } from '~/models/decisions.server'
import {
  addAttachmentFile,
  deleteAttachment,
  deleteDossierSection,
  DossierSectionInput,
  getDossier,
  MAX_ATTACHMENTS_PER_VERSION,
  saveDossierSection,
} from '~/models/dossier.server'
import { getVersionForViewer, updateVersion } from '~/models/products.server'
import { canEditProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { redirectWithFlash } from '~/utils/flash.server'
import { formError, formValues, invalid, type FieldErrors, type FormValues } from '~/utils/forms.server'
import { MAX_ATTACHMENT_BYTES, safePdfFilename } from '~/utils/pdf.server'
import { parseVersionForm, versionResultErrors } from './product-form.server'
import { fieldErrorsWithStatus, formId, readBoundedFormData, throwIfNotFoundOrForbidden } from './workspace.server'

// The version page's forms: release notes, submission, dossier sections and PDF attachments.

/** One PDF plus the form's few text fields and the multipart framing: about 10.5 MB. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 512 * 1024

/** The viewer's own company's version, or 404 (another supplier's version is not revealed, even a public one). */
export async function ownVersion(viewer: Viewer, versionId: number) {
  const version = await getVersionForViewer(versionId, viewer)
  if (!version || !canEditProduct(viewer, { supplierOrganisationId: version.product.supplier.id }))
    throw data(null, { status: 404 })
  return version
}

const SECTION_ERRORS: Record<string, MessageKey> = {
  kind: 'dossier.error.kind',
  heading: 'dossier.error.heading',
  body: 'dossier.error.body',
}

/** The refusals every dossier or version change can meet once the version itself has been found. */
function refusal(result: { code: string }, values: FormValues) {
  throwIfNotFoundOrForbidden(result as Parameters<typeof throwIfNotFoundOrForbidden>[0])
  if (result.code === 'not_editable' || result.code === 'illegal_transition')
    return formError('supplier.error.notEditable', 409, { values })
  return undefined
}

export async function handleVersionAction(request: Request, viewer: Viewer, versionId: number) {
  const version = await ownVersion(viewer, versionId)
  const self = `/leverandor/versjoner/${versionId}`
  // Only an upload is large; the limit holds for every form on the page, before the body is parsed.
  const read = await readBoundedFormData(request, MAX_UPLOAD_REQUEST_BYTES)
  if (!read.ok) {
    if (read.status === 413) return fieldErrorsWithStatus({ file: 'dossier.error.tooLarge' }, { intent: 'upload' }, 413)
    throw data(null, { status: 400 })
  }
  const form = read.form
  const values = formValues(form)

  switch (values.intent) {
    case 'saveVersion': {
      const parsed = parseVersionForm(form)
      if (!parsed.ok) return parsed.response
      const result = await updateVersion(viewer, versionId, parsed.version)
      if (!result.ok) {
        if (result.code === 'duplicate_version_label')
          return fieldErrorsWithStatus(versionResultErrors(result), values, 409)
        return refusal(result, values) ?? invalid(versionResultErrors(result), values)
      }
      return redirectWithFlash(self, { key: 'supplier.version.saved' })
    }

    case 'submit': {
      const result = await submitVersion(viewer, versionId)
      if (!result.ok) {
        throwIfNotFoundOrForbidden(result)
        // Already submitted (a second click, another tab) or concluded: the state machine refuses, 409.
        return formError('supplier.error.illegalTransition', 409, { values })
      }
      return redirectWithFlash(self, { key: 'supplier.submitted', vars: { version: version.label } })
    }

    case 'saveSection': {
      const sectionId = values.sectionId ? formId(values.sectionId) : undefined
      if (sectionId === null) throw data(null, { status: 400 })
      const parsed = DossierSectionInput.safeParse({
        kind: values.kind ?? '',
        heading: values.heading ?? '',
        body: values.body ?? '',
      })
      if (!parsed.success) {
        const errors: FieldErrors = {}
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'form')
          errors[field] ??= SECTION_ERRORS[field] ?? 'common.formHasErrors'
        }
        return invalid(errors, values)
      }
      const result = await saveDossierSection(viewer, versionId, parsed.data, sectionId)
      if (!result.ok) {
        // A section id that is not (or no longer) in this version's dossier.
        if (result.code === 'not_found') return formError('supplier.error.gone', 404, { values })
        return refusal(result, values) ?? invalid({ form: 'common.formHasErrors' }, values)
      }
      return redirectWithFlash(self, {
        key: 'dossier.section.saved',
        vars: { heading: parsed.data.heading.slice(0, 120) },
      })
    }

    case 'deleteSection': {
      const sectionId = formId(values.sectionId)
      const dossier = await getDossier(viewer, versionId)
      if (sectionId === null || !dossier?.sections.some((s) => s.id === sectionId))
        return formError('supplier.error.gone', 404, { values })
      const result = await deleteDossierSection(viewer, sectionId)
      if (!result.ok) return refusal(result, values) ?? formError('supplier.error.gone', 404, { values })
      return redirectWithFlash(self, { key: 'dossier.section.deleted' })
    }

    case 'upload': {
      const file = form.get('file')
      if (!(file instanceof File) || (file.size === 0 && file.name === ''))
        return invalid({ file: 'dossier.error.noFile' }, values)
      const result = await addAttachmentFile(viewer, versionId, file)
      if (!result.ok) {
        switch (result.code) {
          case 'not_pdf':
            return fieldErrorsWithStatus({ file: 'dossier.error.notPdf' }, values, 415)
          case 'file_too_large':
            return fieldErrorsWithStatus({ file: 'dossier.error.tooLarge' }, values, 413)
          case 'empty_file':
            return invalid({ file: 'dossier.error.emptyFile' }, values)
          case 'invalid_input':
            return formError('dossier.error.tooMany', 400, { values, vars: { max: MAX_ATTACHMENTS_PER_VERSION } })
          default:
            return refusal(result, values) ?? invalid({ file: 'dossier.error.noFile' }, values)
        }
      }
      return redirectWithFlash(self, {
        key: 'dossier.attachment.uploaded',
        vars: { filename: safePdfFilename(file.name) },
      })
    }

    case 'deleteAttachment': {
      const attachmentId = formId(values.attachmentId)
      const dossier = await getDossier(viewer, versionId)
      if (attachmentId === null || !dossier?.attachments.some((a) => a.id === attachmentId))
        return formError('supplier.error.gone', 404, { values })
      const result = await deleteAttachment(viewer, attachmentId)
      if (!result.ok) return refusal(result, values) ?? formError('supplier.error.gone', 404, { values })
      return redirectWithFlash(self, { key: 'dossier.attachment.deleted' })
    }

    default:
      throw data(null, { status: 400 })
  }
}
