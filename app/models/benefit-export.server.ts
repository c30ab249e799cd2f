import type { Translate } from '~/i18n'
import type { CsvCell } from '~/utils/csv.server'
import type { BenefitView } from '~/models/benefits.server'

// A procurement's benefit records as a spreadsheet: one row for each baseline and each measurement, with the derived
// hours and full-time equivalents of a measurement. The basis (baseline, planned, estimated, realised) is its own
// column, so a spreadsheet never adds them up by accident; the records are the ones the viewer may read.

export function benefitExportRows(t: Translate, benefits: readonly BenefitView[]) {
  const header = [
    t('csv.benefit.municipality'),
    t('csv.benefit.municipalityNumber'),
    t('csv.benefit.product'),
    t('csv.benefit.category'),
    t('csv.benefit.area'),
    t('csv.benefit.indicator'),
    t('csv.benefit.basis'),
    t('csv.benefit.value'),
    t('csv.benefit.periodStart'),
    t('csv.benefit.periodEnd'),
    t('csv.benefit.method'),
    t('csv.benefit.uncertainty'),
    t('csv.benefit.reportedBy'),
    t('csv.benefit.priceYear'),
    t('csv.benefit.hoursPerYear'),
    t('csv.benefit.fte'),
  ]
  const rows: CsvCell[][] = []
  for (const b of benefits) {
    const about = [
      b.municipality.name,
      b.municipality.number,
      b.product?.name ?? null,
      t(`benefit.category.${b.category}`),
      t(`benefit.area.${b.area}`),
      b.indicator === 'custom'
        ? `${b.customIndicator ?? ''} (${b.customUnit ?? ''})`
        : t(`benefit.indicator.${b.indicator}`),
    ]
    if (b.baseline)
      rows.push([
        ...about,
        t('csv.benefit.baseline'),
        b.baseline.value,
        { date: b.baseline.periodStart },
        { date: b.baseline.periodEnd },
        t(`benefit.method.${b.baseline.method}`),
        null,
        null,
        null,
        null,
        null,
      ])
    for (const m of [...b.measurements].reverse())
      rows.push([
        ...about,
        t(`benefit.status.${m.status}`),
        m.value,
        { date: m.periodStart },
        { date: m.periodEnd },
        t(`benefit.method.${m.method}`),
        t(`benefit.uncertainty.${m.uncertainty}`),
        t(`benefit.reporter.${m.reportedBy}`),
        m.priceYear,
        m.status === 'planned' ? null : (m.derived?.hoursPerYear ?? null),
        m.status === 'planned' ? null : (m.derived?.fullTimeEquivalents ?? null),
      ])
  }
  return { header, rows }
}
