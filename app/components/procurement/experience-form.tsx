import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { DATA_EXPORTED, ENDING_REASONS, RECOMMENDATIONS } from '~/domain/procurement-rules'
import { useT } from '~/i18n/use-translation'
import { RadioGroupField, valueReader } from './fields'
import { RatingInputs } from './rating-input'

/**
 * The experience report (docs/domain.md, "Experience report" and "Ending and switching"): date, nine 1–5 ratings,
 * recommendation, free text, and the ending section. Saved as a private draft or published.
 */
export function ExperienceForm({
  defaults,
  submitted,
  error,
  municipalityName,
  products,
  intent,
  extraActions,
}: {
  defaults: Record<string, string>
  submitted: Record<string, string> | undefined
  error: (field: string) => string | undefined
  municipalityName: string
  /** The procurement's register products: with several, the author chooses which one the report is about; with one,
   * it is shown; with none, nothing is asked. */
  products: ReadonlyArray<{ productId: number; name: string }>
  intent: string
  extraActions?: ReactNode
}) {
  const t = useT()
  const v = valueReader(defaults, submitted)
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <Stack gap="xl">
        <Stack gap="md" component="section" aria-labelledby="exp-about">
          <Title order={2} size="h3" id="exp-about">
            {t('procurement.experience.form.section.about')}
          </Title>
          <TextInput
            label={t('procurement.experience.field.reportDate')}
            description={t('procurement.field.date.description')}
            type="date"
            name="reportDate"
            required
            defaultValue={v.text('reportDate')}
            error={error('reportDate')}
          />
          {products.length > 1 ? (
            <NativeSelect
              label={t('procurement.experience.field.product')}
              description={t('procurement.experience.field.product.description')}
              name="productId"
              required
              data={[
                { value: '', label: t('procurement.experience.field.product.placeholder') },
                ...products.map((p) => ({ value: String(p.productId), label: p.name })),
              ]}
              defaultValue={v.text('productId')}
              error={error('productId')}
            />
          ) : products.length === 1 ? (
            <TextInput
              label={t('procurement.experience.field.product')}
              value={products[0]?.name ?? ''}
              readOnly
              error={error('productId')}
            />
          ) : null}
          <TextInput
            label={t('procurement.experience.field.municipality')}
            description={t('procurement.experience.field.municipality.description')}
            value={municipalityName}
            readOnly
          />
        </Stack>

        <Stack gap="md" component="section" aria-labelledby="exp-ratings">
          <Title order={2} size="h3" id="exp-ratings">
            {t('procurement.experience.form.section.ratings')}
          </Title>
          <Text size="sm">{t('procurement.experience.form.ratingsLead')}</Text>
          <RatingInputs value={v.text} error={error} />
          <RadioGroupField
            name="recommendation"
            label={t('procurement.experience.field.recommendation')}
            options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`recommendation.${r}`) }))}
            value={v.text('recommendation')}
            error={error('recommendation')}
            required
          />
        </Stack>

        <Stack gap="md" component="section" aria-labelledby="exp-text">
          <Title order={2} size="h3" id="exp-text">
            {t('procurement.experience.form.section.text')}
          </Title>
          <Textarea
            label={t('procurement.experience.field.workedWell')}
            name="workedWell"
            rows={4}
            defaultValue={v.text('workedWell')}
            error={error('workedWell')}
          />
          <Textarea
            label={t('procurement.experience.field.wasHard')}
            name="wasHard"
            rows={4}
            defaultValue={v.text('wasHard')}
            error={error('wasHard')}
          />
          <Textarea
            label={t('procurement.experience.field.advice')}
            name="advice"
            rows={4}
            defaultValue={v.text('advice')}
            error={error('advice')}
          />
        </Stack>

        <Paper withBorder p="md" component="section" aria-labelledby="exp-ending">
          <Stack gap="md">
            <Title order={2} size="h3" id="exp-ending">
              {t('procurement.experience.form.section.ending')}
            </Title>
            <Text size="sm">{t('procurement.experience.form.endingLead')}</Text>
            <Checkbox
              name="ended"
              label={t('procurement.experience.field.ended')}
              defaultChecked={v.checked('ended')}
              error={error('ended')}
            />
            <NativeSelect
              label={t('procurement.experience.field.endingReason')}
              description={t('procurement.experience.field.endingReason.description')}
              name="endingReason"
              data={[
                { value: '', label: t('procurement.experience.field.endingReason.none') },
                ...ENDING_REASONS.map((r) => ({ value: r, label: t(`endingReason.${r}`) })),
              ]}
              defaultValue={v.text('endingReason')}
              error={error('endingReason')}
            />
            <Textarea
              label={t('procurement.experience.field.endingDetails')}
              name="endingDetails"
              rows={2}
              defaultValue={v.text('endingDetails')}
              error={error('endingDetails')}
            />
            <TextInput
              label={t('procurement.experience.field.switchingCostNok')}
              description={t('procurement.experience.field.switchingCostNok.description')}
              name="switchingCostNok"
              inputMode="numeric"
              maxLength={30}
              defaultValue={v.text('switchingCostNok')}
              error={error('switchingCostNok')}
            />
            <NativeSelect
              label={t('procurement.experience.field.dataExported')}
              name="dataExported"
              data={[
                { value: '', label: t('procurement.experience.field.dataExported.none') },
                ...DATA_EXPORTED.map((d) => ({ value: d, label: t(`dataExported.${d}`) })),
              ]}
              defaultValue={v.text('dataExported')}
              error={error('dataExported')}
            />
          </Stack>
        </Paper>

        <Text size="sm">{t('procurement.experience.form.publishHint')}</Text>
        <Group gap="md">
          {/* Saving a draft comes first: pressing Enter in a field must never publish. */}
          <Button type="submit" name="publish" value="" variant="default">
            {t('procurement.experience.form.saveDraft')}
          </Button>
          <Button type="submit" name="publish" value="on">
            {t('procurement.experience.form.publish')}
          </Button>
          {extraActions}
        </Group>
      </Stack>
    </Form>
  )
}
