import { Anchor, Button, Group, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { DateTime, formatDate } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { NewPasswordFields } from '~/components/new-password-fields'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { changeName, changePassword, getAccount } from '~/models/accounts.server'
import { disableTwoFactor, remainingRecoveryCodes } from '~/models/two-factor.server'
import { ownFlags } from '~/models/moderation-notices.server'
import { canTurnOffTwoFactor } from '~/policy'
import { audit } from '~/utils/audit.server'
import { requireViewer, stepUp } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { invalidFields } from '~/utils/refusal'
import { answerRefusal } from '~/utils/refusal.server'
import { newPasswordErrors } from '~/utils/password-rules.server'
import {
  clearSessionCookie,
  createSession,
  invalidateUserSessions,
  listUserSessions,
  sessionCookie,
} from '~/utils/session.server'
import { confirmPasswordField, newPasswordField, personNameField } from '~/utils/fields'
import type { Route } from './+types/account'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'account.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const [account, sessions, recoveryCodes, flags] = await Promise.all([
    getAccount(viewer.userId),
    listUserSessions(viewer.userId),
    remainingRecoveryCodes(viewer.userId),
    ownFlags(viewer),
  ])
  return {
    account: {
      name: account.name,
      email: account.email,
      role: account.role,
      status: account.status,
      organisationName: account.organisationName,
      twoFactorSince: account.totp_enabled_at,
    },
    recoveryCodes,
    flags,
    mayTurnOffTwoFactor: canTurnOffTwoFactor(viewer),
    sessions: sessions.map((s) => ({
      current: s.id === viewer.sessionId,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      userAgent: s.user_agent,
    })),
  }
}

