import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { Form, redirect } from 'react-router'
import { z } from 'zod'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { StatusBadge } from '~/components/status-badge'
import { StepUpPanel } from '~/components/step-up-field'
import { UserTable } from '~/components/user-table'
import { STEP_UP_MINUTES } from '~/domain/account-security'
import { UserListFilter } from '~/forms/users'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { deactivateUser, reactivateUser, resetTwoFactorOf } from '~/models/account-admin.server'
import { listUsers } from '~/models/users.server'
import { canAdministerAccountOf, canAdministerAccounts, type Viewer } from '~/policy'
import { assertAllowed, needsStepUp, requireViewer, stepUp } from '~/utils/auth.server'
import { idField } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { answerStepUpIntent } from '~/utils/step-up.server'
import type { Route } from './+types/coordinator-users'
import { redirectPastLastPage } from '~/utils/params'

// Account tools for coordinators and admins: deactivate, reactivate, reset two-factor (issue 11). Every change needs a
// recent step-up, is checked against the policy in the model and audited.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'users.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAdministerAccounts(viewer))
  const filter = UserListFilter.parse(Object.fromEntries(new URL(request.url).searchParams))
  const users = await listUsers({ q: filter.q ?? undefined, role: filter.rolle ?? undefined, page: filter.side })
  redirectPastLastPage(request, { side: users })
  return {
    filter,
    stepUpNeeded: await needsStepUp(request),
    users: {
      ...users,
      items: users.items.map((u) => ({ ...u, viewerCan: canAdministerAccountOf(viewer, u) })),
    },
  }
}

const Target = z.object({ userId: idField() })

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAdministerAccounts(viewer))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  const ip = context.clientIp
  switch (form.get('intent')) {
    case 'stepUp':
      return answerStepUpIntent(request, viewer, form, ip, '/koordinator/brukere')
    case 'deactivate':
      return changeAccount(request, viewer, form, ip, 'deactivate')
    case 'reactivate':
      return changeAccount(request, viewer, form, ip, 'reactivate')
    case 'resetTwoFactor':
      return changeAccount(request, viewer, form, ip, 'resetTwoFactor')
    default:
      throw redirect('/koordinator/brukere')
  }
}

const changes = {
  deactivate: { run: deactivateUser, flash: 'users.deactivated' },
  reactivate: { run: reactivateUser, flash: 'users.reactivated' },
  resetTwoFactor: { run: resetTwoFactorOf, flash: 'users.twoFactorReset' },
} as const

/** One of the account tools, after a recent step-up; the model checks the policy again. */
async function changeAccount(
  request: Request,
  viewer: Viewer,
  form: FormData,
  ip: string,
  intent: keyof typeof changes,
) {
  const submission = parseSubmission(form, Target)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const stepped = await stepUp(request, viewer, null, ip)
  if (!stepped.ok) return answerRefusal(stepped, submission.values)
  const done = await changes[intent].run(viewer, submission.data.userId, ip)
  if (!done.ok) return answerRefusal(done, submission.values)
  return redirectWithFlash('/koordinator/brukere', { key: changes[intent].flash })
}

export default function CoordinatorUsers({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { users, filter } = loaderData
  return (
    <Stack gap="lg">
      <CoordinatorNav />
      <Title order={1}>{t('users.title')}</Title>
      <Text>{t('users.intro')}</Text>
      <FormErrorSummary show={false} message={form.formError} />
      <StepUpPanel needed={loaderData.stepUpNeeded} error={form.error('stepUpSecret')} minutes={STEP_UP_MINUTES} />
      <UserTable
        users={users}
        filter={filter}
        headingId="user-list"
        minWidth={900}
        columns={[
          {
            header: t('admin.col.twoFactor'),
            cell: (u) => (
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{u.twoFactorSince ? t('common.yes') : t('common.no')}</Text>
                {u.viewerCan && u.twoFactorSince ? (
                  <UserAction intent="resetTwoFactor" userId={u.id} label={t('users.resetTwoFactor')} name={u.name} />
                ) : null}
              </Group>
            ),
          },
          {
            header: t('users.col.account'),
            cell: (u) => (
              <>
                <Group gap="xs" wrap="nowrap">
                  {u.deactivatedAt ? (
                    <StatusBadge tone="caution">
                      {t('users.deactivatedSince', { date: u.deactivatedAt.slice(0, 10) })}
                    </StatusBadge>
                  ) : (
                    <StatusBadge tone="positive">{t('users.active')}</StatusBadge>
                  )}
                  {u.viewerCan ? (
                    <UserAction
                      intent={u.deactivatedAt ? 'reactivate' : 'deactivate'}
                      userId={u.id}
                      label={t(u.deactivatedAt ? 'users.reactivate' : 'users.deactivate')}
                      name={u.name}
                    />
                  ) : null}
                </Group>
                {u.deactivatedAt ? (
                  <Text size="xs" c="dimmed">
                    <DateTime iso={u.deactivatedAt} />
                  </Text>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </Stack>
  )
}

function UserAction({ intent, userId, label, name }: { intent: string; userId: number; label: string; name: string }) {
  const t = useT()
  const ariaLabel = t('users.actionsFor', { action: label, name })
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={userId} />
      {intent === 'reactivate' ? (
        <Button type="submit" size="compact-xs" variant="subtle" aria-label={ariaLabel}>
          {label}
        </Button>
      ) : (
        // Deactivating and resetting two-factor end the person's sessions: ask first.
        <ConfirmSubmit
          confirm={t('users.confirm', { action: label, name })}
          size="compact-xs"
          variant="subtle"
          aria-label={ariaLabel}
        >
          {label}
        </ConfirmSubmit>
      )}
    </Form>
  )
}
