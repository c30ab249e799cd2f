import { formatDate } from '~/components/date-text'
import { formatNumber } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import { numberFormat } from '~/i18n/intl-cache'

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
    // Plain elements (app.css): the product page is rendered for every signed-in request.
    <table className="plain-table aggregate-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('experience.dimension')}</th>
          <th scope="col" className="num">
            {t('experience.mean')}
          </th>
          <th scope="col" className="num">
            {t('experience.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {aggregate.dimensions.map((d) => (
          <tr key={d.dimension}>
            <th scope="row">{t(`rating.${d.dimension as 'overall'}`)}</th>
            <td className="num">{mean(d.mean)}</td>
            <td className="num">{count(d.count)}</td>
          </tr>
        ))}
        {(['yes', 'with_reservations', 'no'] as const).map((r) => (
          <tr key={r}>
            <th scope="row">{t(`recommendation.${r}`)}</th>
            <td className="num">{formatNumber(Math.round(aggregate.recommendation[r].share * 100), locale)} %</td>
            <td className="num">{count(aggregate.recommendation[r].count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function AggregateBasis({ aggregate, minimum }: { aggregate: Aggregate; minimum: number }) {
  const t = useT()
  const locale = useLocale()
  if (aggregate.source === 'published')
    return (
      <p className="text-sm">
        {t('experience.basisPublic', {
          band: t(`experience.band.${aggregate.contributorBand}`),
          date: formatDate(aggregate.publishedAt, locale),
          minimum,
        })}
      </p>
    )
  return (
    <p className="text-sm">
      {t('experience.basis', { municipalities: aggregate.municipalityCount, reports: aggregate.reportCount })}
    </p>
  )
}
