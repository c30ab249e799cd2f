import { Button, Group, Paper, PasswordInput, Text, Title } from '@mantine/core'
import { Form } from 'react-router'
import { useT } from '~/i18n/use-translation'

/**
 * The step-up field of a sensitive form: shown when the session has not proved the password (or a second factor) in
 * the last few minutes. The action checks it with `stepUp` (app/utils/auth.server.ts) whether it was shown or not.
 */
export function StepUpField({
  needed,
  error,
  name = 'stepUpSecret',
}: {
  needed: boolean
  error?: string
  name?: string
}) {
  const t = useT()
  if (!needed && !error) return null
  return (
    <PasswordInput
      label={t('stepUp.label')}
      description={t('stepUp.description')}
      name={name}
      autoComplete="current-password"
      error={error}
    />
  )
}

/**
 * A page of sensitive buttons (account tools, roles): one form to prove the password (or a code) again, intent
 * `stepUp`, shown until the session has a recent step-up.
 */
export function StepUpPanel({ needed, error, minutes }: { needed: boolean; error?: string; minutes: number }) {
  const t = useT()
  if (!needed && !error) {
    return (
      <Text size="sm" c="dimmed">
        {t('stepUp.confirmed')}
      </Text>
    )
  }
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="step-up">
      <Title order={2} size="h3" id="step-up" mb="xs">
        {t('stepUp.title')}
      </Title>
      <Text size="sm" mb="md">
        {t('stepUp.intro', { minutes })}
      </Text>
      <Form method="post">
        <input type="hidden" name="intent" value="stepUp" />
        <Group align="flex-end">
          <StepUpField needed error={error} />
          <Button type="submit">{t('stepUp.submit')}</Button>
        </Group>
      </Form>
    </Paper>
  )
}
