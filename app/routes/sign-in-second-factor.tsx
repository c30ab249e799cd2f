import { Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { Form, redirect, useSearchParams } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { verifySecondFactor } from '~/models/two-factor.server'
import { audit } from '~/utils/audit.server'
import { getSessionState } from '~/utils/auth.server'
import { readSubmission, safeRedirect } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { createSession, invalidateSession, sessionCookie } from '~/utils/session.server'
import type { Route } from './+types/sign-in-second-factor'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'secondFactor.title')

const CodeInput = z.object({
  code: z.string().trim().min(6, 'validation.code').max(40, 'validation.code'),
  redirectTo: z.string().optional(),
})

async function requireAwaiting(request: Request) {
  const state = await getSessionState(request)
  if (state.kind === 'signed_in') throw redirect('/')
  if (state.kind === 'none') throw redirect('/logg-inn')
  return state
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireAwaiting(request)
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  const state = await requireAwaiting(request)
  const submission = await readSubmission(request, CodeInput)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const result = await verifySecondFactor(state.userId, submission.data.code, context.clientIp)
  if (!result.ok) return answerRefusal(result, submission.values)
  // A new session (new token) for the signed-in state: the one that waited for the code ends, so a token seen before
  // the second factor (a shared computer, a log) never becomes a signed-in session.
  await invalidateSession(state.sessionId)
  const session = await createSession(state.userId, {
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent') ?? '',
    twoFactorVerified: true,
  })
  await audit({
    action: 'auth.sign_in',
    actorUserId: state.userId,
    target: { type: 'user', id: state.userId },
    ip: context.clientIp,
    details: { twoFactor: true },
  })
  return redirect(safeRedirect(submission.data.redirectTo, '/'), {
    headers: { 'Set-Cookie': sessionCookie(request, session.token) },
  })
}

export default function SecondFactor({ actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const [params] = useSearchParams()
  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>{t('secondFactor.title')}</Title>
      <Text>{t('secondFactor.intro')}</Text>
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <Stack gap="md">
            <FormErrorSummary show={form.hasErrors} message={form.formError} />
            <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
            <TextInput
              label={t('secondFactor.code')}
              name="code"
              autoComplete="one-time-code"
              inputMode="text"
              required
              error={form.error('code')}
            />
            <Button type="submit">{t('secondFactor.submit')}</Button>
          </Stack>
        </Form>
      </Paper>
      <Form method="post" action="/logg-ut">
        <Button type="submit" variant="subtle">
          {t('secondFactor.cancel')}
        </Button>
      </Form>
    </Stack>
  )
}
