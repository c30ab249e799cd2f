import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { formatDate } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { ExperienceCard } from '~/components/procurement/experience-card'
import { ExperienceForm } from '~/components/procurement/experience-form'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import {
  deleteExperienceDraft,
  getExperience,
  getExperienceForEdit,
  publishExperience,
  updateExperienceDraft,
} from '~/models/experiences.server'
import { requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { formValues } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import type { Route } from './+types/experience-edit'
import { experienceFormDefaults } from './experience.server'
import { refusal } from './form.server'

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  pageTitle(matches, loaderData?.draft ? 'procurement.experience.edit.title' : 'procurement.experience.view.title')

/** The author's draft (editable), or a report the viewer may read (read-only); anything else is a 404, so another
 * user's draft leaves no trace. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const procurementId = idParam(params.procurementId)
  const experienceId = idParam(params.experienceId)
  const experience = await getExperience(viewer, experienceId)
  if (!experience || experience.procurement.id !== procurementId) throw data(null, { status: 404 })
  const draft = experience.viewerCan.edit ? await getExperienceForEdit(viewer, experienceId) : null
  return { experience, draft: draft ? experienceFormDefaults(draft) : null }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const procurementId = idParam(params.procurementId)
  const experienceId = idParam(params.experienceId)
  const existing = await getExperience(viewer, experienceId)
  if (!existing || existing.procurement.id !== procurementId) throw data(null, { status: 404 })
  const values = formValues(await request.formData())
  switch (values.intent) {
    case 'save': {
      const result = await updateExperienceDraft(viewer, experienceId, values)
      if (!result.ok) return refusal(result, values)
      return result.value.status === 'published'
        ? redirectWithFlash(`/anskaffelser/${procurementId}`, { key: 'procurement.experience.flash.published' })
        : redirectWithFlash(`/anskaffelser/${procurementId}/erfaringer/${experienceId}`, {
            key: 'procurement.experience.flash.draftSaved',
          })
    }
    case 'publish': {
      const result = await publishExperience(viewer, experienceId)
      if (!result.ok) return refusal(result, values)
      return redirectWithFlash(`/anskaffelser/${procurementId}`, { key: 'procurement.experience.flash.published' })
    }
    case 'delete': {
      const result = await deleteExperienceDraft(viewer, experienceId)
      if (!result.ok) return refusal(result, values)
      return redirectWithFlash(`/anskaffelser/${procurementId}`, { key: 'procurement.experience.flash.deleted' })
    }
    default:
      throw data(null, { status: 400 })
  }
}

export default function EditExperience({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const form = useFormState(actionData)
  const { experience: e, draft } = loaderData
  const name = t('procurement.experience.name', {
    municipality: e.municipality.name,
    date: formatDate(e.reportDate, locale),
  })
  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to={`/anskaffelser/${e.procurement.id}`} size="sm">
        {t('procurement.experience.backToProcurement', { title: e.procurement.title })}
      </Anchor>
      <Title order={1}>{draft ? t('procurement.experience.edit.title') : t('procurement.experience.view.title')}</Title>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      {draft ? (
        <>
          <Text>{t('procurement.experience.edit.lead')}</Text>
          <Paper withBorder p="lg">
            <ExperienceForm
              intent="save"
              defaults={draft}
              submitted={form.values}
              error={form.error}
              municipalityName={e.municipality.name}
            />
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="delete-draft">
            <Title order={2} size="h4" id="delete-draft" mb="xs">
              {t('procurement.experience.delete.title')}
            </Title>
            <Text size="sm" mb="sm">
              {t('procurement.experience.delete.lead')}
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <ConfirmSubmit
                color="red.9"
                confirm={t('procurement.experience.delete.confirm')}
                aria-label={t('procurement.experience.delete.named', { target: name })}
              >
                {t('procurement.experience.delete.submit')}
              </ConfirmSubmit>
            </Form>
          </Paper>
        </>
      ) : (
        <>
          <Alert color="blue" variant="outline">
            {t('procurement.experience.readOnly')}
          </Alert>
          <ExperienceCard experience={e} headingLevel={2} />
        </>
      )}
    </Stack>
  )
}
