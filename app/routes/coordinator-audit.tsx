import { Anchor, Button, Group, List, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { Form, Link } from 'react-router'
import { z } from 'zod'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { pageTitle } from '~/i18n/meta'
import { messagesFor, type MessageKey } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import type { AuditValue } from '~/domain/audit-changes'
import { listAuditLog, type AuditEntry, type AuditSubject } from '~/models/audit-log.server'
import { canViewAuditLog } from '~/policy'
import { auditActions } from '~/utils/audit.server'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { dateField, optionalEnumField, optionalText, pageParam } from '~/utils/fields'
import type { Route } from './+types/coordinator-audit'
import { redirectPastLastPage } from '~/utils/params'

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
  redirectPastLastPage(request, { side: log })
  return { log, filter, actions: auditActions }
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const label = useAuditLabel()
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
              ...loaderData.actions.map((a) => ({ value: a, label: label(`auditEvent.${a}`, a) })),
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
                <Table.Th scope="col">{t('audit.col.event')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-event={r.action}>
                  <Table.Td>
                    <DateTime iso={r.at} />
                  </Table.Td>
                  <Table.Td>
                    <AuditSentence entry={r} />
                  </Table.Td>
                  <Table.Td>{r.actorName ? `${r.actorName} (${r.actorEmail})` : t('audit.system')}</Table.Td>
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

/** A message by a key built from data (an event or field code), or the code itself when there is no message. */
function useAuditLabel() {
  const t = useT()
  const messages = messagesFor(useLocale())
  return (key: string, fallback: string, vars?: Record<string, string | number>) =>
    key in messages ? t(key as MessageKey, vars) : fallback
}

function AuditSentence({ entry }: { entry: AuditEntry }) {
  const t = useT()
  const label = useAuditLabel()
  const value = (v: AuditValue) =>
    v === null
      ? t('audit.empty.value')
      : typeof v === 'boolean'
        ? t(v ? 'audit.yes' : 'audit.no')
        : Array.isArray(v)
          ? v.join(', ') || t('audit.empty.value')
          : String(v)
  return (
    <Stack gap={4}>
      <Text size="sm">
        {label(`auditEvent.${entry.action}`, entry.action)}
        {entry.subject ? (
          <>
            {' '}
            <AuditSubjectText subject={entry.subject} />
          </>
        ) : null}
        .
      </Text>
      {entry.outcome ? (
        <Text size="sm">{t('audit.outcome', { outcome: label(`outcome.${entry.outcome}`, entry.outcome) })}</Text>
      ) : null}
      {entry.reason ? <Text size="sm">{t('audit.reason', { reason: entry.reason })}</Text> : null}
      {entry.changes.length > 0 ? (
        <List size="sm" spacing={2}>
          {entry.changes.map((c) => {
            const field = label(`auditField.${c.field}`, c.field)
            return (
              <List.Item key={c.field}>
                {'changed' in c
                  ? t('audit.changeHidden', { field })
                  : t('audit.change', { field, from: value(c.from), to: value(c.to) })}
              </List.Item>
            )
          })}
        </List>
      ) : null}
    </Stack>
  )
}

function AuditSubjectText({ subject }: { subject: AuditSubject }) {
  const t = useT()
  const text = (() => {
    switch (subject.kind) {
      case 'product':
      case 'person':
      case 'organisation':
      case 'category':
      case 'criterion':
        return subject.name
      case 'version':
        return t('audit.subject.version', { product: subject.product, version: subject.version })
      case 'procurement':
        return `«${subject.title}»`
      case 'report':
        return t('audit.subject.report', { municipality: subject.municipality, procurement: subject.procurement })
      case 'reply':
        return t('audit.subject.reply', {
          supplier: subject.supplier,
          municipality: subject.municipality,
          procurement: subject.procurement,
        })
    }
  })()
  return 'href' in subject ? (
    <Anchor component={Link} to={subject.href} size="sm">
      {text}
    </Anchor>
  ) : (
    <>{text}</>
  )
}
