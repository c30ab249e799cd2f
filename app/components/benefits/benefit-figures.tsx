import '@mantine/charts/styles.css'
import { Anchor, Box, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { Form, Link } from 'react-router'
import { formatDate } from '~/components/date-text'
import type { Provenance } from '~/domain/benefit-figures'
import { POPULATION_BAND_CODES } from '~/domain/population-bands'
import { BENEFIT_CATEGORIES } from '~/domain/benefits'
import type { BenefitOverviewFilter, BenefitRecordsFilter } from '~/forms/benefit-overview'
import { recordsQuery } from '~/forms/benefit-overview-query'
import type { Locale, MessageKey } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import { numberFormat } from '~/i18n/intl-cache'
import type {
  BasisTotals,
  BenefitOverview,
  MunicipalityCount,
  OverviewRow,
  ProductBenefits,
} from '~/models/benefit-overview.server'

// The chart library loads only where a chart is shown (first-load JS, tests/routes/first-load-js.test.ts).
const BenefitBarChart = lazy(() => import('./benefit-bar-chart'))

// The benefit figures on /innsikt and the product and compare pages. Realised and estimated figures always stand in
// their own columns; nothing here adds them. Every chart has the same figures in a table next to it, and every
// number in a table links to the records behind it.

export function formatFigure(value: number, locale: Locale, digits = 0) {
  return numberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value)
}

export function useMunicipalityCount() {
  const t = useT()
  return (m: MunicipalityCount) =>
    m.count !== null
      ? String(m.count)
      : m.band
        ? t(`benefitOverview.band.${m.band}` as MessageKey)
        : t('benefitOverview.none')
}

export function useProvenanceText() {
  const t = useT()
  return (p: Provenance | null) =>
    p
      ? t('benefitOverview.product.provenance', {
          methods: p.methods.map((m) => t(`benefit.method.${m}` as MessageKey)).join(', '),
          uncertainties: p.uncertainties.map((u) => t(`benefit.uncertainty.${u}` as MessageKey)).join(', '),
          years: p.firstYear === p.lastYear ? String(p.firstYear) : `${p.firstYear}–${p.lastYear}`,
        })
      : ''
}

const recordsHref = (filter: Partial<BenefitRecordsFilter>) => `/innsikt/gevinster?${recordsQuery(filter)}`

function FigureLink({ value, href }: { value: string; href: string }) {
  return (
    <Anchor component={Link} to={href}>
      {value}
    </Anchor>
  )
}

/** One basis's hours, FTE and NOK cells of a row. */
function BasisCells({
  totals,
  base,
}: {
  totals: BasisTotals | null
  base: Partial<BenefitRecordsFilter> & { basis: 'realised' | 'estimated' }
}) {
  const t = useT()
  const locale = useLocale()
  if (!totals)
    return (
      <>
        <Table.Td ta="right">{t('benefitOverview.none')}</Table.Td>
        <Table.Td ta="right">{t('benefitOverview.none')}</Table.Td>
        <Table.Td ta="right">{t('benefitOverview.none')}</Table.Td>
      </>
    )
  const hoursHref = recordsHref({ ...base, measure: 'hours' })
  return (
    <>
      <Table.Td ta="right">
        {totals.hoursPerYear === null ? (
          t('benefitOverview.none')
        ) : (
          <FigureLink value={formatFigure(totals.hoursPerYear, locale)} href={hoursHref} />
        )}
      </Table.Td>
      <Table.Td ta="right">
        {totals.fullTimeEquivalents === null ? (
          t('benefitOverview.none')
        ) : (
          <FigureLink value={formatFigure(totals.fullTimeEquivalents, locale, 1)} href={hoursHref} />
        )}
      </Table.Td>
      <Table.Td ta="right">
        {totals.nok.length === 0 ? (
          t('benefitOverview.none')
        ) : (
          <Stack gap={0}>
            {totals.nok.map((n) => (
              <FigureLink
                key={n.priceYear}
                value={t('benefitOverview.nokInYear', { nok: formatFigure(n.nok, locale), year: String(n.priceYear) })}
                href={recordsHref({ ...base, measure: 'nok', priceYear: n.priceYear })}
              />
            ))}
          </Stack>
        )}
      </Table.Td>
    </>
  )
}

