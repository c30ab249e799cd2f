import { Alert } from '@mantine/core'
import { useEffect, useRef } from 'react'
import { useActionData } from 'react-router'
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

/**
 * Announced summary at the top of a form that came back with errors. After each failed submission the first field
 * marked invalid on the page gets the focus (scrolled to the middle of the window), or the summary itself when the
 * refusal is about the whole form: a long form (a procurement, a product, an assessment) is submitted from its bottom,
 * and without this nothing visible changed there while the summary and the field to fix were out of sight. Without
 * JavaScript the page loads again at its top, where the summary is.
 */
export function FormErrorSummary({ show, message }: { show: boolean; message?: string }) {
  const t = useT()
  const actionData = useActionData()
  const ref = useRef<HTMLDivElement>(null)
  const visible = show || Boolean(message)
  useEffect(() => {
    const summary = ref.current
    if (!visible || !summary) return
    const target = firstInvalidField(summary.closest('main') ?? document) ?? summary
    target.focus({ preventScroll: true })
    target.scrollIntoView({ block: 'center' })
    // Each answer of the action (a new object, also when it repeats the same errors) moves the focus again.
  }, [visible, actionData])
  if (!visible) return null
  return (
    <Alert ref={ref} tabIndex={-1} color="red" variant="light" role="alert">
      {message ?? t('common.formHasErrors')}
    </Alert>
  )
}

/** The first field on the page marked invalid: an input, or in a group of radios or boxes (Mantine marks the group, not
 * its inputs) the chosen one or the first. */
function firstInvalidField(scope: ParentNode): HTMLElement | null {
  const marked = scope.querySelector<HTMLElement>('[aria-invalid="true"], [aria-describedby*="-error"]')
  if (!marked || marked.matches('input, select, textarea')) return marked
  return (
    marked.querySelector<HTMLElement>('input:checked') ??
    marked.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')
  )
}
