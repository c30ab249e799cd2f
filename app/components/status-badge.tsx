import type { ReactNode } from 'react'

// Filled badges with text colours checked against WCAG AA (4.5:1): white on teal.9, red.9, blue.9, gray.7; black on
// yellow.4 (app.css, .status-badge). Mantine's light variant with a shade colour loses its text, and its default light
// text fails contrast. One plain element with Mantine's filled Badge look: lists show one per row, and a Mantine Badge
// costs many times more to render.
export type Tone = 'positive' | 'caution' | 'negative' | 'info' | 'neutral'

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className="status-badge" data-tone={tone}>
      {children}
    </span>
  )
}

export const versionStateTone: Record<string, Tone> = {
  draft: 'neutral',
  submitted: 'info',
  in_review: 'info',
  changes_requested: 'caution',
  approved: 'positive',
  provisionally_approved: 'caution',
  rejected: 'negative',
  withdrawn: 'negative',
  expired: 'neutral',
}

export const outcomeTone: Record<string, Tone> = {
  approved: 'positive',
  provisionally_approved: 'caution',
  changes_requested: 'caution',
  rejected: 'negative',
  withdrawn: 'negative',
}
