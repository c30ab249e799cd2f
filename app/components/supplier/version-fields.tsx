import { Textarea, TextInput } from '@mantine/core'
import type { MessageKey } from '~/i18n'
import { useT } from '~/i18n/use-translation'

/**
 * A version's label, as the supplier adds, edits or opens a version for new facts, or names the first version of a new
 * product (with its own label and description).
 */
export function VersionLabelField({
  defaultValue,
  error,
  label = 'versionForm.label',
  description = 'versionForm.label.description',
}: {
  defaultValue: string
  error: string | undefined
  label?: MessageKey
  description?: MessageKey
}) {
  const t = useT()
  return (
    <TextInput
      label={t(label)}
      description={t(description)}
      name="versionLabel"
      required
      maxLength={40}
      maw={280}
      defaultValue={defaultValue}
      error={error}
    />
  )
}

/** A version's release notes, as the supplier adds or edits a version. */
export function ReleaseNotesField({
  defaultValue,
  error,
  rows,
}: {
  defaultValue: string
  error: string | undefined
  rows: number
}) {
  const t = useT()
  return (
    <Textarea
      label={t('versionForm.releaseNotes')}
      description={t('versionForm.releaseNotes.description')}
      name="releaseNotes"
      rows={rows}
      defaultValue={defaultValue}
      error={error}
    />
  )
}
