import { Alert, Checkbox, NativeSelect, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core'
import { useRef } from 'react'
import { PlainSelect, PlainTextarea, PlainTextInput } from '~/components/plain-field'
import { CARE_SETTINGS } from '~/domain/register-codes'
import {
  COMMERCIAL_TERMS_VISIBILITIES,
  PHASES,
  PICKER_LIMIT,
  PROCEDURES,
  SEARCH_OPTIONS_INTENT,
} from '~/domain/procurement-rules'
import { useT } from '~/i18n/use-translation'
import { CheckboxGroupField, MultiPicker, RadioGroupField, valueReader, type Option } from './fields'

export type ProcurementFormOptions = {
  products: Option[]
  suppliers: Option[]
  municipalities: Option[]
}

type Values = Record<string, string>
type ErrorFn = (field: string) => string | undefined

/**
 * The lead municipality's core fields of a procurement (docs/domain.md, "Procurements"): the need, what was bought and
 * from whom, the procedure and the contract. Used by the new-procurement form and the edit mode of the detail page.
 */
export function ProcurementCoreFields({
  idPrefix,
  defaults,
  submitted,
  error,
  options,
  headingLevel,
}: {
  idPrefix: string
  defaults: Values
  submitted: Values | undefined
  error: ErrorFn
  options: ProcurementFormOptions
  headingLevel: 2 | 3
}) {
  const t = useT()
  const v = valueReader(defaults, submitted)
  const heading = (id: string, label: string) => (
    <Title order={headingLevel} size="h4" id={`${idPrefix}-${id}`}>
      {label}
    </Title>
  )
  return (
    <>
      <Stack gap="md" component="section" aria-labelledby={`${idPrefix}-need`}>
        {heading('need', t('procurement.form.section.need'))}
        <TextInput
          label={t('procurement.field.title')}
          description={t('procurement.field.title.description')}
          name="title"
          required
          maxLength={200}
          defaultValue={v.text('title')}
          error={error('title')}
        />
        <Textarea
          label={t('procurement.field.need')}
          description={t('procurement.field.need.description')}
          name="need"
          required
          rows={4}
          defaultValue={v.text('need')}
          error={error('need')}
        />
        <Textarea
          label={t('procurement.field.replacesPractice')}
          description={t('procurement.field.replacesPractice.description')}
          name="replacesPractice"
          rows={3}
          defaultValue={v.text('replacesPractice')}
          error={error('replacesPractice')}
        />
        <CheckboxGroupField
          name="careSettings"
          label={t('procurement.field.careSettings')}
          options={CARE_SETTINGS.map((c) => ({ value: c, label: t(`careSetting.${c}`) }))}
          checked={v.list('careSettings')}
          error={error('careSettings')}
        />
      </Stack>

      <Stack gap="md" component="section" aria-labelledby={`${idPrefix}-products`}>
        {heading('products', t('procurement.form.section.products'))}
        <OptionSearch
          name="productSearch"
          label={t('procurement.field.productIds.placeholder')}
          description={t('procurement.field.pickerSearch.description', { limit: PICKER_LIMIT })}
          value={v.text('productSearch')}
        />
        <MultiPicker
          name="productIds"
          label={t('procurement.field.productIds')}
          description={t('procurement.field.productIds.description')}
          placeholder={t('procurement.field.productIds.placeholder')}
          options={options.products}
          serverSearch={{ param: 'produktsok', answer: 'products' }}
          selected={v.list('productIds')}
          error={error('productIds')}
        />
        <Textarea
          label={t('procurement.field.productNames')}
          description={t('procurement.field.productNames.description')}
          name="productNames"
          rows={2}
          defaultValue={v.text('productNames')}
          error={error('productNames')}
        />
        <OptionSearch
          name="supplierSearch"
          label={t('procurement.field.supplierSearch')}
          description={t('procurement.field.pickerSearch.description', { limit: PICKER_LIMIT })}
          value={v.text('supplierSearch')}
        />
        <NativeSelect
          label={t('procurement.field.supplier')}
          description={t('procurement.field.supplier.description')}
          name="supplierOrganisationId"
          data={[{ value: '', label: t('procurement.field.supplier.none') }, ...options.suppliers]}
          defaultValue={v.text('supplierOrganisationId')}
          error={error('supplierOrganisationId')}
        />
        <TextInput
          label={t('procurement.field.supplierName')}
          description={t('procurement.field.supplierName.description')}
          name="supplierName"
          maxLength={200}
          defaultValue={v.text('supplierName')}
          error={error('supplierName')}
        />
      </Stack>

      <Stack gap="md" component="section" aria-labelledby={`${idPrefix}-contract`}>
        {heading('contract', t('procurement.form.section.contract'))}
        <NativeSelect
          label={t('procurement.field.procedure')}
          name="procedure"
          required
          data={[
            { value: '', label: t('procurement.field.procedure.placeholder') },
            ...PROCEDURES.map((p) => ({ value: p, label: t(`procedure.${p}`) })),
          ]}
          defaultValue={v.text('procedure')}
          error={error('procedure')}
        />
        <TextInput
          label={t('procurement.field.doffinReference')}
          description={t('procurement.field.doffinReference.description')}
          name="doffinReference"
          maxLength={120}
          defaultValue={v.text('doffinReference')}
          error={error('doffinReference')}
        />
        <TextInput
          label={t('procurement.field.contractValueNok')}
          description={t('procurement.field.contractValueNok.description')}
          name="contractValueNok"
          inputMode="numeric"
          maxLength={30}
          defaultValue={v.text('contractValueNok')}
          error={error('contractValueNok')}
        />
        <Textarea
          label={t('procurement.field.priceTerms')}
          description={t('procurement.field.priceTerms.description')}
          name="priceTerms"
          rows={2}
          defaultValue={v.text('priceTerms')}
          error={error('priceTerms')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('procurement.field.contractStart')}
            description={t('procurement.field.date.description')}
            type="date"
            name="contractStart"
            defaultValue={v.text('contractStart')}
            error={error('contractStart')}
          />
          <TextInput
            label={t('procurement.field.contractEnd')}
            description={t('procurement.field.date.description')}
            type="date"
            name="contractEnd"
            defaultValue={v.text('contractEnd')}
            error={error('contractEnd')}
          />
        </SimpleGrid>
        <RadioGroupField
          name="commercialTermsVisibility"
          label={t('procurement.field.commercialTermsVisibility')}
          description={t('procurement.field.commercialTermsVisibility.description')}
          options={COMMERCIAL_TERMS_VISIBILITIES.map((c) => ({
            value: c,
            label: t(`procurement.commercialTermsOption.${c}`),
          }))}
          value={v.text('commercialTermsVisibility') || 'municipalities'}
          error={error('commercialTermsVisibility')}
        />
        <Checkbox
          name="openForJoining"
          label={t('procurement.field.openForJoining')}
          description={t('procurement.field.openForJoining.description')}
          defaultChecked={v.checked('openForJoining')}
          error={error('openForJoining')}
        />
      </Stack>

      <Stack gap="md" component="section" aria-labelledby={`${idPrefix}-notes`}>
        {heading('notes', t('procurement.field.internalNotes'))}
        <Alert color="gray" variant="outline">
          {t('procurement.field.internalNotes.explained')}
        </Alert>
        <Textarea
          label={t('procurement.field.internalNotes.label')}
          name="internalNotes"
          rows={3}
          defaultValue={v.text('internalNotes')}
          error={error('internalNotes')}
        />
      </Stack>
    </>
  )
}

/**
 * The form's first submit button, so that Enter in any field saves as the visible save button does, rather than pressing
 * the first picker's search button (a browser submits with the first submit button of the form). Hidden from sight,
 * assistive technology and the tab order; the visible button stays the one to use. Put it first in a form that has an
 * OptionSearch, and give it the save button's name and value if that has one.
 */
export function SaveOnEnter() {
  return <button type="submit" className="save-on-enter" tabIndex={-1} aria-hidden="true" />
}

/**
 * A search that narrows a picker's options: its button sends the whole form with the search intent, and the form
 * comes back with everything typed kept and the matches (at most PICKER_LIMIT) offered. Works without JavaScript.
 * Plain elements (app/components/plain-field.tsx), as DeploymentFields below.
 */
export function OptionSearch({
  name,
  label,
  description,
  value,
}: {
  name: string
  label: string
  description: string
  value: string
}) {
  const t = useT()
  const button = useRef<HTMLButtonElement>(null)
  return (
    <div className="search-row">
      <PlainTextInput
        id={`${name}-field`}
        type="search"
        label={label}
        description={description}
        name={name}
        maxLength={100}
        defaultValue={value}
        onKeyDown={(event) => {
          // Enter in a search field searches (the form's default button, SaveOnEnter, saves).
          if (event.key !== 'Enter') return
          event.preventDefault()
          event.currentTarget.form?.requestSubmit(button.current)
        }}
      />
      <button
        ref={button}
        type="submit"
        className="btn btn-default"
        name="intent"
        value={SEARCH_OPTIONS_INTENT}
        formNoValidate
        aria-label={`${t('common.search')}: ${label}`}
      >
        {t('common.search')}
      </button>
    </div>
  )
}

/** One municipality's own deployment under the procurement: scope, go-live and phase (and, for its own row, its
 * internal notes). Plain elements: the procurement page shows this form twice to the lead (its own row, the invite). */
export function DeploymentFields({
  defaults,
  submitted,
  error,
  withNotes = false,
  idPrefix,
}: {
  defaults: Values
  submitted: Values | undefined
  error: ErrorFn
  withNotes?: boolean
  idPrefix: string
}) {
  const t = useT()
  const v = valueReader(defaults, submitted)
  return (
    <div className="stack-sm">
      <div className="field-grid field-grid-3">
        <PlainTextInput
          id={`${idPrefix}-users`}
          label={t('procurement.field.usersCount')}
          name="usersCount"
          inputMode="numeric"
          maxLength={12}
          defaultValue={v.text('usersCount')}
          error={error('usersCount')}
        />
        <PlainTextInput
          id={`${idPrefix}-units`}
          label={t('procurement.field.unitsCount')}
          name="unitsCount"
          inputMode="numeric"
          maxLength={12}
          defaultValue={v.text('unitsCount')}
          error={error('unitsCount')}
        />
        <PlainTextInput
          id={`${idPrefix}-sites`}
          label={t('procurement.field.sitesCount')}
          name="sitesCount"
          inputMode="numeric"
          maxLength={12}
          defaultValue={v.text('sitesCount')}
          error={error('sitesCount')}
        />
      </div>
      <div className="field-grid field-grid-2">
        <PlainTextInput
          id={`${idPrefix}-golive`}
          label={t('procurement.field.goLiveDate')}
          description={t('procurement.field.date.description')}
          type="date"
          name="goLiveDate"
          defaultValue={v.text('goLiveDate')}
          error={error('goLiveDate')}
        />
        <PlainSelect
          id={`${idPrefix}-phase`}
          label={t('procurement.field.phase')}
          name="phase"
          options={PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
          defaultValue={v.text('phase') || 'planning'}
          error={error('phase')}
        />
      </div>
      {withNotes ? (
        <PlainTextarea
          id={`${idPrefix}-notes`}
          label={t('procurement.participant.notes')}
          description={t('procurement.participant.notes.description')}
          name="internalNotes"
          rows={2}
          defaultValue={v.text('internalNotes')}
          error={error('internalNotes')}
        />
      ) : null}
      <p className="text-xs text-dimmed">{t('procurement.field.deployment.hint')}</p>
    </div>
  )
}
