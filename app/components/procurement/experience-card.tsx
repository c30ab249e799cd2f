import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { formatDate } from '~/components/date-text'
import { DateTime } from '~/components/date-text'
import { StatusBadge, type Tone } from '~/components/status-badge'
import { RATING_DIMENSIONS } from '~/domain/procurement-rules'
import { formatNumber } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import type { ExperienceView, ReplyView } from '~/models/experience-views.server'

export const recommendationTone: Record<string, Tone> = {
  yes: 'positive',
  with_reservations: 'caution',
  no: 'negative',
}

/** "Larvik, 12. mars 2026": names one report in buttons and headings (repeated controls need distinct names). */
export function useExperienceName(experience: Pick<ExperienceView, 'municipality' | 'reportDate'>) {
  const locale = useLocale()
  return { municipality: experience.municipality.name, date: formatDate(experience.reportDate, locale) }
}

type Props = {
  experience: ExperienceView
  /** Level of the report's heading (the page decides what it sits under). */
  headingLevel: 2 | 3 | 4
  /** Show which procurement the report belongs to, with a link (product page, lists). */
  showProcurement?: boolean
  /** Actions under the report: edit/publish for its author, the flag form. */
  actions?: ReactNode
  /** Under each reply: its supplier's edit form and the flag form for the reply. */
  replyActions?: (reply: ReplyView) => ReactNode
  /** Under the replies, for a supplier that has not replied yet: its reply form. */
  replyForm?: ReactNode
}

/**
 * One experience report as the model's `ExperienceView` gives it to this viewer (fields it may not see are null and
 * simply not shown), with the suppliers' replies (one per supplier) listed beside it. Presentational: forms come in through the slots.
 */
