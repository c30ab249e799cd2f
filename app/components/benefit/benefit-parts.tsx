import { NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core'
import { valueReader, type Option } from '~/components/procurement/fields'
import { StatusBadge } from '~/components/status-badge'
import {
  BENEFICIARIES,
  BENEFIT_AREAS,
  BENEFIT_CATEGORIES,
  BENEFIT_INDICATORS,
  MEASUREMENT_METHODS,
  MEASUREMENT_STATUSES,
  REPORTERS,
  UNCERTAINTIES,
  type DerivedBenefit,
} from '~/domain/benefits'
import type { Locale, Translate } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import type { BenefitIndicator, MeasurementStatus } from '../../../db/schema'
import { numberFormat } from '~/i18n/intl-cache'

// The parts of the benefit pages (docs/domain.md, "Benefit realisation"): the three forms' fields and the derived
// figures of a measurement. Figures are shown per measurement, each with its status: realised and estimated figures
// are never added together here.

type Values = Record<string, string>
type ErrorFn = (field: string) => string | undefined

/** A number in the page's language with at most `digits` decimals. */
export function formatDecimal(value: number, locale: Locale, digits = 1) {
  return numberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: digits }).format(value)
}

/** The indicator's name (and unit) as the page shows it: a free indicator names itself. */
type IndicatorOf = { indicator: BenefitIndicator; customIndicator: string | null; customUnit: string | null }

/** A benefit's indicator as its pages name it (a custom one with its unit). */
export function indicatorLabel(t: Translate, b: IndicatorOf) {
  return b.indicator === 'custom'
    ? t('benefit.customIndicatorLabel', { name: b.customIndicator ?? '', unit: b.customUnit ?? '' })
    : t(`benefit.indicator.${b.indicator}`)
}

export function useIndicatorLabel() {
  const t = useT()
  return (b: IndicatorOf) => indicatorLabel(t, b)
}

const STATUS_TONE = { realised: 'positive', estimated: 'caution', planned: 'neutral' } as const

export function MeasurementStatusBadge({ status }: { status: MeasurementStatus }) {
  const t = useT()
  return <StatusBadge tone={STATUS_TONE[status]}>{t(`benefit.status.${status}`)}</StatusBadge>
}

/** The derived figures of one measurement against the baseline, as a short list of labelled values. */
export function DerivedFigures({ derived }: { derived: DerivedBenefit | null }) {
  const t = useT()
  const locale = useLocale()
  if (!derived) return <Text size="sm">{t('benefit.derived.noBaseline')}</Text>
  const signed = (n: number) => `${n > 0 ? '+' : ''}${formatDecimal(n, locale, 2)}`
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t('benefit.derived.change', { change: signed(derived.change) })}
        {derived.percentChange !== null
          ? ` (${t('benefit.derived.percent', { percent: signed(derived.percentChange) })})`
          : ''}
      </Text>
      {derived.hoursPerYear !== null ? (
        <Text size="sm">
          {t('benefit.derived.hours', { hours: formatDecimal(derived.hoursPerYear, locale, 0) })}
          {derived.fullTimeEquivalents !== null
            ? ` · ${t('benefit.derived.fte', { fte: formatDecimal(derived.fullTimeEquivalents, locale, 2) })}`
            : ''}
        </Text>
      ) : null}
      {derived.nok ? (
        <Text size="sm">
          {t('benefit.derived.nok', {
            nok: formatDecimal(derived.nok.nok, locale, 0),
            year: String(derived.nok.priceYear),
          })}
        </Text>
      ) : null}
    </Stack>
  )
}

