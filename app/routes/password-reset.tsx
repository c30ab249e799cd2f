import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { Form, Link } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { NewPasswordFields } from '~/components/new-password-fields'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { emailLinkTarget, resetPassword } from '~/models/email-links.server'
import { confirmPasswordField, newPasswordField, plainString } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { clearSessionCookie } from '~/utils/session.server'
import type { Route } from './+types/password-reset'

// The link from the reset e-mail: a new password, once, within the hour; every session of the account ends.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'reset.title')

// The page carries a secret link (the token in its URL and form): never stored by the public page cache or any other
// shared cache, and never shown again after the link is used or replaced.
export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

const ResetInput = z.object({
  token: plainString().max(100),
  password: newPasswordField,
  confirmPassword: confirmPasswordField,
})

export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const target = await emailLinkTarget(token, 'password_reset')
  return { token: target ? token : null, email: target?.email ?? null }
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = await readSubmission(request, ResetInput)
  if (!submission.ok) return answerRefusal(submission.refusal, { token: submission.values.token ?? '' })
  const result = await resetPassword(submission.data, context.clientIp)
  // Never echo the passwords back.
  if (!result.ok) return answerRefusal(result, { token: submission.data.token })
  // Whoever used the link is signed out here too: they sign in with the new password (and their second factor).
  return redirectWithFlash('/logg-inn', { key: 'reset.done' }, { 'Set-Cookie': clearSessionCookie(request) })
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const token = loaderData.token
  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>{t('reset.title')}</Title>
      {token && loaderData.email ? (
        <>
          <Text>{t('reset.intro')}</Text>
          <Paper withBorder p="lg">
            <Form method="post" noValidate>
              <Stack gap="md">
                <FormErrorSummary show={form.hasErrors} message={form.formError} />
                <input type="hidden" name="token" value={token} />
                <TextInput
                  label={t('signIn.email')}
                  name="username"
                  autoComplete="username"
                  value={loaderData.email}
                  readOnly
                />
                <NewPasswordFields
                  label="reset.newPassword"
                  confirmLabel="reset.confirmPassword"
                  error={form.error}
                  required
                />
                <Button type="submit">{t('reset.submit')}</Button>
              </Stack>
            </Form>
          </Paper>
        </>
      ) : (
        <Alert color="red" variant="light" role="alert">
          {t('reset.invalid')}
        </Alert>
      )}
      <Anchor component={Link} to="/logg-inn/glemt">
        {t('reset.requestNew')}
      </Anchor>
    </Stack>
  )
}
