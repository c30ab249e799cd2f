import { z } from 'zod'
import { USER_ROLES } from '~/domain/user-roles'
import { optionalEnumField, optionalText, pageParam } from '~/utils/fields'

// The user list of the admin page and the coordinators' account tools: one filter (search, role, page) and one
// step-up form (intent `stepUp`).

export const UserListFilter = z.object({
  q: optionalText(200).catch(null),
  rolle: optionalEnumField(USER_ROLES).catch(null),
  side: pageParam,
})
export type UserListFilter = z.infer<typeof UserListFilter>

export const StepUpInput = z.object({ stepUpSecret: z.string().min(1, 'validation.required').max(1000) })
