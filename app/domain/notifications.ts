// What the app sends by e-mail (docs/domain.md, "E-mail and notifications"). Pure: no database, no clock.

/** Notifications a user may turn off on /konto/varsler. */
export const NOTIFICATION_KINDS = [
  'reply_received',
  'moderation_outcome',
  'procurement_invitation',
  'version_decision',
  'follow_up_digest',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Messages about the account itself: always sent, never turned off. */
export const ACCOUNT_MAIL_KINDS = ['password_reset', 'email_confirmation'] as const
export type AccountMailKind = (typeof ACCOUNT_MAIL_KINDS)[number]

export type MailKind = NotificationKind | AccountMailKind

/** How long a link sent by e-mail works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000
export const EMAIL_CONFIRMATION_TTL_MS = 7 * 24 * 60 * 60_000

/** A message that fails is tried again after these waits (minutes); after the last it is marked failed. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 720] as const
export const MAX_SEND_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1

/** When to try again after `attempts` failed attempts, or null when it has failed for good. */
export function nextAttemptDelayMs(attempts: number): number | null {
  const minutes = RETRY_DELAYS_MINUTES[attempts - 1]
  return minutes === undefined ? null : minutes * 60_000
}

/** The month a follow-up digest covers, `YYYY-MM` of a Norwegian calendar date (`YYYY-MM-DD`). */
export const digestPeriod = (today: string) => today.slice(0, 7)
