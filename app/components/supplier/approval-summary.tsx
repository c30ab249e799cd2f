import { formatDate } from '~/components/date-text'
import { useEndedApprovalText } from '~/components/register/approval'
import { isEndedApprovalLabel, type ApprovalLabel } from '~/domain/approval-label'
import { useLocale, useT } from '~/i18n/use-translation'

/** The public approval label of a product, as the register shows it, plus a note when a newer version waits. */
export function ApprovalSummary({ approval }: { approval: ApprovalLabel }) {
  const t = useT()
  const locale = useLocale()
  const endedText = useEndedApprovalText()
  // Plain elements (app.css): the supplier's product list shows one per row.
  if (approval.status === 'not_approved') return <p className="text-sm">{t('approval.notApproved')}</p>
  if (isEndedApprovalLabel(approval))
    return (
      <div className="stack-2">
        <p className="text-sm">{endedText(approval)}</p>
        <p className="text-sm text-dimmed">{t('approval.endedVersion', { version: approval.version })}</p>
      </div>
    )
  return (
    <div className="stack-2">
      <p className="text-sm">
        {t(`approval.${approval.status}`, {
          version: approval.approvedVersion,
          date: formatDate(approval.validUntil, locale),
        })}
      </p>
      {approval.newestAssessed ? null : (
        <p className="text-sm text-dimmed">{t('approval.newerNotAssessed', { version: approval.newestVersion })}</p>
      )}
    </div>
  )
}
