import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import {
  indicatorLabel,
  BaselineFields,
  BenefitFields,
  DerivedFigures,
  formatDecimal,
  LatestFigures,
  MeasurementFields,
  MeasurementStatusBadge,
  useIndicatorLabel,
} from '~/components/benefit/benefit-parts'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { StatusBadge } from '~/components/status-badge'
import { isMoneyIndicator } from '~/domain/benefits'
import {
  BaselineInput,
  baselineFormValues,
  BenefitInput,
  benefitFormValues,
  MeasurementInput,
  MeasurementRef,
} from '~/forms/benefit'
import { pageTitle, pageTitleFrom } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import {
  addMeasurement,
  deleteBenefit,
  deleteMeasurement,
  getBenefit,
  getBenefitRef,
  listBenefitProductOptions,
  saveBaseline,
  updateBenefit,
} from '~/models/benefits.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { getViewer } from '~/utils/auth.server'
import { redirectWithFlash, type Flash } from '~/utils/flash.server'
import { readFormData } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import { answerRefusal, submitIntent, valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/benefit'

// The title is the page's heading (indicator and municipality): a buyer keeps several benefits open side by side.
export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData
    ? pageTitleFrom(matches, (t) =>
        t('benefit.detail.heading', {
          indicator: indicatorLabel(t, loaderData.benefit),
          municipality: loaderData.benefit.municipality.name,
        }),
      )
    : pageTitle(matches, 'benefit.detail.title')

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const procurement = valueOrThrow(await getProcurementAccess(idParam(params.procurementId)))
  const ref = valueOrThrow(await getBenefitRef(viewer, procurement.id, idParam(params.benefitId)))
  const benefit = await getBenefit(viewer, ref)
  if (!benefit) throw data(null, { status: 404 })
  const editing = benefit.viewerCan.edit
  return {
    procurement: { id: procurement.id, title: procurement.title },
    benefit,
    edit: editing
      ? {
          benefit: benefitFormValues({ ...benefit, productId: benefit.product?.id ?? null }),
          baseline: baselineFormValues(benefit.baseline),
          products: await listBenefitProductOptions(procurement.id),
        }
      : null,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await getViewer(request)
  const procurementId = idParam(params.procurementId)
  // 404 unless the viewer may read this benefit here; the models refuse (403) a reader who may not change it.
  const ref = valueOrThrow(await getBenefitRef(viewer, procurementId, idParam(params.benefitId)))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  const here = `/anskaffelser/${procurementId}/gevinster/${ref.id}`
  const back = (key: Flash['key']) => redirectWithFlash(here, { key })
  switch (form.get('intent')) {
    case 'update': {
      return submitIntent(
        form,
        BenefitInput,
        (d) => updateBenefit(viewer, ref, d),
        () => back('benefit.flash.updated'),
      )
    }
    case 'baseline': {
      return submitIntent(
        form,
        BaselineInput,
        (d) => saveBaseline(viewer, ref, d),
        () => back('benefit.flash.baseline'),
      )
    }
    case 'addMeasurement': {
      return submitIntent(
        form,
        MeasurementInput,
        (d) => addMeasurement(viewer, ref, d),
        () => back('benefit.flash.measurement'),
      )
    }
    case 'deleteMeasurement': {
      return submitIntent(
        form,
        MeasurementRef,
        (d) => deleteMeasurement(viewer, ref, d),
        () => back('benefit.flash.measurementDeleted'),
      )
    }
    case 'delete': {
      const result = await deleteBenefit(viewer, ref)
      if (!result.ok) return answerRefusal(result)
      return redirectWithFlash(`/anskaffelser/${procurementId}/gevinster`, { key: 'benefit.flash.deleted' })
    }
    default:
      throw data(null, { status: 400 })
  }
}

export default function BenefitPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const form = useFormState(actionData)
  const indicatorLabel = useIndicatorLabel()
  const { procurement, benefit: b, edit } = loaderData
  const submitted = form.values
  const sent = (intent: string) => submitted?.intent === intent
  const errorIf = (intent: string) => (field: string) => (sent(intent) ? form.error(field) : undefined)
  const name = indicatorLabel(b)
  const unit = b.indicator === 'custom' ? (b.customUnit ?? '') : t(`benefit.unit.${b.indicator}`)
  const number = (n: number | null) => (n === null ? '–' : formatDecimal(n, locale, 2))

  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap="xs">
        <Anchor component={Link} to={`/anskaffelser/${procurement.id}/gevinster`} size="sm">
          {t('benefit.backToList', { title: procurement.title })}
        </Anchor>
        <Title order={1}>{t('benefit.detail.heading', { indicator: name, municipality: b.municipality.name })}</Title>
        <Text>
          {t(`benefit.category.${b.category}`)} · {t(`benefit.area.${b.area}`)} ·{' '}
          {t(`benefit.beneficiary.${b.beneficiary}`)}
        </Text>
        <Group gap="xs">
          {b.baseline ? null : <StatusBadge tone="caution">{t('benefit.missingBaseline')}</StatusBadge>}
          {b.followUpDue ? (
            <StatusBadge tone="caution">{t('benefit.followUp.dueBadge', { months: b.followUpDue.months })}</StatusBadge>
          ) : null}
        </Group>
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />

      <section aria-labelledby="about">
        <Title order={2} id="about" mb="sm">
          {t('benefit.detail.about')}
        </Title>
        <Stack gap={4}>
          <Text size="sm">
            <strong>{t('benefit.field.product')}:</strong>{' '}
            {b.product ? (
              <Anchor component={Link} to={`/register/${b.product.id}`}>
                {b.product.name}
              </Anchor>
            ) : (
              t('benefit.field.product.none')
            )}
          </Text>
          {b.hoursPerUnit !== null ? (
            <Text size="sm">
              <strong>{t('benefit.field.hoursPerUnit')}:</strong> {number(b.hoursPerUnit)}
            </Text>
          ) : null}
          <Text size="sm">
            <strong>{t('benefit.field.concernsCount')}:</strong> {b.concernsCount ?? '–'}
          </Text>
          {b.description ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              <strong>{t('benefit.field.description')}:</strong> {b.description}
            </Text>
          ) : null}
        </Stack>
      </section>

      <section aria-labelledby="baseline">
        <Title order={2} id="baseline" mb="sm">
          {t('benefit.baseline.title')}
        </Title>
        {b.baseline ? (
          <Stack gap={4} mb="md">
            <Text size="sm">
              <strong>{t('benefit.field.value', { unit })}:</strong> {number(b.baseline.value)}
            </Text>
            <Text size="sm">
              <strong>{t('benefit.col.period')}:</strong> <DateTime iso={b.baseline.periodStart} dateOnly /> –{' '}
              <DateTime iso={b.baseline.periodEnd} dateOnly />
            </Text>
            <Text size="sm">
              <strong>{t('benefit.field.method')}:</strong> {t(`benefit.method.${b.baseline.method}`)}
            </Text>
            {b.baseline.qualityNote ? (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                <strong>{t('benefit.field.qualityNote')}:</strong> {b.baseline.qualityNote}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Alert color="yellow" variant="light" mb="md">
            {t('benefit.baseline.missing')}
          </Alert>
        )}
        {edit ? (
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="xs">
              {b.baseline ? t('benefit.baseline.edit') : t('benefit.baseline.record')}
            </Title>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="baseline" />
              <BaselineFields
                defaults={edit.baseline}
                submitted={sent('baseline') ? submitted : undefined}
                error={errorIf('baseline')}
                unit={unit}
              />
              <Button type="submit" mt="sm">
                {t('benefit.baseline.submit')}
              </Button>
            </Form>
          </Paper>
        ) : null}
      </section>

      <section aria-labelledby="measurements">
        <Title order={2} id="measurements" mb="sm">
          {t('benefit.measurements.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('benefit.measurements.neverSummed')}
        </Text>
        {b.measurements.length > 0 ? <LatestFigures latest={b.latest} /> : null}
        {b.measurements.length === 0 ? (
          <Text>{t('benefit.noMeasurements')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={860} mt="md">
            <Table>
              <Table.Caption style={{ textAlign: 'left', captionSide: 'top' }}>
                {t('benefit.measurements.caption', { unit })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('benefit.col.period')}</Table.Th>
                  <Table.Th scope="col">{t('benefit.field.status')}</Table.Th>
                  <Table.Th scope="col">{t('benefit.col.value')}</Table.Th>
                  <Table.Th scope="col">{t('benefit.col.derived')}</Table.Th>
                  <Table.Th scope="col">{t('benefit.col.provenance')}</Table.Th>
                  {edit ? <Table.Th scope="col">{t('benefit.col.actions')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.measurements.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row" fw={400}>
                      <DateTime iso={m.periodStart} dateOnly /> – <DateTime iso={m.periodEnd} dateOnly />
                    </Table.Th>
                    <Table.Td>
                      <MeasurementStatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>{number(m.value)}</Table.Td>
                    <Table.Td>
                      <DerivedFigures derived={m.derived} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t(`benefit.method.${m.method}`)} ·{' '}
                        {t('benefit.uncertaintyOf', {
                          level: t(`benefit.uncertainty.${m.uncertainty}`),
                        })}{' '}
                        · {t(`benefit.reportedByOf`, { reporter: t(`benefit.reporter.${m.reportedBy}`) })}
                      </Text>
                      {m.note ? (
                        <Text size="xs" style={{ whiteSpace: 'pre-line' }}>
                          {m.note}
                        </Text>
                      ) : null}
                    </Table.Td>
                    {edit ? (
                      <Table.Td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="deleteMeasurement" />
                          <input type="hidden" name="measurementId" value={m.id} />
                          <ConfirmSubmit
                            size="xs"
                            variant="default"
                            confirm={t('benefit.measurement.deleteConfirm')}
                            aria-label={t('benefit.measurement.deleteNamed', {
                              start: m.periodStart,
                              end: m.periodEnd,
                            })}
                          >
                            {t('benefit.measurement.delete')}
                          </ConfirmSubmit>
                        </Form>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {edit ? (
          <Paper withBorder p="md" mt="md" component="section" aria-labelledby="ny-maling-title" id="ny-maling">
            <Title order={3} size="h4" id="ny-maling-title" mb="xs">
              {t('benefit.measurement.new')}
            </Title>
            {b.baseline ? null : (
              <Text size="sm" mb="xs">
                {t('benefit.measurement.needsBaseline')}
              </Text>
            )}
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="addMeasurement" />
              <MeasurementFields
                submitted={sent('addMeasurement') ? submitted : undefined}
                error={errorIf('addMeasurement')}
                unit={unit}
                money={isMoneyIndicator(b.indicator)}
              />
              <Button type="submit" mt="sm">
                {t('benefit.measurement.submit')}
              </Button>
            </Form>
          </Paper>
        ) : null}
      </section>

      {edit ? (
        <>
          <Paper withBorder p="lg" component="section" aria-labelledby="edit-benefit">
            <Title order={2} size="h3" id="edit-benefit" mb="xs">
              {t('benefit.edit.title')}
            </Title>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="update" />
              <BenefitFields
                idPrefix="edit"
                defaults={edit.benefit}
                submitted={sent('update') ? submitted : undefined}
                error={errorIf('update')}
                products={edit.products}
              />
              <Button type="submit" mt="sm" variant="default">
                {t('benefit.edit.submit')}
              </Button>
            </Form>
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="delete-benefit">
            <Title order={2} size="h3" id="delete-benefit" mb="xs">
              {t('benefit.delete.title')}
            </Title>
            <Text size="sm" mb="sm">
              {t('benefit.delete.lead')}
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <ConfirmSubmit
                color="red.9"
                confirm={t('benefit.delete.confirm')}
                aria-label={t('benefit.delete.named', { target: name })}
              >
                {t('benefit.delete.submit')}
              </ConfirmSubmit>
            </Form>
          </Paper>
        </>
      ) : null}
    </Stack>
  )
}
