import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { data, Form } from 'react-router'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { CategorySchema, CriterionSchema } from '~/forms/criteria'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { saveCategory, saveCriterion } from '~/models/criteria-admin.server'
import { currentCriteriaVersion, listCriteria, type Criterion } from '~/models/criteria.server'
import { listCategoriesForEditing } from '~/models/reference.server'
import { canManageCriteria } from '~/policy/register'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseSubmission, readFormData } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import type { Route } from './+types/coordinator-criteria'

// Coordinators add and edit the assessment criteria (each change a new criteria version, audited) and the categories
// (docs/domain.md, "Criteria" and "Categories").

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'criteriaAdmin.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canManageCriteria(viewer))
  const [criteria, categories, version] = await Promise.all([
    listCriteria(),
    listCategoriesForEditing(),
    currentCriteriaVersion(),
  ])
  return { criteria, categories, version }
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canManageCriteria(viewer))
  const read = await readFormData(request)
  if (!read.ok) return answerRefusal(read)
  const form = read.value
  switch (form.get('intent')) {
    case 'saveCriterion': {
      const submission = parseSubmission(form, CriterionSchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await saveCriterion(viewer, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash('/koordinator/kriterier', { key: 'criteriaAdmin.saved' })
    }
    case 'saveCategory': {
      const submission = parseSubmission(form, CategorySchema)
      if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
      const result = await saveCategory(viewer, submission.data)
      if (!result.ok) return answerRefusal(result, submission.values)
      return redirectWithFlash('/koordinator/kriterier', { key: 'criteriaAdmin.saved' })
    }
    default:
      throw data(null, { status: 400 })
  }
}

export default function CoordinatorCriteria({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { criteria, categories, version } = loaderData
  return (
    <Stack gap="xl" maw={960}>
      <CoordinatorNav />
      <Stack gap="xs">
        <Title order={1}>{t('criteriaAdmin.title')}</Title>
        <Text>{t('criteriaAdmin.lead', { version })}</Text>
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />

      <section aria-labelledby="criteria">
        <Title order={2} size="h3" id="criteria" mb="sm">
          {t('criteriaAdmin.criteria')}
        </Title>
        <Stack gap="md">
          {criteria.map((c) => (
            <CriterionForm key={c.code} criterion={c} form={form} />
          ))}
          <CriterionForm criterion={null} form={form} />
        </Stack>
      </section>

      <section aria-labelledby="categories">
        <Title order={2} size="h3" id="categories" mb="sm">
          {t('criteriaAdmin.categories')}
        </Title>
        <Stack gap="md">
          {[...categories, null].map((c) => {
            const sent =
              form.values?.intent === 'saveCategory' && (form.values.categoryId ?? '') === String(c?.id ?? '')
            const value = (name: string, fallback: string) => (sent ? (form.values?.[name] ?? '') : fallback)
            const error = (name: string) => (sent ? form.error(name) : undefined)
            return (
              <Paper
                withBorder
                p="md"
                key={c?.id ?? 'new'}
                component="article"
                aria-label={c ? c.nameNb : t('criteriaAdmin.newCategory')}
              >
                <Form method="post">
                  <input type="hidden" name="intent" value="saveCategory" />
                  <input type="hidden" name="categoryId" value={c?.id ?? ''} />
                  {c ? null : (
                    <Title order={3} size="h4" mb="xs">
                      {t('criteriaAdmin.newCategory')}
                    </Title>
                  )}
                  <Group align="flex-end" wrap="wrap">
                    <TextInput
                      label={t('criteriaAdmin.nameNb')}
                      name="nameNb"
                      required
                      defaultValue={value('nameNb', c?.nameNb ?? '')}
                      error={error('nameNb')}
                    />
                    <TextInput
                      label={t('criteriaAdmin.nameEn')}
                      name="nameEn"
                      required
                      defaultValue={value('nameEn', c?.nameEn ?? '')}
                      error={error('nameEn')}
                    />
                    <TextInput
                      label={t('criteriaAdmin.slug')}
                      name="slug"
                      required
                      defaultValue={value('slug', c?.slug ?? '')}
                      error={error('slug')}
                    />
                    <TextInput
                      label={t('criteriaAdmin.sortOrder')}
                      name="sortOrder"
                      inputMode="numeric"
                      required
                      w={110}
                      defaultValue={value('sortOrder', String(c?.sortOrder ?? ''))}
                      error={error('sortOrder')}
                    />
                    <Button type="submit" variant="light">
                      {t(c ? 'criteriaAdmin.save' : 'criteriaAdmin.add')}
                    </Button>
                  </Group>
                </Form>
              </Paper>
            )
          })}
        </Stack>
      </section>
    </Stack>
  )
}

function CriterionForm({ criterion: c, form }: { criterion: Criterion | null; form: ReturnType<typeof useFormState> }) {
  const t = useT()
  const sent =
    form.values?.intent === 'saveCriterion' &&
    (c === null ? form.values.isNew === '1' : form.values.code === c.code && form.values.isNew !== '1')
  const value = (name: string, fallback: string) => (sent ? (form.values?.[name] ?? '') : fallback)
  const checked = (name: string, fallback: boolean) => (sent ? form.values?.[name] === 'on' : fallback)
  const error = (name: string) => (sent ? form.error(name) : undefined)
  const text = (name: string, label: string, fallback: string, rows?: number) =>
    rows ? (
      <Textarea label={label} name={name} rows={rows} defaultValue={value(name, fallback)} error={error(name)} />
    ) : (
      <TextInput label={label} name={name} defaultValue={value(name, fallback)} error={error(name)} />
    )
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`criterion-${c?.code ?? 'new'}`}>
      <Title order={3} size="h4" id={`criterion-${c?.code ?? 'new'}`} mb="xs">
        {c ? c.nameNb : t('criteriaAdmin.newCriterion')}
      </Title>
      <Form method="post">
        <input type="hidden" name="intent" value="saveCriterion" />
        {c ? <input type="hidden" name="code" value={c.code} /> : <input type="hidden" name="isNew" value="1" />}
        <Stack gap="sm">
          {c ? null : text('code', t('criteriaAdmin.code'), '')}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('nameNb', t('criteriaAdmin.nameNb'), c?.nameNb ?? '')}
            {text('nameEn', t('criteriaAdmin.nameEn'), c?.nameEn ?? '')}
            {text('descriptionNb', t('criteriaAdmin.descriptionNb'), c?.descriptionNb ?? '', 3)}
            {text('descriptionEn', t('criteriaAdmin.descriptionEn'), c?.descriptionEn ?? '', 3)}
            {text('requirementNb', t('criteriaAdmin.requirementNb'), c?.requirementNb ?? '', 3)}
            {text('requirementEn', t('criteriaAdmin.requirementEn'), c?.requirementEn ?? '', 3)}
            {text('evidenceNb', t('criteriaAdmin.evidenceNb'), c?.evidenceNb ?? '', 3)}
            {text('evidenceEn', t('criteriaAdmin.evidenceEn'), c?.evidenceEn ?? '', 3)}
          </SimpleGrid>
          <Group align="flex-end" wrap="wrap">
            <Checkbox
              label={t('criteriaAdmin.mandatory')}
              name="mandatory"
              defaultChecked={checked('mandatory', c?.mandatory ?? false)}
            />
            <Checkbox
              label={t('criteriaAdmin.notApplicableAllowed')}
              name="notApplicableAllowed"
              defaultChecked={checked('notApplicableAllowed', c?.notApplicableAllowed ?? false)}
            />
            <TextInput
              label={t('criteriaAdmin.sortOrder')}
              name="sortOrder"
              inputMode="numeric"
              w={110}
              defaultValue={value('sortOrder', String(c?.sortOrder ?? ''))}
              error={error('sortOrder')}
            />
            <Button type="submit" variant="light">
              {t(c ? 'criteriaAdmin.saveCriterion' : 'criteriaAdmin.add')}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  )
}
