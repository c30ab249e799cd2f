import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import { DateTime } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { StatusBadge } from '~/components/status-badge'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { listOutgoingEmail, retryEmail } from '~/models/outbound-email.server'
import { canReadOutbox } from '~/policy'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { idField, optionalEnumField, pageParam } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal, valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/admin-outbox'
import { redirectPastLastPage } from '~/utils/params'

// /admin/utboks: every outgoing message, the demo outbox (follow a reset link from here), and failures to retry.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'outbox.title')

const Filter = z.object({ vis: optionalEnumField(['feilet'] as const).catch(null), side: pageParam })
const Retry = z.object({ id: idField() })

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canReadOutbox(viewer))
  const filter = Filter.parse(Object.fromEntries(new URL(request.url).searchParams))
  const result = valueOrThrow(
    await listOutgoingEmail(viewer, { failedOnly: filter.vis === 'feilet', page: filter.side }),
  )
  redirectPastLastPage(request, { side: result.messages })
  return { ...result, failedOnly: filter.vis === 'feilet' }
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canReadOutbox(viewer))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  if (read.value.get('intent') !== 'retry') throw redirect('/admin/utboks')
  const submission = parseSubmission(read.value, Retry)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const retried = await retryEmail(viewer, submission.data.id, context.clientIp)
  if (!retried.ok) return answerRefusal(retried, submission.values)
  return redirectWithFlash('/admin/utboks?vis=feilet', { key: 'outbox.retried' })
}

const tone = { queued: 'info', sent: 'positive', outbox: 'neutral', failed: 'negative' } as const

export default function AdminOutbox({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { messages, failed, failedOnly } = loaderData
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('outbox.title')}</Title>
        <Anchor component={Link} to="/admin">
          {t('admin.title')}
        </Anchor>
      </Group>
      <Text maw={860}>{t('outbox.intro')}</Text>
      {failed > 0 ? (
        <Text fw={700} role="status">
          {t('outbox.failedCount', { count: failed })}
        </Text>
      ) : null}
      <Form method="get">
        <Group align="flex-end">
          <NativeSelect
            label={t('outbox.filter')}
            name="vis"
            defaultValue={failedOnly ? 'feilet' : ''}
            data={[
              { value: '', label: t('outbox.filter.all') },
              { value: 'feilet', label: t('outbox.filter.failed') },
            ]}
          />
          <Button type="submit" variant="light">
            {t('outbox.show')}
          </Button>
        </Group>
      </Form>
      {messages.items.length === 0 ? <Text>{t('outbox.empty')}</Text> : null}
      {messages.items.map((m) => (
        <Paper key={m.id} withBorder p="md" component="article" aria-labelledby={`mail-${m.id}`}>
          <Stack gap="xs">
            <Title order={2} size="h4" id={`mail-${m.id}`}>
              {m.subject}
            </Title>
            <Table variant="vertical" layout="fixed" withTableBorder={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={160}>{t('outbox.to')}</Table.Th>
                  <Table.Td>{m.to}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('outbox.created')}</Table.Th>
                  <Table.Td>
                    <DateTime iso={m.createdAt} />
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('outbox.status')}</Table.Th>
                  <Table.Td>
                    <StatusBadge tone={tone[m.status]}>{t(`outbox.status.${m.status}`)}</StatusBadge> ·{' '}
                    {t('outbox.attempts')}: {m.attempts}
                  </Table.Td>
                </Table.Tr>
                {m.lastError ? (
                  <Table.Tr>
                    <Table.Th>{t('outbox.error')}</Table.Th>
                    <Table.Td>{m.lastError}</Table.Td>
                  </Table.Tr>
                ) : null}
              </Table.Tbody>
            </Table>
            {m.text !== null ? (
              <details>
                <summary>{t('outbox.body')}</summary>
                <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  <MessageText text={m.text} />
                </Text>
              </details>
            ) : null}
            {m.status === 'failed' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="retry" />
                <input type="hidden" name="id" value={m.id} />
                <Button type="submit" variant="outline" size="xs">
                  {t('outbox.retry')}
                </Button>
              </Form>
            ) : null}
          </Stack>
        </Paper>
      ))}
      <Pagination page={messages.page} pageCount={messages.pageCount} />
    </Stack>
  )
}

/** The plain-text body with this site's own links made clickable (the demo follows a reset link from here). */
function MessageText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g)
  return (
    <>
      {parts.map((part, i) => {
        if (!/^https?:\/\//.test(part)) return part
        const url = new URL(part)
        return (
          <Anchor key={i} component={Link} to={url.pathname + url.search}>
            {part}
          </Anchor>
        )
      })}
    </>
  )
}
