import { Alert, Anchor, Button, Code, Image, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { StepUpField } from '~/components/step-up-field'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { decodeBase64, encodeBase64 } from '@oslojs/encoding'
import { confirmEnrolment } from '~/models/two-factor.server'
import { needsStepUp, requireViewer, stepUp } from '~/utils/auth.server'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { invalidateOtherSessions, markSessionTwoFactorVerified } from '~/utils/session.server'
import { generateTotpKey, totpSetup } from '~/utils/totp.server'
import type { Route } from './+types/account-two-factor'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'twoFactor.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  if (viewer.twoFactorEnabled) return { enabled: true as const }
  const key = generateTotpKey()
  const setup = totpSetup(key, viewer.email)
  return {
    enabled: false as const,
    qrDataUrl: setup.qrDataUrl,
    secret: setup.secret,
    key: encodeBase64(key),
    stepUpNeeded: await needsStepUp(request),
  }
}

// A 20-byte key in base64.
const ENCODED_KEY = /^[A-Za-z0-9+/]{27}=$/

const CodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'validation.code'),
  key: z.string().regex(ENCODED_KEY, 'twoFactor.invalid'),
  // Step-up: a stolen session alone must not turn two-factor on (the thief's key would lock the owner out).
  stepUpSecret: z.string().max(1000).optional(),
})

/** The set-up of the key the form sent back: a refused code shows the same key again (a reload would make a new
 * one, and the authenticator app would hold the wrong key). */
function setupAgain(encodedKey: string | undefined, email: string) {
  if (!encodedKey || !ENCODED_KEY.test(encodedKey)) return null
  const { qrDataUrl, secret } = totpSetup(decodeBase64(encodedKey), email)
  return { qrDataUrl, secret, key: encodedKey }
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const submission = await readSubmission(request, CodeInput)
  const setup = setupAgain(submission.values.key, viewer.email)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values, { setup })
  const stepped = await stepUp(request, viewer, submission.data.stepUpSecret, context.clientIp)
  if (!stepped.ok) return answerRefusal(stepped, submission.values, { setup })
  const key = decodeBase64(submission.data.key)
  const enrolled = await confirmEnrolment(viewer.userId, key, submission.data.code, context.clientIp)
  if (!enrolled.ok) return answerRefusal(enrolled, submission.values, { setup })
  await markSessionTwoFactorVerified(viewer.sessionId)
  await invalidateOtherSessions(viewer.userId, viewer.sessionId)
  return data({ recoveryCodes: enrolled.value })
}

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null
  if (recoveryCodes) {
    return (
      <Stack maw={560} gap="lg">
        <Title order={1}>{t('twoFactor.enabledTitle')}</Title>
        <Alert color="yellow" variant="light">
          {t('twoFactor.recoveryIntro')}
        </Alert>
        <List aria-label={t('twoFactor.enabledTitle')}>
          {recoveryCodes.map((c) => (
            <List.Item key={c}>
              <Code fz="md">{c}</Code>
            </List.Item>
          ))}
        </List>
        <Anchor component={Link} to="/konto" reloadDocument>
          {t('twoFactor.continue')}
        </Anchor>
      </Stack>
    )
  }
  const setup =
    (actionData && 'setup' in actionData ? actionData.setup : null) ?? (loaderData.enabled ? null : loaderData)
  if (!setup) {
    return (
      <Stack maw={560} gap="lg">
        <Title order={1}>{t('twoFactor.title')}</Title>
        <Text>{t('twoFactor.alreadyOn')}</Text>
        <Anchor component={Link} to="/konto">
          {t('account.title')}
        </Anchor>
      </Stack>
    )
  }
  return (
    <Stack maw={560} gap="lg">
      <Title order={1}>{t('twoFactor.title')}</Title>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Text>{t('twoFactor.step1')}</Text>
          <Image src={setup.qrDataUrl} alt={t('twoFactor.qrAlt')} w={220} h={220} />
          <Text size="sm">{t('twoFactor.secret')}:</Text>
          <Code fz="md" data-testid="totp-secret">
            {setup.secret}
          </Code>
          <Text>{t('twoFactor.step2')}</Text>
          <Form method="post" noValidate>
            <Stack gap="sm" maw={260}>
              <FormErrorSummary show={form.hasErrors} />
              <input type="hidden" name="key" value={setup.key} />
              <TextInput
                label={t('secondFactor.code')}
                name="code"
                autoComplete="one-time-code"
                inputMode="numeric"
                error={form.error('code')}
              />
              <StepUpField needed={!loaderData.enabled && loaderData.stepUpNeeded} error={form.error('stepUpSecret')} />
              <div>
                <Button type="submit">{t('twoFactor.confirm')}</Button>
              </div>
            </Stack>
          </Form>
        </Stack>
      </Paper>
    </Stack>
  )
}