function FigureTable<K extends string | number>({
  id,
  title,
  caption,
  labelHeader,
  rows,
  label,
  filterOf,
  dimension,
}: {
  id: string
  title: string
  caption: string
  labelHeader: string
  rows: OverviewRow<K>[]
  label: (key: K) => string
  filterOf: (key: K) => Partial<BenefitRecordsFilter>
  dimension: 'category' | 'area'
}) {
  const t = useT()
  const count = useMunicipalityCount()
  const chartData = rows.map((r) => ({
    label: label(r.key),
    realised: Math.round(r.realised?.hoursPerYear ?? 0),
    estimated: Math.round(r.estimated?.hoursPerYear ?? 0),
  }))
  const hasHours = chartData.some((d) => d.realised > 0 || d.estimated > 0)
  return (
    <Stack component="section" aria-labelledby={id} gap="sm">
      <Title order={3} size="h4" id={id}>
        {title}
      </Title>
      {hasHours ? (
        <Box
          role="img"
          aria-label={t('benefitOverview.chart.label', {
            dimension: t(`benefitOverview.chart.dimension.${dimension}`),
          })}
        >
          <Suspense fallback={<Box h={220} />}>
            <BenefitBarChart
              data={chartData}
              realisedLabel={t('benefit.status.realised')}
              estimatedLabel={t('benefit.status.estimated')}
            />
          </Suspense>
        </Box>
      ) : null}
      <Table.ScrollContainer minWidth={900}>
        <Table>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{labelHeader}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.realisedHours')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.realisedFte')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.realisedNok')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.estimatedHours')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.estimatedFte')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.estimatedNok')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('benefitOverview.col.municipalities')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={String(r.key)}>
                <Table.Th scope="row" fw={500}>
                  {label(r.key)}
                </Table.Th>
                <BasisCells totals={r.realised} base={{ ...filterOf(r.key), basis: 'realised' }} />
                <BasisCells totals={r.estimated} base={{ ...filterOf(r.key), basis: 'estimated' }} />
                <Table.Td ta="right">
                  {r.realised ? count(r.realised.municipalities) : t('benefitOverview.none')} /{' '}
                  {r.estimated ? count(r.estimated.municipalities) : t('benefitOverview.none')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}

