import { Stack, Text } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { formatDate } from '~/components/date-text'
import { useLocale, useT } from '~/i18n/use-translation'

type Label =
  | { status: 'not_approved' }
  | {
      status: 'approved' | 'provisionally_approved'
      approvedVersion: string
      approvedVersionId: number
      validUntil: string
      newestAssessed: boolean
      newestVersion: string
    }

export function ApprovalBadge({ approval }: { approval: Label }) {
  const t = useT()
  if (approval.status === 'not_approved') return <StatusBadge tone="neutral">{t('approval.notApproved')}</StatusBadge>
  return (
    <StatusBadge tone={approval.status === 'approved' ? 'positive' : 'caution'}>
      {t(approval.status === 'approved' ? 'outcome.approved' : 'outcome.provisionally_approved')}
    </StatusBadge>
  )
}

/**
 * The version-bound approval text. `newerVisible` is the newest version this viewer may see when it is newer than the
 * approved one and not assessed (the supplier's own draft, or a submitted version).
 */
export function ApprovalText({ approval, newerVisible }: { approval: Label; newerVisible?: string | null }) {
  const t = useT()
  const locale = useLocale()
  if (approval.status === 'not_approved') return <Text fw={600}>{t('approval.notApproved')}</Text>
  const pending = !approval.newestAssessed ? approval.newestVersion : (newerVisible ?? null)
  return (
    <Stack gap={2} data-testid="approval-text">
      <Text fw={600}>
        {t(approval.status === 'approved' ? 'approval.approved' : 'approval.provisionally_approved', {
          version: approval.approvedVersion,
          date: formatDate(approval.validUntil, locale),
        })}
      </Text>
      {pending ? (
        <Text>{t('approval.newerNotAssessed', { version: pending })}</Text>
      ) : (
        <Text size="sm">{t('approval.versionBound', { version: approval.approvedVersion })}</Text>
      )}
    </Stack>
  )
}
