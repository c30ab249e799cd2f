import { Table, Text } from '@mantine/core'
import { formatDate } from '~/components/date-text'
import { formatNumber } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import { numberFormat } from '~/utils/intl-formats'

type Figures = {
  dimensions: Array<{ dimension: string; mean: number | null; count: number | null }>
  recommendation: Record<'yes' | 'with_reservations' | 'no', { count: number | null; share: number }>
}

type Aggregate =
  | (Figures & { source: 'live'; municipalityCount: number; reportCount: number })
  | (Figures & { source: 'published'; contributorBand: '3_9' | '10_49' | '50_plus'; publishedAt: string })

/** Mean and count per rating dimension and the recommendation shares: the same table on the product and compare pages. */
// Counts are null when withheld (the public gets published figures only: see app/domain/experience-aggregates.ts).
const count = (n: number | null) => (n === null ? '–' : n)

export function AggregateTable({ aggregate, caption }: { aggregate: Figures; caption: string }) {
  const t = useT()
  const locale = useLocale()
  const mean = (v: number | null) =>
    v === null
      ? '–'
      : numberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(v)
  return (
    <Table maw={640}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('experience.dimension')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('experience.mean')}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {t('experience.count')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {aggregate.dimensions.map((d) => (
          <Table.Tr key={d.dimension}>
            <Table.Th scope="row" fw={500}>
              {t(`rating.${d.dimension as 'overall'}`)}
            </Table.Th>
            <Table.Td ta="right">{mean(d.mean)}</Table.Td>
            <Table.Td ta="right">{count(d.count)}</Table.Td>
          </Table.Tr>
        ))}
        {(['yes', 'with_reservations', 'no'] as const).map((r) => (
          <Table.Tr key={r}>
            <Table.Th scope="row" fw={500}>
              {t(`recommendation.${r}`)}
            </Table.Th>
            <Table.Td ta="right">
              {formatNumber(Math.round(aggregate.recommendation[r].share * 100), locale)} %
            </Table.Td>
            <Table.Td ta="right">{count(aggregate.recommendation[r].count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function AggregateBasis({ aggregate, minimum }: { aggregate: Aggregate; minimum: number }) {
  const t = useT()
  const locale = useLocale()
  if (aggregate.source === 'published')
    return (
      <Text size="sm">
        {t('experience.basisPublic', {
          band: t(`experience.band.${aggregate.contributorBand}`),
          date: formatDate(aggregate.publishedAt, locale),
          minimum,
        })}
      </Text>
    )
  return (
    <Text size="sm">
      {t('experience.basis', { municipalities: aggregate.municipalityCount, reports: aggregate.reportCount })}
    </Text>
  )
}
