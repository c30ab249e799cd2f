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

/** A version's workflow state as a badge, with the shared register label: Mantine's light Badge (size md, no
 * uppercase) as a plain span (app.css, .status-badge and .version-badge), since lists show one per row. */
export function VersionStateBadge({ state }: { state: VersionState }) {
  const t = useT()
  return (
    <span className="status-badge version-badge" style={{ background: `var(--mantine-color-${COLOURS[state]}-light)` }}>
      {t(`versionState.${state}`)}
    </span>
  )
}
