import { Stack, Text } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { formatDate } from '~/components/date-text'
import type { ApprovalLabel } from '~/domain/approval-label'
import { useLocale, useT } from '~/i18n/use-translation'

export function ApprovalBadge({ approval }: { approval: ApprovalLabel }) {
  const t = useT()
  if (approval.status === 'not_approved') return <StatusBadge tone="neutral">{t('approval.notApproved')}</StatusBadge>
  return (
    <StatusBadge tone={approval.status === 'approved' ? 'positive' : 'caution'}>
      {t(approval.status === 'approved' ? 'outcome.approved' : 'outcome.provisionally_approved')}
    </StatusBadge>
  )
}

/**
 * The version-bound approval text. `unassessedVersion` is the version this viewer is told is not yet assessed
 * (ProductDetail.unassessedVersion, from app/domain/approval-label.ts).
 */
export function ApprovalText({
  approval,
  unassessedVersion,
}: {
  approval: ApprovalLabel
  unassessedVersion: string | null
}) {
  const t = useT()
  const locale = useLocale()
  if (approval.status === 'not_approved') return <Text fw={600}>{t('approval.notApproved')}</Text>
  return (
    <Stack gap={2} data-testid="approval-text">
      <Text fw={600}>
        {t(approval.status === 'approved' ? 'approval.approved' : 'approval.provisionally_approved', {
          version: approval.approvedVersion,
          date: formatDate(approval.validUntil, locale),
        })}
      </Text>
      {unassessedVersion ? (
        <Text>{t('approval.newerNotAssessed', { version: unassessedVersion })}</Text>
      ) : (
        <Text size="sm">{t('approval.versionBound', { version: approval.approvedVersion })}</Text>
      )}
    </Stack>
  )
}
