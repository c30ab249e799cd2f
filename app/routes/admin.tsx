import { Button, Group, NativeSelect, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { Form, redirect } from 'react-router'
import { z } from 'zod'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { Pagination } from '~/components/pagination'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { createStaffUser, emailInUse } from '~/models/accounts.server'
import { changeStaffRole, listUsers } from '~/models/users.server'
import { canManageUsers } from '~/policy'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { invalid, parseForm, readForm } from '~/utils/forms.server'
import { newPasswordErrors } from '~/utils/password-rules.server'
import { emailField, pageParam, personNameField } from '~/utils/validation'
import type { Route } from './+types/admin'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'admin.title')

const roles = ['buyer', 'supplier', 'coordinator', 'admin'] as const
const Filter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  rolle: z.enum(roles).optional().catch(undefined),
  side: pageParam,
})

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canManageUsers(viewer))
  const filter = Filter.parse(Object.fromEntries(new URL(request.url).searchParams))
  const result = await listUsers({ q: filter.q || undefined, role: filter.rolle, page: filter.side })
  return { ...result, filter, selfId: viewer.userId }
}

const CreateCoordinator = z.object({ name: personNameField, email: emailField, password: z.string().max(1000) })
const ChangeRole = z.object({ userId: z.coerce.number().int().positive(), role: z.enum(['coordinator', 'admin']) })

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canManageUsers(viewer))
  const form = await readForm(request)
  const actor = { userId: viewer.userId, ip: context.clientIp }
  if (form.intent === 'createCoordinator') {
    const parsed = parseForm(CreateCoordinator, form)
    if (!parsed.ok) return parsed.response
    const errors = newPasswordErrors(parsed.data.password, parsed.data.password, parsed.data.email)
    if (await emailInUse(parsed.data.email)) errors.email = 'validation.emailTaken'
    if (Object.keys(errors).length > 0) return invalid(errors, form)
    await createStaffUser({ ...parsed.data, role: 'coordinator' }, actor)
    return redirectWithFlash('/admin', { key: 'admin.coordinatorCreated' })
  }
  if (form.intent === 'changeRole') {
    const parsed = parseForm(ChangeRole, form)
    if (!parsed.ok) return parsed.response
    // An admin cannot demote themselves: there must always be someone who can manage roles.
    assertAllowed(parsed.data.userId !== viewer.userId)
    if (!(await changeStaffRole(parsed.data.userId, parsed.data.role, actor)))
      return invalid({ role: 'validation.required' })
    return redirectWithFlash('/admin', { key: 'admin.roleChanged' })
  }
  throw redirect('/admin')
}

export default function Admin({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { rows, filter, total, pageCount, selfId } = loaderData
  return (
    <Stack gap="xl">
      <Title order={1}>{t('admin.title')}</Title>
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
      <section aria-labelledby="users">
        <Title order={2} size="h3" id="users" mb="sm">
          {t('admin.total', { count: total })}
        </Title>
        <Form method="get">
          <Group align="flex-end" mb="md" wrap="wrap">
            <TextInput label={t('admin.search')} name="q" defaultValue={filter.q ?? ''} />
            <NativeSelect
              label={t('admin.roleFilter')}
              name="rolle"
              defaultValue={filter.rolle ?? ''}
              data={[
                { value: '', label: t('admin.anyRole') },
                ...roles.map((r) => ({ value: r, label: t(`role.${r}`) })),
              ]}
            />
            <Button type="submit" variant="light">
              {t('common.search')}
            </Button>
          </Group>
        </Form>
        {rows.length === 0 ? (
          <Text>{t('admin.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.col.name')}</Table.Th>
                  <Table.Th scope="col">{t('admin.col.email')}</Table.Th>
                  <Table.Th scope="col">{t('admin.col.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('admin.col.role')}</Table.Th>
                  <Table.Th scope="col">{t('admin.col.status')}</Table.Th>
                  <Table.Th scope="col">{t('admin.col.twoFactor')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.name}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{u.organisationName}</Table.Td>
                    <Table.Td>
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
                    </Table.Td>
                    <Table.Td>{t(`status.${u.status}`)}</Table.Td>
                    <Table.Td>{u.twoFactorSince ? t('common.yes') : t('common.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pagination page={filter.side} pageCount={pageCount} />
      </section>
    </Stack>
  )
}
