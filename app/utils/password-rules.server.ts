import type { MessageKey } from '~/i18n'
import { passwordProblem } from './password.server'

const messages = {
  too_short: 'validation.password.tooShort',
  too_common: 'validation.password.tooCommon',
  contains_email: 'validation.password.containsEmail',
} as const satisfies Record<string, MessageKey>

/** Field errors for a new password and its confirmation, or an empty object when both are fine. */
export function newPasswordErrors(
  password: string,
  confirm: string,
  email: string,
  fields = { password: 'password', confirm: 'confirmPassword' },
) {
  const errors: Record<string, MessageKey> = {}
  const problem = passwordProblem(password, email)
  if (problem) errors[fields.password] = messages[problem]
  else if (password !== confirm) errors[fields.confirm] = 'validation.password.mismatch'
  return errors
}
