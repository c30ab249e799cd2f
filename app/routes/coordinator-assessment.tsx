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
import { ASSESSMENT_OUTCOMES, criterionField, PROVISIONAL_MAX_MONTHS } from '~/domain/assessment'
import { decisionParts, DecisionSchema, WithdrawalSchema } from '~/forms/register'
import { useLocale, useT } from '~/i18n/use-translation'
import { listCriteria } from '~/models/criteria.server'
import { productDecisionHistory } from '~/models/decision-views.server'
import { recordDecision, startReview, withDecisionRuleErrors, withdrawApproval } from '~/models/decisions.server'
import { getDossier } from '~/models/dossier.server'
import { getProductForViewer } from '~/models/products.server'
import { getVersion, getVersionAccess } from '~/models/versions.server'
import { canAssess } from '~/policy/register'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { formValues, parseSubmission, readFormData } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import { answerRefusal } from '~/utils/refusal.server'
import type { Route } from './+types/coordinator-assessment'

export const meta: Route.MetaFunction = ({ data: d }) => [
  { title: d ? `${d.version.product.name} ${d.version.label} – Erfaringsbanken` : 'Erfaringsbanken' },
]

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAssess(viewer))
  const access = await getVersionAccess(viewer, idParam(params.versionId))
  if (!access) throw data(null, { status: 404 })
  const [version, product, dossier, criteria, history] = await Promise.all([
    getVersion(viewer, access),
    getProductForViewer(viewer, access.product.id),
    getDossier(viewer, access),
    listCriteria(),
    productDecisionHistory(viewer, access.product),
  ])
  if (!product) throw data(null, { status: 404 })
  return { version, product, dossier, criteria, history }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canAssess(viewer))
  const versionId = idParam(params.versionId)
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  const back = `/koordinator/vurdering/${versionId}`
  switch (form.get('intent')) {
    case 'startReview': {
      const result = await startReview(viewer, versionId)
      if (!result.ok) return answerRefusal(result, formValues(form))
      return redirectWithFlash(back, { key: 'assess.reviewStarted' })
    }
    case 'decide': {
      const submission = parseSubmission(form, DecisionSchema)
      if (!submission.ok) {
        const refusal = await withDecisionRuleErrors(viewer, submission.refusal, decisionParts(submission.values))
        return answerRefusal(refusal, submission.values)
      }
      const result = await recordDecision(viewer, versionId, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(back, { key: 'assess.decided' })
    }
    case 'withdraw': {
      const submission = parseSubmission(form, WithdrawalSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await withdrawApproval(viewer, versionId, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
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
          <StatusBadge tone={versionStateTone[version.state] ?? 'neutral'}>
            {t(`versionState.${version.state}`)}
          </StatusBadge>
          <Text size="sm">{version.product.supplier.name}</Text>
          {version.submittedAt ? (
            <Text size="sm">
              {t('assess.submitted')} <DateTime iso={version.submittedAt} dateOnly />
            </Text>
          ) : null}
          <Anchor component={Link} to={`/register/${product.id}`} size="sm">
            {t('register.title')}
          </Anchor>
          <Anchor component={Link} to="/kriterier" size="sm">
            {t('criteriaPage.link')}
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
            {t('assess.decisionHelp', { months: PROVISIONAL_MAX_MONTHS })}
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
                      name={criterionField(c.code)}
                      defaultValue={form.value(criterionField(c.code))}
                      error={form.error(criterionField(c.code))}
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
        <Text size="sm" c="dimmed" mb="xs">
          {t('assess.factsOfVersion', { version: version.label })}
        </Text>
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
                <Table.Td>{f.value({ ...product, ...version.facts })}</Table.Td>
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
