// Account security rules that need no database (docs/decisions/015-sign-in-throttling.md).

/** A step-up (the password or a second factor proved again) lasts this long on the session. */
export const STEP_UP_MINUTES = 5

/** Whether a step-up proved at `reauthenticatedAt` still counts at `now`. */
export function isRecentStepUp(reauthenticatedAt: string | null, now: Date): boolean {
  if (!reauthenticatedAt) return false
  const at = Date.parse(reauthenticatedAt)
  return Number.isFinite(at) && now.getTime() - at < STEP_UP_MINUTES * 60_000 && at <= now.getTime() + 60_000
}

/** The audit log's retention, as the privacy statement promises; the database enforces it too (migration 1641). */
export const AUDIT_RETENTION_YEARS = 5

export const accountSecurityAuditActions = [
  'auth.step_up',
  'auth.step_up_failed',
  'admin.user_deactivated',
  'admin.user_reactivated',
  'admin.two_factor_reset',
  'account.data_exported',
  'retention.audit_pruned',
] as const
