import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { Form, Link } from 'react-router'
import { ConfirmSubmit } from '~/components/confirm-submit'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { SupplierDecisions } from '~/components/register/decision-card'
import { ReleaseNotesField, VersionLabelField } from '~/components/supplier/version-fields'
import { VersionStateBadge } from '~/components/supplier/version-state-badge'
import type { VersionState } from '~/domain/approval-workflow'
import { DOSSIER_SECTION_KINDS } from '~/domain/register-codes'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { listCriteria } from '~/models/criteria.server'
import { productDecisionHistory } from '~/models/decision-views.server'
import { getDossier } from '~/models/dossier.server'
import { getVersion } from '~/models/versions.server'
import { idParam } from '~/utils/params'
import type { Route } from './+types/version'
import { handleVersionAction, ownVersion } from './version.server'
import { requireSupplier } from './workspace.server'

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData
    ? pageTitle(matches, 'supplier.version.pageTitle', {
        product: loaderData.version.product.name,
        version: loaderData.version.label,
      })
    : pageTitle(matches, 'supplier.version.fallbackTitle')

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireSupplier(request)
  const access = await ownVersion(viewer, idParam(params.versionId))
  const [version, dossier, decisions, criteria] = await Promise.all([
    getVersion(viewer, access),
    getDossier(viewer, access),
    productDecisionHistory(viewer, access.product),
    listCriteria(),
  ])
  return {
    company: viewer.organisationName,
    version: {
      id: version.id,
      label: version.label,
      state: version.state,
      releaseNotes: version.releaseNotes,
      submittedAt: version.submittedAt,
      product: { id: version.product.id, name: version.product.name },
      canEdit: version.viewerCan.edit,
      canSubmit: version.viewerCan.submit,
    },
    dossier: {
      canEdit: dossier?.viewerCan.edit ?? false,
      sections: dossier?.sections ?? [],
      attachments: (dossier?.attachments ?? []).map(({ sha256: _sha, ...a }) => a),
    },
    decisions: decisions
      .filter((d) => d.version.id === version.id)
      .map(({ product: _product, productVisible: _visible, ...d }) => d),
    criteria: criteria.map(({ code, nameNb, nameEn }) => ({ code, nameNb, nameEn })),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireSupplier(request)
  return handleVersionAction(request, viewer, await ownVersion(viewer, idParam(params.versionId)))
}

const LOCK_MESSAGE: Partial<
  Record<VersionState, 'supplier.version.locked.pending' | 'supplier.version.locked.provisional'>
> = {
  submitted: 'supplier.version.locked.pending',
  in_review: 'supplier.version.locked.pending',
  provisionally_approved: 'supplier.version.locked.provisional',
}

