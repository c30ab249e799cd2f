import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { Form } from 'react-router'
import { useT } from '~/i18n/use-translation'
import { DateTime } from './date-text'

export type PendingMemberView = {
  id: number
  name: string
  email: string
  createdAt: string
  domainMatch: boolean | null
  website?: string | null
}

/** One pending person with verify and reject (reject needs a reason the person will see). */
export function PendingMemberCard({
  member,
  errorFor,
}: {
  member: PendingMemberView
  errorFor?: (field: string) => string | undefined
}) {
  const t = useT()
  const domain = member.website?.replace(/^www\./, '')
  return (
    <Paper withBorder p="md" aria-label={member.name} component="article">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text fw={600}>{member.name}</Text>
            <Text size="sm">{member.email}</Text>
          </div>
          {member.domainMatch === true ? (
            <StatusBadge tone="positive">{t('verify.domainMatch')}</StatusBadge>
          ) : member.domainMatch === false ? (
            <StatusBadge tone="caution">{t('verify.domainMismatch', { domain: domain ?? '' })}</StatusBadge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('verify.registered')} <DateTime iso={member.createdAt} />
        </Text>
        <VerifyOrReject
          intents={{ verify: 'verifyUser', reject: 'rejectUser' }}
          hidden={{ userId: member.id, name: member.name }}
          labels={{ verify: t('verify.verify'), reject: t('verify.reject') }}
          name={member.name}
          rejectError={errorFor?.('reason')}
        />
      </Stack>
    </Paper>
  )
}

/**
 * Verify and reject, side by side, for a pending person or organisation: two plain forms with their intents and the
 * hidden fields that name what they act on; reject asks for the reason the applicant will see. `name` labels the
 * buttons for screen readers where a page lists several.
 */
export function VerifyOrReject({
  intents,
  hidden,
  labels,
  name,
  verifyVariant = 'filled',
  rejectError,
}: {
  intents: { verify: string; reject: string }
  hidden: Record<string, string | number>
  labels: { verify: string; reject: string }
  name?: string
  verifyVariant?: 'filled' | 'light'
  rejectError?: string
}) {
  const t = useT()
  const fields = Object.entries(hidden).map(([field, value]) => (
    <input key={field} type="hidden" name={field} value={value} />
  ))
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <Form method="post">
        <input type="hidden" name="intent" value={intents.verify} />
        {fields}
        <Button type="submit" variant={verifyVariant} aria-label={name ? `${labels.verify}: ${name}` : undefined}>
          {labels.verify}
        </Button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value={intents.reject} />
        {fields}
        <Group align="flex-end" gap="xs">
          <TextInput label={t('verify.rejectReason')} name="reason" size="sm" error={rejectError} />
          <Button
            type="submit"
            variant="outline"
            color="red.9"
            aria-label={name ? `${labels.reject}: ${name}` : undefined}
          >
            {labels.reject}
          </Button>
        </Group>
      </Form>
    </Group>
  )
}
