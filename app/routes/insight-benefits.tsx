import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { formatFigure } from '~/components/benefits/benefit-figures'
import { Pagination } from '~/components/pagination'
import { parseRecordsFilter } from '~/forms/benefit-overview'
import type { MessageKey } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { benefitRecords } from '~/models/benefit-overview.server'
import { getViewer } from '~/utils/auth.server'
import { valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/insight-benefits'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'benefitOverview.records.title')

// The records behind a benefit figure (/innsikt/gevinster): kategori, omrade, grunnlag, maal, prisaar, produkt, fylke,
// innbyggere, side. A value that is not a code is a 400. Values only for those who may read the records.
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const filter = valueOrThrow(parseRecordsFilter(new URL(request.url).searchParams))
  const records = await benefitRecords(viewer, filter)
  redirectPastLastPage(request, { side: records.page })
  return { records }
}

export default function InsightBenefits({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { records } = loaderData
  const { page, filter } = records
  const withValues = page.items.some((r) => r.values !== null)
  const dash = t('benefitOverview.none')
  return (
    <Stack gap="lg">
      <Stack gap="xs" maw={800}>
        <Text size="sm">
          <Anchor component={Link} to="/innsikt">
            {t('benefitOverview.records.back')}
          </Anchor>
        </Text>
        <Title order={1}>{t('benefitOverview.records.title')}</Title>
        <Text>{t('benefitOverview.records.lead')}</Text>
        <Text size="sm">
          {[
            t('benefitOverview.filterSummary.basis', { basis: t(`benefit.status.${filter.basis}`) }),
            filter.category ? t(`benefit.category.${filter.category}`) : null,
            filter.area ? t(`benefit.area.${filter.area}` as MessageKey) : null,
            filter.populationBand ? t(`populationBand.${filter.populationBand}`) : null,
          ]
            .filter((x) => x !== null)
            .join(' · ')}
        </Text>
      </Stack>
      {records.source === 'published' ? (
        <Alert variant="light" color="blue" maw={800}>
          {t('benefitOverview.records.valuesHidden')}
        </Alert>
      ) : null}
      <Text>{t('benefitOverview.records.count', { count: page.total })}</Text>
      {page.items.length === 0 ? (
        <Text>{t('benefitOverview.records.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={withValues ? 1300 : 900}>
          <Table>
            <Table.Caption>{t('benefitOverview.records.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('benefitOverview.col.municipality')}</Table.Th>
                <Table.Th scope="col">{t('benefitOverview.col.product')}</Table.Th>
                <Table.Th scope="col">{t('benefitOverview.col.indicator')}</Table.Th>
                <Table.Th scope="col">{t('benefitOverview.col.method')}</Table.Th>
                <Table.Th scope="col">{t('benefitOverview.col.uncertainty')}</Table.Th>
                <Table.Th scope="col">{t('benefitOverview.col.period')}</Table.Th>
                {withValues ? (
                  <>
                    <Table.Th scope="col" ta="right">
                      {t('benefitOverview.col.baseline')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('benefitOverview.col.value')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('benefitOverview.col.change')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('benefitOverview.col.hours')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('benefitOverview.col.fte')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('benefitOverview.col.nok')}
                    </Table.Th>
                  </>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.items.map((r) => (
                <Table.Tr key={r.measurementId}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/anskaffelser/${r.procurementId}`}>
                      {r.municipality.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    {r.product ? (
                      <Anchor component={Link} to={`/register/${r.product.id}`}>
                        {r.product.name}
                      </Anchor>
                    ) : (
                      t('benefitOverview.noProduct')
                    )}
                  </Table.Td>
                  <Table.Td>{t(`benefit.indicator.${r.indicator}`)}</Table.Td>
                  <Table.Td>{t(`benefit.method.${r.method}`)}</Table.Td>
                  <Table.Td>{t(`benefit.uncertainty.${r.uncertainty}`)}</Table.Td>
                  <Table.Td>
                    {r.periodStart} – {r.periodEnd}
                  </Table.Td>
                  {withValues ? (
                    <>
                      <Table.Td ta="right">{r.values ? formatFigure(r.values.baseline, locale, 1) : dash}</Table.Td>
                      <Table.Td ta="right">{r.values ? formatFigure(r.values.value, locale, 1) : dash}</Table.Td>
                      <Table.Td ta="right">
                        {r.values
                          ? `${formatFigure(r.values.change, locale, 1)}${
                              r.values.percentChange === null
                                ? ''
                                : ` (${t('benefitOverview.percent', { value: formatFigure(r.values.percentChange, locale) })})`
                            }`
                          : dash}
                      </Table.Td>
                      <Table.Td ta="right">
                        {r.values?.hoursPerYear != null ? formatFigure(r.values.hoursPerYear, locale) : dash}
                      </Table.Td>
                      <Table.Td ta="right">
                        {r.values?.fullTimeEquivalents != null
                          ? formatFigure(r.values.fullTimeEquivalents, locale, 2)
                          : dash}
                      </Table.Td>
                      <Table.Td ta="right">
                        {r.values?.nok
                          ? t('benefitOverview.nokInYear', {
                              nok: formatFigure(r.values.nok.nok, locale),
                              year: String(r.values.nok.priceYear),
                            })
                          : dash}
                      </Table.Td>
                    </>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} />
    </Stack>
  )
}
