import { Badge } from '@mantine/core'
import type { ReactNode } from 'react'

// Filled badges with text colours checked against WCAG AA (4.5:1): white on teal.9, red.9, blue.9, gray.7; black on
// yellow.4. Mantine's light variant with a shade colour loses its text, and its default light text fails contrast.
const tones = {
  positive: { color: 'teal.9', c: 'white' },
  caution: { color: 'yellow.4', c: 'black' },
  negative: { color: 'red.9', c: 'white' },
  info: { color: 'blue.9', c: 'white' },
  neutral: { color: 'gray.7', c: 'white' },
} as const

export type Tone = keyof typeof tones

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  const { color, c } = tones[tone]
  return (
    <Badge variant="filled" color={color} c={c} style={{ textTransform: 'none' }}>
      {children}
    </Badge>
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
