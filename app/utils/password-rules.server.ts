import type { MessageKey } from '~/i18n'
import type { FormValues } from './form-result'
import { passwordProblem } from './password.server'
import type { Refusal } from './refusal'

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

/**
 * A form refused by its schema, with the new password's problems added to its field errors: the password rules need
 * the e-mail address (a password may not contain it), so the model checks them once the schema passes, and a sign-up
 * with an empty name and a short password was told about the password only on its second try.
 */
export function withNewPasswordErrors(refusal: Refusal, values: FormValues): Refusal {
  if (refusal.code !== 'invalid_input') return refusal
  const password = newPasswordErrors(values.password ?? '', values.confirmPassword ?? '', values.email ?? '')
  const fieldErrors = { ...password, ...refusal.fieldErrors }
  return { ...refusal, fields: Object.keys(fieldErrors), fieldErrors }
}
