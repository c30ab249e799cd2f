import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { ProductForm, type ProductFormDefaults } from '~/components/product-form'
import { ApprovalSummary } from '~/components/supplier/approval-summary'
import { SupplierDecisions } from '~/components/register/decision-card'
import { ReleaseNotesField, VersionLabelField } from '~/components/supplier/version-fields'
import { VersionStateBadge } from '~/components/supplier/version-state-badge'
import { pageTitle } from '~/i18n/meta'
import { resolveLocale } from '~/i18n/locale.server'
import { useT } from '~/i18n/use-translation'
import {
  FACT_LIST_FIELDS,
  PRODUCT_LIST_FIELDS,
  ProductSchema,
  VersionSchema,
  VersionWithFactsSchema,
} from '~/forms/register'
import { APPROVAL_FACT_FIELDS } from '~/domain/approval-facts'
import { listCriteria } from '~/models/criteria.server'
import { productDecisionHistory } from '~/models/decision-views.server'
import { getProductAccess, getProductForViewer, getWorkingFacts, updateProduct } from '~/models/products.server'
import { listCategories } from '~/models/reference.server'
import { addVersion } from '~/models/versions.server'
import { canEditProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { idParam } from '~/utils/params'
import { answerRefusal } from '~/utils/refusal.server'
import type { Route } from './+types/product'
import { requireSupplier } from './workspace.server'

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData
    ? pageTitle(matches, 'supplier.product.pageTitle', { name: loaderData.product.name })
    : pageTitle(matches, 'supplier.product.fallbackTitle')

// The viewer's own company's product only: another supplier's (even an approved, public one) is a 404, as if absent.
const notFound = () => data(null, { status: 404 })

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireSupplier(request)
  const product = await getProductForViewer(viewer, idParam(params.productId))
  if (!product?.viewerCan.edit) throw notFound()
  const [decisions, criteria, categories, working] = await Promise.all([
    productDecisionHistory(viewer, product.access),
    listCriteria(),
    listCategories(resolveLocale(request).locale),
    getWorkingFacts(viewer, product.access),
  ])
  // The form edits the product's own fields and the approval facts of its newest version (not the public ones).
  const facts = working?.facts ?? product
  const defaults: ProductFormDefaults = {
    name: product.name,
    categoryId: String(product.category.id),
    shortDescription: product.shortDescription,
    description: product.description,
    intendedUsers: product.intendedUsers ?? '',
    website: product.website ?? '',
    ceMarked: facts.ceMarked,
    intendedUse: facts.intendedUse ?? '',
    mdrClass: facts.mdrClass,
    dataStorageLocation: facts.dataStorageLocation ?? '',
    dpiaTemplateAvailable: facts.dpiaTemplateAvailable,
    dpaAvailable: facts.dpaAvailable,
    universalDesign: facts.universalDesign ?? '',
    priceModel: product.priceModel ?? '',
    standards: facts.standards ?? '',
    careSettings: product.careSettings,
    integrations: facts.integrations,
  }
  return {
    product: {
      id: product.id,
      name: product.name,
      approval: product.approval,
      versions: product.versions.map((v) => ({
        id: v.id,
        label: v.label,
        state: v.state,
        submittedAt: v.submittedAt,
        createdAt: v.createdAt,
      })),
    },
    defaults,
    factsVersion: working ? { label: working.label, editable: working.editable } : null,
    decisions: decisions.map(({ product: _product, productVisible: _visible, ...d }) => d),
    criteria: criteria.map(({ code, nameNb, nameEn }) => ({ code, nameNb, nameEn })),
    categories,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireSupplier(request)
  const productId = idParam(params.productId)
  await ownProduct(viewer, productId)
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  switch (form.get('intent')) {
    case 'saveProduct': {
      const submission = parseSubmission(form, ProductSchema, { lists: PRODUCT_LIST_FIELDS })
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await updateProduct(viewer, productId, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(`/leverandor/produkter/${productId}`, { key: 'supplier.product.saved' })
    }
    case 'addVersion': {
      const submission = parseSubmission(form, VersionSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await addVersion(viewer, productId, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(`/leverandor/versjoner/${result.value.versionId}`, {
        key: 'supplier.versionAdded',
        vars: { version: submission.data.versionLabel },
      })
    }
    case 'addVersionWithFacts': {
      const submission = parseSubmission(form, VersionWithFactsSchema, { lists: FACT_LIST_FIELDS })
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const { versionLabel, releaseNotes, ...facts } = submission.data
      const result = await addVersion(viewer, productId, { versionLabel, releaseNotes }, facts)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash(`/leverandor/versjoner/${result.value.versionId}`, {
        key: 'supplier.versionAdded',
        vars: { version: versionLabel },
      })
    }
    default:
      throw data(null, { status: 400 })
  }
}

/** Before reading the form: a product that is not the viewer's own company's is a 404, whatever was posted. */
async function ownProduct(viewer: Viewer, productId: number) {
  const access = await getProductAccess(viewer, productId)
  if (!access || !canEditProduct(viewer, access)) throw notFound()
}

export default function SupplierProduct({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const values = form.values
  const errorFor = (intent: string) => (field: string) => (values?.intent === intent ? form.error(field) : undefined)
  const valueFor = (intent: string, field: string, fallback = '') =>
    values?.intent === intent ? (values[field] ?? fallback) : fallback
  const { product, decisions, criteria, categories, defaults, factsVersion } = loaderData
  // The product form refused a change of the approval facts of an assessed version: offer a new version with it.
  const retryingFactsVersion = values?.intent === 'addVersionWithFacts'
  const factsRefused =
    retryingFactsVersion ||
    (values?.intent === 'saveProduct' &&
      !!factsVersion &&
      !factsVersion.editable &&
      APPROVAL_FACT_FIELDS.some((f) => form.error(f) !== undefined))
  const refusedFacts = factsRefused ? values : undefined
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Anchor component={Link} to="/leverandor" size="sm">
          {t('supplier.backToProducts')}
        </Anchor>
        <Title order={1}>{product.name}</Title>
        <ApprovalSummary approval={product.approval} />
        <Group gap="md">
          <Anchor component={Link} to={`/register/${product.id}`}>
            {t('supplier.product.publicPage')}
          </Anchor>
        </Group>
        {product.approval.status === 'not_approved' ? <Text size="sm">{t('supplier.product.notPublic')}</Text> : null}
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />

      <section aria-labelledby="versions">
        <Title order={2} size="h3" id="versions" mb="sm">
          {t('product.versions')}
        </Title>
        {product.versions.length === 0 ? (
          <Text>{t('supplier.versions.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('supplier.col.version')}</Table.Th>
                  <Table.Th scope="col">{t('supplier.col.state')}</Table.Th>
                  <Table.Th scope="col">{t('supplier.col.created')}</Table.Th>
                  <Table.Th scope="col">{t('supplier.col.submitted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {product.versions.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/leverandor/versjoner/${v.id}`}
                        fw={600}
                        aria-label={t('supplier.version.open', { version: v.label })}
                      >
                        {v.label}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <VersionStateBadge state={v.state} />
                    </Table.Td>
                    <Table.Td>
                      <DateTime iso={v.createdAt} dateOnly />
                    </Table.Td>
                    <Table.Td>{v.submittedAt ? <DateTime iso={v.submittedAt} /> : t('supplier.notSubmitted')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>

      <Paper withBorder p="lg" component="section" aria-labelledby="add-version">
        <Title order={2} size="h3" id="add-version" mb="xs">
          {t('supplier.addVersion.title')}
        </Title>
        <Text size="sm" mb="md">
          {t('supplier.addVersion.lead')}
        </Text>
        <Form method="post" noValidate key={product.versions.length}>
          <input type="hidden" name="intent" value="addVersion" />
          <Stack gap="sm">
            <VersionLabelField
              defaultValue={valueFor('addVersion', 'versionLabel')}
              error={errorFor('addVersion')('versionLabel')}
            />
            <ReleaseNotesField
              rows={4}
              defaultValue={valueFor('addVersion', 'releaseNotes')}
              error={errorFor('addVersion')('releaseNotes')}
            />
            <div>
              <Button type="submit" variant="light">
                {t('supplier.addVersion.submit')}
              </Button>
            </div>
          </Stack>
        </Form>
      </Paper>

      <SupplierDecisions
        decisions={decisions}
        criteria={criteria}
        title={t('supplier.decisions.title')}
        empty={t('supplier.decisions.empty')}
      />

      <Paper withBorder p="lg" component="section" aria-labelledby="details">
        <Title order={2} size="h3" id="details" mb="xs">
          {t('supplier.product.details')}
        </Title>
        <Alert color="blue" variant="light" mb="md">
          <Text size="sm">{t('supplier.product.detailsNote')}</Text>
          {factsVersion ? (
            <Text size="sm" mt="xs">
              {t(factsVersion.editable ? 'supplier.product.factsVersion' : 'supplier.product.factsLocked', {
                version: factsVersion.label,
              })}
            </Text>
          ) : null}
        </Alert>
        {refusedFacts ? (
          <Paper withBorder p="md" mb="md" component="section" aria-labelledby="facts-version">
            <Title order={3} size="h4" id="facts-version" mb="xs">
              {t('supplier.factsVersion.title')}
            </Title>
            <Text size="sm" mb="sm">
              {t('supplier.factsVersion.lead')}
            </Text>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="addVersionWithFacts" />
              {APPROVAL_FACT_FIELDS.flatMap((f) =>
                f === 'integrations'
                  ? (refusedFacts[f] ?? '')
                      .split(',')
                      .filter(Boolean)
                      .map((code) => <input key={`${f}-${code}`} type="hidden" name={f} value={code} />)
                  : refusedFacts[f]
                    ? [<input key={f} type="hidden" name={f} value={refusedFacts[f]} />]
                    : [],
              )}
              <Group align="flex-end">
                <VersionLabelField
                  defaultValue={retryingFactsVersion ? (values.versionLabel ?? '') : ''}
                  error={retryingFactsVersion ? (form.error('versionLabel') ?? form.formError) : undefined}
                />
                <Button type="submit">{t('supplier.factsVersion.submit')}</Button>
              </Group>
            </Form>
          </Paper>
        ) : null}
        <ProductForm
          intent="saveProduct"
          categories={categories}
          defaults={defaults}
          submitted={values?.intent === 'saveProduct' ? values : undefined}
          error={errorFor('saveProduct')}
          submitLabel={t('productForm.save')}
          headingLevel={3}
        />
      </Paper>
    </Stack>
  )
}
