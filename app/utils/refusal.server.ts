import { data } from 'react-router'
import type { z } from 'zod'
import { formAnswer, parseSubmission, type FormValues } from './forms.server'
import { refusalKind, refusalMessage, type Refusal, type RefusalKind, type Result } from './refusal'

// The one mapping from a refusal to HTTP. Nothing else in the app chooses a status for a refusal.

const STATUS: Record<RefusalKind, 400 | 403 | 404 | 409 | 413 | 415 | 429> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
}

export const refusalStatus = (refusal: Pick<Refusal, 'code'>) => STATUS[refusalKind(refusal.code)]

/**
 * A refusal as an action's answer. Not found and forbidden end the request (the error page; another supplier's
 * resource is "not found", so its existence is not revealed). Everything else goes back to the form with the
 * user's typed values: field errors on their fields, the refusal's message over the form. `extra` is what the page
 * must show again that is not a typed value (the two-factor set-up the user is scanning).
 */
export function answerRefusal<Extra extends object = Record<never, never>>(
  refusal: Refusal,
  values: FormValues = {},
  extra?: Extra,
) {
  const status = refusalStatus(refusal)
  if (status === 403 || status === 404) throw data(null, { status })
  return formAnswer(
    {
      ...(extra as Extra),
      errors: refusal.fieldErrors ?? {},
      values,
      formError: { key: refusalMessage(refusal), vars: refusal.vars },
    },
    status,
  )
}

/** For loaders and resource routes: the value, or the refusal thrown as its status (no form to go back to). */
export function valueOrThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw data(null, { status: refusalStatus(result) })
}

/**
 * One intent of an action, the way every form goes: the form parsed with `schema`, the data handed to `save` (a
 * model call), and `done` once it succeeded (usually a redirect with a flash); a refusal, the form's or the model's,
 * goes back to the form with the typed values.
 */
export async function submitIntent<S extends z.ZodType, T, R>(
  form: FormData,
  schema: S,
  save: (data: z.output<S>) => Promise<Result<T>>,
  done: (value: T) => R,
) {
  const submission = parseSubmission(form, schema)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const result = await save(submission.data)
  return result.ok ? done(result.value) : answerRefusal(result, submission.values)
}
