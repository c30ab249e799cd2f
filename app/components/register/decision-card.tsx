import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { StatusBadge, outcomeTone } from '~/components/status-badge'
import type { ReactNode } from 'react'
import { DateTime, formatDate } from '~/components/date-text'
import { useLocale, useT } from '~/i18n/use-translation'

export type CriterionName = { code: string; nameNb: string; nameEn: string }
export type DecisionViewData = {
  id: number
  decidedAt: string
  outcome: 'approved' | 'provisionally_approved' | 'changes_requested' | 'rejected' | 'withdrawn'
  rationale: string
  validUntil: string | null
  /** The criteria version the decision was made under (missing on views that do not carry it). */
  criteriaVersion?: number | null
  coordinatorName: string | null
  version: { id: number; label: string }
  /** An approval or provisional approval its version no longer holds (withdrawn or expired since). */
  approvalEnded?: boolean
  results: Array<{ criterionCode: string; result: 'met' | 'not_met' | 'not_applicable'; comment: string | null }>
}

/** One decision with its published rationale and the result per criterion. */
export function DecisionCard({
  decision,
  criteria,
  heading,
  headingOrder = 3,
}: {
  decision: DecisionViewData
  criteria: CriterionName[]
  heading?: ReactNode
  headingOrder?: 2 | 3 | 4
}) {
  const t = useT()
  const locale = useLocale()
  const name = (code: string) => {
    const c = criteria.find((x) => x.code === code)
    return c ? (locale === 'en' ? c.nameEn : c.nameNb) : code
  }
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`decision-${decision.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={headingOrder} size="h4" id={`decision-${decision.id}`}>
            {heading ?? t('decision.version', { version: decision.version.label })}
          </Title>
          <OutcomeBadge decision={decision} />
        </Group>
        <Text size="sm">
          <DateTime iso={decision.decidedAt} dateOnly />
          {decision.validUntil
            ? ` · ${t(decision.approvalEnded ? 'decision.validUntilEnded' : 'decision.validUntil', { date: formatDate(decision.validUntil, locale) })}`
            : ''}
          {decision.coordinatorName ? ` · ${t('decision.by', { name: decision.coordinatorName })}` : ''}
          {decision.criteriaVersion ? ` · ${t('decision.criteriaVersion', { version: decision.criteriaVersion })}` : ''}
        </Text>
        <div>
          <Text fw={600} size="sm">
            {t('decision.rationale')}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{decision.rationale}</Text>
        </div>
        {decision.results.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Caption>{t('decision.criteria')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('criteria.title')}</Table.Th>
                  <Table.Th scope="col">{t('decision.result')}</Table.Th>
                  <Table.Th scope="col">{t('decision.comment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {decision.results.map((r) => (
                  <Table.Tr key={r.criterionCode}>
                    <Table.Th scope="row" fw={500}>
                      {name(r.criterionCode)}
                    </Table.Th>
                    <Table.Td>{t(`criterionResult.${r.result}`)}</Table.Td>
                    <Table.Td>{r.comment ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Paper>
  )
}

/** The decision's outcome; an approval its version no longer holds is never shown as "Godkjent". */
function OutcomeBadge({ decision }: { decision: Pick<DecisionViewData, 'outcome' | 'approvalEnded'> }) {
  const t = useT()
  const { outcome } = decision
  if (decision.approvalEnded && (outcome === 'approved' || outcome === 'provisionally_approved'))
    return <StatusBadge tone="neutral">{t(`outcome.ended.${outcome}`)}</StatusBadge>
  return <StatusBadge tone={outcomeTone[outcome] ?? 'neutral'}>{t(`outcome.${outcome}`)}</StatusBadge>
}

/**
 * A supplier's decisions on its product or on one version, newest first: a section with its heading, each decision as
 * a DecisionCard headed by its outcome and version, or a line saying there are none.
 */
export function SupplierDecisions({
  decisions,
  criteria,
  title,
  empty,
}: {
  decisions: readonly DecisionViewData[]
  criteria: CriterionName[]
  title: string
  empty: string
}) {
  const t = useT()
  return (
    <section aria-labelledby="decisions">
      <Title order={2} size="h3" id="decisions" mb="sm">
        {title}
      </Title>
      {decisions.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <Stack gap="md">
          {decisions.map((d) => (
            <DecisionCard
              key={d.id}
              decision={d}
              criteria={criteria}
              heading={t('supplier.decision.title', { outcome: t(`outcome.${d.outcome}`), version: d.version.label })}
            />
          ))}
        </Stack>
      )}
    </section>
  )
}
