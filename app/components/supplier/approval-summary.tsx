import { Stack, Text } from '@mantine/core'
import { formatDate } from '~/components/date-text'
import { useEndedApprovalText } from '~/components/register/approval'
import { isEndedApprovalLabel, type ApprovalLabel } from '~/domain/approval-label'
import { useLocale, useT } from '~/i18n/use-translation'

/** The public approval label of a product, as the register shows it, plus a note when a newer version waits. */
export function ApprovalSummary({ approval }: { approval: ApprovalLabel }) {
  const t = useT()
  const locale = useLocale()
  const endedText = useEndedApprovalText()
  if (approval.status === 'not_approved') return <Text size="sm">{t('approval.notApproved')}</Text>
  if (isEndedApprovalLabel(approval))
    return (
      <Stack gap={2}>
        <Text size="sm">{endedText(approval)}</Text>
        <Text size="sm" c="dimmed">
          {t('approval.endedVersion', { version: approval.version })}
        </Text>
      </Stack>
    )
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t(`approval.${approval.status}`, {
          version: approval.approvedVersion,
          date: formatDate(approval.validUntil, locale),
        })}
      </Text>
      {approval.newestAssessed ? null : (
        <Text size="sm" c="dimmed">
          {t('approval.newerNotAssessed', { version: approval.newestVersion })}
        </Text>
      )}
    </Stack>
  )
}