export function BenefitOverviewSection({
  overview,
  counties,
}: {
  overview: BenefitOverview
  counties: Array<{ number: string; name: string }>
}) {
  const t = useT()
  const locale = useLocale()
  const count = useMunicipalityCount()
  const applied: BenefitOverviewFilter = overview.applied
  // The filter's county and band go into the record links too, for live figures (the public's are national).
  const scope: Partial<BenefitRecordsFilter> =
    overview.source === 'live'
      ? { category: applied.category, county: applied.county, populationBand: applied.populationBand }
      : { category: applied.category }
  return (
    <Stack component="section" aria-labelledby="benefits" gap="md">
      <Title order={2} size="h3" id="benefits">
        {t('benefitOverview.title')}
      </Title>
      <Text maw={800}>{t('benefitOverview.lead')}</Text>
      <Text size="sm" maw={800}>
        {overview.source === 'live'
          ? t('benefitOverview.live')
          : overview.publishedAt
            ? t('benefitOverview.published', { date: formatDate(overview.publishedAt, locale) })
            : t('benefitOverview.publishedNone')}
      </Text>
      <Paper withBorder p="md" component="section" aria-labelledby="benefit-filter">
        <Title order={3} size="h5" id="benefit-filter" mb="xs">
          {t('benefitOverview.filter.title')}
        </Title>
        <Form method="get" action="/innsikt">
          <Group align="flex-end" gap="md">
            <NativeSelect
              name="kategori"
              label={t('benefitOverview.filter.category')}
              defaultValue={applied.category ?? ''}
              data={[
                { value: '', label: t('benefitOverview.filter.all') },
                ...BENEFIT_CATEGORIES.map((c) => ({ value: c, label: t(`benefit.category.${c}`) })),
              ]}
            />
            <NativeSelect
              name="fylke"
              label={t('benefitOverview.filter.county')}
              defaultValue={applied.county ?? ''}
              data={[
                { value: '', label: t('benefitOverview.filter.all') },
                ...counties.map((c) => ({ value: c.number, label: c.name })),
              ]}
            />
            <NativeSelect
              name="innbyggere"
              label={t('benefitOverview.filter.band')}
              defaultValue={applied.populationBand ?? ''}
              data={[
                { value: '', label: t('benefitOverview.filter.all') },
                ...POPULATION_BAND_CODES.map((b) => ({ value: b, label: t(`populationBand.${b}`) })),
              ]}
            />
            <Button type="submit">{t('benefitOverview.filter.submit')}</Button>
            <Anchor component={Link} to="/innsikt">
              {t('benefitOverview.filter.reset')}
            </Anchor>
          </Group>
        </Form>
        {overview.source === 'published' ? (
          <Text size="sm" mt="xs">
            {t('benefitOverview.publicFilters')}
          </Text>
        ) : null}
      </Paper>
      <FigureTable
        id="benefits-per-category"
        title={t('benefitOverview.perCategory')}
        caption={t('benefitOverview.perCategory.caption')}
        labelHeader={t('benefitOverview.col.category')}
        rows={overview.perCategory}
        label={(c) => t(`benefit.category.${c}`)}
        filterOf={(c) => ({ ...scope, category: c })}
        dimension="category"
      />
      <FigureTable
        id="benefits-per-area"
        title={t('benefitOverview.perArea')}
        caption={t('benefitOverview.perArea.caption')}
        labelHeader={t('benefitOverview.col.area')}
        rows={overview.perArea}
        label={(a) => t(`benefit.area.${a}` as MessageKey)}
        filterOf={(a) => ({ ...scope, area: a })}
        dimension="area"
      />
      <Paper withBorder p="md" component="section" aria-labelledby="benefits-extrapolation" bg="gray.0">
        <Title order={3} size="h4" id="benefits-extrapolation" mb="xs">
          {t('benefitOverview.extrapolation.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('benefitOverview.extrapolation.assumption')}
        </Text>
        {overview.extrapolation.length === 0 ? (
          <Text>{t('benefitOverview.extrapolation.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table>
              <Table.Caption>{t('benefitOverview.extrapolation.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('benefitOverview.extrapolation.band')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('benefitOverview.extrapolation.median')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('benefitOverview.extrapolation.population')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('benefitOverview.extrapolation.hours')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('benefitOverview.extrapolation.fte')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('benefitOverview.extrapolation.municipalities')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.extrapolation.map((e) => (
                  <Table.Tr key={e.band}>
                    <Table.Th scope="row" fw={500}>
                      {t(`populationBand.${e.band}`)}
                    </Table.Th>
                    <Table.Td ta="right">
                      <FigureLink
                        value={formatFigure(e.medianPer1000, locale, 1)}
                        href={recordsHref({ ...scope, populationBand: e.band, basis: 'realised', measure: 'hours' })}
                      />
                    </Table.Td>
                    <Table.Td ta="right">{formatFigure(e.bandPopulation, locale)}</Table.Td>
                    <Table.Td ta="right">{formatFigure(e.hoursPerYear, locale)}</Table.Td>
                    <Table.Td ta="right">{formatFigure(e.fullTimeEquivalents, locale, 1)}</Table.Td>
                    <Table.Td ta="right">{count(e.municipalities)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  )
}

/** A product's benefit figures (product page). */
export function ProductBenefitsSection({ benefits, productName }: { benefits: ProductBenefits; productName: string }) {
  const t = useT()
  const locale = useLocale()
  const count = useMunicipalityCount()
  const provenance = useProvenanceText()
  return (
    // Plain elements (app.css): the product page is rendered for every signed-in request.
    <section aria-labelledby="product-benefits" className="stack-sm">
      <h2 className="title-h3" id="product-benefits">
        {t('benefitOverview.product.title')}
      </h2>
      <p className="text-md text-measure">{t('benefitOverview.product.lead')}</p>
      {benefits.source === 'published' && benefits.publishedAt ? (
        <p className="text-sm">{t('benefitOverview.published', { date: formatDate(benefits.publishedAt, locale) })}</p>
      ) : null}
      {benefits.figures.length === 0 ? (
        <p className="text-md">
          {benefits.source === 'live' ? t('benefitOverview.product.noneLive') : t('benefitOverview.product.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="plain-table product-benefits-table">
            <caption>{t('benefitOverview.product.caption', { product: productName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('benefitOverview.col.indicator')}</th>
                <th scope="col">{t('benefitOverview.col.basis')}</th>
                <th scope="col" className="num">
                  {t('benefitOverview.col.median')}
                </th>
                <th scope="col" className="num">
                  {t('benefitOverview.col.municipalities')}
                </th>
                <th scope="col">{t('benefitOverview.col.provenance')}</th>
              </tr>
            </thead>
            <tbody>
              {benefits.figures.map((f) => (
                <tr key={`${f.basis}:${f.indicator}`}>
                  <th scope="row">{t(`benefit.indicator.${f.indicator}`)}</th>
                  <td>{t(`benefit.status.${f.basis}`)}</td>
                  <td className="num">
                    <Link
                      className="plain-link"
                      to={recordsHref({ productId: benefits.productId, basis: f.basis, measure: 'any' })}
                    >
                      {t('benefitOverview.percent', { value: formatFigure(f.medianImprovementPercent, locale) })}
                    </Link>
                  </td>
                  <td className="num">{count(f.municipalities)}</td>
                  <td>{provenance(f.provenance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** The compare table's "Gevinster" cell: a product's realised figures, one line each. */
export function CompareBenefitsCell({ benefits }: { benefits: ProductBenefits | undefined }) {
  const t = useT()
  const locale = useLocale()
  const count = useMunicipalityCount()
  const realised = benefits?.figures.filter((f) => f.basis === 'realised') ?? []
  if (realised.length === 0) return <span className="compare-small">{t('benefitOverview.compare.none')}</span>
  return (
    <ul className="compare-lines">
      {realised.map((f) => (
        <li key={f.indicator}>
          {t(`benefit.indicator.${f.indicator}`)}:{' '}
          {t('benefitOverview.percent', { value: formatFigure(f.medianImprovementPercent, locale) })} (
          {f.municipalities.count !== null
            ? t('benefitOverview.product.municipalitiesCount', { count: count(f.municipalities) })
            : t('benefitOverview.product.municipalitiesBand', { band: count(f.municipalities) })}
          )
        </li>
      ))}
    </ul>
  )
}
