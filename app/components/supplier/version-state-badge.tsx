import { Badge } from '@mantine/core'
import type { VersionState } from '~/domain/approval-workflow'
import { useT } from '~/i18n/use-translation'

// Dark shades (.9) on the light badge background keep the text above 4.5:1.
const COLOURS: Record<VersionState, string> = {
  draft: 'gray.9',
  submitted: 'blue.9',
  in_review: 'indigo.9',
  changes_requested: 'orange.9',
  approved: 'green.9',
  provisionally_approved: 'teal.9',
  rejected: 'red.9',
  withdrawn: 'red.9',
  expired: 'gray.9',
}

/** A version's workflow state as a badge, with the shared register label. */
export function VersionStateBadge({ state }: { state: VersionState }) {
  const t = useT()
  return (
    <Badge variant="light" color={COLOURS[state]} tt="none">
      {t(`versionState.${state}`)}
    </Badge>
  )
}
