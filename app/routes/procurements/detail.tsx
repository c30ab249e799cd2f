import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { PlainSelect } from '~/components/plain-field'
import { data, Form, Link } from 'react-router'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { DateTime, formatDate } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { Pagination } from '~/components/pagination'
import { FlagForm, ReplyForm } from '~/components/procurement/content-forms'
import { ExperienceCard } from '~/components/procurement/experience-card'
import { InvitationAnswer } from '~/components/procurement/invitation-answer'
import {
  DeploymentFields,
  OptionSearch,
  ProcurementCoreFields,
  SaveOnEnter,
} from '~/components/procurement/procurement-form'
import { PICKER_LIMIT } from '~/domain/procurement-rules'
import { StatusBadge } from '~/components/status-badge'
import { FlagInput, ReplyInput } from '~/forms/experience'
import {
  AddParticipantInput,
  ParticipantInput,
  pickerQuery,
  PROCUREMENT_LISTS,
  ProcurementInput,
  RemoveParticipantInput,
} from '~/forms/procurement'
import { participantFormValues, procurementFormValues } from '~/forms/procurement-values'
import { formatNumber } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { listProcurementExperiences } from '~/models/experience-views.server'
import { flagContent } from '~/models/moderation.server'
import { getProcurementAccess, type ProcurementAccess } from '~/models/procurement-access.server'
import { getProcurement, getProcurementForEdit } from '~/models/procurement-detail.server'
import { municipalityOptions, procurementPickerOptions } from '~/models/procurement-options.server'
import {
  acceptInvitation,
  declineInvitation,
  inviteParticipant,
  leaveProcurement,
  removeParticipant,
  updateParticipant,
} from '~/models/procurement-participants.server'
import { updateProcurement } from '~/models/procurements.server'
import { createReply, updateReply } from '~/models/replies.server'
import { canEditProcurement, canManageParticipants } from '~/policy/experience'
import { effectiveRole } from '~/policy/viewer'
import { assertAllowed, getViewer, requireViewer } from '~/utils/auth.server'
import { idField, pageParam } from '~/utils/fields'
import { redirectWithFlash, type Flash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { idParam, redirectPastLastPage } from '~/utils/params'
import { answerRefusal, submitIntent, valueOrThrow } from '~/utils/refusal.server'
import { answerOptionSearch, isOptionSearch } from './option-search.server'
import type { Route } from './+types/detail'

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData
    ? pageTitle(matches, 'procurement.detail.pageTitle', { title: loaderData.procurement.title })
    : pageTitle(matches, 'procurement.title')

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const access = valueOrThrow(await getProcurementAccess(idParam(params.procurementId)))
  const url = new URL(request.url)
  const page = pageParam.parse(url.searchParams.get('side') ?? undefined)
  const editing = url.searchParams.get('rediger') === '1' && canEditProcurement(viewer, access)
  const managing = canManageParticipants(viewer, access)
  const [procurement, experiences, editData] = await Promise.all([
    getProcurement(viewer, access),
    listProcurementExperiences(viewer, access, { page, pageSize: 20 }),
    editing ? getProcurementForEdit(viewer, access) : null,
  ])
  redirectPastLastPage(request, { side: experiences })
  const defaults = editData ? procurementFormValues(editData) : null
  // The pickers offer the saved choices and the first matches; a search narrows them (answerOptionSearch). Not
  // editing, only the invite form's municipality picker is shown: the product and supplier lists are not read.
  const query = pickerQuery(defaults ?? {})
  const pickers = defaults ? await procurementPickerOptions(query, takenMunicipalities(access)) : null
  const addOptions = !managing
    ? []
    : (pickers?.municipalities ??
      (await municipalityOptions(query.municipalitySearch, query.municipalityNumbers, takenMunicipalities(access))))
  return {
    procurement,
    experiences,
    role: effectiveRole(viewer),
    edit: defaults && pickers ? { defaults, options: { ...pickers, municipalities: [] } } : null,
    addOptions,
  }
}

