import { Alert } from '@mantine/core'
import type { MessageKey } from '~/i18n'
import { useT } from '~/i18n/use-translation'

export type FormError = { key: MessageKey; vars?: Record<string, string | number> }
export type ActionResult = { errors?: Partial<Record<string, MessageKey>>; values?: Record<string, string>; formError?: FormError } | undefined

/** Field helpers for a form whose action answers `invalid(errors, values)`: typed values come back, errors per field. */
export function useFormState(actionData: unknown) {
  const t = useT()
  const result = (actionData ?? {}) as NonNullable<ActionResult>
  return {
    value: (name: string, fallback = '') => result.values?.[name] ?? fallback,
    error: (name: string) => {
      const key = result.errors?.[name]
      return key ? t(key) : undefined
    },
    hasErrors: Boolean(result.errors && Object.keys(result.errors).length > 0),
    formError: result.formError ? t(result.formError.key, result.formError.vars) : undefined,
  }
}

/** Announced summary at the top of a form that came back with errors. */
export function FormErrorSummary({ show, message }: { show: boolean; message?: string }) {
  const t = useT()
  if (!show && !message) return null
  return (
    <Alert color="red" variant="light" role="alert">
      {message ?? t('common.formHasErrors')}
    </Alert>
  )
}
