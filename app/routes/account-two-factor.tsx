import { Alert, Anchor, Button, Code, Image, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { confirmEnrolment, pendingEnrolmentKey } from '~/models/two-factor.server'
import { requireViewer } from '~/utils/auth.server'
import { invalid, parseForm, readForm } from '~/utils/forms.server'
import { markSessionTwoFactorVerified } from '~/utils/session.server'
import { totpSetup } from '~/utils/totp.server'
import type { Route } from './+types/account-two-factor'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'twoFactor.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  if (viewer.twoFactorEnabled) return { enabled: true as const }
  const setup = totpSetup(await pendingEnrolmentKey(viewer.userId), viewer.email)
  return { enabled: false as const, qrDataUrl: setup.qrDataUrl, secret: setup.secret }
}

const CodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'validation.code') })

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const parsed = parseForm(CodeInput, await readForm(request))
  if (!parsed.ok) return parsed.response
  const codes = await confirmEnrolment(viewer.userId, parsed.data.code, context.clientIp)
  if (!codes) return invalid({ code: 'twoFactor.invalid' })
  await markSessionTwoFactorVerified(viewer.sessionId)
  return data({ recoveryCodes: codes })
}

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null
  if (recoveryCodes) {
    return (
      <Stack maw={560} gap="lg">
        <Title order={1}>{t('twoFactor.enabledTitle')}</Title>
        <Alert color="yellow" variant="light">{t('twoFactor.recoveryIntro')}</Alert>
        <List aria-label={t('twoFactor.enabledTitle')}>
          {recoveryCodes.map((c) => (
            <List.Item key={c}><Code fz="md">{c}</Code></List.Item>
          ))}
        </List>
        <Anchor component={Link} to="/konto" reloadDocument>{t('twoFactor.continue')}</Anchor>
      </Stack>
    )
  }
  if (loaderData.enabled) {
    return (
      <Stack maw={560} gap="lg">
        <Title order={1}>{t('twoFactor.title')}</Title>
        <Text>{t('twoFactor.alreadyOn')}</Text>
        <Anchor component={Link} to="/konto">{t('account.title')}</Anchor>
      </Stack>
    )
  }
  return (
    <Stack maw={560} gap="lg">
      <Title order={1}>{t('twoFactor.title')}</Title>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Text>{t('twoFactor.step1')}</Text>
          <Image src={loaderData.qrDataUrl} alt={t('twoFactor.qrAlt')} w={220} h={220} />
          <Text size="sm">{t('twoFactor.secret')}:</Text>
          <Code fz="md" data-testid="totp-secret">{loaderData.secret}</Code>
          <Text>{t('twoFactor.step2')}</Text>
          <Form method="post" noValidate>
            <Stack gap="sm" maw={260}>
              <FormErrorSummary show={form.hasErrors} />
              <TextInput label={t('secondFactor.code')} name="code" autoComplete="one-time-code" inputMode="numeric" error={form.error('code')} />
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