/** Invited or taking part already (the lead too): a municipality that declined or left may be invited again. */
function takenMunicipalities(access: ProcurementAccess) {
  return access.participants
    .filter((p) => p.status === 'invited' || p.status === 'accepted')
    .map((p) => p.municipalityNumber)
}

const NewReplyInput = ReplyInput.extend({ experienceId: idField() })
const EditReplyInput = ReplyInput.extend({ replyId: idField() })

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const procurement = valueOrThrow(await getProcurementAccess(idParam(params.procurementId)))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  const back = (key: Flash['key']) => redirectWithFlash(`/anskaffelser/${procurement.id}`, { key })
  // A picker's search in the edit or invite form: the form back with the matches, for the lead's buyers only (who
  // alone may send either form).
  if (isOptionSearch(form)) {
    assertAllowed(canEditProcurement(viewer, procurement))
    return answerOptionSearch(form, takenMunicipalities(procurement))
  }
  switch (form.get('intent')) {
    case 'update': {
      const submission = parseSubmission(form, ProcurementInput, { lists: PROCUREMENT_LISTS })
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await updateProcurement(viewer, procurement, submission.data)
      return result.ok ? back('procurement.flash.updated') : answerRefusal(result, submission.values)
    }
    case 'addParticipant': {
      return submitIntent(
        form,
        AddParticipantInput,
        (d) => inviteParticipant(viewer, procurement, d),
        () => back('procurement.flash.participantAdded'),
      )
    }
    case 'acceptInvitation': {
      const result = await acceptInvitation(viewer, procurement)
      return result.ok ? back('procurement.flash.invitationAccepted') : answerRefusal(result)
    }
    case 'declineInvitation': {
      const result = await declineInvitation(viewer, procurement)
      return result.ok
        ? redirectWithFlash('/min-kommune', { key: 'procurement.flash.invitationDeclined' })
        : answerRefusal(result)
    }
    case 'leaveProcurement': {
      const result = await leaveProcurement(viewer, procurement)
      return result.ok ? back('procurement.flash.left') : answerRefusal(result)
    }
    case 'removeParticipant': {
      return submitIntent(
        form,
        RemoveParticipantInput,
        (d) => removeParticipant(viewer, procurement, d),
        () => back('procurement.flash.participantRemoved'),
      )
    }
    case 'updateParticipant': {
      return submitIntent(
        form,
        ParticipantInput,
        (d) => updateParticipant(viewer, procurement, d),
        () => back('procurement.flash.participantUpdated'),
      )
    }
    case 'reply': {
      return submitIntent(
        form,
        NewReplyInput,
        (d) => createReply(viewer, d.experienceId, d),
        () => back('procurement.flash.replied'),
      )
    }
    case 'updateReply': {
      return submitIntent(
        form,
        EditReplyInput,
        (d) => updateReply(viewer, d.replyId, d),
        () => back('procurement.flash.replyUpdated'),
      )
    }
    case 'flag': {
      return submitIntent(
        form,
        FlagInput,
        (d) => flagContent(viewer, d),
        () => back('procurement.flash.flagged'),
      )
    }
    default:
      throw data(null, { status: 400 })
  }
}

