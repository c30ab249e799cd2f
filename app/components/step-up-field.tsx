import { PasswordInput } from '@mantine/core'
import { useT } from '~/i18n/use-translation'

/**
 * The step-up field of a sensitive form: shown when the session has not proved the password (or a second factor) in
 * the last few minutes. The action checks it with `stepUp` (app/utils/auth.server.ts) whether it was shown or not.
 */
export function StepUpField({ needed, error, name = 'stepUpSecret' }: { needed: boolean; error?: string; name?: string }) {
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
