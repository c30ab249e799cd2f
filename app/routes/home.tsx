import { Button, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { resolveLocale } from '~/i18n/locale.server'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { listCategories, referenceCounts } from '~/models/reference.server'
import type { Route } from './+types/home'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

export async function loader({ request }: Route.LoaderArgs) {
  const { locale } = resolveLocale(request)
  const [counts, categories] = await Promise.all([referenceCounts(), listCategories(locale)])
  return { counts, categories }
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { counts, categories } = loaderData
  return (
    <Stack gap="xl">
      <Stack gap="sm" maw={760}>
        <Title order={1}>{t('home.title')}</Title>
        <Text size="lg">{t('home.lead')}</Text>
        <div>
          <Button component={Link} to="/register">
            {t('home.cta.register')}
          </Button>
        </div>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder component="section" aria-labelledby="for-buyers">
          <Title order={2} size="h3" id="for-buyers">
            {t('home.forBuyers.title')}
          </Title>
          <Text mt="xs">{t('home.forBuyers.body')}</Text>
        </Card>
        <Card withBorder component="section" aria-labelledby="for-suppliers">
          <Title order={2} size="h3" id="for-suppliers">
            {t('home.forSuppliers.title')}
          </Title>
          <Text mt="xs">{t('home.forSuppliers.body')}</Text>
        </Card>
        <Card withBorder component="section" aria-labelledby="for-coordinators">
          <Title order={2} size="h3" id="for-coordinators">
            {t('home.forCoordinators.title')}
          </Title>
          <Text mt="xs">{t('home.forCoordinators.body')}</Text>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <section aria-labelledby="facts">
          <Title order={2} size="h3" id="facts">
            {t('home.facts.title')}
          </Title>
          <List mt="xs">
            <List.Item>{t('home.facts.municipalities', { count: counts.municipalities })}</List.Item>
            <List.Item>{t('home.facts.counties', { count: counts.counties })}</List.Item>
            <List.Item>{t('home.facts.categories', { count: counts.categories })}</List.Item>
          </List>
        </section>
        <section aria-labelledby="categories">
          <Title order={2} size="h3" id="categories">
            {t('home.categories.title')}
          </Title>
          <List mt="xs">
            {categories.map((c) => (
              <List.Item key={c.id}>{c.name}</List.Item>
            ))}
          </List>
        </section>
      </SimpleGrid>
    </Stack>
  )
}
