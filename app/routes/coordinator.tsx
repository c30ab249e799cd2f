import { Group, Paper, Stack, Text, Title } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { CoordinatorNav } from '~/components/coordinator-nav'
import { DateTime } from '~/components/date-text'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { Pagination } from '~/components/pagination'
import { PendingMemberCard, VerifyOrReject } from '~/components/pending-member-card'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { verificationQueue } from '~/models/verification.server'
import { canVerifyAccounts } from '~/policy'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { pageParam } from '~/utils/fields'
import { redirectPastLastPage } from '~/utils/params'
import type { Route } from './+types/coordinator'
import { handleVerificationDecision } from './verification-actions.server'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'verify.title')

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canVerifyAccounts(viewer))
  const page = pageParam.parse(new URL(request.url).searchParams.get('side') ?? undefined)
  const queue = await verificationQueue(viewer, { page })
  redirectPastLastPage(request, { side: queue })
  return queue
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canVerifyAccounts(viewer))
  return handleVerificationDecision(viewer, request, context.clientIp, '/koordinator')
}

export default function CoordinatorQueue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  const { organisations, members } = loaderData
  return (
    <Stack gap="xl">
      <CoordinatorNav />
      <Stack gap="xs">
        <Title order={1}>{t('verify.title')}</Title>
        <Text>{t('verify.intro')}</Text>
      </Stack>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      <section aria-labelledby="orgs">
        <Title order={2} size="h3" id="orgs" mb="sm">
          {t('verify.organisations')}
        </Title>
        {organisations.length === 0 ? <Text>{t('verify.empty')}</Text> : null}
        <Stack gap="md">
          {organisations.map((org) => (
            <Paper withBorder p="md" key={org.id} component="article" aria-label={org.name}>
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap">
                  <div>
                    <Text fw={700} size="lg">
                      {org.name}
                    </Text>
                    <Text size="sm">
                      {org.orgNumber
                        ? t('verify.orgNumber', { number: org.orgNumber })
                        : t('verify.municipalityNumber', { number: org.municipalityNumber ?? '' })}
                      {' · '}
                      <DateTime iso={org.createdAt} />
                    </Text>
                  </div>
                  <StatusBadge tone="caution">{t('status.pending')}</StatusBadge>
                </Group>
                <Stack gap="sm">
                  {org.members.map((m) => (
                    <PendingMemberCard key={m.id} member={{ ...m, website: org.website }} errorFor={form.error} />
                  ))}
                </Stack>
                <VerifyOrReject
                  intents={{ verify: 'verifyOrganisation', reject: 'rejectOrganisation' }}
                  hidden={{ organisationId: org.id }}
                  labels={{ verify: t('verify.verifyOrganisation'), reject: t('verify.rejectOrganisation') }}
                  verifyVariant="light"
                />
              </Stack>
            </Paper>
          ))}
        </Stack>
      </section>
      <section aria-labelledby="members">
        <Title order={2} size="h3" id="members" mb="sm">
          {t('verify.members')}
        </Title>
        {members.length === 0 ? <Text>{t('verify.empty')}</Text> : null}
        <Stack gap="md">
          {members.map((m) => (
            <Stack gap={4} key={m.id}>
              <Text size="sm" fw={600}>
                {m.organisationName}
              </Text>
              <PendingMemberCard member={m} errorFor={form.error} />
            </Stack>
          ))}
        </Stack>
      </section>
      <Pagination page={loaderData.page} pageCount={loaderData.pageCount} />
    </Stack>
  )
}
