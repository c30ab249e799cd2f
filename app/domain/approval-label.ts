import { isOneOf } from './code-lists'
import { APPROVED_STATES, isPublicVersionState, isUnassessedState, type VersionState } from './approval-workflow'

// The public approval label of a product (docs/domain.md, "The register": an approval belongs to one version; a
// newer version shows "approved version X; version Y not yet assessed" until it is assessed; a withdrawn or expired
// approval stays on the public record and says so).

export type VersionForLabel = {
  id: number
  label: string
  state: VersionState
  /** valid_until of the approval the version holds or held: the decision that gave it its current state, or for an
   * expired version the approval that ended (null for versions never approved, and for withdrawn ones). */
  validUntil: string | null
  /** decided_at of the decision that gave the version its current state (a withdrawn version: when it was withdrawn);
   * null when no decision did (drafts, submissions, expiry). */
  decidedAt: string | null
}

/** How an approval that no longer holds ended. */
export const ENDED_APPROVAL_KINDS = ['withdrawn', 'expired'] as const
export type EndedApprovalKind = (typeof ENDED_APPROVAL_KINDS)[number]

export type ApprovalLabel =
  | { status: 'not_approved' }
  | {
      status: 'approved' | 'provisionally_approved'
      approvedVersion: string
      approvedVersionId: number
      validUntil: string
      /** False when a newer version exists whose assessment has not concluded: "approved version X; version Y not
       * yet assessed". */
      newestAssessed: boolean
      newestVersion: string
    }
  | {
      /** No current approval, but the product's last approval was withdrawn or has ended (endedApproval). */
      status: EndedApprovalKind
      version: string
      versionId: number
      /** When it ended: the withdrawal's timestamp, or the last day of the approval period that ran out (null only if
       * the decision behind it is missing). */
      endedAt: string | null
    }

/** The label of a product whose last approval was withdrawn or has expired. */
export type EndedApprovalLabel = Extract<ApprovalLabel, { status: EndedApprovalKind }>
export const isEndedApprovalLabel = (label: ApprovalLabel): label is EndedApprovalLabel =>
  label.status === 'withdrawn' || label.status === 'expired'

/** Approved or provisionally approved, and the approval period has not ended (even if the nightly expiry has not
 * run yet). The SQL form of this rule is currentlyApprovedWhere in app/policy/register.ts. */
export function isCurrentlyApproved(v: Pick<VersionForLabel, 'state' | 'validUntil'>, today: string): boolean {
  return isOneOf(APPROVED_STATES, v.state) && v.validUntil !== null && v.validUntil >= today
}

/**
 * How the product's last approval ended, when it holds no current approval but has been on the public register (a
 * version was approved or provisionally approved). The newest such version decides: withdrawn, or expired (its period
 * ended, whether or not the nightly expiry has marked it yet). Null while a version is currently approved, and for
 * products never approved. The SQL form is endedApprovalWhere in app/policy/register.ts.
 */
export function endedApproval<V extends Pick<VersionForLabel, 'id' | 'state' | 'validUntil' | 'decidedAt'>>(
  versions: readonly V[],
  today: string,
): { kind: EndedApprovalKind; version: V; endedAt: string | null } | null {
  if (versions.some((v) => isCurrentlyApproved(v, today))) return null
  const last = versions
    .filter((v) => isPublicVersionState(v.state))
    .reduce<V | undefined>((a, v) => (!a || v.id > a.id ? v : a), undefined)
  if (!last) return null
  return last.state === 'withdrawn'
    ? { kind: 'withdrawn', version: last, endedAt: last.decidedAt }
    : { kind: 'expired', version: last, endedAt: last.validUntil }
}

/**
 * The label everyone sees on a product. Versions are ordered by id (creation order: labels are free text and
 * cannot be compared). Drafts are never part of it, since a draft is the supplier's private work, and rejected
 * versions neither, since rejections are not published; a newer submitted, in-review or changes-requested
 * version shows as "not yet assessed".
 */
export function approvalLabel(versions: readonly VersionForLabel[], today: string): ApprovalLabel {
  const ordered = [...versions].filter((v) => v.state !== 'draft' && v.state !== 'rejected').sort((a, b) => a.id - b.id)
  const current = ordered.filter((v) => isCurrentlyApproved(v, today)).at(-1)
  if (!current?.validUntil) {
    const ended = endedApproval(versions, today)
    if (!ended) return { status: 'not_approved' }
    return { status: ended.kind, version: ended.version.label, versionId: ended.version.id, endedAt: ended.endedAt }
  }
  const newerPending = ordered.filter((v) => v.id > current.id && isUnassessedState(v.state)).at(-1)
  return {
    status: current.state === 'approved' ? 'approved' : 'provisionally_approved',
    approvedVersion: current.label,
    approvedVersionId: current.id,
    validUntil: current.validUntil,
    newestAssessed: !newerPending,
    newestVersion: (newerPending ?? current).label,
  }
}

/**
 * The version a viewer is told is "not yet assessed" next to an approval: the public label's newer pending version,
 * or else the newest version this viewer may see (`visibleVersions`, already filtered by canViewVersion) when it is
 * newer than the approved one and unassessed, which is how a supplier and the coordinators see the supplier's own
 * newer draft (docs/decisions/005). Null without a current approval or without such a version.
 */
export function unassessedNewerVersion(
  approval: ApprovalLabel,
  visibleVersions: ReadonlyArray<Pick<VersionForLabel, 'id' | 'label' | 'state'>>,
): string | null {
  if (approval.status === 'not_approved' || isEndedApprovalLabel(approval)) return null
  if (!approval.newestAssessed) return approval.newestVersion
  const newest = visibleVersions.reduce<Pick<VersionForLabel, 'id' | 'label' | 'state'> | undefined>(
    (a, v) => (!a || v.id > a.id ? v : a),
    undefined,
  )
  return newest && newest.id > approval.approvedVersionId && isUnassessedState(newest.state) ? newest.label : null
}
