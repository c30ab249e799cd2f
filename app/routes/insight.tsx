import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { BarTable } from '~/components/bar-table'
import { BenefitOverviewSection } from '~/components/benefits/benefit-figures'
import { parseOverviewFilter } from '~/forms/benefit-overview'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { benefitOverview } from '~/models/benefit-overview.server'
import { registerOverview } from '~/models/insight.server'
import { listCountyOptions } from '~/models/procurement-options.server'
import { getViewer } from '~/utils/auth.server'
import { valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/insight'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'insight.title')

// Benefit filters in the query string: kategori, fylke, innbyggere (a value that is not a code is a 400).
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const filter = valueOrThrow(parseOverviewFilter(new URL(request.url).searchParams))
  const [register, benefits, counties] = await Promise.all([
    registerOverview(),
    benefitOverview(viewer, filter),
    listCountyOptions(),
  ])
  return { register, benefits, counties: counties.map((c) => ({ number: c.value, name: c.label })) }
}

export default function Insight({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { perCategory, perOutcome } = loaderData.register
  return (
    <Stack gap="xl">
      <Stack gap="xs" maw={800}>
        <Title order={1}>{t('insight.title')}</Title>
        <Text>{t('insight.lead')}</Text>
      </Stack>
      <section aria-labelledby="per-category">
        <Title order={2} size="h3" id="per-category" mb="sm">
          {t('insight.register.title')}
        </Title>
        <BarTable
          caption={t('insight.register.caption')}
          labelHeader={t('insight.col.category')}
          valueHeader={t('insight.col.count')}
          rows={perCategory.map((c) => ({
            key: c.slug,
            label: locale === 'en' ? c.nameEn : c.nameNb,
            value: c.approved,
            href: `/register?kategori=${c.slug}`,
          }))}
        />
      </section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="decisions">
          <Title order={2} size="h3" id="decisions" mb="xs">
            {t('insight.decisions.title')}
          </Title>
          <Text>
            {t('insight.decisions.body', {
              approved: perOutcome.approved ?? 0,
              provisional: perOutcome.provisionally_approved ?? 0,
              withdrawn: perOutcome.withdrawn ?? 0,
            })}
          </Text>
          <Anchor component={Link} to="/vedtak" mt="xs" display="inline-block">
            {t('insight.decisions.link')}
          </Anchor>
        </Paper>
      </SimpleGrid>
      <BenefitOverviewSection overview={loaderData.benefits} counties={loaderData.counties} />
    </Stack>
  )
}
