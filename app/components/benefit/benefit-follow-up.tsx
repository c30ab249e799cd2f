import { Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { formatDate } from '~/components/date-text'
import { useLocale, useT } from '~/i18n/use-translation'
import type { BenefitFollowUp } from '~/models/benefits.server'
import { useIndicatorLabel } from './benefit-parts'

/**
 * "Min kommune": the municipality's benefits due for a measurement (6, 12 and 24 months after go-live) and those
 * planned without a baseline, each one click from its form (docs/domain.md, "Benefit realisation"). The items are
 * plain elements (app.css), since the lists run to 20 rows each.
 */
export function BenefitFollowUpSection({ followUp }: { followUp: BenefitFollowUp }) {
  const t = useT()
  const locale = useLocale()
  const indicatorLabel = useIndicatorLabel()
  const name = (i: BenefitFollowUp['due'][number]) =>
    i.productName ? `${indicatorLabel(i)} (${i.productName})` : indicatorLabel(i)
  const href = (i: BenefitFollowUp['due'][number]) => `/anskaffelser/${i.procurementId}/gevinster/${i.benefitId}`
  return (
    <Stack gap="sm" mt="lg" component="section" aria-labelledby="benefit-follow-up" data-testid="benefit-follow-up">
      <Title order={3} size="h4" id="benefit-follow-up">
        {t('benefit.followUp.title')}
      </Title>
      <Text size="sm">{t('benefit.followUp.lead')}</Text>
      <Title order={4} size="h5">
        {t('benefit.followUp.dueTitle')}
      </Title>
      {followUp.due.length === 0 ? (
        <Text size="sm">{t('benefit.followUp.noneDue')}</Text>
      ) : (
        <ul className="follow-up-list" data-testid="benefit-due">
          {followUp.due.map((i) => (
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
          {followUp.dueCount > followUp.due.length ? (
            <li>{t('benefit.followUp.more', { count: followUp.dueCount - followUp.due.length })}</li>
          ) : null}
        </ul>
      )}
      <Title order={4} size="h5">
        {t('benefit.followUp.missingTitle')}
      </Title>
      {followUp.missingBaseline.length === 0 ? (
        <Text size="sm">{t('benefit.followUp.noneMissing')}</Text>
      ) : (
        <ul className="follow-up-list" data-testid="benefit-missing-baseline">
          {followUp.missingBaseline.map((i) => (
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
          {followUp.missingBaselineCount > followUp.missingBaseline.length ? (
            <li>
              {t('benefit.followUp.more', {
                count: followUp.missingBaselineCount - followUp.missingBaseline.length,
              })}
            </li>
          ) : null}
        </ul>
      )}
    </Stack>
  )
}
