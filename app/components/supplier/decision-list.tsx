import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { DateTime, formatDate } from '~/components/date-text'
import type { CriterionResult, DecisionOutcome } from '~/domain/approval-workflow'
import { useLocale, useT } from '~/i18n/use-translation'

export type DecisionItem = {
  id: number
  decidedAt: string
  outcome: DecisionOutcome
  rationale: string
  validUntil: string | null
  coordinatorName: string | null
  version: { id: number; label: string }
  results: Array<{ criterionCode: string; result: CriterionResult; comment: string | null }>
}
export type CriterionName = { code: string; nameNb: string; nameEn: string }

const OUTCOME_COLOURS: Record<DecisionOutcome, string> = {
  approved: 'green.9',
  provisionally_approved: 'teal.9',
  changes_requested: 'orange.9',
  rejected: 'red.9',
  withdrawn: 'red.9',
}
const RESULT_COLOURS: Record<CriterionResult, string> = { met: 'green.9', not_met: 'red.9', not_applicable: 'gray.9' }

/**
 * Decisions as the supplier sees them: outcome, date, coordinator, the rationale and every criterion's result with the
 * coordinator's comment (what to fix after a change request).
 */
export function DecisionList({ decisions, criteria, headingLevel }: { decisions: DecisionItem[]; criteria: CriterionName[]; headingLevel: 3 | 4 }) {
  const t = useT()
  const locale = useLocale()
  const names = new Map(criteria.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameNb]))
  return (
    <Stack gap="md">
      {decisions.map((d) => (
        <Paper withBorder p="md" key={d.id} component="article" aria-labelledby={`decision-${d.id}`}>
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={headingLevel} size="h5" id={`decision-${d.id}`}>
                {t('supplier.decision.title', { outcome: t(`outcome.${d.outcome}`), version: d.version.label })}
              </Title>
              <Badge variant="light" color={OUTCOME_COLOURS[d.outcome]} tt="none">
                {t(`outcome.${d.outcome}`)}
              </Badge>
            </Group>
            <Text size="sm">
              <DateTime iso={d.decidedAt} />
              {d.coordinatorName ? ` · ${t('decision.by', { name: d.coordinatorName })}` : ''}
              {d.validUntil ? ` · ${t('decision.validUntil', { date: formatDate(d.validUntil, locale) })}` : ''}
            </Text>
            <div>
              <Text fw={600} size="sm">
                {t('decision.rationale')}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{d.rationale}</Text>
            </div>
            {d.results.length > 0 ? (
              <Table.ScrollContainer minWidth={500}>
                <Table>
                  <Table.Caption>{t('decision.criteria')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('supplier.col.criterion')}</Table.Th>
                      <Table.Th scope="col">{t('supplier.col.result')}</Table.Th>
                      <Table.Th scope="col">{t('supplier.col.comment')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.results.map((r) => (
                      <Table.Tr key={r.criterionCode}>
                        <Table.Td>{names.get(r.criterionCode) ?? r.criterionCode}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={RESULT_COLOURS[r.result]} tt="none">
                            {t(`criterionResult.${r.result}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.comment ?? t('supplier.decision.noComment')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  )
}
