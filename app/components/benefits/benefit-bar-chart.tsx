import { BarChart } from '@mantine/charts'

// The hours chart of the benefit overview, in its own module so that the chart library (Recharts, about 125 kB of
// gzip) is loaded only when a page shows a chart, after the page itself (benefit-figures.tsx imports it lazily).
// The same figures are always in the table beside it.

export default function BenefitBarChart({
  data,
  realisedLabel,
  estimatedLabel,
}: {
  data: { label: string; realised: number; estimated: number }[]
  realisedLabel: string
  estimatedLabel: string
}) {
  return (
    <BarChart
      h={220}
      data={data}
      dataKey="label"
      withLegend
      series={[
        { name: 'realised', label: realisedLabel, color: 'blue.8' },
        { name: 'estimated', label: estimatedLabel, color: 'orange.9' },
      ]}
      barChartProps={{ accessibilityLayer: false }}
      withTooltip={false}
    />
  )
}
