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
        <Group align="flex-end" gap="md" wrap="wrap">
          <Form method="post">
            <input type="hidden" name="intent" value="verifyUser" />
            <input type="hidden" name="userId" value={member.id} />
            <input type="hidden" name="name" value={member.name} />
            <Button type="submit" aria-label={`${t('verify.verify')}: ${member.name}`}>
              {t('verify.verify')}
            </Button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="rejectUser" />
            <input type="hidden" name="userId" value={member.id} />
            <input type="hidden" name="name" value={member.name} />
            <Group align="flex-end" gap="xs">
              <TextInput label={t('verify.rejectReason')} name="reason" size="sm" error={errorFor?.('reason')} />
              <Button
                type="submit"
                variant="outline"
                color="red.9"
                aria-label={`${t('verify.reject')}: ${member.name}`}
              >
                {t('verify.reject')}
              </Button>
            </Group>
          </Form>
        </Group>
      </Stack>
    </Paper>
  )
}
