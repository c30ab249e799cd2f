import { Link } from 'react-router'
import { formatDate } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { formatNumber } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import type { BenefitFollowUp, BenefitFollowUpItem } from '~/models/benefits.server'
import { useIndicatorLabel } from './benefit-parts'

/** The query-string keys of the two lists' pages on "Min kommune". */
export const BENEFIT_FOLLOW_UP_PAGE_PARAMS = { due: 'gevinstside', missing: 'nullpunktside' } as const

/**
 * "Min kommune": the municipality's benefits due for a measurement (6, 12 and 24 months after go-live) and those
 * planned without a baseline, each one click from its form (docs/domain.md, "Benefit realisation"), a page of each.
 * Plain elements (app.css): they render on every visit to the page.
 */
export function BenefitFollowUpSection({ followUp }: { followUp: BenefitFollowUp }) {
  const t = useT()
  const locale = useLocale()
  const indicatorLabel = useIndicatorLabel()
  const name = (i: BenefitFollowUpItem) =>
    i.productName ? `${indicatorLabel(i)} (${i.productName})` : indicatorLabel(i)
  const href = (i: BenefitFollowUpItem) => `/anskaffelser/${i.procurementId}/gevinster/${i.benefitId}`
  const { due, missingBaseline } = followUp
  return (
    <section className="stack-sm" aria-labelledby="benefit-follow-up" data-testid="benefit-follow-up">
      <h2 className="title-h3" id="benefit-follow-up">
        {t('benefit.followUp.title')}
      </h2>
      <p className="text-sm">{t('benefit.followUp.lead')}</p>
      <h3 className="card-title-h5">
        {t('benefit.followUp.dueTitle')} ({formatNumber(due.total, locale)})
      </h3>
      {due.items.length === 0 ? (
        <p className="text-sm">{t('benefit.followUp.noneDue')}</p>
      ) : (
        <ul className="follow-up-list" data-testid="benefit-due">
          {due.items.map((i) => (
            <li key={i.benefitId}>
              <span className="text-sm">
                {t('benefit.followUp.dueItem', {
                  name: name(i),
                  title: i.procurementTitle,
                  months: i.due?.months ?? 0,
                  date: i.due ? formatDate(i.due.dueDate, locale) : '',
                })}
              </span>{' '}
              <Link
                className="plain-link text-sm"
                to={`${href(i)}#ny-maling`}
                aria-label={t('benefit.followUp.measureNamed', { name: name(i), title: i.procurementTitle })}
              >
                {t('benefit.followUp.measure')}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={due.page}
        pageCount={due.pageCount}
        param={BENEFIT_FOLLOW_UP_PAGE_PARAMS.due}
        label={t('benefit.followUp.dueTitle')}
      />
      <h3 className="card-title-h5">
        {t('benefit.followUp.missingTitle')} ({formatNumber(missingBaseline.total, locale)})
      </h3>
      {missingBaseline.items.length === 0 ? (
        <p className="text-sm">{t('benefit.followUp.noneMissing')}</p>
      ) : (
        <ul className="follow-up-list" data-testid="benefit-missing-baseline">
          {missingBaseline.items.map((i) => (
            <li key={i.benefitId}>
              <span className="text-sm">
                {t('benefit.followUp.missingItem', { name: name(i), title: i.procurementTitle })}
              </span>{' '}
              <Link
                className="plain-link text-sm"
                to={`${href(i)}#baseline`}
                aria-label={t('benefit.followUp.baselineNamed', { name: name(i), title: i.procurementTitle })}
              >
                {t('benefit.followUp.baseline')}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={missingBaseline.page}
        pageCount={missingBaseline.pageCount}
        param={BENEFIT_FOLLOW_UP_PAGE_PARAMS.missing}
        label={t('benefit.followUp.missingTitle')}
      />
    </section>
  )
}
