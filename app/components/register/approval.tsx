import { StatusBadge } from '~/components/status-badge'
import { formatDate } from '~/components/date-text'
import { isEndedApprovalLabel, type ApprovalLabel, type EndedApprovalLabel } from '~/domain/approval-label'
import { useLocale, useT } from '~/i18n/use-translation'

/** "Godkjenning trukket tilbake 3. mars 2026" / "Godkjenningen utløp 30. juni 2026" (the date left out if unknown). */
export function useEndedApprovalText() {
  const t = useT()
  const locale = useLocale()
  return (approval: EndedApprovalLabel) =>
    approval.endedAt
      ? t(`approval.${approval.status}`, { date: formatDate(approval.endedAt, locale) })
      : t(`versionState.${approval.status}`)
}

export function ApprovalBadge({ approval }: { approval: ApprovalLabel }) {
  const t = useT()
  switch (approval.status) {
    case 'not_approved':
      return <StatusBadge tone="neutral">{t('approval.notApproved')}</StatusBadge>
    // Never shown as approved: the badge names how the approval ended.
    case 'withdrawn':
      return <StatusBadge tone="negative">{t('versionState.withdrawn')}</StatusBadge>
    case 'expired':
      return <StatusBadge tone="neutral">{t('versionState.expired')}</StatusBadge>
    case 'approved':
    case 'provisionally_approved':
      return (
        <StatusBadge tone={approval.status === 'approved' ? 'positive' : 'caution'}>
          {t(approval.status === 'approved' ? 'outcome.approved' : 'outcome.provisionally_approved')}
        </StatusBadge>
      )
  }
}

/**
 * The version-bound approval text. `unassessedVersion` is the version this viewer is told is not yet assessed
 * (ProductDetail.unassessedVersion, from app/domain/approval-label.ts); `withdrawalRationale` the published reason
 * when the approval was withdrawn (ProductDetail.withdrawalRationale).
 */
export function ApprovalText({
  approval,
  unassessedVersion,
  withdrawalRationale = null,
}: {
  approval: ApprovalLabel
  unassessedVersion: string | null
  withdrawalRationale?: string | null
}) {
  const t = useT()
  const locale = useLocale()
  const endedText = useEndedApprovalText()
  // Plain elements (app.css): the product and compare pages render this per product for every signed-in request.
  if (approval.status === 'not_approved') return <p className="text-md text-strong">{t('approval.notApproved')}</p>
  if (isEndedApprovalLabel(approval))
    return (
      <div className="stack-xs-4" data-testid="approval-text">
        <p className="text-md text-strong">{endedText(approval)}</p>
        <p className="text-sm">{t('approval.endedVersion', { version: approval.version })}</p>
        {withdrawalRationale ? (
          <div>
            <p className="text-sm text-strong">{t('approval.withdrawalRationale')}</p>
            <p className="text-sm pre-wrap">{withdrawalRationale}</p>
          </div>
        ) : null}
      </div>
    )
  return (
    <div className="stack-2" data-testid="approval-text">
      <p className="text-md text-strong">
        {t(approval.status === 'approved' ? 'approval.approved' : 'approval.provisionally_approved', {
          version: approval.approvedVersion,
          date: formatDate(approval.validUntil, locale),
        })}
      </p>
      {unassessedVersion ? (
        <p className="text-md">{t('approval.newerNotAssessed', { version: unassessedVersion })}</p>
      ) : (
        <p className="text-sm">{t('approval.versionBound', { version: approval.approvedVersion })}</p>
      )}
    </div>
  )
}
