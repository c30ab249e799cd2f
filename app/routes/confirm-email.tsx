import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core'
import { Form, redirect } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { confirmEmail, emailLinkTarget, resendEmailConfirmation } from '~/models/email-links.server'
import { getViewer } from '~/utils/auth.server'
import { plainString } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import type { Route } from './+types/confirm-email'

// The link from the sign-up e-mail. Opening it shows a button; confirming is a POST, so a mail scanner that fetches
// links does not confirm on the person's behalf. A signed-in account that is not confirmed asks for the link again
// here too (intent `resend`).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'confirmEmail.title')

// The page carries a secret link (the token in its URL and form): never stored by the public page cache or any other
// shared cache, and never shown again after the link is used or replaced.
export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

const ConfirmInput = z.object({ token: plainString().max(100) })

export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const target = await emailLinkTarget(token, 'email_confirmation')
  return { token: target ? token : null, email: target?.email ?? null }
}

export async function action({ request, context }: Route.ActionArgs) {
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  if (read.value.get('intent') === 'resend') {
    const viewer = await getViewer(request)
    if (!viewer) throw redirect('/logg-inn')
    const result = await resendEmailConfirmation(viewer.userId)
    if (!result.ok) return answerRefusal(result)
    return redirectWithFlash('/konto', { key: 'confirmEmail.resent' })
  }
  const submission = parseSubmission(read.value, ConfirmInput)
  if (!submission.ok) return answerRefusal(submission.refusal)
  const result = await confirmEmail(submission.data.token, context.clientIp)
  if (!result.ok) return answerRefusal(result)
  return redirectWithFlash('/', { key: 'confirmEmail.done' })
}

export default function ConfirmEmail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>{t('confirmEmail.title')}</Title>
      <FormErrorSummary show={false} message={form.formError} />
      {loaderData.token && loaderData.email ? (
        <Paper withBorder p="lg">
          <Form method="post">
            <Stack gap="md">
              <Text>{t('confirmEmail.intro', { email: loaderData.email })}</Text>
              <input type="hidden" name="token" value={loaderData.token} />
              <Button type="submit">{t('confirmEmail.submit')}</Button>
            </Stack>
          </Form>
        </Paper>
      ) : form.formError ? null : (
        <Alert color="red" variant="light" role="alert">
          {t('confirmEmail.invalid')}
        </Alert>
      )}
    </Stack>
  )
}
