import { Anchor, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { emptyProductForm, ProductForm } from '~/components/product-form'
import { VersionLabelField } from '~/components/supplier/version-fields'
import { pageTitle } from '~/i18n/meta'
import { resolveLocale } from '~/i18n/locale.server'
import { useT } from '~/i18n/use-translation'
import { createProduct } from '~/models/products.server'
import { listCategories } from '~/models/reference.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { NewProductSchema, PRODUCT_LIST_FIELDS } from '~/forms/register'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import type { Route } from './+types/product-new'
import { requireSupplier } from './workspace.server'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'supplier.productNew.title')

export async function loader({ request }: Route.LoaderArgs) {
  await requireSupplier(request)
  return { categories: await listCategories(resolveLocale(request).locale) }
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireSupplier(request)
  const submission = await readSubmission(request, NewProductSchema, { lists: PRODUCT_LIST_FIELDS })
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  const { versionLabel, ...product } = submission.data
  const result = await createProduct(viewer, product, { versionLabel })
  if (!result.ok) return answerRefusal(result, submission.values)
  return redirectWithFlash(`/leverandor/produkter/${result.value.productId}`, {
    key: 'supplier.productCreated',
    vars: { name: product.name, version: versionLabel },
  })
}

export default function NewProduct({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const submitted = form.values
  return (
    <Stack gap="lg" maw={760}>
      <Anchor component={Link} to="/leverandor" size="sm">
        {t('supplier.backToProducts')}
      </Anchor>
      <Title order={1}>{t('supplier.productNew.title')}</Title>
      <Text>{t('supplier.productNew.lead')}</Text>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      <Paper withBorder p="lg">
        <ProductForm
          intent="create"
          categories={loaderData.categories}
          defaults={emptyProductForm}
          submitted={submitted}
          error={form.error}
          submitLabel={t('productForm.create')}
          headingLevel={2}
        >
          <VersionLabelField
            label="productForm.versionLabel"
            description="productForm.versionLabel.description"
            defaultValue={form.value('versionLabel', '1.0')}
            error={form.error('versionLabel')}
          />
        </ProductForm>
      </Paper>
    </Stack>
  )
}
