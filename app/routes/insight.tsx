import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { BarTable } from '~/components/bar-table'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { registerOverview } from '~/models/insight.server'
import type { Route } from './+types/insight'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'insight.title')

export async function loader() {
  return { register: await registerOverview() }
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
        <Paper withBorder p="md" component="section" aria-labelledby="benefits">
          <Title order={2} size="h3" id="benefits" mb="xs">
            {t('insight.benefits.title')}
          </Title>
          <Text>{t('insight.benefits.body')}</Text>
        </Paper>
      </SimpleGrid>
    </Stack>
  )
}