const NameInput = z.object({ name: personNameField })
const PasswordChange = z.object({
  currentPassword: z.string().min(1, 'validation.required'),
  newPassword: newPasswordField,
  confirmPassword: confirmPasswordField,
})
const DisableTwoFactor = z.object({ password: z.string().min(1, 'validation.required') })

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  const ip = context.clientIp
  switch (form.get('intent')) {
    case 'name': {
      const submission = parseSubmission(form, NameInput)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      await changeName(viewer.userId, submission.data.name, ip)
      return redirectWithFlash('/konto', { key: 'account.nameSaved' })
    }
    case 'password': {
      const submission = parseSubmission(form, PasswordChange)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const { currentPassword, newPassword, confirmPassword } = submission.data
      const errors = newPasswordErrors(newPassword, confirmPassword, viewer.email, {
        password: 'newPassword',
        confirm: 'confirmPassword',
      })
      if (Object.keys(errors).length > 0) return answerRefusal(invalidFields(errors), submission.values)
      // The current password is the step-up; checked through its rate limit, so a stolen session cannot guess it.
      const stepped = await stepUp(request, viewer, currentPassword, ip, 'currentPassword')
      if (!stepped.ok) return answerRefusal(stepped, submission.values)
      if (!(await changePassword(viewer.userId, currentPassword, newPassword, ip))) {
        return answerRefusal(invalidFields({ currentPassword: 'validation.password.wrongCurrent' }), submission.values)
      }
      // Every session ended, this one too; the person who just proved the password gets a fresh one.
      const session = await createSession(viewer.userId, {
        ip,
        userAgent: request.headers.get('user-agent') ?? '',
        twoFactorVerified: true,
      })
      return redirectWithFlash(
        '/konto',
        { key: 'account.passwordChanged' },
        { 'Set-Cookie': sessionCookie(request, session.token) },
      )
    }
    case 'signOutEverywhere': {
      await invalidateUserSessions(viewer.userId)
      await audit({
        action: 'auth.sign_out_everywhere',
        actorUserId: viewer.userId,
        target: { type: 'user', id: viewer.userId },
        ip,
      })
      return redirectWithFlash('/logg-inn', { key: 'signIn.signedOut' }, { 'Set-Cookie': clearSessionCookie(request) })
    }
    case 'disableTwoFactor': {
      const submission = parseSubmission(form, DisableTwoFactor)
      if (!canTurnOffTwoFactor(viewer)) {
        return answerRefusal(invalidFields({ password: 'account.twoFactor.required' }), submission.values)
      }
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      // Always the password (or a code) again, through the step-up's rate limit.
      const stepped = await stepUp(request, viewer, submission.data.password, ip, 'password')
      if (!stepped.ok) return answerRefusal(stepped, submission.values)
      await disableTwoFactor(viewer.userId, ip)
      return redirectWithFlash('/konto', { key: 'account.twoFactor.disabled' })
    }
    default:
      throw redirect('/konto')
  }
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { account, sessions } = loaderData
  const locale = useLocale()
  return (
    <Stack gap="xl" maw={860}>
      <Title order={1}>{t('account.title')}</Title>
      <Anchor component={Link} to="/konto/varsler">
        {t('notifications.link')}
      </Anchor>
      <FormErrorSummary show={form.hasErrors} />
      <Paper withBorder p="lg" component="section" aria-labelledby="profile">
        <Title order={2} size="h3" id="profile" mb="sm">
          {t('account.profile')}
        </Title>
        <Stack gap={4} mb="md">
          <Text>
            {account.email} · {t('account.organisation')}: {account.organisationName}
          </Text>
          <Group gap="xs">
            <Text>{t('account.role')}:</Text>
            <StatusBadge tone="info">{t(`role.${account.role}`)}</StatusBadge>
            <Text>{t('account.status')}:</Text>
            <StatusBadge tone={account.status === 'verified' ? 'positive' : 'caution'}>
              {t(`status.${account.status}`)}
            </StatusBadge>
          </Group>
        </Stack>
        <Form method="post">
          <input type="hidden" name="intent" value="name" />
          <Group align="flex-end">
            <TextInput
              label={t('account.name')}
              name="name"
              autoComplete="name"
              defaultValue={form.value('name', account.name)}
              error={form.error('name')}
            />
            <Button type="submit" variant="light">
              {t('account.saveName')}
            </Button>
          </Group>
        </Form>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="password">
        <Title order={2} size="h3" id="password" mb="xs">
          {t('account.password')}
        </Title>
        <Text size="sm" mb="md">
          {t('account.passwordChangeNote')}
        </Text>
        <Form method="post">
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="username" value={account.email} autoComplete="username" />
          <Stack gap="sm" maw={400}>
            <PasswordInput
              label={t('account.currentPassword')}
              name="currentPassword"
              autoComplete="current-password"
              error={form.error('currentPassword')}
            />
            <NewPasswordFields
              label="account.newPassword"
              confirmLabel="account.confirmPassword"
              name="newPassword"
              error={form.error}
            />
            <div>
              <Button type="submit">{t('account.changePassword')}</Button>
            </div>
          </Stack>
        </Form>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="two-factor">
        <Title order={2} size="h3" id="two-factor" mb="xs">
          {t('account.twoFactor')}
        </Title>
        {account.twoFactorSince ? (
          <Stack gap="sm">
            <Text>
              {t('account.twoFactor.on', {
                date: account.twoFactorSince.slice(0, 10),
                count: loaderData.recoveryCodes,
              })}
            </Text>
            {loaderData.mayTurnOffTwoFactor ? (
              <Form method="post">
                <input type="hidden" name="intent" value="disableTwoFactor" />
                <Group align="flex-end">
                  <PasswordInput
                    label={t('account.twoFactor.disableConfirm')}
                    name="password"
                    autoComplete="current-password"
                    error={form.error('password')}
                  />
                  <Button type="submit" variant="outline" color="red.9">
                    {t('account.twoFactor.disable')}
                  </Button>
                </Group>
              </Form>
            ) : (
              <Text size="sm">{t('account.twoFactor.required')}</Text>
            )}
          </Stack>
        ) : (
          <Stack gap="sm" align="flex-start">
            <Text>{t('account.twoFactor.off')}</Text>
            <Anchor component={Link} to="/konto/tofaktor">
              {t('account.twoFactor.manage')}
            </Anchor>
          </Stack>
        )}
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="personal-data">
        <Title order={2} size="h3" id="personal-data" mb="xs">
          {t('account.data.title')}
        </Title>
        <Text size="sm" mb="md">
          {t('account.data.intro')}
        </Text>
        <Anchor href="/konto/mine-data" download>
          {t('account.data.download')}
        </Anchor>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="sessions">
        <Title order={2} size="h3" id="sessions" mb="sm">
          {t('account.sessions')}
        </Title>
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('account.sessions.started')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.lastSeen')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.ip')}</Table.Th>
                <Table.Th scope="col">{t('account.sessions.browser')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.map((s) => (
                <Table.Tr key={s.createdAt + s.ip + s.userAgent}>
                  <Table.Td>
                    <DateTime iso={s.createdAt} />{' '}
                    {s.current ? <StatusBadge tone="positive">{t('account.sessions.current')}</StatusBadge> : null}
                  </Table.Td>
                  <Table.Td>
                    <DateTime iso={s.lastSeenAt} />
                  </Table.Td>
                  <Table.Td>{s.ip}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {s.userAgent || '–'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Form method="post">
          <input type="hidden" name="intent" value="signOutEverywhere" />
          <ConfirmSubmit confirm={t('account.signOutEverywhere.confirm')} variant="outline" color="red.9" mt="md">
            {t('account.signOutEverywhere')}
          </ConfirmSubmit>
        </Form>
      </Paper>

      {loaderData.flags.length > 0 ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="own-flags">
          <Title order={2} size="h3" id="own-flags" mb="xs">
            {t('moderation.ownFlags.title')}
          </Title>
          <Text size="sm" mb="sm">
            {t('moderation.ownFlags.lead')}
          </Text>
          <Stack gap="sm">
            {loaderData.flags.map((f) => (
              <Stack gap={2} key={f.id}>
                <Text size="sm" fw={600}>
                  {t(`moderation.ownFlags.item.${f.targetType}`, { date: formatDate(f.flaggedAt, locale) })}
                </Text>
                <Text size="sm">
                  {f.status === 'open'
                    ? t('moderation.ownFlags.open')
                    : t(`moderation.ownFlags.${f.status}`, {
                        date: formatDate(f.decidedAt ?? f.flaggedAt, locale),
                        reason: f.decisionReason ?? '',
                      })}
                </Text>
                {f.restored ? (
                  <Text size="sm">
                    {t('moderation.ownFlags.restored', {
                      date: formatDate(f.restored.at, locale),
                      reason: f.restored.reason,
                    })}
                  </Text>
                ) : null}
                {f.procurementId && f.experienceId ? (
                  <Anchor
                    component={Link}
                    to={`/anskaffelser/${f.procurementId}#experience-${f.experienceId}`}
                    size="sm"
                  >
                    {t('moderation.ownFlags.open.link')}
                  </Anchor>
                ) : null}
              </Stack>
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  )
}
