import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core'
import { Form, Link, useLocation } from 'react-router'
import { DateTime } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { useT } from '~/i18n/use-translation'
import { AggregateBasis, AggregateTable } from './aggregate-table'
import { ExperienceList, type ExperienceListItem } from './experience-list'

type Phase = 'planning' | 'tendering' | 'pilot' | 'implementation' | 'in_operation' | 'ended'
type Band = 'under_5000' | '5000_20000' | '20000_50000' | '50000_100000' | 'over_100000'

export type ProductExperienceData = {
  audience: 'coordinator' | 'buyer' | 'own_supplier' | 'public'
  minimumMunicipalities: number
  aggregate: Parameters<typeof AggregateBasis>[0]['aggregate'] | null
  thresholdMet: boolean
  usage: {
    items: Array<{
      municipality: { number: string; name: string; countyName: string }
      procurementId: number
      role: 'lead' | 'participant'
      phase: Phase
      goLiveDate: string | null
    }>
    page: number
    pageCount: number
    total: number
  }
  phaseCounts: Record<Phase, number>
  experiences: { items: ExperienceListItem[]; page: number; pageCount: number } | null
  filter: { county?: string; populationBand?: Band }
}

/** "Who bought this, and what did they get?" on the product page, as far as this viewer may see. */
export function ProductExperienceSection({
  experience,
  filterOptions,
  likeMine,
}: {
  experience: ProductExperienceData
  filterOptions: { counties: Array<{ number: string; name: string }>; populationBands: Array<{ code: Band }> }
  likeMine: { populationBand: Band; county: string } | null
}) {
  const t = useT()
  const location = useLocation()
  const { aggregate, usage, filter } = experience
  const filtered = Boolean(filter.county || filter.populationBand)
  const phaseSummary = (Object.entries(experience.phaseCounts) as Array<[Phase, number]>)
    .filter(([, n]) => n > 0)
    .map(([phase, n]) => `${t(`phase.${phase}`)} ${n}`)
    .join(', ')
  return (
    <Stack component="section" aria-labelledby="experience" gap="lg">
      <Title order={2} size="h3" id="experience">
        {t('experience.section')}
      </Title>

      <Paper withBorder p="md">
        <Form method="get" action={location.pathname} preventScrollReset>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('experience.filter.band')}
              name="innbyggere"
              defaultValue={filter.populationBand ?? ''}
              data={[
                { value: '', label: t('experience.filter.any') },
                ...filterOptions.populationBands.map((b) => ({ value: b.code, label: t(`populationBand.${b.code}`) })),
              ]}
            />
            <NativeSelect
              label={t('experience.filter.county')}
              name="fylke"
              defaultValue={filter.county ?? ''}
              data={[
                { value: '', label: t('experience.filter.any') },
                ...filterOptions.counties.map((c) => ({ value: c.number, label: c.name })),
              ]}
            />
            <Button type="submit" variant="light">
              {t('experience.filter.submit')}
            </Button>
            {likeMine ? (
              <Anchor
                component={Link}
                to={`${location.pathname}?innbyggere=${likeMine.populationBand}&fylke=${likeMine.county}`}
                preventScrollReset
              >
                {t('experience.filter.likeMine')}
              </Anchor>
            ) : null}
            {filtered ? (
              <Anchor component={Link} to={location.pathname} preventScrollReset>
                {t('experience.filter.reset')}
              </Anchor>
            ) : null}
          </Group>
        </Form>
        {experience.audience === 'public' ? (
          <Text size="sm" mt="xs">
            {t('experience.filter.publicNote')}
          </Text>
        ) : null}
      </Paper>

      {aggregate ? (
        <Stack gap="xs">
          <AggregateTable aggregate={aggregate} caption={t('experience.aggregateCaption')} />
          <AggregateBasis aggregate={aggregate} minimum={experience.minimumMunicipalities} />
        </Stack>
      ) : (
        <Text>
          {experience.audience === 'public' || !experience.thresholdMet
            ? t('experience.belowThreshold', { minimum: experience.minimumMunicipalities })
            : t('experience.noneYet')}
        </Text>
      )}

      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('experience.usage')}
        </Title>
        {usage.total === 0 ? (
          <Text>{t('experience.usageEmpty')}</Text>
        ) : (
          <>
            <Text size="sm">{t('experience.phaseCounts', { summary: phaseSummary })}</Text>
            {/* Plain elements (app.css): up to a page of rows; short columns that wrap at 390 px. */}
            <table className="plain-table">
              <thead>
                <tr>
                  <th scope="col">{t('experience.usage.municipality')}</th>
                  <th scope="col">{t('experience.usage.county')}</th>
                  <th scope="col">{t('experience.usage.phase')}</th>
                  <th scope="col">{t('experience.usage.goLive')}</th>
                </tr>
              </thead>
              <tbody>
                {usage.items.map((u) => (
                  <tr key={`${u.procurementId}-${u.municipality.number}`}>
                    <td>{u.municipality.name}</td>
                    <td>{u.municipality.countyName}</td>
                    <td>{t(`phase.${u.phase}`)}</td>
                    <td>{u.goLiveDate ? <DateTime iso={u.goLiveDate} dateOnly /> : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={usage.page} pageCount={usage.pageCount} param="bruk" />
          </>
        )}
      </Stack>

      {experience.experiences ? (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('experience.reports')}
          </Title>
          {experience.experiences.items.length === 0 ? (
            <Text>{t('experience.reportsEmpty')}</Text>
          ) : (
            <ExperienceList items={experience.experiences.items} />
          )}
          <Pagination page={experience.experiences.page} pageCount={experience.experiences.pageCount} />
        </Stack>
      ) : null}
    </Stack>
  )
}
