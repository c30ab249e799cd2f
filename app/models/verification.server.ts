import { getDb } from '../../db/client'
import type { OrganisationKind } from '../../db/schema'
import { clock } from '~/models/db.server'
import { pageParams, toPage } from '~/models/paging.server'
import { canVerifyAccounts, canVerifyColleague, verifiableUsersWhere, type Viewer } from '~/policy'
import { audit } from '~/utils/audit.server'
import { emailMatchesWebsite } from '~/utils/email-domain'
import { ok, refuse, type Result } from '~/utils/refusal'

// The verification of people and organisations (docs/domain.md, "People and roles"): coordinators decide on
// organisations and anyone in them, a verified member on pending colleagues.

type PendingMember = { id: number; name: string; email: string; createdAt: string; domainMatch: boolean | null }

type PendingOrganisation = {
  id: number
  name: string
  kind: OrganisationKind
  orgNumber: string | null
  municipalityNumber: string | null
  website: string | null
  createdAt: string
  members: PendingMember[]
}

type PendingInVerifiedOrganisation = PendingMember & {
  website: string | null
  organisationId: number
  organisationName: string
  organisationKind: OrganisationKind
}

/** Pending people on a page of the queue: a national queue grows with sign-ups (about 170 at ten times national
 * size), and each person is a card with two forms. */
export const VERIFICATION_PAGE_SIZE = 25

/**
 * The pending people this viewer may decide on, oldest first, a page at a time: grouped under their organisation while
 * it is pending too, listed on their own when it is already verified. People of rejected organisations are not
 * waiting any more. A pending organisation whose people fall on two pages is shown on both, each time with its people
 * on that page.
 */
export async function verificationQueue(viewer: Viewer, paging: { page?: number } = {}) {
  const { page, pageSize, offset } = pageParams({ page: paging.page, pageSize: VERIFICATION_PAGE_SIZE })
  const base = getDb()
    .selectFrom('user')
    .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
    .where(verifiableUsersWhere(viewer))
    .where('user.status', '=', 'pending')
    .where('organisation.status', '!=', 'rejected')
  const { n: total } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows =
    total === 0
      ? []
      : await base
          .leftJoin('municipality', 'municipality.number', 'organisation.municipality_number')
          .select([
            'user.id',
            'user.name',
            'user.email',
            'user.created_at as createdAt',
            'organisation.id as organisationId',
            'organisation.name as organisationName',
            'organisation.kind as organisationKind',
            'organisation.status as organisationStatus',
            'organisation.org_number as orgNumber',
            'organisation.municipality_number as municipalityNumber',
            'organisation.created_at as organisationCreatedAt',
            'municipality.website',
          ])
          .orderBy('user.created_at')
          .orderBy('user.id')
          .limit(pageSize)
          .offset(offset)
          .execute()

  const organisations = new Map<number, PendingOrganisation>()
  const members: PendingInVerifiedOrganisation[] = []
  for (const r of rows) {
    const member: PendingMember = {
      id: r.id,
      name: r.name,
      email: r.email,
      createdAt: r.createdAt,
      // Only municipalities have an official web domain in the reference data.
      domainMatch: r.website ? emailMatchesWebsite(r.email, r.website) : null,
    }
    if (r.organisationStatus === 'pending') {
      const org = organisations.get(r.organisationId) ?? {
        id: r.organisationId,
        name: r.organisationName,
        kind: r.organisationKind,
        orgNumber: r.orgNumber,
        municipalityNumber: r.municipalityNumber,
        website: r.website,
        createdAt: r.organisationCreatedAt,
        members: [],
      }
      org.members.push(member)
      organisations.set(r.organisationId, org)
    } else {
      members.push({
        ...member,
        website: r.website,
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        organisationKind: r.organisationKind,
      })
    }
  }
  const { pageCount } = toPage(rows, total, page, pageSize)
  return { organisations: [...organisations.values()], members, total, page, pageCount }
}

/** Members on a page of /konto/organisasjon: a large municipality has hundreds of buyers (Oslo at national scale). */
export const MEMBERS_PAGE_SIZE = 50

