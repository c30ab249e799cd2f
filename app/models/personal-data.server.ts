import { getDb } from '../../db/client'
import type { Viewer } from '~/policy'
import { audit } from '~/utils/audit.server'
import { clock } from '~/models/db.server'

// A signed-in person's own personal data, as one JSON document (the right of access, GDPR art. 15; /konto/mine-data).
// Only rows that are about this person or written by them, and of other people nothing but what the person already
// sees: entries in the audit log made by someone else (a coordinator verifying the account) keep their action and
// time, not who made them or from where.

const ownAuditActionsWithoutIp = new Set(['auth.sign_in_failed', 'auth.sign_in_blocked'])

export async function exportPersonalData(viewer: Viewer, ip: string) {
  const db = getDb()
  const me = viewer.userId
  const [account, sessions, auditEntries, reports, replies, flags, procurements, decisions, recoveryCodes] =
    await Promise.all([
      db
        .selectFrom('user')
        .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
        .select([
          'user.id',
          'user.name',
          'user.email',
          'user.role',
          'user.status',
          'user.decision_reason as decisionReason',
          'user.decided_at as decidedAt',
          'user.created_at as createdAt',
          'user.password_changed_at as passwordChangedAt',
          'user.totp_enabled_at as twoFactorEnabledAt',
          'user.deactivated_at as deactivatedAt',
          'organisation.name as organisationName',
          'organisation.kind as organisationKind',
        ])
        .where('user.id', '=', me)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('session')
        .select(['id', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'ip', 'user_agent as userAgent'])
        .where('user_id', '=', me)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('audit_log')
        .select([
          'at',
          'action',
          'actor_user_id',
          'target_type as targetType',
          'target_id as targetId',
          'details',
          'ip',
        ])
        .where((eb) =>
          eb.or([
            eb('actor_user_id', '=', me),
            eb.and([eb('target_type', '=', 'user'), eb('target_id', '=', String(me))]),
          ]),
        )
        .orderBy('at')
        .orderBy('id')
        .execute(),
      db.selectFrom('experience_report').selectAll().where('author_user_id', '=', me).orderBy('id').execute(),
      db
        .selectFrom('supplier_reply')
        .select([
          'id',
          'experience_report_id as experienceReportId',
          'body',
          'created_at as createdAt',
          'updated_at as updatedAt',
          'hidden',
          'hidden_reason as hiddenReason',
        ])
        .where('author_user_id', '=', me)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('content_flag')
        .select([
          'id',
          'target_type as targetType',
          'target_id as targetId',
          'reason',
          'created_at as createdAt',
          'status',
          'decided_at as decidedAt',
        ])
        .where('flagged_by', '=', me)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('procurement')
        .select(['id', 'title', 'created_at as createdAt'])
        .where('created_by', '=', me)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('version_decision')
        .select(['id', 'version_id as versionId', 'outcome', 'decided_at as decidedAt'])
        .where('coordinator_user_id', '=', me)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('recovery_code')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', me)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ])
  const { iso } = clock()
  await audit({ action: 'account.data_exported', actorUserId: me, target: { type: 'user', id: me }, ip, at: iso })
  return {
    exportedAt: iso,
    account: { ...account, unusedRecoveryCodes: recoveryCodes.n },
    sessions: sessions.map(({ id, ...s }) => ({ ...s, current: id === viewer.sessionId })),
    auditLog: auditEntries.map(({ actor_user_id, details, ip: entryIp, ...e }) => {
      const byYou = actor_user_id === me
      return {
        ...e,
        byYou,
        details: JSON.parse(details) as unknown,
        ip: byYou && !ownAuditActionsWithoutIp.has(e.action) ? entryIp : null,
      }
    }),
    experienceReports: reports.map(({ author_user_id: _, ...r }) => r),
    supplierReplies: replies,
    flags,
    procurementsRegistered: procurements,
    decisionsMade: decisions,
  }
}
