import { Button, Checkbox, Fieldset, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Form } from 'react-router'
import { CARE_SETTINGS, INTEGRATIONS, INTENDED_USES, MDR_CLASSES } from '~/domain/register-codes'
import { useT } from '~/i18n/use-translation'

/** The product's current data (edit) or the empty form (new product). */
export type ProductFormDefaults = {
  name: string
  categoryId: string
  shortDescription: string
  description: string
  intendedUsers: string
  website: string
  ceMarked: boolean
  intendedUse: string
  mdrClass: string
  dataStorageLocation: string
  dpiaTemplateAvailable: boolean
  dpaAvailable: boolean
  universalDesign: string
  priceModel: string
  standards: string
  careSettings: string[]
  integrations: string[]
}

export const emptyProductForm: ProductFormDefaults = {
  name: '',
  categoryId: '',
  shortDescription: '',
  description: '',
  intendedUsers: '',
  website: '',
  ceMarked: false,
  intendedUse: '',
  mdrClass: 'none',
  dataStorageLocation: '',
  dpiaTemplateAvailable: false,
  dpaAvailable: false,
  universalDesign: '',
  priceModel: '',
  standards: '',
  careSettings: [],
  integrations: [],
}

type Props = {
  intent: string
  categories: Array<{ id: number; name: string }>
  defaults: ProductFormDefaults
  /** What the user typed, when the server sent this form back with errors (lists as comma-separated codes). */
  submitted: Record<string, string> | undefined
  error: (field: string) => string | undefined
  submitLabel: string
  /** Level of the section headings inside the form (the page decides what they sit under). */
  headingLevel: 2 | 3
  /** Extra fields before the submit button (the first version of a new product). */
  children?: ReactNode
}

/**
 * Every product field from docs/domain.md ("The register") as a plain form: works without JavaScript, errors per field from
 * the server, typed values kept.
 */
