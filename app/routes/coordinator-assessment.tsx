import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { StatusBadge, versionStateTone } from '~/components/status-badge'
import { data, Form, Link } from 'react-router'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { DecisionCard } from '~/components/register/decision-card'
import { useProductFacts } from '~/components/register/product-facts'
import {
  ASSESSMENT_OUTCOMES,
  registerErrorStatus,
  type RegisterError,
  type RegisterErrorCode,
} from '~/domain/approval-workflow'
import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import {
  listCriteria,
  productDecisionHistory,
  recordDecision,
  startReview,
  withdrawApproval,
} from '~/models/decisions.server'
import { getDossier } from '~/models/dossier.server'
import { getProductForViewer, getVersionForViewer } from '~/models/products.server'
import { canAssess } from '~/policy'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm, type FieldErrors, type FormValues } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import type { Route } from './+types/coordinator-assessment'

export const meta: Route.MetaFunction = ({ data: d }) => [
  { title: d ? `${d.version.product.name} ${d.version.label} – Erfaringsbanken` : 'Erfaringsbanken' },
]

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAssess(viewer))
  const versionId = idParam(params.versionId)
  const version = await getVersionForViewer(versionId, viewer)
  if (!version) throw data(null, { status: 404 })
  const [product, dossier, criteria, history] = await Promise.all([
    getProductForViewer(version.product.id, viewer),
    getDossier(viewer, versionId),
    listCriteria(),
    productDecisionHistory(version.product.id, viewer),
  ])
  if (!product) throw data(null, { status: 404 })
  return { version, product, dossier, criteria, history: history ?? [] }
}

const decisionErrorKeys: Partial<Record<RegisterErrorCode, MessageKey>> = {
  illegal_transition: 'assess.error.illegal_transition',
  criteria_incomplete: 'assess.error.criteria_incomplete',
  criteria_not_met: 'assess.error.criteria_not_met',
  not_applicable_not_allowed: 'assess.error.not_applicable_not_allowed',
  benefit_already_documented: 'assess.error.benefit_already_documented',
  no_unmet_criterion: 'assess.error.no_unmet_criterion',
  valid_until_required: 'assess.error.valid_until_required',
  valid_until_out_of_range: 'assess.error.valid_until_out_of_range',
  rationale_required: 'assess.error.rationale_required',
  invalid_input: 'assess.error.invalid_input',
}
const criterionErrors = new Set<RegisterErrorCode>([
  'criteria_incomplete',
  'criteria_not_met',
  'not_applicable_not_allowed',
  'benefit_already_documented',
  'no_unmet_criterion',
])

/** Turns a refused decision into errors on the fields concerned, with a summary above the form. */
function decisionErrors(e: RegisterError, values: FormValues) {
  if (e.code === 'forbidden' || e.code === 'not_found') throw data(null, { status: registerErrorStatus(e.code) })
  const key = decisionErrorKeys[e.code] ?? 'assess.error.other'
  const errors: FieldErrors = {}
  if (criterionErrors.has(e.code)) for (const code of e.fields ?? []) errors[`result_${code}`] = key
  if (e.code === 'rationale_required') errors.rationale = key
  if (e.code === 'valid_until_required' || e.code === 'valid_until_out_of_range') errors.validUntil = key
  return data({ errors, values, formError: { key } }, { status: registerErrorStatus(e.code) })
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAssess(viewer))
  const versionId = idParam(params.versionId)
  const form = await readForm(request)
  const back = `/koordinator/vurdering/${versionId}`
  switch (form.intent) {
    case 'startReview': {
      const result = await startReview(viewer, versionId)
      if (!result.ok) return decisionErrors(result, form)
      return redirectWithFlash(back, { key: 'assess.reviewStarted' })
    }
    case 'decide': {
      const criteria = await listCriteria()
      const result = await recordDecision(viewer, versionId, {
        outcome: form.outcome as never,
        rationale: form.rationale ?? '',
        validUntil: form.validUntil ?? null,
        // An unanswered criterion is left out, so the rule "every criterion needs a result" names it.
        results: criteria
          .filter((c) => form[`result_${c.code}`])
          .map((c) => ({
            criterionCode: c.code,
            result: form[`result_${c.code}`] as never,
            comment: form[`comment_${c.code}`] ?? null,
          })),
      })
      if (!result.ok) {
        if (result.code === 'invalid_input' && !form.outcome)
          return data({ errors: { outcome: 'validation.required' as const }, values: form }, { status: 400 })
        return decisionErrors(result, form)
      }
      return redirectWithFlash(back, { key: 'assess.decided' })
    }
    case 'withdraw': {
      const result = await withdrawApproval(viewer, versionId, { rationale: form.rationale ?? '' })
      if (!result.ok) return decisionErrors(result, form)
      return redirectWithFlash(back, { key: 'assess.withdrawn' })
    }
    default:
      throw data(null, { status: 400 })
  }
}

