import { getDb } from '../../db/client'
import type { VerificationStatus } from '../../db/schema'
import { audit } from '~/utils/audit.server'
import { nowIso } from '~/utils/clock.server'
import { emailMatchesWebsite } from '~/utils/email-domain'

type Actor = { userId: number; ip: string }

export type PendingMember = { id: number; name: string; email: string; createdAt: string; domainMatch: boolean | null }

/** Pending organisations with their members, and pending members of already verified organisations, oldest first. */
export async function verificationQueue(filter: { organisationId?: number } = {}) {
  const db = getDb()
  let query = db
    .selectFrom('user')
    .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
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
    .where('user.status', '=', 'pending')
    .where('organisation.status', '!=', 'rejected')
    .orderBy('user.created_at')
    .orderBy('user.id')
  if (filter.organisationId !== undefined) query = query.where('organisation.id', '=', filter.organisationId)
  const rows = await query.execute()

  const organisations = new Map<
    number,
    {
      id: number
      name: string
      kind: string
      orgNumber: string | null
      municipalityNumber: string | null
      website: string | null
      createdAt: string
      members: PendingMember[]
    }
  >()
  const members: Array<
    PendingMember & {
      website: string | null
      organisationId: number
      organisationName: string
      organisationKind: string
    }
  > = []
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
  return { organisations: [...organisations.values()], members }
}

export async function findPendingUser(userId: number) {
  return getDb()
    .selectFrom('user')
    .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
    .select([
      'user.id',
      'user.status',
      'user.role',
      'organisation.id as organisationId',
      'organisation.status as organisationStatus',
    ])
    .where('user.id', '=', userId)
    .executeTakeFirst()
}

export async function findOrganisation(organisationId: number) {
  return getDb()
    .selectFrom('organisation')
    .select(['id', 'kind', 'status', 'name'])
    .where('id', '=', organisationId)
    .executeTakeFirst()
}

/** Verifying a member of a pending organisation verifies the organisation too: the person vouches for it. */
export async function decideUser(
  userId: number,
  decision: Exclude<VerificationStatus, 'pending'>,
  reason: string | null,
  actor: Actor,
) {
  const at = nowIso()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom('user')
        .select(['organisation_id'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('user')
        .set({ status: decision, decision_reason: reason, decided_at: at, decided_by: actor.userId })
        .where('id', '=', userId)
        .execute()
      if (decision === 'verified') {
        const updated = await trx
          .updateTable('organisation')
          .set({ status: 'verified', decided_at: at, decided_by: actor.userId })
          .where('id', '=', user.organisation_id)
          .where('status', '=', 'pending')
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) > 0) {
          await audit(
            {
              action: 'verification.organisation_verified',
              actorUserId: actor.userId,
              target: { type: 'organisation', id: user.organisation_id },
              ip: actor.ip,
              details: { via: 'member' },
            },
            trx,
          )
        }
      }
    })
  await audit({
    action: decision === 'verified' ? 'verification.user_verified' : 'verification.user_rejected',
    actorUserId: actor.userId,
    target: { type: 'user', id: userId },
    ip: actor.ip,
    details: reason ? { reason } : {},
  })
}

/** Rejecting an organisation rejects its pending members with the same reason. */
export async function decideOrganisation(
  organisationId: number,
  decision: Exclude<VerificationStatus, 'pending'>,
  reason: string | null,
  actor: Actor,
) {
  const at = nowIso()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('organisation')
        .set({ status: decision, decision_reason: reason, decided_at: at, decided_by: actor.userId })
        .where('id', '=', organisationId)
        .execute()
      if (decision === 'rejected') {
        await trx
          .updateTable('user')
          .set({ status: 'rejected', decision_reason: reason, decided_at: at, decided_by: actor.userId })
          .where('organisation_id', '=', organisationId)
          .where('status', '=', 'pending')
          .execute()
      }
    })
  await audit({
    action: decision === 'verified' ? 'verification.organisation_verified' : 'verification.organisation_rejected',
    actorUserId: actor.userId,
    target: { type: 'organisation', id: organisationId },
    ip: actor.ip,
    details: reason ? { reason } : {},
  })
}

export async function listOrganisationMembers(organisationId: number) {
  return getDb()
    .selectFrom('user')
    .select(['id', 'name', 'email', 'status', 'role', 'created_at as createdAt'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .orderBy('id')
    .execute()
}
