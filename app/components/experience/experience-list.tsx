import { Link } from 'react-router'
import { DateTime } from '~/components/date-text'
import { StatusBadge } from '~/components/status-badge'
import { useT } from '~/i18n/use-translation'

type Dimension =
  | 'overall'
  | 'supplier_cooperation'
  | 'delivery_as_agreed'
  | 'product_quality'
  | 'integration'
  | 'training_support'
  | 'staff_satisfaction'
  | 'resident_satisfaction'
  | 'value_for_money'

export type ExperienceListItem = {
  id: number
  procurement: { id: number; title: string }
  municipality: { number: string; name: string }
  reportDate: string
  ratings: Record<Dimension, number | null>
  recommendation: 'yes' | 'with_reservations' | 'no'
  workedWell: string | null
  wasHard: string | null
  advice: string | null
  author: { name: string; email: string } | null
  moderation: { hidden: boolean; reason: string | null } | null
  replies: {
    id: number
    supplier: { name: string }
    body: string
    updatedAt: string
    edited: boolean
    moderation: { hidden: boolean } | null
  }[]
}

const recommendationTone = { yes: 'positive', with_reservations: 'caution', no: 'negative' } as const

/** Read-only experience reports with the supplier's reply beside each, as the product page lists them. */
export function ExperienceList({
  items,
  linkToProcurement = true,
}: {
  items: ExperienceListItem[]
  linkToProcurement?: boolean
}) {
  const t = useT()
  // Plain elements with classes (app.css, .report-list): a page lists up to 20 reports, and a Mantine component per
  // line of each cost several ms per page.
  return (
    <div className="report-list">
      {items.map((e) => (
        <article className="report-item" key={e.id} aria-labelledby={`experience-${e.id}`}>
          <div className="report-head">
            <h4 className="report-title" id={`experience-${e.id}`}>
              {e.municipality.name} · <DateTime iso={e.reportDate} dateOnly />
            </h4>
            <div className="report-badges">
              {e.moderation?.hidden ? <StatusBadge tone="negative">{t('flagStatus.hidden')}</StatusBadge> : null}
              <StatusBadge tone={recommendationTone[e.recommendation]}>
                {t(`recommendation.${e.recommendation}`)}
              </StatusBadge>
            </div>
          </div>
          {e.author ? <p className="report-line">{e.author.name}</p> : null}
          <p className="report-line">
            {(Object.entries(e.ratings) as Array<[Dimension, number | null]>)
              .filter(([, v]) => v !== null)
              .map(([d, v]) => `${t(`rating.${d}`)}: ${v}/5`)
              .join(' · ')}
          </p>
          {e.workedWell || e.wasHard || e.advice ? (
            <ul className="report-texts">
              {e.workedWell ? (
                <li>
                  <strong>{t('experience.workedWell')}:</strong> {e.workedWell}
                </li>
              ) : null}
              {e.wasHard ? (
                <li>
                  <strong>{t('experience.wasHard')}:</strong> {e.wasHard}
                </li>
              ) : null}
              {e.advice ? (
                <li>
                  <strong>{t('experience.advice')}:</strong> {e.advice}
                </li>
              ) : null}
            </ul>
          ) : null}
          {e.replies.map((reply) => (
            <figure className="report-reply" key={reply.id}>
              <blockquote>{reply.body}</blockquote>
              <figcaption>{t('experience.replyFrom', { supplier: reply.supplier.name })}</figcaption>
            </figure>
          ))}
          {linkToProcurement ? (
            <Link className="report-line plain-link" to={`/anskaffelser/${e.procurement.id}`}>
              {e.procurement.title}
            </Link>
          ) : null}
        </article>
      ))}
    </div>
  )
}
