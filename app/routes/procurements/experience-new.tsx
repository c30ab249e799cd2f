import { Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { ExperienceForm } from '~/components/procurement/experience-form'
import { ExperienceInput } from '~/forms/experience'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { clock } from '~/models/db.server'
import { createExperience } from '~/models/experiences.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { canWriteExperience } from '~/policy/experience'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readSubmission } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import { answerRefusal, valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/experience-new'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'procurement.experience.new.title')

/** The procurement a report is written for, loaded once: 404 when it does not exist, 403 unless the viewer may write
 * one (decided before the form is read, so a non-participant never gets a validation answer). */
async function procurementForWriting(request: Request, procurementId: string | undefined) {
  const viewer = await requireViewer(request)
  const procurement = valueOrThrow(await getProcurementAccess(idParam(procurementId)))
  assertAllowed(canWriteExperience(viewer, procurement))
  return { viewer, procurement }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { viewer, procurement } = await procurementForWriting(request, params.procurementId)
  const own = procurement.participants.find((p) => p.municipalityNumber === viewer.municipalityNumber)
  return {
    procurement: { id: procurement.id, title: procurement.title },
    products: procurement.products.map((p) => ({ productId: p.productId, name: p.name })),
    municipalityName: own?.municipalityName ?? viewer.organisationName,
    today: clock().today,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { viewer, procurement } = await procurementForWriting(request, params.procurementId)
  const submission = await readSubmission(request, ExperienceInput)
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const result = await createExperience(viewer, procurement, submission.data)
  if (!result.ok) return answerRefusal(result, submission.values)
  return result.value.status === 'published'
    ? redirectWithFlash(`/anskaffelser/${procurement.id}`, { key: 'procurement.experience.flash.published' })
    : redirectWithFlash(`/anskaffelser/${procurement.id}/erfaringer/${result.value.experienceId}`, {
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
          products={loaderData.products}
        />
      </Paper>
    </Stack>
  )
}
