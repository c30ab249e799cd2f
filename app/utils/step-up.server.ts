import { StepUpInput } from '~/forms/users'
import type { Viewer } from '~/policy'
import { stepUp } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'

/**
 * The `stepUp` intent of a page of sensitive buttons (StepUpPanel): prove the password (or a code) again, then back to
 * the page with a flash; a wrong secret answers with the field's error.
 */
export async function answerStepUpIntent(request: Request, viewer: Viewer, form: FormData, ip: string, page: string) {
  const submission = parseSubmission(form, StepUpInput)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const stepped = await stepUp(request, viewer, submission.data.stepUpSecret, ip)
  if (!stepped.ok) return answerRefusal(stepped, submission.values)
  return redirectWithFlash(page, { key: 'stepUp.done' })
}
