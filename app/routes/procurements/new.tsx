import { Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core'
import { Form, Link } from 'react-router'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { MultiPicker } from '~/components/procurement/fields'
import {
  DeploymentFields,
  OptionSearch,
  ProcurementCoreFields,
  SaveOnEnter,
} from '~/components/procurement/procurement-form'
import { PICKER_LIMIT } from '~/domain/procurement-rules'
import { CreateProcurementInput, pickerQuery, PROCUREMENT_LISTS } from '~/forms/procurement'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { procurementPickerOptions } from '~/models/procurement-options.server'
import { createProcurement } from '~/models/procurements.server'
import { canCreateProcurement } from '~/policy/experience'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { answerOptionSearch, isOptionSearch } from './option-search.server'
import type { Route } from './+types/new'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'procurement.new.title')

/** Verified buyers register procurements for their own municipality; a visitor signs in first, others get 403. */
async function requireBuyer(request: Request) {
  const viewer = await requireViewer(request)
  assertAllowed(canCreateProcurement(viewer))
  return viewer
}

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireBuyer(request)
  return {
    // The first matches of each picker; a search narrows them (answerOptionSearch). The own municipality leads.
    options: await procurementPickerOptions(pickerQuery({}), [viewer.municipalityNumber]),
    lead: viewer.organisationName,
  }
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireBuyer(request)
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const submission = parseSubmission(read.value, CreateProcurementInput, { lists: PROCUREMENT_LISTS })
  if (isOptionSearch(read.value)) return answerOptionSearch(read.value, [viewer.municipalityNumber])
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const result = await createProcurement(viewer, submission.data)
  if (!result.ok) return answerRefusal(result, submission.values)
  return redirectWithFlash(`/anskaffelser/${result.value.procurementId}`, { key: 'procurement.flash.created' })
}

export default function NewProcurement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const submitted = form.values
  const options =
    actionData && 'pickerOptions' in actionData
      ? { ...loaderData.options, ...actionData.pickerOptions }
      : loaderData.options
  return (
    <Stack gap="lg" maw={860}>
      <Anchor component={Link} to="/anskaffelser" size="sm">
        {t('procurement.backToList')}
      </Anchor>
      <Title order={1}>{t('procurement.new.title')}</Title>
      <Text>{t('procurement.new.lead', { municipality: loaderData.lead })}</Text>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <SaveOnEnter />
          <Stack gap="xl">
            <ProcurementCoreFields
              idPrefix="new"
              defaults={{}}
              submitted={submitted}
              error={form.error}
              options={options}
              headingLevel={2}
            />
            <Stack gap="md" component="section" aria-labelledby="new-deployment">
              <Title order={2} size="h4" id="new-deployment">
                {t('procurement.form.section.ownDeployment', { municipality: loaderData.lead })}
              </Title>
              <DeploymentFields idPrefix="lead" defaults={{}} submitted={submitted} error={form.error} />
            </Stack>
            <Stack gap="md" component="section" aria-labelledby="new-joint">
              <Title order={2} size="h4" id="new-joint">
                {t('procurement.form.section.joint')}
              </Title>
              <OptionSearch
                name="municipalitySearch"
                label={t('procurement.field.participantMunicipalities.placeholder')}
                description={t('procurement.field.pickerSearch.description', { limit: PICKER_LIMIT })}
                value={submitted?.municipalitySearch ?? ''}
              />
              <MultiPicker
                name="participantMunicipalities"
                label={t('procurement.field.participantMunicipalities')}
                description={t('procurement.field.participantMunicipalities.description')}
                placeholder={t('procurement.field.participantMunicipalities.placeholder')}
                options={options.municipalities}
                serverSearch={{ param: 'kommunesok', answer: 'municipalities' }}
                selected={(submitted?.participantMunicipalities ?? '').split(',').filter(Boolean)}
                error={form.error('participantMunicipalities')}
              />
            </Stack>
            <div>
              <Button type="submit">{t('procurement.new.submit')}</Button>
            </div>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  )
}