export default function SupplierVersion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const values = form.values
  // Several forms share the page: an error belongs to the form (and the section) that was sent.
  const isSent = (intent: string, id?: number) =>
    values?.intent === intent && (id === undefined || values.sectionId === String(id))
  const errorFor = (intent: string, id?: number) => (field: string) =>
    isSent(intent, id) ? form.error(field) : undefined
  const valueFor = (intent: string, field: string, fallback: string, id?: number) =>
    isSent(intent, id) ? (values?.[field] ?? fallback) : fallback
  const newSectionSent = values?.intent === 'saveSection' && !values.sectionId
  const { version, dossier, decisions, criteria, company } = loaderData

  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Anchor component={Link} to={`/leverandor/produkter/${version.product.id}`} size="sm">
          {t('supplier.version.backToProduct', { product: version.product.name })}
        </Anchor>
        <Title order={1}>
          {t('supplier.version.pageTitle', { product: version.product.name, version: version.label })}
        </Title>
        <Group gap="xs">
          <Text>{t('supplier.version.state')}</Text>
          <VersionStateBadge state={version.state} />
          {version.submittedAt ? (
            <Text size="sm">
              {t('supplier.version.submittedAt')}: <DateTime iso={version.submittedAt} />
            </Text>
          ) : null}
        </Group>
        <Anchor component={Link} to="/kriterier" size="sm">
          {t('criteriaPage.link')}
        </Anchor>
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />

      {version.canSubmit ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="submit">
          <Title order={2} size="h3" id="submit" mb="xs">
            {t('supplier.submit.title')}
          </Title>
          <Text mb="md">
            {t(version.state === 'changes_requested' ? 'supplier.submit.resubmitLead' : 'supplier.submit.lead')}
          </Text>
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <ConfirmSubmit confirm={t('supplier.submit.confirm', { version: version.label })}>
              {t('supplier.submit.button')}
            </ConfirmSubmit>
          </Form>
        </Paper>
      ) : null}

      <SupplierDecisions
        decisions={decisions}
        criteria={criteria}
        title={t('supplier.version.decisions')}
        empty={t('supplier.version.noDecisions')}
      />

      <section aria-labelledby="version-details">
        <Title order={2} size="h3" id="version-details" mb="sm">
          {t('supplier.version.details')}
        </Title>
        {version.canEdit ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="saveVersion" />
            <Stack gap="sm">
              <VersionLabelField
                defaultValue={valueFor('saveVersion', 'versionLabel', version.label)}
                error={errorFor('saveVersion')('versionLabel')}
              />
              <ReleaseNotesField
                rows={5}
                defaultValue={valueFor('saveVersion', 'releaseNotes', version.releaseNotes ?? '')}
                error={errorFor('saveVersion')('releaseNotes')}
              />
              <div>
                <Button type="submit" variant="light">
                  {t('supplier.version.save')}
                </Button>
              </div>
            </Stack>
          </Form>
        ) : (
          <Stack gap="sm">
            <Alert color="blue" variant="light">
              {t(LOCK_MESSAGE[version.state] ?? 'supplier.version.locked.concluded')}
            </Alert>
            <Text fw={600} size="sm">
              {t('versionForm.releaseNotes')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>
              {version.releaseNotes || t('supplier.version.noReleaseNotes')}
            </Text>
          </Stack>
        )}
      </section>

      <Paper withBorder p="lg" component="section" aria-labelledby="dossier">
        <Stack gap="lg">
          <Stack gap="sm">
            <Title order={2} size="h3" id="dossier">
              {t('dossier.title')}
            </Title>
            <Alert color="orange" variant="light">
              {t('dossier.confidential', { company })}
            </Alert>
            {dossier.canEdit ? null : (
              <Text size="sm">{t('dossier.readOnly', { state: t(`versionState.${version.state}`) })}</Text>
            )}
          </Stack>

          <Stack gap="sm" component="section" aria-labelledby="sections">
            <Title order={3} size="h4" id="sections">
              {t('dossier.sections')}
            </Title>
            {dossier.sections.length === 0 ? <Text>{t('dossier.sections.empty')}</Text> : null}
            {dossier.sections.map((s) => (
              <Paper withBorder p="md" key={s.id} component="article" aria-labelledby={`section-${s.id}`}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Title order={4} size="h5" id={`section-${s.id}`}>
                      {s.heading}
                    </Title>
                    <Badge variant="light" color="gray" c="var(--mantine-color-text)" tt="none">
                      {t(`dossierKind.${s.kind}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t('dossier.section.updatedAt')}: <DateTime iso={s.updatedAt} />
                  </Text>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{s.body}</Text>
                  {dossier.canEdit ? (
                    <Group gap="md" align="flex-start" wrap="wrap">
                      <Box component="details" open={isSent('saveSection', s.id)} style={{ flex: '1 1 320px' }}>
                        <Box component="summary" style={{ cursor: 'pointer' }} c="blue.9">
                          {t('dossier.section.edit', { heading: s.heading })}
                        </Box>
                        <SectionForm
                          key={s.updatedAt}
                          sectionId={s.id}
                          idPrefix={`edit-${s.id}`}
                          kind={valueFor('saveSection', 'kind', s.kind, s.id)}
                          heading={valueFor('saveSection', 'heading', s.heading, s.id)}
                          body={valueFor('saveSection', 'body', s.body, s.id)}
                          error={errorFor('saveSection', s.id)}
                          submitLabel={t('dossier.section.save', { heading: s.heading })}
                        />
                      </Box>
                      <Form method="post">
                        <input type="hidden" name="intent" value="deleteSection" />
                        <input type="hidden" name="sectionId" value={s.id} />
                        <ConfirmSubmit
                          confirm={t('dossier.section.deleteConfirm', { heading: s.heading })}
                          variant="outline"
                          color="red.9"
                          size="sm"
                        >
                          {t('dossier.section.delete', { heading: s.heading })}
                        </ConfirmSubmit>
                      </Form>
                    </Group>
                  ) : null}
                </Stack>
              </Paper>
            ))}
            {dossier.canEdit ? (
              <Paper withBorder p="md" bg="gray.0" component="section" aria-labelledby="new-section">
                <Title order={4} size="h5" id="new-section" mb="sm">
                  {t('dossier.section.addTitle')}
                </Title>
                <SectionForm
                  key={dossier.sections.length}
                  idPrefix="new-section"
                  kind={newSectionSent ? (values?.kind ?? '') : 'security_documentation'}
                  heading={newSectionSent ? (values?.heading ?? '') : ''}
                  body={newSectionSent ? (values?.body ?? '') : ''}
                  error={(field) => (newSectionSent ? form.error(field) : undefined)}
                  submitLabel={t('dossier.section.add')}
                />
              </Paper>
            ) : null}
          </Stack>

          <Stack gap="sm" component="section" aria-labelledby="attachments">
            <Title order={3} size="h4" id="attachments">
              {t('dossier.attachments')}
            </Title>
            {dossier.attachments.length === 0 ? (
              <Text>{t('dossier.attachments.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('dossier.col.file')}</Table.Th>
                      <Table.Th scope="col">{t('dossier.col.size')}</Table.Th>
                      <Table.Th scope="col">{t('dossier.col.uploaded')}</Table.Th>
                      <Table.Th scope="col">{t('dossier.col.uploadedBy')}</Table.Th>
                      {dossier.canEdit ? <Table.Th scope="col">{t('dossier.col.actions')}</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {dossier.attachments.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          {/* A resource route: a plain link, so the browser downloads instead of navigating in-app. */}
                          <Anchor
                            href={`/leverandor/vedlegg/${a.id}`}
                            download={a.filename}
                            aria-label={t('dossier.attachment.download', { filename: a.filename })}
                          >
                            {a.filename}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <FileSize bytes={a.sizeBytes} />
                        </Table.Td>
                        <Table.Td>
                          <DateTime iso={a.uploadedAt} />
                        </Table.Td>
                        <Table.Td>{a.uploadedBy}</Table.Td>
                        {dossier.canEdit ? (
                          <Table.Td>
                            <Form method="post">
                              <input type="hidden" name="intent" value="deleteAttachment" />
                              <input type="hidden" name="attachmentId" value={a.id} />
                              <ConfirmSubmit
                                confirm={t('dossier.attachment.deleteConfirm', { filename: a.filename })}
                                variant="outline"
                                color="red.9"
                                size="xs"
                              >
                                {t('dossier.attachment.delete', { filename: a.filename })}
                              </ConfirmSubmit>
                            </Form>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {dossier.canEdit ? (
              <Form method="post" encType="multipart/form-data" key={dossier.attachments.length}>
                <input type="hidden" name="intent" value="upload" />
                <Group align="flex-end" gap="md" wrap="wrap">
                  <FileField
                    label={t('dossier.attachment.file')}
                    description={t('dossier.attachment.fileDescription')}
                    error={errorFor('upload')('file')}
                  />
                  <Button type="submit" variant="light">
                    {t('dossier.attachment.upload')}
                  </Button>
                </Group>
              </Form>
            ) : null}
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  )
}

function SectionForm(props: {
  sectionId?: number
  idPrefix: string
  kind: string
  heading: string
  body: string
  error: (field: string) => string | undefined
  submitLabel: string
}) {
  const t = useT()
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="saveSection" />
      {props.sectionId ? <input type="hidden" name="sectionId" value={props.sectionId} /> : null}
      <Stack gap="sm" mt="sm">
        <NativeSelect
          id={`${props.idPrefix}-kind`}
          label={t('dossier.section.kind')}
          name="kind"
          data={DOSSIER_SECTION_KINDS.map((k) => ({ value: k, label: t(`dossierKind.${k}`) }))}
          defaultValue={props.kind}
          error={props.error('kind')}
        />
        <TextInput
          id={`${props.idPrefix}-heading`}
          label={t('dossier.section.heading')}
          name="heading"
          required
          maxLength={200}
          defaultValue={props.heading}
          error={props.error('heading')}
        />
        <Textarea
          id={`${props.idPrefix}-body`}
          label={t('dossier.section.body')}
          name="body"
          required
          rows={6}
          defaultValue={props.body}
          error={props.error('body')}
        />
        <div>
          <Button type="submit" variant="light">
            {props.submitLabel}
          </Button>
        </div>
      </Stack>
    </Form>
  )
}

/** A native file input (works without JavaScript), labelled and described like the other fields. */
function FileField({ label, description, error }: { label: string; description: string; error: string | undefined }) {
  const describedBy = error ? 'dossier-file-description dossier-file-error' : 'dossier-file-description'
  return (
    <Stack gap={4}>
      <Text component="label" htmlFor="dossier-file" size="sm" fw={500}>
        {label}
      </Text>
      <Text id="dossier-file-description" size="xs" c="dimmed">
        {description}
      </Text>
      <input
        id="dossier-file"
        type="file"
        name="file"
        accept="application/pdf,.pdf"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <Text id="dossier-file-error" size="sm" c="var(--mantine-color-error)">
          {error}
        </Text>
      ) : null}
    </Stack>
  )
}

function FileSize({ bytes }: { bytes: number }) {
  const t = useT()
  const locale = useLocale()
  const format = (n: number) =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 1 }).format(n)
  if (bytes < 1024 * 1024) return <>{t('dossier.size.kb', { size: format(Math.max(1, Math.round(bytes / 1024))) })}</>
  return <>{t('dossier.size.mb', { size: format(bytes / (1024 * 1024)) })}</>
}
