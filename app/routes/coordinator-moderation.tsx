import {
  Anchor,
  Blockquote,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { Form, Link } from 'react-router'
import { z } from 'zod'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime, formatDate } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { Pagination } from '~/components/pagination'
import { StatusBadge } from '~/components/status-badge'
import { FLAG_STATUSES } from '~/domain/procurement-rules'
import { ModerationDecisionInput, RestoreInput } from '~/forms/experience'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { decideFlags, restoreContent } from '~/models/moderation.server'
import { moderationLog, moderationQueue } from '~/models/moderation-queue.server'
import { canModerate } from '~/policy/experience'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { pageParam } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal, valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/coordinator-moderation'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'moderation.title')

const Query = z.object({ side: pageParam, logg: pageParam, status: z.enum(FLAG_STATUSES).optional().catch(undefined) })

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canModerate(viewer))
  const q = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [queue, log] = await Promise.all([
    moderationQueue(viewer, { page: q.side, pageSize: 20 }),
    moderationLog(viewer, { page: q.logg, pageSize: 25, status: q.status }),
  ])
  const pages = { queue: valueOrThrow(queue), log: valueOrThrow(log) }
  redirectPastLastPage(request, { side: pages.queue, logg: pages.log })
  return { ...pages, status: q.status ?? '' }
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canModerate(viewer))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  switch (form.get('intent')) {
    case 'restore': {
      const submission = parseSubmission(form, RestoreInput)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await restoreContent(viewer, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash('/koordinator/moderering', { key: 'moderation.restored' })
    }
    default: {
      // The decision form (keep or hide) posts no intent.
      const submission = parseSubmission(form, ModerationDecisionInput)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await decideFlags(viewer, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash('/koordinator/moderering', { key: 'moderation.decided' })
    }
  }
}

export default function Moderation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const form = useFormState(actionData)
  const { queue, log, status } = loaderData
  /** Errors and typed values belong to the one item whose form was sent. */
  const sentFor = (item: { targetType: string; targetId: number }) =>
    form.values?.targetType === item.targetType && form.values.targetId === String(item.targetId)
  return (
    <Stack gap="xl">
      <CoordinatorNav />
      <Stack gap="xs" maw={820}>
        <Title order={1}>{t('moderation.title')}</Title>
        <Text>{t('moderation.lead')}</Text>
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      {queue.items.length === 0 ? <Text>{t('moderation.empty')}</Text> : null}
      <Stack gap="md">
        {queue.items.map((item) => {
          const key = `${item.targetType}-${item.targetId}`
          const e = item.experience
          const title =
            item.targetType === 'reply' && item.reply
              ? t('moderation.target.reply', {
                  supplier: item.reply.supplier.name,
                  municipality: e?.municipality.name ?? '',
                })
              : t('moderation.target.experience', {
                  municipality: e?.municipality.name ?? '',
                  date: e ? formatDate(e.reportDate, locale) : '',
                })
          const text =
            item.targetType === 'reply'
              ? (item.reply?.body ?? '')
              : [e?.workedWell, e?.wasHard, e?.advice].filter(Boolean).join('\n\n')
          const hidden = item.targetType === 'reply' ? item.reply?.moderation?.hidden : e?.moderation?.hidden
          const sent = sentFor(item)
          const error = (field: string) => (sent ? form.error(field) : undefined)
          return (
            <Paper withBorder p="md" key={key} component="article" aria-labelledby={`target-${key}`}>
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap">
                  <Title order={2} size="h4" id={`target-${key}`}>
                    {title}
                  </Title>
                  {hidden ? <StatusBadge tone="negative">{t('moderation.hiddenAlready')}</StatusBadge> : null}
                </Group>
                <Blockquote p="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {text}
                </Blockquote>
                {e ? (
                  <Anchor component={Link} to={`/anskaffelser/${e.procurement.id}`} size="sm">
                    {t('moderation.openProcurement')}: {e.procurement.title}
                  </Anchor>
                ) : null}
                <div>
                  <Text fw={600} size="sm">
                    {t('moderation.flags')}
                  </Text>
                  <Stack gap={4}>
                    {item.openFlags.map((f) => (
                      <Text size="sm" key={f.id}>
                        <DateTime iso={f.createdAt} dateOnly /> ·{' '}
                        {t('moderation.flaggedBy', {
                          name: f.flaggedBy.name,
                          organisation: f.flaggedBy.organisationName,
                        })}
                        : «{f.reason}»
                      </Text>
                    ))}
                  </Stack>
                </div>
                <Form method="post">
                  <input type="hidden" name="targetType" value={item.targetType} />
                  <input type="hidden" name="targetId" value={item.targetId} />
                  <Stack gap="xs">
                    <Radio.Group
                      name="decision"
                      label={t('moderation.decision')}
                      error={error('decision')}
                      defaultValue={sent ? form.value('decision') || undefined : undefined}
                    >
                      <Group mt={4}>
                        <Radio value="keep" label={t('moderation.keep')} />
                        <Radio value="hide" label={t('moderation.hide')} />
                      </Group>
                    </Radio.Group>
                    <Textarea
                      label={t('moderation.reason')}
                      name="reason"
                      autosize
                      minRows={2}
                      error={error('reason')}
                      defaultValue={sent ? form.value('reason') : undefined}
                    />
                    <div>
                      <Button type="submit" aria-label={`${t('moderation.submit')}: ${title}`}>
                        {t('moderation.submit')}
                      </Button>
                    </div>
                  </Stack>
                </Form>
              </Stack>
            </Paper>
          )
        })}
      </Stack>
      <Pagination page={queue.page} pageCount={queue.pageCount} />

      <section aria-labelledby="log">
        <Title order={2} size="h3" id="log" mb="sm">
          {t('moderation.log')}
        </Title>
        <Form method="get">
          <Group align="flex-end" mb="sm">
            <NativeSelect
              label={t('moderation.filter.status')}
              name="status"
              defaultValue={status}
              data={[
                { value: '', label: t('moderation.filter.any') },
                ...FLAG_STATUSES.map((s) => ({ value: s, label: t(`flagStatus.${s}`) })),
              ]}
            />
            <Button type="submit" variant="light">
              {t('moderation.filter.submit')}
            </Button>
          </Group>
        </Form>
        {log.items.length === 0 ? (
          <Text>{t('moderation.logEmpty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('moderation.col.flagged')}</Table.Th>
                  <Table.Th scope="col">{t('moderation.col.content')}</Table.Th>
                  <Table.Th scope="col">{t('moderation.col.reason')}</Table.Th>
                  <Table.Th scope="col">{t('moderation.col.status')}</Table.Th>
                  <Table.Th scope="col">{t('moderation.col.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.items.map((entry, index) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>
                      <DateTime iso={entry.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.target.excerpt}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.reason}</Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge
                        tone={entry.status === 'hidden' ? 'negative' : entry.status === 'kept' ? 'positive' : 'caution'}
                      >
                        {t(`flagStatus.${entry.status}`)}
                      </StatusBadge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {entry.decidedBy ? `${entry.decidedBy.name}: ${entry.decisionReason ?? ''}` : '–'}
                      </Text>
                      {entry.target.hidden &&
                      // One restore form per hidden item: on its newest flag in the list.
                      log.items.findIndex((e) => e.targetType === entry.targetType && e.targetId === entry.targetId) ===
                        index ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="restore" />
                          <input type="hidden" name="targetType" value={entry.targetType} />
                          <input type="hidden" name="targetId" value={entry.targetId} />
                          <Stack gap="xs" mt="xs">
                            <Textarea
                              label={t('moderation.restoreReason')}
                              name="reason"
                              required
                              minLength={5}
                              maxLength={2000}
                              rows={2}
                              defaultValue={
                                form.values?.intent === 'restore' && sentFor(entry) ? (form.values.reason ?? '') : ''
                              }
                              error={
                                form.values?.intent === 'restore' && sentFor(entry) ? form.error('reason') : undefined
                              }
                            />
                            <div>
                              <Button type="submit" size="xs" variant="light">
                                {t('moderation.restore')}
                              </Button>
                            </div>
                          </Stack>
                        </Form>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pagination page={log.page} pageCount={log.pageCount} param="logg" />
      </section>
    </Stack>
  )
}