/** A planned benefit's own fields (new and edit). */
export function BenefitFields({
  idPrefix,
  defaults,
  submitted,
  error,
  products,
}: {
  idPrefix: string
  defaults: Values
  submitted: Values | undefined
  error: ErrorFn
  products: Option[]
}) {
  const t = useT()
  const v = valueReader(defaults, submitted)
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          id={`${idPrefix}-category`}
          label={t('benefit.field.category')}
          name="category"
          data={BENEFIT_CATEGORIES.map((c) => ({ value: c, label: t(`benefit.category.${c}`) }))}
          defaultValue={v.text('category') || 'efficiency'}
          error={error('category')}
        />
        <NativeSelect
          id={`${idPrefix}-area`}
          label={t('benefit.field.area')}
          name="area"
          data={BENEFIT_AREAS.map((a) => ({ value: String(a), label: t(`benefit.area.${a}`) }))}
          defaultValue={v.text('area') || '2'}
          error={error('area')}
        />
        <NativeSelect
          id={`${idPrefix}-beneficiary`}
          label={t('benefit.field.beneficiary')}
          name="beneficiary"
          data={BENEFICIARIES.map((b) => ({ value: b, label: t(`benefit.beneficiary.${b}`) }))}
          defaultValue={v.text('beneficiary') || 'staff'}
          error={error('beneficiary')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          id={`${idPrefix}-indicator`}
          label={t('benefit.field.indicator')}
          description={t('benefit.field.indicator.description')}
          name="indicator"
          data={BENEFIT_INDICATORS.map((i) => ({ value: i, label: t(`benefit.indicator.${i}`) }))}
          defaultValue={v.text('indicator') || 'hours_per_month'}
          error={error('indicator')}
        />
        <NativeSelect
          id={`${idPrefix}-product`}
          label={t('benefit.field.product')}
          name="productId"
          data={[{ value: '', label: t('benefit.field.product.none') }, ...products]}
          defaultValue={v.text('productId')}
          error={error('productId')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          id={`${idPrefix}-custom-indicator`}
          label={t('benefit.field.customIndicator')}
          description={t('benefit.field.customIndicator.description')}
          name="customIndicator"
          maxLength={120}
          defaultValue={v.text('customIndicator')}
          error={error('customIndicator')}
        />
        <TextInput
          id={`${idPrefix}-custom-unit`}
          label={t('benefit.field.customUnit')}
          name="customUnit"
          maxLength={40}
          defaultValue={v.text('customUnit')}
          error={error('customUnit')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          id={`${idPrefix}-hours-per-unit`}
          label={t('benefit.field.hoursPerUnit')}
          description={t('benefit.field.hoursPerUnit.description')}
          name="hoursPerUnit"
          inputMode="decimal"
          maxLength={12}
          defaultValue={v.text('hoursPerUnit')}
          error={error('hoursPerUnit')}
        />
        <TextInput
          id={`${idPrefix}-concerns`}
          label={t('benefit.field.concernsCount')}
          name="concernsCount"
          inputMode="numeric"
          maxLength={12}
          defaultValue={v.text('concernsCount')}
          error={error('concernsCount')}
        />
      </SimpleGrid>
      <Textarea
        id={`${idPrefix}-description`}
        label={t('benefit.field.description')}
        name="description"
        autosize
        minRows={2}
        maxLength={2000}
        defaultValue={v.text('description')}
        error={error('description')}
      />
    </Stack>
  )
}

const methodOptions = (t: ReturnType<typeof useT>) =>
  MEASUREMENT_METHODS.map((m) => ({ value: m, label: t(`benefit.method.${m}`) }))

/** The baseline: value, period, method and a note on data quality. */
export function BaselineFields({
  defaults,
  submitted,
  error,
  unit,
}: {
  defaults: Values
  submitted: Values | undefined
  error: ErrorFn
  unit: string
}) {
  const t = useT()
  const v = valueReader(defaults, submitted)
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          id="baseline-value"
          label={t('benefit.field.value', { unit })}
          name="baselineValue"
          inputMode="decimal"
          maxLength={20}
          defaultValue={v.text('baselineValue')}
          error={error('baselineValue')}
        />
        <NativeSelect
          id="baseline-method"
          label={t('benefit.field.method')}
          name="baselineMethod"
          data={methodOptions(t)}
          defaultValue={v.text('baselineMethod') || 'system_data'}
          error={error('baselineMethod')}
        />
        <TextInput
          id="baseline-start"
          type="date"
          label={t('benefit.field.periodStart')}
          name="baselinePeriodStart"
          defaultValue={v.text('baselinePeriodStart')}
          error={error('baselinePeriodStart')}
        />
        <TextInput
          id="baseline-end"
          type="date"
          label={t('benefit.field.periodEnd')}
          name="baselinePeriodEnd"
          defaultValue={v.text('baselinePeriodEnd')}
          error={error('baselinePeriodEnd')}
        />
      </SimpleGrid>
      <Textarea
        id="baseline-note"
        label={t('benefit.field.qualityNote')}
        description={t('benefit.field.qualityNote.description')}
        name="baselineQualityNote"
        autosize
        minRows={2}
        maxLength={2000}
        defaultValue={v.text('baselineQualityNote')}
        error={error('baselineQualityNote')}
      />
    </Stack>
  )
}

/** A measurement: value, period, method, status, uncertainty, who reported it, the price year of a NOK figure. */
export function MeasurementFields({
  submitted,
  error,
  unit,
  money,
}: {
  submitted: Values | undefined
  error: ErrorFn
  unit: string
  money: boolean
}) {
  const t = useT()
  const v = valueReader({}, submitted)
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          id="measurement-value"
          label={t('benefit.field.value', { unit })}
          name="value"
          inputMode="decimal"
          maxLength={20}
          defaultValue={v.text('value')}
          error={error('value')}
        />
        <NativeSelect
          id="measurement-status"
          label={t('benefit.field.status')}
          description={t('benefit.field.status.description')}
          name="status"
          data={MEASUREMENT_STATUSES.map((s) => ({ value: s, label: t(`benefit.status.${s}`) }))}
          defaultValue={v.text('status') || 'realised'}
          error={error('status')}
        />
        <TextInput
          id="measurement-start"
          type="date"
          label={t('benefit.field.periodStart')}
          name="periodStart"
          defaultValue={v.text('periodStart')}
          error={error('periodStart')}
        />
        <TextInput
          id="measurement-end"
          type="date"
          label={t('benefit.field.periodEnd')}
          name="periodEnd"
          defaultValue={v.text('periodEnd')}
          error={error('periodEnd')}
        />
        <NativeSelect
          id="measurement-method"
          label={t('benefit.field.method')}
          name="method"
          data={methodOptions(t)}
          defaultValue={v.text('method') || 'system_data'}
          error={error('method')}
        />
        <NativeSelect
          id="measurement-uncertainty"
          label={t('benefit.field.uncertainty')}
          name="uncertainty"
          data={UNCERTAINTIES.map((u) => ({ value: u, label: t(`benefit.uncertainty.${u}`) }))}
          defaultValue={v.text('uncertainty') || 'moderate'}
          error={error('uncertainty')}
        />
        <NativeSelect
          id="measurement-reporter"
          label={t('benefit.field.reportedBy')}
          name="reportedBy"
          data={REPORTERS.map((r) => ({ value: r, label: t(`benefit.reporter.${r}`) }))}
          defaultValue={v.text('reportedBy') || 'municipality'}
          error={error('reportedBy')}
        />
        {money ? (
          <TextInput
            id="measurement-price-year"
            label={t('benefit.field.priceYear')}
            description={t('benefit.field.priceYear.description')}
            name="priceYear"
            inputMode="numeric"
            maxLength={4}
            defaultValue={v.text('priceYear')}
            error={error('priceYear')}
          />
        ) : null}
      </SimpleGrid>
      <Textarea
        id="measurement-note"
        label={t('benefit.field.note')}
        name="note"
        autosize
        minRows={2}
        maxLength={2000}
        defaultValue={v.text('note')}
        error={error('note')}
      />
    </Stack>
  )
}

/** Realised and estimated side by side (never summed): the newest of each. */
export function LatestFigures({
  latest,
}: {
  latest: {
    realised: { derived: DerivedBenefit | null; periodEnd: string } | null
    estimated: { derived: DerivedBenefit | null; periodEnd: string } | null
  }
}) {
  const t = useT()
  return (
    <Table withTableBorder variant="vertical" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('benefit.status.realised')}</Table.Th>
          <Table.Th scope="col">{t('benefit.status.estimated')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          {(['realised', 'estimated'] as const).map((basis) => (
            <Table.Td key={basis} style={{ verticalAlign: 'top' }}>
              {latest[basis] ? <DerivedFigures derived={latest[basis].derived} /> : t('benefit.latest.none')}
            </Table.Td>
          ))}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  )
}
