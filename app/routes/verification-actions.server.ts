import { z } from 'zod'
import { decideOrganisation, decideUser } from '~/models/verification.server'
import type { Viewer } from '~/policy'
import { idField, optionalText, reasonField } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'

// The verify and reject buttons of the coordinator queue and of the organisation page: one action for both, since
// the model asks the policy who may decide on whom.

const Decision = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verifyUser'), userId: idField(), name: optionalText(200) }),
  z.object({ intent: z.literal('rejectUser'), userId: idField(), name: optionalText(200), reason: reasonField }),
  z.object({ intent: z.literal('verifyOrganisation'), organisationId: idField() }),
  z.object({ intent: z.literal('rejectOrganisation'), organisationId: idField(), reason: reasonField }),
])

/** Verify or reject a member or an organisation, then back to the page the decision was made on. */
export async function handleVerificationDecision(viewer: Viewer, request: Request, ip: string, backTo: string) {
  const submission = await readSubmission(request, Decision)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const input = submission.data
  if (input.intent === 'verifyUser' || input.intent === 'rejectUser') {
    const verified = input.intent === 'verifyUser'
    const result = await decideUser(
      viewer,
      {
        userId: input.userId,
        decision: verified ? 'verified' : 'rejected',
        reason: input.intent === 'rejectUser' ? input.reason : null,
      },
      ip,
    )
    if (!result.ok) return answerRefusal(result, submission.values)
    return redirectWithFlash(backTo, {
      key: verified ? 'verify.userVerified' : 'verify.userRejected',
      vars: { name: input.name ?? '' },
    })
  }
  const verified = input.intent === 'verifyOrganisation'
  const result = await decideOrganisation(
    viewer,
    {
      organisationId: input.organisationId,
      decision: verified ? 'verified' : 'rejected',
      reason: input.intent === 'rejectOrganisation' ? input.reason : null,
    },
    ip,
  )
  if (!result.ok) return answerRefusal(result, submission.values)
  return redirectWithFlash(backTo, { key: verified ? 'verify.organisationVerified' : 'verify.organisationRejected' })
}
