// The register's audit-log actions, written in the same transaction as the change so a change and its trail cannot
// come apart (app/utils/audit.server.ts offers them in the audit-log filter).
export const registerAuditActions = [
  'register.product_created',
  'register.product_updated',
  'register.version_created',
  'register.version_updated',
  'register.version_submitted',
  'register.review_started',
  'register.decision_recorded',
  'register.approval_withdrawn',
  'register.approval_expired',
  'register.dossier_section_saved',
  'register.dossier_section_deleted',
  'register.attachment_uploaded',
  'register.attachment_deleted',
  'register.attachment_downloaded',
  // Coordinators managing the criteria (each change a new criteria version) and the categories.
  'criteria.criterion_created',
  'criteria.criterion_updated',
  'criteria.category_created',
  'criteria.category_updated',
] as const
