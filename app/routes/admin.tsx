import { Anchor, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { StepUpPanel } from '~/components/step-up-field'
import { UserTable } from '~/components/user-table'
import { STEP_UP_MINUTES } from '~/domain/account-security'
import { UserListFilter } from '~/forms/users'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { createStaffUser } from '~/models/accounts.server'
import { changeStaffRole, listUsers } from '~/models/users.server'
import { canManageUsers } from '~/policy'
import { assertAllowed, needsStepUp, requireViewer, stepUp } from '~/utils/auth.server'
import { emailField, enumField, idField, newPasswordField, personNameField } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { answerStepUpIntent } from '~/utils/step-up.server'
import type { Route } from './+types/admin'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'admin.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canManageUsers(viewer))
  const filter = UserListFilter.parse(Object.fromEntries(new URL(request.url).searchParams))
  const users = await listUsers({ q: filter.q ?? undefined, role: filter.rolle ?? undefined, page: filter.side })
  redirectPastLastPage(request, { side: users })
  return { users, filter, selfId: viewer.userId, stepUpNeeded: await needsStepUp(request) }
}

const CreateCoordinator = z.object({ name: personNameField, email: emailField, password: newPasswordField })
const ChangeRole = z.object({ userId: idField(), role: enumField(['coordinator', 'admin'] as const) })

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canManageUsers(viewer))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  switch (form.get('intent')) {
    case 'stepUp':
      return answerStepUpIntent(request, viewer, form, context.clientIp, '/admin')
    case 'createCoordinator': {
      const submission = parseSubmission(form, CreateCoordinator)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      // Step-up, as for a role change: a stolen admin session alone must not mint a staff account whose password the
      // thief chose (a coordinator reaches every dossier and the account tools).
      const stepped = await stepUp(request, viewer, null, context.clientIp)
      if (!stepped.ok) return answerRefusal(stepped, submission.values)
      const created = await createStaffUser(
        { userId: viewer.userId, ip: context.clientIp },
        { ...submission.data, role: 'coordinator' },
      )
      if (!created.ok) return answerRefusal(created, submission.values)
      return redirectWithFlash('/admin', { key: 'admin.coordinatorCreated' })
    }
    case 'changeRole': {
      const submission = parseSubmission(form, ChangeRole)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      // Step-up: a stolen admin session alone must not hand out admin rights.
      const stepped = await stepUp(request, viewer, null, context.clientIp)
      if (!stepped.ok) return answerRefusal(stepped, submission.values)
      const changed = await changeStaffRole(viewer, submission.data, context.clientIp)
      if (!changed.ok) return answerRefusal(changed, submission.values)
      return redirectWithFlash('/admin', { key: 'admin.roleChanged' })
    }
    default:
      throw redirect('/admin')
  }
}

export default function Admin({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { users, filter, selfId } = loaderData
  return (
    <Stack gap="xl">
      <Title order={1}>{t('admin.title')}</Title>
      <Anchor component={Link} to="/admin/utboks">
        {t('outbox.nav')}
      </Anchor>
      <StepUpPanel needed={loaderData.stepUpNeeded} error={form.error('stepUpSecret')} minutes={STEP_UP_MINUTES} />
      <Paper withBorder p="lg" component="section" aria-labelledby="create">
        <Title order={2} size="h3" id="create" mb="xs">
          {t('admin.createCoordinator')}
        </Title>
        <Text size="sm" mb="md">
          {t('admin.createCoordinator.intro')}
        </Text>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="createCoordinator" />
          <Stack gap="sm" maw={420}>
            <FormErrorSummary show={form.hasErrors} />
            <TextInput
              label={t('signUp.name')}
              name="name"
              autoComplete="off"
              defaultValue={form.value('name')}
              error={form.error('name')}
            />
            <TextInput
              label={t('signIn.email')}
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={form.value('email')}
              error={form.error('email')}
            />
            <PasswordInput
              label={t('admin.initialPassword')}
              description={t('signUp.password.description')}
              name="password"
              autoComplete="new-password"
              error={form.error('password')}
            />
            <div>
              <Button type="submit">{t('admin.createCoordinator')}</Button>
            </div>
          </Stack>
        </Form>
      </Paper>
      <UserTable
        users={users}
        filter={filter}
        headingId="users"
        minWidth={800}
        roleCell={(u) => (
          <Group gap="xs" wrap="nowrap">
            <StatusBadge tone="info">{t(`role.${u.role}`)}</StatusBadge>
            {(u.role === 'coordinator' || u.role === 'admin') && u.id !== selfId ? (
              <Form method="post">
                <input type="hidden" name="intent" value="changeRole" />
                <input type="hidden" name="userId" value={u.id} />
                <input type="hidden" name="role" value={u.role === 'admin' ? 'coordinator' : 'admin'} />
                <Button
                  type="submit"
                  size="compact-xs"
                  variant="subtle"
                  aria-label={`${t(u.role === 'admin' ? 'admin.makeCoordinator' : 'admin.makeAdmin')}: ${u.name}`}
                >
                  {t(u.role === 'admin' ? 'admin.makeCoordinator' : 'admin.makeAdmin')}
                </Button>
              </Form>
            ) : null}
          </Group>
        )}
        columns={[
          { header: t('admin.col.status'), cell: (u) => t(`status.${u.status}`) },
          { header: t('admin.col.twoFactor'), cell: (u) => (u.twoFactorSince ? t('common.yes') : t('common.no')) },
        ]}
      />
    </Stack>
  )
}
