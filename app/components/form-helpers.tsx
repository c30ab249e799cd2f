import { Alert } from '@mantine/core'
import { useT } from '~/i18n/use-translation'
import type { FormResult } from '~/utils/form-result'

/**
 * Field helpers for a form whose action answers with a FormResult (readSubmission/answerRefusal): typed values come
 * back, errors per field, and a message over the form. `actionData` is the route's own generated type; actions that
 * also return other data pass it on unchanged (anything without `errors` reads as "no errors").
 */
export function useFormState(actionData: Partial<FormResult> | object | null | undefined) {
  const t = useT()
  const result: Partial<FormResult> = actionData && 'errors' in actionData ? (actionData as Partial<FormResult>) : {}
  return {
    value: (name: string, fallback = '') => result.values?.[name] ?? fallback,
    error: (name: string) => {
      const key = result.errors?.[name]
      return key ? t(key) : undefined
    },
    hasErrors: Boolean(result.errors && Object.keys(result.errors).length > 0),
    formError: result.formError ? t(result.formError.key, result.formError.vars) : undefined,
    /** The typed values (lists comma-joined), for components that take them whole. */
    values: result.values,
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