export default function Assessment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const facts = useProductFacts()
  const form = useFormState(actionData)
  const { version, product, dossier, criteria, history } = loaderData
  const name = (c: { nameNb: string; nameEn: string }) => (locale === 'en' ? c.nameEn : c.nameNb)
  const description = (c: { descriptionNb: string; descriptionEn: string }) =>
    locale === 'en' ? c.descriptionEn : c.descriptionNb
  return (
    <Stack gap="xl">
      <CoordinatorNav />
      <Stack gap="xs">
        <Title order={1}>{t('assess.title', { name: version.product.name, version: version.label })}</Title>
        <Group gap="sm">
          <StatusBadge tone={versionStateTone[version.state]!}>{t(`versionState.${version.state}`)}</StatusBadge>
          <Text size="sm">{version.product.supplier.name}</Text>
          {version.submittedAt ? (
            <Text size="sm">
              {t('assess.submitted')} <DateTime iso={version.submittedAt} dateOnly />
            </Text>
          ) : null}
          <Anchor component={Link} to={`/register/${product.id}`} size="sm">
            {t('register.title')}
          </Anchor>
        </Group>
        {version.releaseNotes ? <Text style={{ whiteSpace: 'pre-wrap' }}>{version.releaseNotes}</Text> : null}
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />

      {version.viewerCan.startReview ? (
        <Form method="post">
          <input type="hidden" name="intent" value="startReview" />
          <Button type="submit">{t('assess.startReview')}</Button>
        </Form>
      ) : null}

      {version.viewerCan.decide ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="decide">
          <Title order={2} size="h3" id="decide" mb="xs">
            {t('assess.decisionTitle')}
          </Title>
          <Text size="sm" mb="md">
            {t('assess.decisionHelp')}
          </Text>
          <Form method="post">
            <input type="hidden" name="intent" value="decide" />
            <Stack gap="md">
              {criteria.map((c) => (
                <Paper withBorder p="sm" key={c.code}>
                  <Text fw={600}>
                    {name(c)}{' '}
                    {c.mandatory ? (
                      <Text span size="sm" c="dimmed">
                        ({t('criteria.mandatory')})
                      </Text>
                    ) : null}
                  </Text>
                  <Text size="sm" mb="xs">
                    {description(c)}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <NativeSelect
                      label={t('assess.criterionResult', { name: name(c) })}
                      name={`result_${c.code}`}
                      defaultValue={form.value(`result_${c.code}`)}
                      error={form.error(`result_${c.code}`)}
                      data={[
                        { value: '', label: '–' },
                        { value: 'met', label: t('criterionResult.met') },
                        { value: 'not_met', label: t('criterionResult.not_met') },
                        ...(c.notApplicableAllowed
                          ? [{ value: 'not_applicable', label: t('criterionResult.not_applicable') }]
                          : []),
                      ]}
                    />
                    <TextInput
                      label={t('assess.criterionComment', { name: name(c) })}
                      name={`comment_${c.code}`}
                      defaultValue={form.value(`comment_${c.code}`)}
                    />
                  </SimpleGrid>
                </Paper>
              ))}
              <Radio.Group
                name="outcome"
                label={t('assess.outcome')}
                defaultValue={form.value('outcome')}
                error={form.error('outcome')}
              >
                <Group mt="xs">
                  {ASSESSMENT_OUTCOMES.map((o) => (
                    <Radio key={o} value={o} label={t(`outcome.${o}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={t('assess.rationale')}
                name="rationale"
                autosize
                minRows={4}
                defaultValue={form.value('rationale')}
                error={form.error('rationale')}
              />
              <TextInput
                label={t('assess.validUntil')}
                name="validUntil"
                type="date"
                maw={260}
                defaultValue={form.value('validUntil')}
                error={form.error('validUntil')}
              />
              <div>
                <Button type="submit">{t('assess.decide')}</Button>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}

      {version.viewerCan.withdraw ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="withdraw">
          <Title order={2} size="h3" id="withdraw" mb="sm">
            {t('assess.withdrawTitle')}
          </Title>
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <Stack gap="sm">
              <Textarea
                label={t('assess.withdrawRationale')}
                name="rationale"
                autosize
                minRows={3}
                error={form.error('rationale')}
              />
              <div>
                <ConfirmSubmit confirm={t('assess.withdrawConfirm')} color="red.9" variant="outline">
                  {t('assess.withdraw')}
                </ConfirmSubmit>
              </div>
            </Stack>
          </Form>
        </Paper>
      ) : null}

      {!version.viewerCan.startReview && !version.viewerCan.decide && !version.viewerCan.withdraw ? (
        <Alert variant="light" color="gray">
          {t('assess.notActionable', { state: t(`versionState.${version.state}`) })}
        </Alert>
      ) : null}

      <section aria-labelledby="dossier">
        <Title order={2} size="h3" id="dossier">
          {t('assess.dossier')}
        </Title>
        <Text size="sm" mb="sm">
          {t('assess.dossierNote')}
        </Text>
        {!dossier || (dossier.sections.length === 0 && dossier.attachments.length === 0) ? (
          <Text>{t('assess.dossierEmpty')}</Text>
        ) : null}
        <Stack gap="sm">
          {dossier?.sections.map((s) => (
            <Paper withBorder p="md" key={s.id} component="article" aria-labelledby={`section-${s.id}`}>
              <Text size="sm" c="dimmed">
                {t(`dossierKind.${s.kind}`)}
              </Text>
              <Title order={3} size="h4" id={`section-${s.id}`}>
                {s.heading}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{s.body}</Text>
            </Paper>
          ))}
        </Stack>
        {dossier && dossier.attachments.length > 0 ? (
          <Stack gap="xs" mt="md">
            <Title order={3} size="h4">
              {t('assess.attachments')}
            </Title>
            <List>
              {dossier.attachments.map((a) => (
                <List.Item key={a.id}>
                  <Anchor href={`/leverandor/vedlegg/${a.id}`} aria-label={t('assess.download', { name: a.filename })}>
                    {a.filename}
                  </Anchor>{' '}
                  ({Math.ceil(a.sizeBytes / 1024)} kB)
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
      </section>

      <section aria-labelledby="product-info">
        <Title order={2} size="h3" id="product-info" mb="sm">
          {t('assess.product')}
        </Title>
        <Text fw={500}>{product.shortDescription}</Text>
        <Text mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {product.description}
        </Text>
        <Table maw={900} layout="fixed" style={{ overflowWrap: 'anywhere' }}>
          <Table.Tbody>
            {facts.map((f) => (
              <Table.Tr key={f.key}>
                <Table.Th scope="row" w="35%">
                  {f.label}
                </Table.Th>
                <Table.Td>{f.value(product)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      {history.length > 0 ? (
        <section aria-labelledby="history">
          <Title order={2} size="h3" id="history" mb="sm">
            {t('assess.history')}
          </Title>
          <Stack gap="md">
            {history.map((d) => (
              <DecisionCard key={d.id} decision={d} criteria={criteria} />
            ))}
          </Stack>
        </section>
      ) : null}
    </Stack>
  )
}
