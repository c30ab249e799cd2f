import { isOneOf } from './code-lists'
import { APPROVED_STATES, isUnassessedState, type VersionState } from './approval-workflow'

// The public approval label of a product (docs/domain.md, "The register": an approval belongs to one version; a
// newer version shows "approved version X; version Y not yet assessed" until it is assessed).

export type VersionForLabel = {
  id: number
  label: string
  state: VersionState
  /** valid_until of the decision that gave the version its current state (null unless approved). */
  validUntil: string | null
}

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

/** Approved or provisionally approved, and the approval period has not ended (even if the nightly expiry has not
 * run yet). The SQL form of this rule is currentlyApprovedWhere in app/policy/register.ts. */
export function isCurrentlyApproved(v: Pick<VersionForLabel, 'state' | 'validUntil'>, today: string): boolean {
  return isOneOf(APPROVED_STATES, v.state) && v.validUntil !== null && v.validUntil >= today
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
  if (!current?.validUntil) return { status: 'not_approved' }
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
 * newer draft (docs/decisions/005). Null without an approval or without such a version.
 */
export function unassessedNewerVersion(
  approval: ApprovalLabel,
  visibleVersions: ReadonlyArray<Pick<VersionForLabel, 'id' | 'label' | 'state'>>,
): string | null {
  if (approval.status === 'not_approved') return null
  if (!approval.newestAssessed) return approval.newestVersion
  const newest = visibleVersions.reduce<Pick<VersionForLabel, 'id' | 'label' | 'state'> | undefined>(
    (a, v) => (!a || v.id > a.id ? v : a),
    undefined,
  )
  return newest && newest.id > approval.approvedVersionId && isUnassessedState(newest.state) ? newest.label : null
}
