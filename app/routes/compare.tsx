import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { CompareBenefitsCell } from '~/components/benefits/benefit-figures'
import { ApprovalText } from '~/components/register/approval'
import { useProductFacts } from '~/components/register/product-facts'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { AGGREGATE_MIN_MUNICIPALITIES } from '~/domain/experience-aggregates'
import { RATING_DIMENSIONS, RECOMMENDATIONS } from '~/domain/procurement-rules'
import { productBenefits } from '~/models/benefit-overview.server'
import { compareProductExperience } from '~/models/product-experience.server'
import { compareSelection, getCompareData, MAX_COMPARE } from '~/models/products.server'
import { getViewer } from '~/utils/auth.server'
import { idField } from '~/utils/fields'
import type { Route } from './+types/compare'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'compare.title')

const productId = idField()

/** `?p=1,2` or `?p=1&p=2`: ids in the order given, duplicates and junk ignored. */
function idsFromUrl(url: URL) {
  const ids = url.searchParams
    .getAll('p')
    .flatMap((v) => v.split(','))
    .flatMap((v) => {
      const id = productId.safeParse(v)
      return id.success ? [id.data] : []
    })
  return [...new Set(ids)]
}

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const ids = idsFromUrl(new URL(request.url))
  const wanted = compareSelection(ids)
  const [products, experience] = await Promise.all([
    getCompareData(viewer, wanted),
    compareProductExperience(viewer, wanted),
  ])
  // Benefit figures only for the products this viewer may see (getCompareData left the others out).
  const benefits = await productBenefits(
    viewer,
    products.map((p) => p.id),
  )
  return {
    products,
    experience,
    benefits: [...benefits.values()],
    tooMany: ids.length > MAX_COMPARE,
    minimum: AGGREGATE_MIN_MUNICIPALITIES,
  }
}

const STICKY_WIDTH = 150
/** The first column stays in place while the products scroll under it. */
const sticky = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  minWidth: STICKY_WIDTH,
  maxWidth: STICKY_WIDTH,
  background: 'var(--mantine-color-body)',
} as const

export default function Compare({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const facts = useProductFacts()
  const { products, tooMany, experience, minimum } = loaderData
  const experienceOf = (id: number) => experience.find((e) => e.productId === id)
  const mean = (v: number | null) => (v === null ? '–' : v.toFixed(1).replace('.', locale === 'en' ? '.' : ','))
  const without = (id: number) =>
    `/sammenlign?p=${products
      .filter((p) => p.id !== id)
      .map((p) => p.id)
      .join(',')}`
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('compare.title')}</Title>
        <Text>{t('compare.lead')}</Text>
        <Anchor component={Link} to="/register">
          {t('compare.backToRegister')}
        </Anchor>
      </Stack>
      {tooMany ? (
        <Alert color="yellow" variant="light">
          {t('compare.tooMany')}
        </Alert>
      ) : null}
      {products.length === 0 ? (
        <Text>{t('compare.empty')}</Text>
      ) : (
        // At 390 px the table scrolls sideways, the row headings stay in view (sticky first column).
        <Table.ScrollContainer minWidth={STICKY_WIDTH + products.length * 200} type="native">
          <Table withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" style={sticky}>
                  {t('compare.attribute')}
                </Table.Th>
                {products.map((p) => (
                  <Table.Th scope="col" key={p.id}>
                    <Stack gap={4}>
                      <Anchor component={Link} to={`/register/${p.id}`} fw={700}>
                        {p.name}
                      </Anchor>
                      <Text size="sm" fw={400}>
                        {p.supplier.name}
                      </Text>
                      <Anchor
                        component={Link}
                        to={without(p.id)}
                        size="sm"
                        aria-label={t('compare.remove', { name: p.name })}
                      >
                        {t('compare.removeShort')}
                      </Anchor>
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" style={sticky}>
                  {t('register.status')}
                </Table.Th>
                {products.map((p) => (
                  <Table.Td key={p.id}>
                    <ApprovalText
                      approval={p.approval}
                      unassessedVersion={p.unassessedVersion}
                      withdrawalRationale={p.withdrawalRationale}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" style={sticky}>
                  {t('register.category')}
                </Table.Th>
                {products.map((p) => (
                  <Table.Td key={p.id}>{locale === 'en' ? p.category.nameEn : p.category.nameNb}</Table.Td>
                ))}
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" style={sticky}>
                  {t('product.about')}
                </Table.Th>
                {products.map((p) => (
                  <Table.Td key={p.id}>{p.shortDescription}</Table.Td>
                ))}
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" style={sticky}>
                  {t('experience.compare.using')}
                </Table.Th>
                {products.map((p) => (
                  <Table.Td key={p.id}>{experienceOf(p.id)?.municipalitiesUsing ?? 0}</Table.Td>
                ))}
              </Table.Tr>
              {RATING_DIMENSIONS.map((d) => (
                <Table.Tr key={d}>
                  <Table.Th scope="row" style={sticky}>
                    {t(`rating.${d}`)}
                  </Table.Th>
                  {products.map((p) => {
                    const dim = experienceOf(p.id)?.aggregate?.dimensions.find((x) => x.dimension === d)
                    return (
                      <Table.Td key={p.id}>
                        {dim ? (
                          dim.count === null ? (
                            mean(dim.mean)
                          ) : (
                            `${mean(dim.mean)} (${dim.count})`
                          )
                        ) : (
                          <Text span size="sm" c="dimmed">
                            {t('experience.compare.noAggregate', { minimum })}
                          </Text>
                        )}
                      </Table.Td>
                    )
                  })}
                </Table.Tr>
              ))}
              {RECOMMENDATIONS.map((r) => (
                <Table.Tr key={r}>
                  <Table.Th scope="row" style={sticky}>
                    {t(`recommendation.${r}`)}
                  </Table.Th>
                  {products.map((p) => {
                    const share = experienceOf(p.id)?.aggregate?.recommendation[r]
                    return (
                      <Table.Td key={p.id}>
                        {share
                          ? `${Math.round(share.share * 100)} %${share.count === null ? '' : ` (${share.count})`}`
                          : '–'}
                      </Table.Td>
                    )
                  })}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('benefitOverview.compare.row')}</Table.Th>
                {products.map((p) => (
                  <Table.Td key={p.id}>
                    <CompareBenefitsCell benefits={loaderData.benefits.find((b) => b.productId === p.id)} />
                  </Table.Td>
                ))}
              </Table.Tr>
              {facts.map((f) => (
                <Table.Tr key={f.key}>
                  <Table.Th scope="row" style={sticky}>
                    {f.label}
                  </Table.Th>
                  {products.map((p) => (
                    <Table.Td key={p.id}>{f.value(p)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
