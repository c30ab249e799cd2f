import { Anchor, Button, NativeSelect, Paper, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMounted } from '@mantine/hooks'
import { useState } from 'react'
import { Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import { foldingFilter } from '~/components/folding-filter'
import { municipalityOptionLabel } from '~/domain/municipality-names'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { NewPasswordFields } from '~/components/new-password-fields'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { listMunicipalityOptions, signUp } from '~/models/accounts.server'
import { getViewer } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { resolveLocale } from '~/i18n/locale.server'
import {
  confirmPasswordField,
  emailField,
  newPasswordField,
  orgNumberField,
  personNameField,
  requiredText,
} from '~/utils/fields'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import { createSession, sessionCookie } from '~/utils/session.server'
import { withNewPasswordErrors } from '~/utils/password-rules.server'
import type { Route } from './+types/sign-up'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'signUp.title')

const Common = z.object({
  name: personNameField,
  email: emailField,
  password: newPasswordField,
  confirmPassword: confirmPasswordField,
})
const SignUpInput = z.discriminatedUnion(
  'kind',
  [
    Common.extend({
      kind: z.literal('municipality'),
      municipalityNumber: z.string({ message: 'validation.municipality' }).regex(/^\d{4}$/, 'validation.municipality'),
    }),
    Common.extend({
      kind: z.literal('supplier'),
      companyName: requiredText(200, 'validation.companyName', 'validation.companyName').refine(
        (name) => name.length >= 2,
        'validation.companyName',
      ),
      orgNumber: orgNumberField,
    }),
  ],
  { error: () => ({ message: 'validation.kind' }) },
)

export async function loader({ request }: Route.LoaderArgs) {
  if (await getViewer(request)) throw redirect('/konto')
  return { municipalities: await listMunicipalityOptions() }
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = await readSubmission(request, SignUpInput)
  // Every field to fix in one answer, the password's too (its rules are the model's, as they need the address).
  if (!submission.ok)
    return answerRefusal(withNewPasswordErrors(submission.refusal, submission.values), submission.values)
  const result = await signUp(submission.data, context.clientIp, resolveLocale(request).locale)
  if (!result.ok) return answerRefusal(result, submission.values)
  const userId = result.value
  const session = await createSession(userId, {
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent') ?? '',
    twoFactorVerified: true,
  })
  return redirectWithFlash('/', { key: 'signUp.doneConfirm' }, { 'Set-Cookie': sessionCookie(request, session.token) })
}

export default function SignUp({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const mounted = useMounted()
  const [kind, setKind] = useState(form.value('kind', 'municipality'))
  // Without JavaScript both parts of the form are shown; the server reads the part the chosen kind needs.
  const showMunicipality = !mounted || kind === 'municipality'
  const showSupplier = !mounted || kind === 'supplier'
  const municipalityOptions = loaderData.municipalities.map((m) => ({
    value: m.number,
    label: municipalityOptionLabel(m),
  }))
  return (
    <Stack maw={560} mx="auto" gap="lg">
      <Title order={1}>{t('signUp.title')}</Title>
      <Text>{t('signUp.intro')}</Text>
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <Stack gap="md">
            <FormErrorSummary show={form.hasErrors} message={form.formError} />
            <Radio.Group
              name="kind"
              label={t('signUp.kind')}
              value={kind}
              onChange={setKind}
              error={form.error('kind')}
              required
            >
              <Stack gap="xs" mt="xs">
                <Radio value="municipality" label={t('signUp.kind.municipality')} />
                <Radio value="supplier" label={t('signUp.kind.supplier')} />
              </Stack>
            </Radio.Group>
            {showMunicipality ? (
              mounted ? (
                <Select
                  label={t('signUp.municipality')}
                  description={t('signUp.municipality.description')}
                  placeholder={t('signUp.municipality.placeholder')}
                  name="municipalityNumber"
                  data={municipalityOptions}
                  defaultValue={form.value('municipalityNumber') || null}
                  searchable
                  filter={foldingFilter}
                  limit={50}
                  nothingFoundMessage="–"
                  error={form.error('municipalityNumber')}
                />
              ) : (
                <NativeSelect
                  label={t('signUp.municipality')}
                  name="municipalityNumber"
                  data={[{ value: '', label: t('signUp.municipality.placeholder') }, ...municipalityOptions]}
                  defaultValue={form.value('municipalityNumber')}
                  error={form.error('municipalityNumber')}
                />
              )
            ) : null}
            {showSupplier ? (
              <>
                <TextInput
                  label={t('signUp.companyName')}
                  name="companyName"
                  autoComplete="organization"
                  defaultValue={form.value('companyName')}
                  error={form.error('companyName')}
                />
                <TextInput
                  label={t('signUp.orgNumber')}
                  description={t('signUp.orgNumber.description')}
                  name="orgNumber"
                  inputMode="numeric"
                  defaultValue={form.value('orgNumber')}
                  error={form.error('orgNumber')}
                />
              </>
            ) : null}
            <TextInput
              label={t('signUp.name')}
              name="name"
              autoComplete="name"
              required
              defaultValue={form.value('name')}
              error={form.error('name')}
            />
            <TextInput
              label={t('signUp.email')}
              description={t('signUp.email.description')}
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={form.value('email')}
              error={form.error('email')}
            />
            <NewPasswordFields
              label="signUp.password"
              confirmLabel="signUp.confirmPassword"
              error={form.error}
              required
            />
            <Button type="submit">{t('signUp.submit')}</Button>
          </Stack>
        </Form>
      </Paper>
      <Text>
        {t('signUp.haveAccount')}{' '}
        <Anchor component={Link} to="/logg-inn">
          {t('signIn.submit')}
        </Anchor>
      </Text>
    </Stack>
  )
}
