import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { StatusBadge, versionStateTone } from '~/components/status-badge'
import { z } from 'zod'
import { Link } from 'react-router'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime, formatDate } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { assessmentQueue, listExpiringApprovals } from '~/models/assessment-queue.server'
import { canAssess } from '~/policy/register'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { pageParam } from '~/utils/fields'
import type { Route } from './+types/coordinator-assessments'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'assess.queueTitle')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAssess(viewer))
  const { side } = z.object({ side: pageParam }).parse(Object.fromEntries(new URL(request.url).searchParams))
  const [queue, expiring] = await Promise.all([
    assessmentQueue(viewer, { page: side, pageSize: 25 }),
    listExpiringApprovals(viewer, { withinDays: 60 }),
  ])
  assertAllowed(queue !== null && expiring !== null)
  redirectPastLastPage(request, { side: queue })
  return { queue, expiring }
}

export default function Assessments({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { queue, expiring } = loaderData
  return (
    <Stack gap="lg">
      <CoordinatorNav />
      <Stack gap="xs">
        <Title order={1}>{t('assess.queueTitle')}</Title>
        <Text>{t('assess.queueLead')}</Text>
      </Stack>
      {queue.items.length === 0 ? <Text>{t('assess.queueEmpty')}</Text> : null}
      <Stack gap="sm">
        {queue.items.map((item) => (
          <Paper
            withBorder
            p="md"
            key={item.versionId}
            component="article"
            aria-label={`${item.product.name} ${item.versionLabel}`}
          >
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Anchor
                  component={Link}
                  to={`/koordinator/vurdering/${item.versionId}`}
                  fw={700}
                  aria-label={t('assess.open', { name: item.product.name, version: item.versionLabel })}
                >
                  {item.product.name} {item.versionLabel}
                </Anchor>
                <Text size="sm">
                  {item.supplier.name} · {locale === 'en' ? item.category.nameEn : item.category.nameNb} ·{' '}
                  {t('assess.submitted')} <DateTime iso={item.submittedAt} dateOnly />
                </Text>
              </Stack>
              <Group gap="xs">
                <StatusBadge tone={item.waitingDays > 30 ? 'negative' : 'info'}>
                  {t('assess.waiting', { days: item.waitingDays })}
                </StatusBadge>
                <StatusBadge tone={versionStateTone[item.state] ?? 'neutral'}>
                  {t(`versionState.${item.state}`)}
                </StatusBadge>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      <Pagination page={queue.page} pageCount={queue.pageCount} />
      <section aria-labelledby="expiring">
        <Title order={2} size="h3" id="expiring" mb="sm">
          {t('assess.expiringTitle')}
        </Title>
        {expiring.length === 0 ? (
          <Text>{t('assess.expiringEmpty')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('product.version')}</Table.Th>
                <Table.Th scope="col">{t('register.supplier')}</Table.Th>
                <Table.Th scope="col">{t('assess.validUntilColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {expiring.map((e) => (
                <Table.Tr key={e.versionId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/register/${e.product.id}`}>
                      {e.product.name} {e.versionLabel}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{e.supplier.name}</Table.Td>
                  <Table.Td>
                    {formatDate(e.validUntil, locale)} ({t('assess.daysLeft', { days: e.daysLeft })})
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>
    </Stack>
  )
}
