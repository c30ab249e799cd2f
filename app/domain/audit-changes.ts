// What an audit entry records about an edit (docs/domain.md, "Audit trail"): each changed field with its value before
// and after, except confidential fields, of which it records only that they changed. The audit log is read by every
// coordinator and admin, who may not read internal notes, dossier text, non-public contract values or a report's
// text (a draft is its author's alone), so those values never enter it.

export type AuditChange =
  | { field: string; from: AuditValue; to: AuditValue }
  /** A confidential field: only that it changed. */
  | { field: string; changed: true }

export type AuditValue = string | number | boolean | null | string[]

const normalise = (v: unknown): AuditValue => {
  if (v === undefined || v === null || v === '') return null
  if (Array.isArray(v)) return v.map(String).sort()
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  return JSON.stringify(v)
}

/**
 * The changes between two records, field by field (fields missing from `after` are not compared). Fields named in
 * `confidential` are recorded as changed, never with their values.
 */
export function auditChanges<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  confidential: ReadonlyArray<keyof T> = [],
): AuditChange[] {
  const changes: AuditChange[] = []
  for (const field of Object.keys(after) as Array<keyof T & string>) {
    const from = normalise(before[field])
    const to = normalise(after[field])
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    changes.push(confidential.includes(field) ? { field, changed: true } : { field, from, to })
  }
  return changes
}
