import { PasswordInput } from '@mantine/core'
import type { MessageKey } from '~/i18n'
import { useT } from '~/i18n/use-translation'

/**
 * A new password with its rules as description, and its repetition (sign-up, reset, account): fields named like the
 * schema parts newPasswordField and confirmPasswordField, checked on the server by newPasswordErrors.
 */
export function NewPasswordFields({
  label,
  confirmLabel,
  error,
  name = 'password',
  required = false,
}: {
  label: MessageKey
  confirmLabel: MessageKey
  error: (name: string) => string | undefined
  name?: string
  required?: boolean
}) {
  const t = useT()
  return (
    <>
      <PasswordInput
        label={t(label)}
        description={t('signUp.password.description')}
        name={name}
        autoComplete="new-password"
        required={required}
        error={error(name)}
      />
      <PasswordInput
        label={t(confirmLabel)}
        name="confirmPassword"
        autoComplete="new-password"
        required={required}
        error={error('confirmPassword')}
      />
    </>
  )
}
