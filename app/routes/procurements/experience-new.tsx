import { Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { ExperienceForm } from '~/components/procurement/experience-form'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { createExperience } from '~/models/experiences.server'
import { clock } from '~/models/db.server'
import { requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { formValues } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import type { Route } from './+types/experience-new'
import { procurementForWriting } from './experience.server'
import { refusal } from './form.server'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'procurement.experience.new.title')

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const procurement = await procurementForWriting(viewer, idParam(params.procurementId))
  const own = procurement.participants.find((p) => p.municipality.number === viewer.municipalityNumber)
  return {
    procurement: { id: procurement.id, title: procurement.title },
    municipalityName: own?.municipality.name ?? viewer.organisationName,
    today: clock().today,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const procurementId = idParam(params.procurementId)
  // Who may write is decided before the input is read: a non-participant gets 403, never a validation answer.
  await procurementForWriting(viewer, procurementId)
  const values = formValues(await request.formData())
  const result = await createExperience(viewer, procurementId, values)
  if (!result.ok) return refusal(result, values)
  return result.value.status === 'published'
    ? redirectWithFlash(`/anskaffelser/${procurementId}`, { key: 'procurement.experience.flash.published' })
    : redirectWithFlash(`/anskaffelser/${procurementId}/erfaringer/${result.value.experienceId}`, {
        key: 'procurement.experience.flash.draftSaved',
      })
}

export default function NewExperience({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { procurement } = loaderData
  return (
    <Stack gap="lg" maw={860}>
      <Anchor component={Link} to={`/anskaffelser/${procurement.id}`} size="sm">
        {t('procurement.experience.backToProcurement', { title: procurement.title })}
      </Anchor>
      <Title order={1}>{t('procurement.experience.new.title')}</Title>
      <Text>{t('procurement.experience.new.lead', { title: procurement.title })}</Text>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      <Paper withBorder p="lg">
        <ExperienceForm
          intent="create"
          defaults={{ reportDate: loaderData.today }}
          submitted={form.values}
          error={form.error}
          municipalityName={loaderData.municipalityName}
        />
      </Paper>
    </Stack>
  )
}
