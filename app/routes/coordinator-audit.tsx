import { Button, Code, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { Form } from 'react-router'
import { z } from 'zod'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { listAuditLog } from '~/models/audit-log.server'
import { canViewAuditLog } from '~/policy'
import { auditActions } from '~/utils/audit.server'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { dateField, optionalEnumField, optionalText, pageParam } from '~/utils/fields'
import type { Route } from './+types/coordinator-audit'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'audit.title')

const Filter = z.object({
  hendelse: optionalEnumField(auditActions).catch(null),
  utfort: optionalText(254).catch(null),
  fra: dateField().catch(null),
  til: dateField().catch(null),
  side: pageParam,
})

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canViewAuditLog(viewer))
  const filter = Filter.parse(Object.fromEntries(new URL(request.url).searchParams))
  const log = await listAuditLog({
    action: filter.hendelse ?? undefined,
    actor: filter.utfort ?? undefined,
    from: filter.fra ?? undefined,
    to: filter.til ?? undefined,
    page: filter.side,
  })
  return { log, filter, actions: auditActions }
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { log, filter } = loaderData
  const { items: rows, total, pageCount } = log
  return (
    <Stack gap="lg">
      <CoordinatorNav />
      <Title order={1}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      <Form method="get">
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('audit.filter.action')}
            name="hendelse"
            defaultValue={filter.hendelse ?? ''}
            data={[
              { value: '', label: t('audit.filter.anyAction') },
              ...loaderData.actions.map((a) => ({ value: a, label: a })),
            ]}
          />
          <TextInput label={t('audit.filter.actor')} name="utfort" defaultValue={filter.utfort ?? ''} />
          <TextInput label={t('audit.filter.from')} name="fra" type="date" defaultValue={filter.fra ?? ''} />
          <TextInput label={t('audit.filter.to')} name="til" type="date" defaultValue={filter.til ?? ''} />
          <Button type="submit" variant="light">
            {t('audit.filter.submit')}
          </Button>
        </Group>
      </Form>
      <Text size="sm">{t('audit.total', { count: total })}</Text>
      {rows.length === 0 ? (
        <Text>{t('audit.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.col.time')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.target')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.details')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <DateTime iso={r.at} />
                  </Table.Td>
                  <Table.Td>
                    <Code>{r.action}</Code>
                  </Table.Td>
                  <Table.Td>{r.actorName ? `${r.actorName} (${r.actorEmail})` : '–'}</Table.Td>
                  <Table.Td>{r.targetType ? `${r.targetType} ${r.targetId}` : '–'}</Table.Td>
                  <Table.Td>
                    <Text size="xs" style={{ wordBreak: 'break-word' }}>
                      {r.details === '{}' ? '' : r.details}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.ip ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pagination page={filter.side} pageCount={pageCount} />
    </Stack>
  )
}
