import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { APPROVAL_VALIDITY_YEARS, BENEFIT_CRITERION, PROVISIONAL_MAX_MONTHS } from '~/domain/assessment'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { listCriteria } from '~/models/criteria.server'
import { useRootData } from '~/utils/root-data'
import type { Route } from './+types/criteria'

// The published approval criteria (docs/domain.md, "Criteria"): public, the same for every role. The texts are data
// (assessment_criterion); the rules' numbers come from app/domain/assessment.ts.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'criteriaPage.title')

export async function loader() {
  return { criteria: await listCriteria() }
}

export default function Criteria({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const en = useLocale() === 'en'
  const { criteria } = loaderData
  const benefit = criteria.find((c) => c.code === BENEFIT_CRITERION)
  // The supplier workspace is linked for a supplier and for a visitor (who signs in first); a buyer, a coordinator or
  // a pending account following it got "Ingen tilgang".
  const viewer = useRootData()?.viewer
  const workspaceLinked = !viewer || viewer.effectiveRole === 'supplier'
  return (
    <Stack gap="xl" maw={860}>
      <Stack gap="xs">
        <Title order={1}>{t('criteriaPage.title')}</Title>
        <Text>{t('criteriaPage.lead')}</Text>
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="rules">
        <Title order={2} id="rules">
          {t('criteriaPage.rules.title')}
        </Title>
        <List spacing="xs">
          <List.Item>{t('criteriaPage.rules.approved', { years: APPROVAL_VALIDITY_YEARS })}</List.Item>
          {benefit ? (
            <List.Item>
              {t('criteriaPage.rules.provisional', {
                benefit: en ? benefit.nameEn : benefit.nameNb,
                months: PROVISIONAL_MAX_MONTHS,
              })}
            </List.Item>
          ) : null}
          <List.Item>{t('criteriaPage.rules.changes')}</List.Item>
          <List.Item>{t('criteriaPage.rules.optional')}</List.Item>
          <List.Item>
            {t('criteriaPage.rules.published')}{' '}
            <Anchor component={Link} to="/vedtak" inherit>
              {t('criteriaPage.rules.decisionsLink')}
            </Anchor>
            .
          </List.Item>
        </List>
      </Stack>

      <Stack gap="md" component="section" aria-labelledby="criteria">
        <Title order={2} id="criteria">
          {t('criteriaPage.list.title')}
        </Title>
        {criteria.map((c) => {
          const requirement = en ? c.requirementEn : c.requirementNb
          const evidence = en ? c.evidenceEn : c.evidenceNb
          return (
            <Paper
              key={c.code}
              withBorder
              p="lg"
              component="article"
              aria-labelledby={`criterion-${c.code}`}
              data-criterion={c.code}
            >
              <Title order={3} size="h4" id={`criterion-${c.code}`} mb="xs">
                {en ? c.nameEn : c.nameNb}
              </Title>
              <Text mb="sm">{en ? c.descriptionEn : c.descriptionNb}</Text>
              <Stack gap="xs" component="dl" m={0}>
                <Fact term={t('criteriaPage.mandatory')}>
                  {t(c.mandatory ? 'criteriaPage.mandatory.yes' : 'criteriaPage.mandatory.no')}
                </Fact>
                <Fact term={t('criteriaPage.notApplicable')}>
                  {t(c.notApplicableAllowed ? 'criteriaPage.notApplicable.yes' : 'criteriaPage.notApplicable.no')}
                </Fact>
                {requirement ? <Fact term={t('criteriaPage.requirement')}>{requirement}</Fact> : null}
                {evidence ? <Fact term={t('criteriaPage.evidence')}>{evidence}</Fact> : null}
              </Stack>
            </Paper>
          )
        })}
        <Text>
          {t('criteriaPage.suppliers')}{' '}
          {workspaceLinked ? (
            <Anchor component={Link} to="/leverandor" inherit>
              {t('criteriaPage.suppliersLink')}
            </Anchor>
          ) : (
            t('criteriaPage.suppliersLink')
          )}
          .
        </Text>
      </Stack>
    </Stack>
  )
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={600} size="sm">
        {term}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  )
}
