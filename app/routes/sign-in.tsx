import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { authenticate } from '~/models/accounts.server'
import { audit } from '~/utils/audit.server'
import { getSessionState } from '~/utils/auth.server'
import { plainString } from '~/utils/fields'
import { readSubmission, safeRedirect } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { createSession, sessionCookie } from '~/utils/session.server'
import type { Route } from './+types/sign-in'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'signIn.title')

const SignInInput = z.object({
  // Not emailField: any typed address gets the same answer as a wrong password. It is kept (audit, rate limit), so
  // it may not hold control characters.
  email: plainString().trim().min(1, 'validation.required').max(254, 'validation.email'),
  password: z.string().min(1, 'validation.required').max(1000, 'validation.required'),
  redirectTo: z.string().optional(),
})

export async function loader({ request }: Route.LoaderArgs) {
  const state = await getSessionState(request)
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/')
  if (state.kind === 'signed_in') throw redirect(redirectTo)
  if (state.kind === 'awaiting_second_factor')
    throw redirect(`/logg-inn/tofaktor?redirectTo=${encodeURIComponent(redirectTo)}`)
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = await readSubmission(request, SignInInput)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const { email, password } = submission.data
  const redirectTo = safeRedirect(submission.data.redirectTo, '/')
  const result = await authenticate(email, password, context.clientIp)
  if (!result.ok) return answerRefusal(result, submission.values)
  const { userId, twoFactorEnabled } = result.value
  const session = await createSession(userId, {
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent') ?? '',
    twoFactorVerified: !twoFactorEnabled,
  })
  const headers = { 'Set-Cookie': sessionCookie(request, session.token) }
  if (twoFactorEnabled) {
    return redirect(`/logg-inn/tofaktor?redirectTo=${encodeURIComponent(redirectTo)}`, { headers })
  }
  await audit({
    action: 'auth.sign_in',
    actorUserId: userId,
    target: { type: 'user', id: userId },
    ip: context.clientIp,
  })
  return redirect(redirectTo, { headers })
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const [params] = useSearchParams()
  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>{t('signIn.title')}</Title>
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <Stack gap="md">
            <FormErrorSummary show={form.hasErrors} message={form.formError} />
            <input type="hidden" name="redirectTo" value={form.value('redirectTo', params.get('redirectTo') ?? '')} />
            <TextInput
              label={t('signIn.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={form.value('email')}
              error={form.error('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              name="password"
              autoComplete="current-password"
              required
              error={form.error('password')}
            />
            <Button type="submit">{t('signIn.submit')}</Button>
            <Anchor component={Link} to="/logg-inn/glemt">
              {t('forgot.link')}
            </Anchor>
          </Stack>
        </Form>
      </Paper>
      <Text>
        {t('signIn.noAccount')}{' '}
        <Anchor component={Link} to="/registrer">
          {t('signIn.signUpLink')}
        </Anchor>
      </Text>
    </Stack>
  )
}
