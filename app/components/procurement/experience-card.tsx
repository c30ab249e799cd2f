import { Anchor, Box, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
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
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <SimpleGrid cols={{ base: 1, md: e.replies.length > 0 || replyForm ? 2 : 1 }} spacing="lg">
        <Stack gap="sm">
          <Title order={headingLevel} size="h4" id={headingId}>
            {t('procurement.experience.card.title', name)}
          </Title>
          <Group gap="xs">
            <StatusBadge tone={recommendationTone[e.recommendation] ?? 'neutral'}>
              {t(`recommendation.${e.recommendation}`)}
            </StatusBadge>
            {e.status === 'draft' ? (
              <StatusBadge tone="neutral">{t('procurement.experience.status.draft')}</StatusBadge>
            ) : null}
            {e.moderation?.hidden ? (
              <StatusBadge tone="negative">{t('procurement.experience.hidden')}</StatusBadge>
            ) : null}
          </Group>
          {e.moderation?.hidden ? (
            <Text size="sm">{t('procurement.experience.hiddenReason', { reason: e.moderation.reason ?? '' })}</Text>
          ) : null}
          {e.product ? (
            <Text size="sm">
              {t('procurement.experience.card.product')} {e.product.name}
            </Text>
          ) : null}
          {showProcurement ? (
            <Text size="sm">
              {t('procurement.experience.card.procurement')}{' '}
              <Anchor component={Link} to={`/anskaffelser/${e.procurement.id}`}>
                {e.procurement.title}
              </Anchor>
            </Text>
          ) : null}
          <Text size="sm">
            {t('procurement.experience.card.reportDate')} <DateTime iso={e.reportDate} dateOnly />
            {e.publishedAt ? (
              <>
                {' · '}
                {t('procurement.experience.card.published')} <DateTime iso={e.publishedAt} dateOnly />
              </>
            ) : null}
          </Text>
          {e.author ? (
            <Text size="sm">
              {t('procurement.experience.card.author')} {e.author.name} (
              <Anchor href={`mailto:${e.author.email}`}>{e.author.email}</Anchor>)
            </Text>
          ) : null}

          {/* Plain elements (app.css): a page lists up to 20 reports, each with this table. */}
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
              <Box key={key}>
                <Title order={sub} size="h6">
                  {t(`procurement.experience.field.${key}`)}
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {text}
                </Text>
              </Box>
            ) : null,
          )}

          {e.ending ? (
            <Box>
              <Title order={sub} size="h6">
                {t('procurement.experience.card.ending')}
              </Title>
              <Stack gap={2}>
                {e.ending.reason ? (
                  <Text size="sm">
                    {t('procurement.experience.card.endingReason', { reason: t(`endingReason.${e.ending.reason}`) })}
                  </Text>
                ) : null}
                {e.ending.details ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {e.ending.details}
                  </Text>
                ) : null}
                {e.ending.switchingCostNok !== null ? (
                  <Text size="sm">
                    {t('procurement.experience.card.switchingCost', {
                      amount: formatNumber(e.ending.switchingCostNok, locale),
                    })}
                  </Text>
                ) : null}
                {e.ending.dataExported ? (
                  <Text size="sm">
                    {t('procurement.experience.card.dataExported', {
                      answer: t(`dataExported.${e.ending.dataExported}`),
                    })}
                  </Text>
                ) : null}
              </Stack>
            </Box>
          ) : null}
          {actions}
        </Stack>

        {e.replies.length > 0 || replyForm ? (
          <Stack gap="md">
            {e.replies.length > 0 ? (
              <Stack
                component="ul"
                gap="md"
                aria-label={t('procurement.experience.reply.listLabel', name)}
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
              >
                {e.replies.map((reply) => (
                  <li key={reply.id}>
                    <ReplyPanel reply={reply} headingLevel={sub} experienceName={name}>
                      {replyActions?.(reply)}
                    </ReplyPanel>
                  </li>
                ))}
              </Stack>
            ) : null}
            {replyForm ? <Box>{replyForm}</Box> : null}
          </Stack>
        ) : null}
      </SimpleGrid>
    </Paper>
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
    <Paper bg="gray.0" p="md" component="section" aria-labelledby={`reply-${reply.id}`}>
      <Stack gap="xs">
        <Title order={headingLevel} size="h5" id={`reply-${reply.id}`}>
          {t('procurement.experience.reply.title', { supplier: reply.supplier.name, ...experienceName })}
        </Title>
        {reply.moderation?.hidden ? (
          <>
            <Group gap="xs">
              <StatusBadge tone="negative">{t('procurement.experience.hidden')}</StatusBadge>
            </Group>
            <Text size="sm">{t('procurement.experience.hiddenReason', { reason: reply.moderation.reason ?? '' })}</Text>
          </>
        ) : null}
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {reply.body}
        </Text>
        <Text size="xs">
          {t('procurement.experience.reply.published')} <DateTime iso={reply.createdAt} />
          {reply.edited ? (
            <>
              {' · '}
              {t('procurement.experience.reply.edited')} <DateTime iso={reply.updatedAt} />
            </>
          ) : null}
          {reply.authorName ? ` · ${reply.authorName}` : null}
        </Text>
        {children}
      </Stack>
    </Paper>
  )
}
