import { Anchor, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { z } from 'zod'
import { Pagination } from '~/components/pagination'
import { DecisionCard } from '~/components/register/decision-card'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { listCriteria } from '~/models/criteria.server'
import { listPublishedDecisions } from '~/models/decision-views.server'
import { getViewer } from '~/utils/auth.server'
import { pageParam } from '~/utils/fields'
import type { Route } from './+types/decisions'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'decisions.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const { side } = z.object({ side: pageParam }).parse(Object.fromEntries(new URL(request.url).searchParams))
  const [decisions, criteria] = await Promise.all([
    listPublishedDecisions(viewer, { page: side, pageSize: 20 }),
    listCriteria(),
  ])
  redirectPastLastPage(request, { side: decisions })
  return { decisions, criteria: criteria.map(({ code, nameNb, nameEn }) => ({ code, nameNb, nameEn })) }
}

export default function Decisions({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { decisions, criteria } = loaderData
  return (
    <Stack gap="lg">
      <Stack gap="xs" maw={800}>
        <Title order={1}>{t('decisions.title')}</Title>
        <Text>{t('decisions.lead')}</Text>
      </Stack>
      {decisions.items.length === 0 ? <Text>{t('decisions.empty')}</Text> : null}
      <Stack gap="md">
        {decisions.items.map((d) => (
          <DecisionCard
            key={d.id}
            decision={d}
            criteria={criteria}
            headingOrder={2}
            heading={
              <>
                {d.productVisible ? (
                  <Anchor component={Link} to={`/register/${d.product.id}`} inherit>
                    {d.product.name}
                  </Anchor>
                ) : (
                  d.product.name
                )}{' '}
                – {t('decision.version', { version: d.version.label })}
              </>
            }
          />
        ))}
      </Stack>
      {decisions.items.some((d) => !d.productVisible) ? (
        <Text size="sm" c="dimmed">
          {t('decisions.productGone')}
        </Text>
      ) : null}
      <Pagination page={decisions.page} pageCount={decisions.pageCount} />
    </Stack>
  )
}
