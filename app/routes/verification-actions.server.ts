import { data } from 'react-router'
import { z } from 'zod'
import { decideOrganisation, decideUser, findOrganisation, findPendingUser } from '~/models/verification.server'
import { canVerifyAccounts, canVerifyColleague, type Viewer } from '~/policy'
import { assertAllowed } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { formError, parseForm, type FormValues } from '~/utils/forms.server'
import { reasonField } from '~/utils/validation'

const Decision = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('verifyUser'),
    userId: z.coerce.number().int().positive(),
    name: z.string().default(''),
  }),
  z.object({
    intent: z.literal('rejectUser'),
    userId: z.coerce.number().int().positive(),
    name: z.string().default(''),
    reason: reasonField,
  }),
  z.object({ intent: z.literal('verifyOrganisation'), organisationId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal('rejectOrganisation'),
    organisationId: z.coerce.number().int().positive(),
    reason: reasonField,
  }),
])

/** Verify or reject a member or an organisation; shared by the coordinator queue and the organisation page. */
export async function handleVerificationDecision(viewer: Viewer, form: FormValues, ip: string, backTo: string) {
  const parsed = parseForm(Decision, form)
  if (!parsed.ok) return parsed.response
  const input = parsed.data
  const actor = { userId: viewer.userId, ip }
  if (input.intent === 'verifyUser' || input.intent === 'rejectUser') {
    const target = await findPendingUser(input.userId)
    if (!target) throw data(null, { status: 404 })
    assertAllowed(canVerifyColleague(viewer, target))
    // Colleagues confirm colleagues; staff accounts are created by admins, never verified through the queue.
    assertAllowed(target.role === 'buyer' || target.role === 'supplier')
    if (target.status !== 'pending') return formError('verify.alreadyDecided', 409)
    const verified = input.intent === 'verifyUser'
    await decideUser(input.userId, verified ? 'verified' : 'rejected', verified ? null : input.reason, actor)
    return redirectWithFlash(backTo, {
      key: verified ? 'verify.userVerified' : 'verify.userRejected',
      vars: { name: input.name },
    })
  }
  assertAllowed(canVerifyAccounts(viewer))
  const organisation = await findOrganisation(input.organisationId)
  if (!organisation || organisation.kind === 'coordinating_body') throw data(null, { status: 404 })
  if (organisation.status !== 'pending') return formError('verify.alreadyDecided', 409)
  const verified = input.intent === 'verifyOrganisation'
  await decideOrganisation(
    input.organisationId,
    verified ? 'verified' : 'rejected',
    verified ? null : input.reason,
    actor,
  )
  return redirectWithFlash(backTo, { key: verified ? 'verify.organisationVerified' : 'verify.organisationRejected' })
}
