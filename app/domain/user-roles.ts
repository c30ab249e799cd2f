import type { UserRole } from '../../db/schema'
import type { CoversUnion } from './code-lists'

// The account roles as a code list, apart from the forms (Zod) so that the pages showing them do not load the
// validation library in the browser.

export const USER_ROLES = ['buyer', 'supplier', 'coordinator', 'admin'] as const satisfies readonly UserRole[]
const _exhaustive: CoversUnion<typeof USER_ROLES, UserRole> = true
void _exhaustive
