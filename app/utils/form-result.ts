import type { MessageKey } from '~/i18n'
import type { FieldErrors } from './refusal'

// What an action sends back to its form (app/utils/forms.server.ts builds it, useFormState reads it).

export type FormValues = Record<string, string>
export type FormError = { key: MessageKey; vars?: Record<string, string | number> }
export type FormResult = { errors: FieldErrors; values: FormValues; formError?: FormError }