export function ProductForm({
  intent,
  categories,
  defaults,
  submitted,
  error,
  submitLabel,
  headingLevel,
  children,
}: Props) {
  const t = useT()
  const text = (name: keyof ProductFormDefaults) => (submitted ? (submitted[name] ?? '') : String(defaults[name]))
  const checked = (name: 'ceMarked' | 'dpiaTemplateAvailable' | 'dpaAvailable') =>
    submitted ? submitted[name] === 'on' : defaults[name]
  const list = (name: 'careSettings' | 'integrations') =>
    submitted ? (submitted[name] ?? '').split(',').filter(Boolean) : defaults[name]
  const heading = (id: string, label: string) => (
    <Title order={headingLevel} size="h4" id={id}>
      {label}
    </Title>
  )
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <Stack gap="xl">
        <Stack gap="md" component="section" aria-labelledby={`${intent}-about`}>
          {heading(`${intent}-about`, t('productForm.section.about'))}
          <TextInput
            label={t('productForm.name')}
            name="name"
            required
            maxLength={120}
            defaultValue={text('name')}
            error={error('name')}
          />
          <NativeSelect
            label={t('productForm.category')}
            name="categoryId"
            required
            data={[
              { value: '', label: t('productForm.category.placeholder') },
              ...categories.map((c) => ({ value: String(c.id), label: c.name })),
            ]}
            defaultValue={text('categoryId')}
            error={error('categoryId')}
          />
          <TextInput
            label={t('productForm.shortDescription')}
            description={t('productForm.shortDescription.description')}
            name="shortDescription"
            required
            maxLength={300}
            defaultValue={text('shortDescription')}
            error={error('shortDescription')}
          />
          <Textarea
            label={t('productForm.description')}
            description={t('productForm.description.description')}
            name="description"
            rows={6}
            defaultValue={text('description')}
            error={error('description')}
          />
          <Textarea
            label={t('product.intendedUsers')}
            description={t('productForm.intendedUsers.description')}
            name="intendedUsers"
            rows={2}
            defaultValue={text('intendedUsers')}
            error={error('intendedUsers')}
          />
          <CheckboxGroup
            name="careSettings"
            legend={t('product.careSettings')}
            description={t('productForm.careSettings.description')}
            options={CARE_SETTINGS.map((code) => ({ value: code, label: t(`careSetting.${code}`) }))}
            checked={list('careSettings')}
            error={error('careSettings')}
          />
          <TextInput
            label={t('product.website')}
            description={t('productForm.website.description')}
            name="website"
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={text('website')}
            error={error('website')}
          />
        </Stack>

        <Stack gap="md" component="section" aria-labelledby={`${intent}-regulatory`}>
          {heading(`${intent}-regulatory`, t('productForm.section.regulatory'))}
          <NativeSelect
            label={t('product.mdrClass')}
            description={t('productForm.mdrClass.description')}
            name="mdrClass"
            data={MDR_CLASSES.map((c) => ({ value: c, label: t(`mdr.${c}`) }))}
            defaultValue={text('mdrClass') || 'none'}
            error={error('mdrClass')}
          />
          <Checkbox
            label={t('productForm.ceMarked')}
            name="ceMarked"
            defaultChecked={checked('ceMarked')}
            error={error('ceMarked')}
          />
          <NativeSelect
            label={t('product.intendedUse')}
            name="intendedUse"
            data={[
              { value: '', label: t('productForm.intendedUse.none') },
              ...INTENDED_USES.map((u) => ({ value: u, label: t(`intendedUse.${u}`) })),
            ]}
            defaultValue={text('intendedUse')}
            error={error('intendedUse')}
          />
          <TextInput
            label={t('product.standards')}
            description={t('productForm.standards.description')}
            name="standards"
            defaultValue={text('standards')}
            error={error('standards')}
          />
          <CheckboxGroup
            name="integrations"
            legend={t('product.integrations')}
            description={t('productForm.integrations.description')}
            options={INTEGRATIONS.map((code) => ({ value: code, label: t(`integration.${code}`) }))}
            checked={list('integrations')}
            error={error('integrations')}
          />
        </Stack>

        <Stack gap="md" component="section" aria-labelledby={`${intent}-data`}>
          {heading(`${intent}-data`, t('productForm.section.data'))}
          <Textarea
            label={t('product.dataStorage')}
            description={t('productForm.dataStorage.description')}
            name="dataStorageLocation"
            rows={2}
            defaultValue={text('dataStorageLocation')}
            error={error('dataStorageLocation')}
          />
          <Checkbox
            label={t('productForm.dpia')}
            name="dpiaTemplateAvailable"
            defaultChecked={checked('dpiaTemplateAvailable')}
            error={error('dpiaTemplateAvailable')}
          />
          <Checkbox
            label={t('productForm.dpa')}
            name="dpaAvailable"
            defaultChecked={checked('dpaAvailable')}
            error={error('dpaAvailable')}
          />
        </Stack>

        <Stack gap="md" component="section" aria-labelledby={`${intent}-more`}>
          {heading(`${intent}-more`, t('productForm.section.more'))}
          <Textarea
            label={t('product.universalDesign')}
            description={t('productForm.universalDesign.description')}
            name="universalDesign"
            rows={3}
            defaultValue={text('universalDesign')}
            error={error('universalDesign')}
          />
          <Textarea
            label={t('product.priceModel')}
            description={t('productForm.priceModel.description')}
            name="priceModel"
            rows={3}
            defaultValue={text('priceModel')}
            error={error('priceModel')}
          />
        </Stack>

        {children}
        <div>
          <Button type="submit">{submitLabel}</Button>
        </div>
      </Stack>
    </Form>
  )
}

/** Checkboxes sharing one name in a fieldset with a legend; each box posts its own value (no JavaScript needed). */
function CheckboxGroup({
  name,
  legend,
  description,
  options,
  checked,
  error,
}: {
  name: string
  legend: string
  description: string
  options: Array<{ value: string; label: string }>
  checked: readonly string[]
  error: string | undefined
}) {
  const descriptionId = `${name}-description`
  const errorId = `${name}-error`
  return (
    <Fieldset
      legend={legend}
      variant="unstyled"
      aria-describedby={error ? `${descriptionId} ${errorId}` : descriptionId}
      styles={{ legend: { fontWeight: 'var(--mantine-font-weight-medium)', fontSize: 'var(--mantine-font-size-sm)' } }}
    >
      <Text id={descriptionId} size="xs" c="dimmed" mb="xs">
        {description}
      </Text>
      <Stack gap="xs">
        {options.map((o) => (
          <Checkbox
            key={o.value}
            name={name}
            value={o.value}
            label={o.label}
            defaultChecked={checked.includes(o.value)}
          />
        ))}
      </Stack>
      {error ? (
        <Text id={errorId} size="sm" c="var(--mantine-color-error)" mt="xs">
          {error}
        </Text>
      ) : null}
    </Fieldset>
  )
}
