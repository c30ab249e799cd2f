import { Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { requestPasswordReset } from '~/models/email-links.server'
import { getSessionState } from '~/utils/auth.server'
import { plainString } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { useRootData } from '~/utils/root-data'
import type { Route } from './+types/password-forgot'

// "Glemt passord?" (docs/domain.md, "E-mail and notifications"): the same answer whether or not the address has an
// account; the link arrives by e-mail.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'forgot.title')

const ForgotInput = z.object({
  // Not emailField: whatever is typed gets the same answer as a known address.
  email: plainString().trim().min(1, 'validation.required').max(254, 'validation.email'),
})

export async function loader({ request }: Route.LoaderArgs) {
  const state = await getSessionState(request)
  if (state.kind === 'signed_in') throw redirect('/konto')
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  // Signed in: change the password on /konto instead (as the page itself says by sending you there).
  if ((await getSessionState(request)).kind === 'signed_in') throw redirect('/konto')
  const submission = await readSubmission(request, ForgotInput)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const result = await requestPasswordReset(submission.data.email, context.clientIp)
  if (!result.ok) return answerRefusal(result, submission.values)
  return redirectWithFlash('/logg-inn', { key: 'forgot.sent' })
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const mailInOutbox = useRootData()?.mailInOutbox
  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>{t('forgot.title')}</Title>
      <Text>{t('forgot.intro')}</Text>
      {mailInOutbox ? <Text>{t('mail.demoOutbox')}</Text> : null}
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <Stack gap="md">
            <FormErrorSummary show={form.hasErrors} message={form.formError} />
            <TextInput
              label={t('forgot.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={form.value('email')}
              error={form.error('email')}
            />
            <Button type="submit">{t('forgot.submit')}</Button>
          </Stack>
        </Form>
      </Paper>
      <Anchor component={Link} to="/logg-inn">
        {t('signIn.title')}
      </Anchor>
    </Stack>
  )
}