/** The verified people of the viewer's own organisation, in Norwegian name order, a page at a time. */
export async function listOrganisationMembers(viewer: Viewer, paging: { page?: number } = {}) {
  const { page, pageSize, offset } = pageParams({ page: paging.page, pageSize: MEMBERS_PAGE_SIZE }, MEMBERS_PAGE_SIZE)
  const base = getDb()
    .selectFrom('user')
    .where('organisation_id', '=', viewer.organisationId)
    .where('status', '=', 'verified')
  const [items, total] = await Promise.all([
    base
      .select(['id', 'name', 'email', 'role'])
      .orderBy('name_sort')
      .orderBy('name')
      .orderBy('id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return toPage(items, total.n, page, pageSize)
}

type UserDecision = { userId: number; decision: 'verified' | 'rejected'; reason: string | null }

/**
 * Verifies or rejects a pending person. Verifying a member of a pending organisation verifies the organisation too:
 * the person vouches for it.
 */
export async function decideUser(viewer: Viewer, input: UserDecision, ip: string): Promise<Result<null>> {
  const { iso: at } = clock()
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<Result<null>> => {
      const target = await trx
        .selectFrom('user')
        .select(['id', 'status', 'role', 'organisation_id as organisationId', 'email_confirmed as emailConfirmed'])
        .where('id', '=', input.userId)
        .executeTakeFirst()
      if (!target) return refuse('not_found')
      if (!canVerifyColleague(viewer, target)) return refuse('forbidden')
      const updated = await trx
        .updateTable('user')
        .set({ status: input.decision, decision_reason: input.reason, decided_at: at, decided_by: viewer.userId })
        .where('id', '=', target.id)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) return refuse('already_decided')
      if (input.decision === 'verified') {
        const vouched = await trx
          .updateTable('organisation')
          .set({ status: 'verified', decided_at: at, decided_by: viewer.userId })
          .where('id', '=', target.organisationId)
          .where('status', '=', 'pending')
          .executeTakeFirst()
        if (Number(vouched.numUpdatedRows) > 0) {
          await audit(
            {
              action: 'verification.organisation_verified',
              actorUserId: viewer.userId,
              target: { type: 'organisation', id: target.organisationId },
              ip,
              details: { via: 'member' },
              at,
            },
            trx,
          )
        }
      }
      await audit(
        {
          action: input.decision === 'verified' ? 'verification.user_verified' : 'verification.user_rejected',
          actorUserId: viewer.userId,
          target: { type: 'user', id: target.id },
          ip,
          details: input.reason ? { reason: input.reason } : {},
          at,
        },
        trx,
      )
      return ok(null)
    })
  return result
}

type OrganisationDecision = { organisationId: number; decision: 'verified' | 'rejected'; reason: string | null }

/** Verifies or rejects a pending organisation; rejecting it rejects its pending members with the same reason. */
export async function decideOrganisation(
  viewer: Viewer,
  input: OrganisationDecision,
  ip: string,
): Promise<Result<null>> {
  if (!canVerifyAccounts(viewer)) return refuse('forbidden')
  const { iso: at } = clock()
  return getDb()
    .transaction()
    .execute(async (trx): Promise<Result<null>> => {
      const organisation = await trx
        .selectFrom('organisation')
        .select(['id', 'kind'])
        .where('id', '=', input.organisationId)
        .executeTakeFirst()
      // The coordinating body is not an organisation anyone verifies.
      if (!organisation || organisation.kind === 'coordinating_body') return refuse('not_found')
      const updated = await trx
        .updateTable('organisation')
        .set({ status: input.decision, decision_reason: input.reason, decided_at: at, decided_by: viewer.userId })
        .where('id', '=', organisation.id)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) return refuse('already_decided')
      if (input.decision === 'rejected') {
        await trx
          .updateTable('user')
          .set({ status: 'rejected', decision_reason: input.reason, decided_at: at, decided_by: viewer.userId })
          .where('organisation_id', '=', organisation.id)
          .where('status', '=', 'pending')
          .execute()
      }
      await audit(
        {
          action:
            input.decision === 'verified' ? 'verification.organisation_verified' : 'verification.organisation_rejected',
          actorUserId: viewer.userId,
          target: { type: 'organisation', id: organisation.id },
          ip,
          details: input.reason ? { reason: input.reason } : {},
          at,
        },
        trx,
      )
      return ok(null)
    })
}
