import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { data, Form, Link } from 'react-router'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { ProductForm, type ProductFormDefaults } from '~/components/product-form'
import { ApprovalSummary } from '~/components/supplier/approval-summary'
import { DecisionCard } from '~/components/register/decision-card'
import { VersionStateBadge } from '~/components/supplier/version-state-badge'
import { pageTitle } from '~/i18n/meta'
import { resolveLocale } from '~/i18n/locale.server'
import { useT } from '~/i18n/use-translation'
import { PRODUCT_LIST_FIELDS, ProductSchema, VersionSchema } from '~/forms/register'
import { listCriteria } from '~/models/criteria.server'
import { productDecisionHistory } from '~/models/decision-views.server'
import { getProductAccess, getProductForViewer, updateProduct } from '~/models/products.server'
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
  const [decisions, criteria, categories] = await Promise.all([
    productDecisionHistory(viewer, product.access),
    listCriteria(),
    listCategories(resolveLocale(request).locale),
  ])
  const defaults: ProductFormDefaults = {
    name: product.name,
    categoryId: String(product.category.id),
    shortDescription: product.shortDescription,
    description: product.description,
    intendedUsers: product.intendedUsers ?? '',
    website: product.website ?? '',
    ceMarked: product.ceMarked,
    intendedUse: product.intendedUse ?? '',
    mdrClass: product.mdrClass,
    dataStorageLocation: product.dataStorageLocation ?? '',
    dpiaTemplateAvailable: product.dpiaTemplateAvailable,
    dpaAvailable: product.dpaAvailable,
    universalDesign: product.universalDesign ?? '',
    priceModel: product.priceModel ?? '',
    standards: product.standards ?? '',
    careSettings: product.careSettings,
    integrations: product.integrations,
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
  const { product, decisions, criteria, categories, defaults } = loaderData
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
            <TextInput
              label={t('versionForm.label')}
              description={t('versionForm.label.description')}
              name="versionLabel"
              required
              maxLength={40}
              maw={280}
              defaultValue={valueFor('addVersion', 'versionLabel')}
              error={errorFor('addVersion')('versionLabel')}
            />
            <Textarea
              label={t('versionForm.releaseNotes')}
              description={t('versionForm.releaseNotes.description')}
              name="releaseNotes"
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

      <section aria-labelledby="decisions">
        <Title order={2} size="h3" id="decisions" mb="sm">
          {t('supplier.decisions.title')}
        </Title>
        {decisions.length === 0 ? (
          <Text>{t('supplier.decisions.empty')}</Text>
        ) : (
          <Stack gap="md">
            {decisions.map((d) => (
              <DecisionCard
                key={d.id}
                decision={d}
                criteria={criteria}
                heading={t('supplier.decision.title', { outcome: t(`outcome.${d.outcome}`), version: d.version.label })}
              />
            ))}
          </Stack>
        )}
      </section>

      <Paper withBorder p="lg" component="section" aria-labelledby="details">
        <Title order={2} size="h3" id="details" mb="xs">
          {t('supplier.product.details')}
        </Title>
        <Alert color="blue" variant="light" mb="md">
          {t('supplier.product.detailsNote')}
        </Alert>
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