export function ExperienceCard({
  experience: e,
  headingLevel,
  showProcurement = false,
  actions,
  replyActions,
  replyForm,
}: Props) {
  const t = useT()
  const locale = useLocale()
  const name = useExperienceName(e)
  const headingId = `experience-${e.id}`
  const sub = Math.min(headingLevel + 1, 6) as 3 | 4 | 5 | 6
  const twoColumns = e.replies.length > 0 || replyForm
  // Plain elements with the classes of app.css ("Repeated cards"), not Mantine components: a page lists up to 20
  // reports, and rendering their Paper, Stack, Title and Text components cost most of the page's time.
  return (
    <article className="card" aria-labelledby={headingId}>
      <div className={twoColumns ? 'card-columns card-columns-2' : 'card-columns'}>
        <div className="stack-sm">
          <Heading level={headingLevel} className="card-title-h4" id={headingId}>
            {t('procurement.experience.card.title', name)}
          </Heading>
          <div className="badge-row">
            <StatusBadge tone={recommendationTone[e.recommendation] ?? 'neutral'}>
              {t(`recommendation.${e.recommendation}`)}
            </StatusBadge>
            {e.status === 'draft' ? (
              <StatusBadge tone="neutral">{t('procurement.experience.status.draft')}</StatusBadge>
            ) : null}
            {e.moderation?.hidden ? (
              <StatusBadge tone="negative">{t('procurement.experience.hidden')}</StatusBadge>
            ) : null}
          </div>
          {e.moderation?.hidden ? (
            <p className="text-sm">{t('procurement.experience.hiddenReason', { reason: e.moderation.reason ?? '' })}</p>
          ) : null}
          {e.product ? (
            <p className="text-sm">
              {t('procurement.experience.card.product')} {e.product.name}
            </p>
          ) : null}
          {showProcurement ? (
            <p className="text-sm">
              {t('procurement.experience.card.procurement')}{' '}
              <Link className="text-link" to={`/anskaffelser/${e.procurement.id}`}>
                {e.procurement.title}
              </Link>
            </p>
          ) : null}
          <p className="text-sm">
            {t('procurement.experience.card.reportDate')} <DateTime iso={e.reportDate} dateOnly />
            {e.publishedAt ? (
              <>
                {' · '}
                {t('procurement.experience.card.published')} <DateTime iso={e.publishedAt} dateOnly />
              </>
            ) : null}
          </p>
          {e.author ? (
            <p className="text-sm">
              {t('procurement.experience.card.author')} {e.author.name} (
              <a className="text-link" href={`mailto:${e.author.email}`}>
                {e.author.email}
              </a>
              )
            </p>
          ) : null}

          <table className="plain-table">
            <caption>{t('procurement.experience.card.ratingsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.experience.card.dimension')}</th>
                <th scope="col">{t('procurement.experience.card.rating')}</th>
              </tr>
            </thead>
            <tbody>
              {RATING_DIMENSIONS.map((d) => {
                const rating = e.ratings[d]
                return (
                  <tr key={d}>
                    <th scope="row">{t(`rating.${d}`)}</th>
                    <td>
                      {rating === null
                        ? t('procurement.experience.card.notRated')
                        : t('procurement.experience.card.ratingValue', { rating })}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>

          {(
            [
              ['workedWell', e.workedWell],
              ['wasHard', e.wasHard],
              ['advice', e.advice],
            ] as const
          ).map(([key, text]) =>
            text ? (
              <div key={key}>
                <Heading level={sub} className="card-title-h6">
                  {t(`procurement.experience.field.${key}`)}
                </Heading>
                <p className="text-sm pre-line">{text}</p>
              </div>
            ) : null,
          )}

          {e.ending ? (
            <div>
              <Heading level={sub} className="card-title-h6">
                {t('procurement.experience.card.ending')}
              </Heading>
              <div className="stack-2">
                {e.ending.reason ? (
                  <p className="text-sm">
                    {t('procurement.experience.card.endingReason', { reason: t(`endingReason.${e.ending.reason}`) })}
                  </p>
                ) : null}
                {e.ending.details ? <p className="text-sm pre-line">{e.ending.details}</p> : null}
                {e.ending.switchingCostNok !== null ? (
                  <p className="text-sm">
                    {t('procurement.experience.card.switchingCost', {
                      amount: formatNumber(e.ending.switchingCostNok, locale),
                    })}
                  </p>
                ) : null}
                {e.ending.dataExported ? (
                  <p className="text-sm">
                    {t('procurement.experience.card.dataExported', {
                      answer: t(`dataExported.${e.ending.dataExported}`),
                    })}
                  </p>
                ) : null}
              </div>
            </div>
          ) : null}
          {actions}
        </div>

        {twoColumns ? (
          <div className="stack-md">
            {e.replies.length > 0 ? (
              <ul className="stack-md plain-list" aria-label={t('procurement.experience.reply.listLabel', name)}>
                {e.replies.map((reply) => (
                  <li key={reply.id}>
                    <ReplyPanel reply={reply} headingLevel={sub} experienceName={name}>
                      {replyActions?.(reply)}
                    </ReplyPanel>
                  </li>
                ))}
              </ul>
            ) : null}
            {replyForm ? <div>{replyForm}</div> : null}
          </div>
        ) : null}
      </div>
    </article>
  )
}

/** A heading of the given level, styled by its class (the level follows the page's outline, the size the design). */
function Heading({
  level,
  className,
  id,
  children,
}: {
  level: 2 | 3 | 4 | 5 | 6
  className: string
  id?: string
  children: ReactNode
}) {
  const Tag = `h${level}` as const
  return (
    <Tag className={className} id={id}>
      {children}
    </Tag>
  )
}

function ReplyPanel({
  reply,
  headingLevel,
  experienceName,
  children,
}: {
  reply: ReplyView
  headingLevel: 3 | 4 | 5 | 6
  experienceName: { municipality: string; date: string }
  children?: ReactNode
}) {
  const t = useT()
  return (
    <section className="card-muted stack-xs" aria-labelledby={`reply-${reply.id}`}>
      <Heading level={headingLevel} className="card-title-h5" id={`reply-${reply.id}`}>
        {t('procurement.experience.reply.title', { supplier: reply.supplier.name, ...experienceName })}
      </Heading>
      {reply.moderation?.hidden ? (
        <>
          <div className="badge-row">
            <StatusBadge tone="negative">{t('procurement.experience.hidden')}</StatusBadge>
          </div>
          <p className="text-sm">
            {t('procurement.experience.hiddenReason', { reason: reply.moderation.reason ?? '' })}
          </p>
        </>
      ) : null}
      <p className="text-sm pre-line">{reply.body}</p>
      <p className="text-xs">
        {t('procurement.experience.reply.published')} <DateTime iso={reply.createdAt} />
        {reply.edited ? (
          <>
            {' · '}
            {t('procurement.experience.reply.edited')} <DateTime iso={reply.updatedAt} />
          </>
        ) : null}
        {reply.authorName ? ` · ${reply.authorName}` : null}
      </p>
      {children}
    </section>
  )
}
