import { Badge } from '@mantine/core'
import type { VersionState } from '~/domain/approval-workflow'
import { useT } from '~/i18n/use-translation'

// A tinted background in the state's colour with text in the normal text colour: Mantine's light variant with a
// dark shade ("green.9") paints text and background alike, and green/orange text fails 4.5:1 even on white.
const COLOURS: Record<VersionState, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_review: 'indigo',
  changes_requested: 'orange',
  approved: 'green',
  provisionally_approved: 'teal',
  rejected: 'red',
  withdrawn: 'red',
  expired: 'gray',
}

/** A version's workflow state as a badge, with the shared register label. */
export function VersionStateBadge({ state }: { state: VersionState }) {
  const t = useT()
  return (
    <Badge
      variant="light"
      color={COLOURS[state]}
      c="var(--mantine-color-text)"
      tt="none"
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {t(`versionState.${state}`)}
    </Badge>
  )
}
