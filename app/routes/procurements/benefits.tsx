import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import {
  BenefitFields,
  LatestFigures,
  MeasurementStatusBadge,
  useIndicatorLabel,
} from '~/components/benefit/benefit-parts'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { StatusBadge } from '~/components/status-badge'
import { BenefitInput } from '~/forms/benefit'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { createBenefit, listBenefitProductOptions, listProcurementBenefits } from '~/models/benefits.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { canRecordBenefit, canViewBenefitsOf } from '~/policy/benefits'
import type { Viewer } from '~/policy/viewer'
import { assertAllowed, getViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readSubmission } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import { answerRefusal, valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/benefits'

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData
    ? pageTitle(matches, 'benefit.list.pageTitle', { title: loaderData.procurement.title })
    : pageTitle(matches, 'benefit.list.title')

/** The procurement, for a viewer who may read its benefit records; anyone else gets a 404 (docs/domain.md,
 * "Visibility", `benefit-visible`). */
async function procurementForBenefits(viewer: Viewer | null, procurementId: string | undefined) {
  const procurement = valueOrThrow(await getProcurementAccess(idParam(procurementId)))
  if (!canViewBenefitsOf(viewer, procurement)) throw data(null, { status: 404 })
  return procurement
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const procurement = await procurementForBenefits(viewer, params.procurementId)
  const canRecord = canRecordBenefit(viewer, procurement)
  const [benefits, products] = await Promise.all([
    listProcurementBenefits(viewer, procurement),
    canRecord ? listBenefitProductOptions(procurement.id) : [],
  ])
  return {
    procurement: { id: procurement.id, title: procurement.title },
    benefits,
    record: canRecord
      ? {
          municipalityName:
            procurement.participants.find((p) => p.municipalityNumber === viewer.municipalityNumber)
              ?.municipalityName ?? viewer.organisationName,
          products,
        }
      : null,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await getViewer(request)
  const procurement = await procurementForBenefits(viewer, params.procurementId)
  assertAllowed(canRecordBenefit(viewer, procurement))
  const submission = await readSubmission(request, BenefitInput)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const result = await createBenefit(viewer, procurement, submission.data)
  if (!result.ok) return answerRefusal(result, submission.values)
  return redirectWithFlash(`/anskaffelser/${procurement.id}/gevinster/${result.value.benefitId}`, {
    key: 'benefit.flash.created',
  })
}

export default function ProcurementBenefits({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const indicatorLabel = useIndicatorLabel()
  const { procurement, benefits, record } = loaderData
  const municipalities = [...new Set(benefits.map((b) => b.municipality.name))]
  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap="xs">
        <Anchor component={Link} to={`/anskaffelser/${procurement.id}`} size="sm">
          {t('benefit.backToProcurement', { title: procurement.title })}
        </Anchor>
        <Title order={1}>{t('benefit.list.title')}</Title>
        <Text>{t('benefit.list.lead', { title: procurement.title })}</Text>
        {benefits.length > 0 ? (
          <Anchor component={Link} to={`/anskaffelser/${procurement.id}/gevinster/eksport`} reloadDocument size="sm">
            {t('csv.benefit.download')}
          </Anchor>
        ) : null}
        {record ? (
          <Group>
            <Button component="a" href="#ny-gevinst" variant="default">
              {t('benefit.new.title')}
            </Button>
          </Group>
        ) : null}
      </Stack>

      <section aria-labelledby="records">
        <Title order={2} id="records" mb="sm">
          {t('benefit.list.records')}
        </Title>
        {benefits.length === 0 ? <Text>{t('benefit.list.empty')}</Text> : null}
        {/* Plain elements (app.css "Repeated cards"): a procurement lists every participant's benefits. */}
        <div className="stack-lg">
          {municipalities.map((name) => (
            <div key={name} className="stack-sm">
              <h3 className="card-title-h4">{name}</h3>
              {benefits
                .filter((b) => b.municipality.name === name)
                .map((b) => (
                  <article key={b.id} className="card" aria-labelledby={`benefit-${b.id}`}>
                    <div className="card-head">
                      <div className="stack-2">
                        <h4 className="card-title-h5" id={`benefit-${b.id}`}>
                          <Link className="text-link" to={`/anskaffelser/${procurement.id}/gevinster/${b.id}`}>
                            {indicatorLabel(b)}
                          </Link>
                        </h4>
                        <p className="text-sm">
                          {t(`benefit.category.${b.category}`)} · {t(`benefit.area.${b.area}`)} ·{' '}
                          {t(`benefit.beneficiary.${b.beneficiary}`)}
                          {b.product ? ` · ${b.product.name}` : ''}
                        </p>
                      </div>
                      <div className="badge-row">
                        {b.baseline ? null : <StatusBadge tone="caution">{t('benefit.missingBaseline')}</StatusBadge>}
                        {b.followUpDue ? (
                          <StatusBadge tone="caution">
                            {t('benefit.followUp.dueBadge', { months: b.followUpDue.months })}
                          </StatusBadge>
                        ) : null}
                      </div>
                    </div>
                    {b.baseline ? (
                      <p className="text-sm card-gap">
                        {t('benefit.baseline.summary', { value: String(b.baseline.value) })} (
                        <DateTime iso={b.baseline.periodStart} dateOnly /> –{' '}
                        <DateTime iso={b.baseline.periodEnd} dateOnly />)
                      </p>
                    ) : null}
                    {b.measurements.length > 0 ? (
                      <>
                        <LatestFigures latest={b.latest} />
                        <div className="badge-row card-gap-top">
                          {b.measurements.slice(0, 5).map((m) => (
                            <MeasurementStatusBadge key={m.id} status={m.status} />
                          ))}
                        </div>
                      </>
                    ) : (
                      <p className="text-sm">{t('benefit.noMeasurements')}</p>
                    )}
                  </article>
                ))}
            </div>
          ))}
        </div>
      </section>

      {record ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="ny-gevinst-title" id="ny-gevinst">
          <Title order={2} id="ny-gevinst-title" mb="xs">
            {t('benefit.new.title')}
          </Title>
          <Text size="sm" mb="md">
            {t('benefit.new.lead', { municipality: record.municipalityName })}
          </Text>
          <FormErrorSummary show={form.hasErrors} message={form.formError} />
          <Form method="post" noValidate>
            <Stack gap="md" mt="sm">
              <BenefitFields
                idPrefix="new"
                defaults={{}}
                submitted={form.values}
                error={form.error}
                products={record.products}
              />
              <Alert color="blue" variant="outline">
                {t('benefit.new.next')}
              </Alert>
              <div>
                <Button type="submit">{t('benefit.new.submit')}</Button>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}
    </Stack>
  )
}
