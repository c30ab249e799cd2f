import { z } from 'zod'
import { decideOrganisation, decideUser } from '~/models/verification.server'
import type { Viewer } from '~/policy'
import { idField, optionalText, pageParam, reasonField } from '~/utils/fields'
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

const FLASH_KEYS = {
  verifyUser: 'verify.userVerified',
  rejectUser: 'verify.userRejected',
  verifyOrganisation: 'verify.organisationVerified',
  rejectOrganisation: 'verify.organisationRejected',
} as const

/**
 * Verify or reject a member or an organisation, then back to the page the decision was made on. `pageKeys` are the
 * page's paged lists (the queue's `side`, and on /konto/organisasjon the member list's): each stays on its page.
 */
export async function handleVerificationDecision(
  viewer: Viewer,
  request: Request,
  ip: string,
  backTo: string,
  pageKeys: readonly string[] = ['side'],
) {
  const submission = await readSubmission(request, Decision)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const input = submission.data
  const decision = {
    decision: input.intent === 'verifyUser' || input.intent === 'verifyOrganisation' ? 'verified' : 'rejected',
    reason: 'reason' in input ? input.reason : null,
  } as const
  const result =
    'userId' in input
      ? await decideUser(viewer, { userId: input.userId, ...decision }, ip)
      : await decideOrganisation(viewer, { organisationId: input.organisationId, ...decision }, ip)
  if (!result.ok) return answerRefusal(result, submission.values)
  // Decisions on people name the person in the message.
  const vars = 'name' in input ? { vars: { name: input.name ?? '' } } : {}
  // Back to the same page of the queue (the form posts to the page's address); a page emptied by the decision
  // redirects to the last one (redirectPastLastPage).
  const asked = new URL(request.url).searchParams
  const pages = new URLSearchParams()
  for (const key of pageKeys) {
    const page = pageParam.parse(asked.get(key) ?? undefined)
    if (page > 1) pages.set(key, String(page))
  }
  const query = pages.toString()
  const back = query ? `${backTo}?${query}` : backTo
  return redirectWithFlash(back, { key: FLASH_KEYS[input.intent], ...vars })
}