export default function ProcurementDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const form = useFormState(actionData)
  const submitted = form.values
  const { procurement: p, experiences, edit, addOptions, role } = loaderData
  /** Errors and typed values belong to the one form that was sent. */
  const sent = (intent: string, extra: Record<string, string | number> = {}) =>
    submitted?.intent === intent && Object.entries(extra).every(([k, v]) => submitted[k] === String(v))
  const errorIf = (ok: boolean) => (field: string) => (ok ? form.error(field) : undefined)
  const nok = (n: number) => t('procurement.nok', { amount: formatNumber(n, locale) })
  const expName = (e: { municipality: { name: string }; reportDate: string }) =>
    t('procurement.experience.name', { municipality: e.municipality.name, date: formatDate(e.reportDate, locale) })

  return (
    // Plain elements with the classes of app.css ("Shell + procurement page") for what every view shows; Mantine for
    // the invitation and the edit mode, which few views show.
    <div className="stack-xl" style={{ maxWidth: 1100 }}>
      <div className="stack-xs">
        <div>
          <Link className="plain-link text-sm" to="/anskaffelser">
            {t('procurement.backToList')}
          </Link>
        </div>
        <h1 className="title-h1">{p.title}</h1>
        <p className="text-md">
          {t('procurement.detail.ledBy', { municipality: p.lead.name })}
          {p.participants.length > 1 ? ` · ${t('procurement.detail.joint', { count: p.participants.length })}` : ''}
        </p>
        <div className="button-row">
          {p.viewerCan.writeExperience ? (
            <Link className="btn" to={`/anskaffelser/${p.id}/erfaringer/ny`}>
              {t('procurement.detail.writeExperience')}
            </Link>
          ) : null}
          {p.viewerCan.viewBenefits ? (
            <Link className="btn btn-default" to={`/anskaffelser/${p.id}/gevinster`}>
              {t('benefit.link')}
            </Link>
          ) : null}
          {p.viewerCan.edit && !edit ? (
            <Link className="btn btn-default" to={`/anskaffelser/${p.id}?rediger=1`}>
              {t('procurement.detail.edit')}
            </Link>
          ) : null}
        </div>
      </div>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />

      {p.viewerCan.respondToInvitation ? (
        <Alert color="blue" variant="outline" title={t('procurement.invitation.title')}>
          <Stack gap="sm">
            <Text size="sm">{t('procurement.invitation.lead', { lead: p.lead.name })}</Text>
            <InvitationAnswer />
          </Stack>
        </Alert>
      ) : null}

      {edit ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="edit-core">
          <Title order={2} id="edit-core" mb="md">
            {t('procurement.detail.editTitle')}
          </Title>
          <Form method="post" action="?rediger=1" noValidate>
            <input type="hidden" name="intent" value="update" />
            <SaveOnEnter />
            <Stack gap="xl">
              <ProcurementCoreFields
                idPrefix="edit"
                defaults={edit.defaults}
                submitted={sent('update') ? submitted : undefined}
                error={errorIf(sent('update'))}
                options={
                  sent('update') && actionData && 'pickerOptions' in actionData
                    ? { ...edit.options, ...actionData.pickerOptions }
                    : edit.options
                }
                headingLevel={3}
              />
              <Group>
                <Button type="submit">{t('procurement.detail.save')}</Button>
                <Anchor component={Link} to={`/anskaffelser/${p.id}`}>
                  {t('common.cancel')}
                </Anchor>
              </Group>
            </Stack>
          </Form>
        </Paper>
      ) : (
        <section aria-labelledby="about">
          <h2 className="title-h2 gap-below-sm" id="about">
            {t('procurement.detail.about')}
          </h2>
          <div className="stack-sm">
            <Labelled label={t('procurement.field.need')}>{p.need}</Labelled>
            {p.replacesPractice ? (
              <Labelled label={t('procurement.field.replacesPractice')}>{p.replacesPractice}</Labelled>
            ) : null}
            <Labelled label={t('procurement.detail.products')}>
              {p.products.length === 0 ? t('procurement.detail.noProducts') : null}
              {p.products.map((pr, i) => (
                <span key={`${pr.productId ?? 'n'}-${i}`}>
                  {i > 0 ? ', ' : ''}
                  {pr.productId && pr.linkable ? (
                    <Link className="plain-link" to={`/register/${pr.productId}`}>
                      {pr.name}
                    </Link>
                  ) : (
                    pr.name
                  )}
                  {pr.productId === null ? ` (${t('procurement.detail.notInRegister')})` : ''}
                </span>
              ))}
            </Labelled>
            <Labelled label={t('procurement.field.supplier')}>
              {p.supplier.name ?? t('procurement.detail.unknown')}
            </Labelled>
            <Labelled label={t('procurement.field.procedure')}>{t(`procedure.${p.procedure}`)}</Labelled>
            <Labelled label={t('procurement.detail.doffin')}>
              {p.doffinReference && p.doffinUrl ? (
                <a className="plain-link" href={p.doffinUrl} rel="noreferrer">
                  {t('procurement.detail.doffinLink', { reference: p.doffinReference })}
                </a>
              ) : (
                t('procurement.detail.noDoffin')
              )}
            </Labelled>
            <Labelled label={t('procurement.detail.contractPeriod')}>
              {p.contractStart ? <DateTime iso={p.contractStart} dateOnly /> : '–'} –{' '}
              {p.contractEnd ? <DateTime iso={p.contractEnd} dateOnly /> : '–'}
            </Labelled>
            <Labelled label={t('procurement.field.careSettings')}>
              {p.careSettings.length ? p.careSettings.map((c) => t(`careSetting.${c}`)).join(', ') : '–'}
            </Labelled>
            <Labelled label={t('procurement.detail.openForJoining')}>
              {p.openForJoining ? t('common.yes') : t('common.no')}
            </Labelled>
            <Labelled label={t('procurement.detail.commercialTerms')}>
              {p.commercialTerms ? (
                <>
                  {p.commercialTerms.contractValueNok !== null
                    ? nok(p.commercialTerms.contractValueNok)
                    : t('procurement.detail.noValue')}
                  {p.commercialTerms.priceTerms ? ` · ${p.commercialTerms.priceTerms}` : ''} (
                  {t(`commercialTerms.${p.commercialTermsVisibility}`)})
                </>
              ) : (
                t(role === 'supplier' ? 'procurement.detail.termsHiddenSupplier' : 'procurement.detail.termsHidden')
              )}
            </Labelled>
            {p.createdBy ? (
              <Labelled label={t('procurement.detail.registeredBy')}>
                {p.createdBy.name} (
                <a className="plain-link" href={`mailto:${p.createdBy.email}`}>
                  {p.createdBy.email}
                </a>
                ), <DateTime iso={p.createdAt} dateOnly />
              </Labelled>
            ) : null}
            {p.internalNotes ? (
              <Alert color="gray" variant="outline" title={t('procurement.detail.internalNotes')}>
                <p className="text-sm pre-line">{p.internalNotes}</p>
              </Alert>
            ) : null}
          </div>
        </section>
      )}

      <section aria-labelledby="participants">
        <h2 className="title-h2 gap-below-sm" id="participants">
          {t('procurement.detail.participants')}
        </h2>
        <div className="list-table-scroll">
          <table className="list-table" style={{ minWidth: 760 }}>
            <thead>
              <tr>
                <th scope="col">{t('procurement.col.municipality')}</th>
                <th scope="col">{t('procurement.col.role')}</th>
                <th scope="col">{t('procurement.field.phase')}</th>
                <th scope="col">{t('procurement.field.usersCount')}</th>
                <th scope="col">{t('procurement.field.unitsCount')}</th>
                <th scope="col">{t('procurement.field.sitesCount')}</th>
                <th scope="col">{t('procurement.field.goLiveDate')}</th>
                <th scope="col">{t('procurement.col.lastReport')}</th>
                {p.viewerCan.manageParticipants ? <th scope="col">{t('procurement.col.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.participants.map((pa) => (
                <tr key={pa.municipality.number}>
                  <th scope="row" style={{ fontWeight: 600 }}>
                    {pa.municipality.name}
                    {pa.followUp?.due ? (
                      <>
                        {' '}
                        <StatusBadge tone="caution">{t('procurement.followUpDue')}</StatusBadge>
                      </>
                    ) : null}
                  </th>
                  <td>{t(`participantRole.${pa.role}`)}</td>
                  <td>{t(`phase.${pa.phase}`)}</td>
                  <td>{pa.usersCount ?? '–'}</td>
                  <td>{pa.unitsCount ?? '–'}</td>
                  <td>{pa.sitesCount ?? '–'}</td>
                  <td>{pa.goLiveDate ? <DateTime iso={pa.goLiveDate} dateOnly /> : '–'}</td>
                  <td>{pa.lastReportDate ? <DateTime iso={pa.lastReportDate} dateOnly /> : '–'}</td>
                  {p.viewerCan.manageParticipants ? (
                    <td>
                      {pa.role === 'participant' ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="removeParticipant" />
                          <input type="hidden" name="municipalityNumber" value={pa.municipality.number} />
                          <ConfirmSubmit
                            size="xs"
                            variant="default"
                            confirm={t('procurement.participant.removeConfirm', { municipality: pa.municipality.name })}
                            aria-label={t('procurement.participant.removeNamed', {
                              municipality: pa.municipality.name,
                            })}
                          >
                            {t('procurement.participant.remove')}
                          </ConfirmSubmit>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {p.invitations.length ? (
          <section className="card gap-above-md" aria-labelledby="invitations">
            <h3 className="card-title-h4 gap-below-xs" id="invitations">
              {t('procurement.invitation.pendingTitle')}
            </h3>
            <p className="text-sm gap-below-xs">{t('procurement.invitation.pendingLead')}</p>
            <ul className="plain-list stack-xs">
              {p.invitations.map((inv) => (
                <li key={inv.municipality.number} className="button-row">
                  <span className="text-sm" style={{ fontWeight: 600 }}>
                    {inv.municipality.name}
                  </span>
                  <StatusBadge tone="neutral">{t('procurement.invitation.pending')}</StatusBadge>
                  {p.viewerCan.manageParticipants ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="removeParticipant" />
                      <input type="hidden" name="municipalityNumber" value={inv.municipality.number} />
                      <ConfirmSubmit
                        size="xs"
                        variant="default"
                        confirm={t('procurement.invitation.withdrawConfirm', { municipality: inv.municipality.name })}
                        aria-label={t('procurement.invitation.withdrawNamed', { municipality: inv.municipality.name })}
                      >
                        {t('procurement.invitation.withdraw')}
                      </ConfirmSubmit>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {p.viewerCan.leave ? (
          <section className="card gap-above-md" aria-labelledby="leave">
            <h3 className="card-title-h4 gap-below-xs" id="leave">
              {t('procurement.leave.title')}
            </h3>
            <p className="text-sm gap-below-sm">{t('procurement.leave.lead')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="leaveProcurement" />
              <ConfirmSubmit variant="default" confirm={t('procurement.leave.confirm', { title: p.title })}>
                {t('procurement.leave.submit')}
              </ConfirmSubmit>
            </Form>
          </section>
        ) : null}

        {p.participants
          .filter((pa) => p.viewerCan.editParticipants.includes(pa.municipality.number))
          .map((pa) => {
            const mine = sent('updateParticipant', { municipalityNumber: pa.municipality.number })
            return (
              <section
                key={pa.municipality.number}
                className="card gap-above-md"
                aria-labelledby={`own-${pa.municipality.number}`}
              >
                <h3 className="card-title-h4 gap-below-xs" id={`own-${pa.municipality.number}`}>
                  {t('procurement.participant.ownTitle', { municipality: pa.municipality.name })}
                </h3>
                {pa.followUp?.due ? <p className="text-sm gap-below-xs">{t('procurement.followUpExplained')}</p> : null}
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="updateParticipant" />
                  <input type="hidden" name="municipalityNumber" value={pa.municipality.number} />
                  <DeploymentFields
                    idPrefix={`p-${pa.municipality.number}`}
                    defaults={participantFormValues(pa)}
                    submitted={mine ? submitted : undefined}
                    error={errorIf(mine)}
                    withNotes
                  />
                  <button type="submit" className="btn btn-default gap-above-sm">
                    {t('procurement.participant.save')}
                  </button>
                </Form>
              </section>
            )
          })}

        {p.viewerCan.manageParticipants ? (
          <section className="card gap-above-md" aria-labelledby="add-participant">
            <h3 className="card-title-h4 gap-below-xs" id="add-participant">
              {t('procurement.participant.addTitle')}
            </h3>
            <p className="text-sm gap-below-xs">{t('procurement.participant.addLead')}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="addParticipant" />
              <SaveOnEnter />
              <div className="stack-sm">
                <OptionSearch
                  name="municipalitySearch"
                  label={t('procurement.field.participantMunicipalities.placeholder')}
                  description={t('procurement.field.pickerSearch.description', { limit: PICKER_LIMIT })}
                  value={sent('addParticipant') ? (submitted?.municipalitySearch ?? '') : ''}
                />
                <PlainSelect
                  id="add-municipality"
                  label={t('procurement.participant.municipality')}
                  name="municipalityNumber"
                  options={[
                    { value: '', label: t('procurement.participant.municipality.placeholder') },
                    ...(sent('addParticipant') && actionData && 'pickerOptions' in actionData
                      ? actionData.pickerOptions.municipalities
                      : addOptions),
                  ]}
                  defaultValue={sent('addParticipant') ? submitted?.municipalityNumber : ''}
                  error={errorIf(sent('addParticipant'))('municipalityNumber')}
                />
                <DeploymentFields
                  idPrefix="add"
                  defaults={{}}
                  submitted={sent('addParticipant') ? submitted : undefined}
                  error={errorIf(sent('addParticipant'))}
                />
                <div>
                  <button type="submit" className="btn btn-default">
                    {t('procurement.participant.add')}
                  </button>
                </div>
              </div>
            </Form>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="experiences">
        <h2 className="title-h2 gap-below-sm" id="experiences">
          {t('procurement.detail.experiences')}
        </h2>
        {experiences.items.length === 0 ? (
          <p className="text-md">
            {role === 'buyer' || role === 'coordinator' || role === 'admin'
              ? t('procurement.detail.noExperiences')
              : t('procurement.detail.experiencesShared')}
          </p>
        ) : (
          <div className="stack-md">
            {experiences.items.map((e) => {
              const name = expName(e)
              return (
                <ExperienceCard
                  key={e.id}
                  experience={e}
                  headingLevel={3}
                  actions={
                    <div className="stack-xs">
                      {e.viewerCan.edit ? (
                        <Link className="text-link text-sm" to={`/anskaffelser/${p.id}/erfaringer/${e.id}`}>
                          {t('procurement.experience.continueDraft', { target: name })}
                        </Link>
                      ) : null}
                      {e.viewerCan.flag ? (
                        <FlagForm
                          targetType="experience"
                          targetId={e.id}
                          targetName={name}
                          error={
                            sent('flag', { targetType: 'experience', targetId: e.id })
                              ? (form.error('reason') ?? form.formError)
                              : undefined
                          }
                          value={
                            sent('flag', { targetType: 'experience', targetId: e.id }) ? submitted?.reason : undefined
                          }
                        />
                      ) : null}
                    </div>
                  }
                  replyForm={
                    e.viewerCan.reply ? (
                      <ReplyForm
                        experienceId={e.id}
                        experienceName={name}
                        defaultBody={sent('reply', { experienceId: e.id }) ? submitted?.body : ''}
                        error={sent('reply', { experienceId: e.id }) ? form.error('body') : undefined}
                        formError={sent('reply', { experienceId: e.id }) ? form.formError : undefined}
                      />
                    ) : undefined
                  }
                  replyActions={(reply) => {
                    const replyName = t('procurement.reply.name', { supplier: reply.supplier.name, target: name })
                    return (
                      <div className="stack-xs">
                        {reply.viewerCan.edit ? (
                          <ReplyForm
                            experienceId={e.id}
                            replyId={reply.id}
                            experienceName={name}
                            defaultBody={sent('updateReply', { replyId: reply.id }) ? submitted?.body : reply.body}
                            error={sent('updateReply', { replyId: reply.id }) ? form.error('body') : undefined}
                            formError={sent('updateReply', { replyId: reply.id }) ? form.formError : undefined}
                          />
                        ) : null}
                        {reply.viewerCan.flag ? (
                          <FlagForm
                            targetType="reply"
                            targetId={reply.id}
                            targetName={replyName}
                            error={
                              sent('flag', { targetType: 'reply', targetId: reply.id })
                                ? (form.error('reason') ?? form.formError)
                                : undefined
                            }
                            value={
                              sent('flag', { targetType: 'reply', targetId: reply.id }) ? submitted?.reason : undefined
                            }
                          />
                        ) : null}
                      </div>
                    )
                  }}
                />
              )
            })}
            <Pagination page={experiences.page} pageCount={experiences.pageCount} />
          </div>
        )}
      </section>
    </div>
  )
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <span className="text-sm labelled-label">{label}:</span> <span className="text-sm pre-line">{children}</span>
    </div>
  )
}
