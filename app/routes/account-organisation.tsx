import { Stack, Table, Text, Title } from '@mantine/core'
import { StatusBadge } from '~/components/status-badge'
import { FormErrorSummary, useFormState } from '~/components/form-helpers'
import { Pagination } from '~/components/pagination'
import { PendingMemberCard } from '~/components/pending-member-card'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { listOrganisationMembers, verificationQueue } from '~/models/verification.server'
import { canViewOwnOrganisation } from '~/policy'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import { pageParam } from '~/utils/fields'
import { redirectPastLastPage } from '~/utils/params'
import type { Route } from './+types/account-organisation'
import { handleVerificationDecision } from './verification-actions.server'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'organisation.title')

/** The member list's page has a key of its own: the verification queue above it is paged on `side`. */
const MEMBER_PAGE = 'medlemsside'

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canViewOwnOrganisation(viewer))
  const query = new URL(request.url).searchParams
  const page = pageParam.parse(query.get('side') ?? undefined)
  const memberPage = pageParam.parse(query.get(MEMBER_PAGE) ?? undefined)
  const [members, queue] = await Promise.all([
    listOrganisationMembers(viewer, { page: memberPage }),
    verificationQueue(viewer, { page }),
  ])
  redirectPastLastPage(request, { side: queue, [MEMBER_PAGE]: members })
  // The viewer's organisation is verified, so its pending people are all in `queue.members`.
  return {
    organisationName: viewer.organisationName,
    members: members.items,
    memberPages: { page: members.page, pageCount: members.pageCount },
    pending: queue.members,
    pendingPages: { page: queue.page, pageCount: queue.pageCount },
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canViewOwnOrganisation(viewer))
  return handleVerificationDecision(viewer, request, context.clientIp, '/konto/organisasjon', ['side', MEMBER_PAGE])
}

export default function MyOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const form = useFormState(actionData)
  return (
    <Stack gap="xl" maw={860}>
      <Title order={1}>{loaderData.organisationName}</Title>
      <FormErrorSummary show={form.hasErrors} message={form.formError} />
      <section aria-labelledby="pending">
        <Title order={2} size="h3" id="pending" mb="xs">
          {t('organisation.pending')}
        </Title>
        <Text size="sm" mb="sm">
          {t('organisation.colleagueHelp')}
        </Text>
        {loaderData.pending.length === 0 ? <Text>{t('organisation.noPending')}</Text> : null}
        <Stack gap="md">
          {loaderData.pending.map((m) => (
            <PendingMemberCard key={m.id} member={m} errorFor={form.error} />
          ))}
        </Stack>
        <Pagination
          page={loaderData.pendingPages.page}
          pageCount={loaderData.pendingPages.pageCount}
          label={t('organisation.pending')}
        />
      </section>
      <section aria-labelledby="members">
        <Title order={2} size="h3" id="members" mb="sm">
          {t('organisation.members')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('admin.col.name')}</Table.Th>
              <Table.Th scope="col">{t('admin.col.email')}</Table.Th>
              <Table.Th scope="col">{t('admin.col.role')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaderData.members.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>
                  <StatusBadge tone="info">{t(`role.${m.role}`)}</StatusBadge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Pagination
          page={loaderData.memberPages.page}
          pageCount={loaderData.memberPages.pageCount}
          param={MEMBER_PAGE}
          label={t('organisation.members')}
        />
      </section>
    </Stack>
  )
}
