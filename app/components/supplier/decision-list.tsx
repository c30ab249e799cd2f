import { Paper, Stack, Table, Text, Title } from '@mantine/core'
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
            <Title order={headingLevel} size="h5" id={`decision-${d.id}`}>
              {t('supplier.decision.title', { outcome: t(`outcome.${d.outcome}`), version: d.version.label })}
            </Title>
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
                <Table captionSide="top">
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
                          <Text size="sm" fw={600} c={r.result === 'not_met' ? 'red.9' : undefined}>
                            {t(`criterionResult.${r.result}`)}
                          </Text>
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
