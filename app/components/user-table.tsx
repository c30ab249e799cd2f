import { Button, Group, NativeSelect, Table, Text, TextInput, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { Pagination } from '~/components/pagination'
import { USER_ROLES } from '~/domain/user-roles'
import type { UserListFilter } from '~/forms/users'
import { useT } from '~/i18n/use-translation'
import type { UserRole } from '../../db/schema'

export type UserRow = {
  id: number
  name: string
  email: string
  organisationName: string
  role: UserRole
}

/** A column after name, e-mail, organisation and role: its header and its cell. */
export type UserColumn<U> = { header: string; cell: (user: U) => ReactNode }

/**
 * The searchable, paged user list of the admin page and the coordinators' account tools: search and role filter
 * (a plain GET form), name, e-mail, organisation and role, then the page's own columns. `roleCell` replaces the plain
 * role name (the admin page adds its role change there).
 */
export function UserTable<U extends UserRow>({
  users,
  filter,
  headingId,
  minWidth,
  roleCell,
  columns,
}: {
  users: { items: readonly U[]; total: number; pageCount: number }
  filter: UserListFilter
  headingId: string
  minWidth: number
  roleCell?: (user: U) => ReactNode
  columns: readonly UserColumn<U>[]
}) {
  const t = useT()
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        {t('admin.total', { count: users.total })}
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
              ...USER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
            ]}
          />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
        </Group>
      </Form>
      {users.items.length === 0 ? (
        <Text>{t('admin.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.col.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.col.email')}</Table.Th>
                <Table.Th scope="col">{t('admin.col.organisation')}</Table.Th>
                <Table.Th scope="col">{t('admin.col.role')}</Table.Th>
                {columns.map((c) => (
                  <Table.Th scope="col" key={c.header}>
                    {c.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.organisationName}</Table.Td>
                  <Table.Td>{roleCell ? roleCell(u) : t(`role.${u.role}`)}</Table.Td>
                  {columns.map((c) => (
                    <Table.Td key={c.header}>{c.cell(u)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pagination page={filter.side} pageCount={users.pageCount} />
    </section>
  )
}
