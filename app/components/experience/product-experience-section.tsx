import { Form, Link, useLocation } from 'react-router'
import { DateTime } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { PlainSelect } from '~/components/plain-field'
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
    // Plain elements with app.css classes (Mantine's look) around the form's fields: rendered for every signed-in
    // request of the product page.
    <section aria-labelledby="experience" className="stack-lg">
      <h2 className="title-h3" id="experience">
        {t('experience.section')}
      </h2>

      <div className="card">
        <Form method="get" action={location.pathname} preventScrollReset>
          <div className="filter-row">
            <PlainSelect
              id="experience-band"
              label={t('experience.filter.band')}
              name="innbyggere"
              defaultValue={filter.populationBand ?? ''}
              options={[
                { value: '', label: t('experience.filter.any') },
                ...filterOptions.populationBands.map((b) => ({ value: b.code, label: t(`populationBand.${b.code}`) })),
              ]}
            />
            <PlainSelect
              id="experience-county"
              label={t('experience.filter.county')}
              name="fylke"
              defaultValue={filter.county ?? ''}
              options={[
                { value: '', label: t('experience.filter.any') },
                ...filterOptions.counties.map((c) => ({ value: c.number, label: c.name })),
              ]}
            />
            <button type="submit" className="btn btn-light">
              {t('experience.filter.submit')}
            </button>
            {likeMine ? (
              <Link
                className="plain-link"
                to={`${location.pathname}?innbyggere=${likeMine.populationBand}&fylke=${likeMine.county}`}
                preventScrollReset
              >
                {t('experience.filter.likeMine')}
              </Link>
            ) : null}
            {filtered ? (
              <Link className="plain-link" to={location.pathname} preventScrollReset>
                {t('experience.filter.reset')}
              </Link>
            ) : null}
          </div>
        </Form>
        {experience.audience === 'public' ? (
          <p className="text-sm card-gap-top">{t('experience.filter.publicNote')}</p>
        ) : null}
      </div>

      {aggregate ? (
        <div className="stack-xs">
          <AggregateTable aggregate={aggregate} caption={t('experience.aggregateCaption')} />
          <AggregateBasis aggregate={aggregate} minimum={experience.minimumMunicipalities} />
        </div>
      ) : (
        <p className="text-md">
          {experience.audience === 'public' || !experience.thresholdMet
            ? t('experience.belowThreshold', { minimum: experience.minimumMunicipalities })
            : t('experience.noneYet')}
        </p>
      )}

      <div className="stack-xs">
        <h3 className="card-title-h4">{t('experience.usage')}</h3>
        {usage.total === 0 ? (
          <p className="text-md">{t('experience.usageEmpty')}</p>
        ) : (
          <>
            <p className="text-sm">{t('experience.phaseCounts', { summary: phaseSummary })}</p>
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
      </div>

      {experience.experiences ? (
        <div className="stack-xs">
          <h3 className="card-title-h4">{t('experience.reports')}</h3>
          {experience.experiences.items.length === 0 ? (
            <p className="text-md">{t('experience.reportsEmpty')}</p>
          ) : (
            <ExperienceList items={experience.experiences.items} />
          )}
          <Pagination page={experience.experiences.page} pageCount={experience.experiences.pageCount} />
        </div>
      ) : null}
    </section>
  )
}
