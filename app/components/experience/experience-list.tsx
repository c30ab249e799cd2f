import { Blockquote, Group, List, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { Anchor } from '@mantine/core'
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
  return (
    <Stack gap="md">
      {items.map((e) => (
        <Paper withBorder p="md" key={e.id} component="article" aria-labelledby={`experience-${e.id}`}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Title order={4} size="h5" id={`experience-${e.id}`}>
                {e.municipality.name} · <DateTime iso={e.reportDate} dateOnly />
              </Title>
              <Group gap="xs">
                {e.moderation?.hidden ? <StatusBadge tone="negative">{t('flagStatus.hidden')}</StatusBadge> : null}
                <StatusBadge tone={recommendationTone[e.recommendation]}>
                  {t(`recommendation.${e.recommendation}`)}
                </StatusBadge>
              </Group>
            </Group>
            {e.author ? <Text size="sm">{e.author.name}</Text> : null}
            <Text size="sm">
              {(Object.entries(e.ratings) as Array<[Dimension, number | null]>)
                .filter(([, v]) => v !== null)
                .map(([d, v]) => `${t(`rating.${d}`)}: ${v}/5`)
                .join(' · ')}
            </Text>
            <List spacing={4} size="sm">
              {e.workedWell ? (
                <List.Item>
                  <Text span fw={600}>
                    {t('experience.workedWell')}:
                  </Text>{' '}
                  {e.workedWell}
                </List.Item>
              ) : null}
              {e.wasHard ? (
                <List.Item>
                  <Text span fw={600}>
                    {t('experience.wasHard')}:
                  </Text>{' '}
                  {e.wasHard}
                </List.Item>
              ) : null}
              {e.advice ? (
                <List.Item>
                  <Text span fw={600}>
                    {t('experience.advice')}:
                  </Text>{' '}
                  {e.advice}
                </List.Item>
              ) : null}
            </List>
            {e.replies.map((reply) => (
              <Blockquote
                key={reply.id}
                p="sm"
                cite={`${t('experience.replyFrom', { supplier: reply.supplier.name })}`}
              >
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {reply.body}
                </Text>
              </Blockquote>
            ))}
            {linkToProcurement ? (
              <Anchor component={Link} to={`/anskaffelser/${e.procurement.id}`} size="sm">
                {e.procurement.title}
              </Anchor>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  )
}
