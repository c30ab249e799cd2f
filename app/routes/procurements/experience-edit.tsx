import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { formatDate } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { ExperienceCard } from '~/components/procurement/experience-card'
import { ExperienceForm } from '~/components/procurement/experience-form'
import { experienceFormValues, ExperienceInput } from '~/forms/experience'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { getExperience } from '~/models/experience-views.server'
import { deleteExperienceDraft, publishExperience, updateExperienceDraft } from '~/models/experiences.server'
import { getExperienceAccess, getProcurementAccess } from '~/models/procurement-access.server'
import type { Viewer } from '~/policy/viewer'
import { requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import { answerRefusal, valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/experience-edit'

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  pageTitle(matches, loaderData?.draft ? 'procurement.experience.edit.title' : 'procurement.experience.view.title')

/** The author's draft (editable), or a report the viewer may read (read-only); anything else is a 404, so another
 * user's draft leaves no trace. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const procurementId = idParam(params.procurementId)
  const experience = await getExperience(viewer, idParam(params.experienceId))
  if (!experience || experience.procurement.id !== procurementId) throw data(null, { status: 404 })
  const draft = experience.viewerCan.edit ? experienceFormValues(experience) : null
  // The products a draft may be about: the procurement's register products now.
  const products = draft
    ? valueOrThrow(await getProcurementAccess(procurementId)).products.map((p) => ({
        productId: p.productId,
        name: p.name,
      }))
    : []
  return { experience, draft, products }
}

/** The report as the policy sees it, loaded once for the action: 404 unless this viewer may read it here. */
async function reportHere(viewer: Viewer, params: Route.ActionArgs['params']) {
  const report = valueOrThrow(await getExperienceAccess(viewer, idParam(params.experienceId)))
  if (report.procurementId !== idParam(params.procurementId)) throw data(null, { status: 404 })
  return report
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const report = await reportHere(viewer, params)
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  const toProcurement = `/anskaffelser/${report.procurementId}`
  switch (form.get('intent')) {
    case 'save': {
      const submission = parseSubmission(form, ExperienceInput)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await updateExperienceDraft(viewer, report, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return result.value.status === 'published'
        ? redirectWithFlash(toProcurement, { key: 'procurement.experience.flash.published' })
        : redirectWithFlash(`${toProcurement}/erfaringer/${report.id}`, {
            key: 'procurement.experience.flash.draftSaved',
          })
    }
    case 'publish': {
      const result = await publishExperience(viewer, report)
      if (!result.ok) return answerRefusal(result)
      return redirectWithFlash(toProcurement, { key: 'procurement.experience.flash.published' })
    }
    case 'delete': {
      const result = await deleteExperienceDraft(viewer, report)
      if (!result.ok) return answerRefusal(result)
      return redirectWithFlash(toProcurement, { key: 'procurement.experience.flash.deleted' })
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
              products={loaderData.products}
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
