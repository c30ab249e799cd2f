import { Group, Radio } from '@mantine/core'
import { RATING_DIMENSIONS, RATING_FIELDS, type RatingDimension } from '~/domain/procurement-rules'
import { useT } from '~/i18n/use-translation'

/** A 1–5 rating of one dimension as a radio group with a legend; optional dimensions also offer "not relevant". */
export function RatingInput({
  dimension,
  value,
  error,
}: {
  dimension: RatingDimension
  value: string
  error?: string
}) {
  const t = useT()
  const required = dimension === 'overall'
  const options = [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label: t(`procurement.rating.scale.${n as 1 | 2 | 3 | 4 | 5}`),
  }))
  return (
    <Radio.Group
      name={RATING_FIELDS[dimension]}
      label={t(`rating.${dimension}`)}
      description={required ? t('procurement.rating.requiredHint') : undefined}
      required={required}
      defaultValue={value && value !== '' ? value : required ? undefined : '0'}
      error={error}
    >
      <Group gap="md" mt="xs">
        {options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
        {required ? null : <Radio value="0" label={t('procurement.rating.notRelevant')} />}
      </Group>
    </Radio.Group>
  )
}

export function RatingInputs({
  value,
  error,
}: {
  value: (field: string) => string
  error: (field: string) => string | undefined
}) {
  return (
    <>
      {RATING_DIMENSIONS.map((d) => (
        <RatingInput key={d} dimension={d} value={value(RATING_FIELDS[d])} error={error(RATING_FIELDS[d])} />
      ))}
    </>
  )
}
