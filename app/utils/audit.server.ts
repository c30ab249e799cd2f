import type { Kysely } from 'kysely'
import { getDb } from '../../db/client'
import type { DB } from '../../db/schema'
import { benefitAuditActions } from '~/domain/benefits'
import { experienceAuditActions } from '~/domain/procurement-rules'
import { registerAuditActions } from '~/domain/register-audit'
import { accountSecurityAuditActions } from '~/domain/account-security'
import { nowIso } from './clock.server'

// Later features add their actions here; the audit-log filter offers exactly this list.
export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_blocked',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.second_factor_failed',
  'account.signed_up',
  'account.name_changed',
  'account.password_changed',
  'account.two_factor_enabled',
  'account.two_factor_disabled',
  'account.recovery_code_used',
  'account.password_reset_requested',
  'account.password_reset',
  'account.email_confirmed',
  'admin.email_retried',
  'verification.organisation_verified',
  'verification.organisation_rejected',
  'verification.user_verified',
  'verification.user_rejected',
  'admin.user_created',
  'admin.role_changed',
  // Step-up, account administration and retention (issue 11).
  ...accountSecurityAuditActions,
  // The register's own actions (products, versions, decisions, dossiers): see app/domain/register-audit.ts.
  ...registerAuditActions,
  // Procurements, experience reports, replies and moderation: see app/domain/procurement-rules.ts.
  ...experienceAuditActions,
  // Benefit records: see app/domain/benefits.ts.
  ...benefitAuditActions,
  // Each step of the public benefit figures (docs/decisions/011-public-benefit-figures.md).
  'benefit_figures.published',
] as const

export type AuditAction = (typeof auditActions)[number]

export async function audit(
  entry: {
    action: AuditAction
    actorUserId?: number | null
    target?: { type: string; id: string | number }
    details?: Record<string, unknown>
    ip?: string | null
    /** When it happened, if not now (the caller's transaction time). */
    at?: string
  },
  db: Kysely<DB> = getDb(),
) {
  // Inside a transaction pass the transaction: the single SQLite connection is held by it.
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at ?? nowIso(),
      action: entry.action,
      actor_user_id: entry.actorUserId ?? null,
      target_type: entry.target?.type ?? null,
      target_id: entry.target ? String(entry.target.id) : null,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute()
}
