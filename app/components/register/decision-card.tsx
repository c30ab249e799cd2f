import { Stack, Text, Title } from '@mantine/core'
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

/**
 * One decision with its published rationale and the result per criterion. Lists show many of these (/vedtak, a
 * product's history), so the markup is plain elements styled by app.css rather than a Mantine component per line:
 * the per-criterion results are counted in a summary and listed in full in a <details> table.
 */
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
  // The summary: how many criteria got each result, in the order the results first appear.
  const counts = new Map<DecisionViewData['results'][number]['result'], number>()
  for (const { result } of decision.results) counts.set(result, (counts.get(result) ?? 0) + 1)
  const Heading = `h${headingOrder}` as const
  return (
    <article aria-labelledby={`decision-${decision.id}`} className="card decision-card">
      <div className="decision-head">
        <Heading className="card-title-h4" id={`decision-${decision.id}`}>
          {heading ?? t('decision.version', { version: decision.version.label })}
        </Heading>
        <OutcomeBadge decision={decision} />
      </div>
      <p className="decision-meta">
        <DateTime iso={decision.decidedAt} dateOnly />
        {decision.validUntil
          ? ` · ${t(decision.approvalEnded ? 'decision.validUntilEnded' : 'decision.validUntil', { date: formatDate(decision.validUntil, locale) })}`
          : ''}
        {decision.coordinatorName ? ` · ${t('decision.by', { name: decision.coordinatorName })}` : ''}
        {decision.criteriaVersion ? ` · ${t('decision.criteriaVersion', { version: decision.criteriaVersion })}` : ''}
      </p>
      <p className="decision-label">{t('decision.rationale')}</p>
      <p className="decision-rationale">{decision.rationale}</p>
      {decision.results.length > 0 ? (
        <details className="decision-results">
          <summary>
            {t('decision.criteria')}: {[...counts].map(([r, n]) => `${n} ${t(`criterionResult.${r}`)}`).join(', ')}
          </summary>
          <table className="plain-table">
            <thead>
              <tr>
                <th scope="col">{t('criteria.title')}</th>
                <th scope="col">{t('decision.result')}</th>
                <th scope="col">{t('decision.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {decision.results.map((r) => (
                <tr key={r.criterionCode}>
                  <th scope="row">{name(r.criterionCode)}</th>
                  <td>{t(`criterionResult.${r.result}`)}</td>
                  <td>{r.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </article>
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
