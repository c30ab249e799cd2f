import { getDb } from '../../db/client'
import type { UserRole } from '../../db/schema'
import { pageParams, toPage } from '~/models/paging.server'
import { containsInsensitive } from '~/models/text-match.server'
import { canChangeRoleOf, type Viewer } from '~/policy'
import { audit } from '~/utils/audit.server'
import { invalidFields, ok, refuse, type Result } from '~/utils/refusal'

// The admin's view of every account, and the staff roles an admin changes.

const USERS_PAGE_SIZE = 50

export async function listUsers(filter: { q?: string; role?: UserRole; page: number }) {
  const { page, pageSize, offset } = pageParams({ page: filter.page, pageSize: USERS_PAGE_SIZE }, USERS_PAGE_SIZE)
  let query = getDb().selectFrom('user').innerJoin('organisation', 'organisation.id', 'user.organisation_id')
  const q = filter.q?.trim()
  if (q) {
    query = query.where((eb) =>
      eb.or([
        containsInsensitive('user.email', q),
        containsInsensitive('user.name', q),
        containsInsensitive('organisation.name', q),
      ]),
    )
  }
  if (filter.role) query = query.where('user.role', '=', filter.role)
  const [items, total] = await Promise.all([
    query
      .select([
        'user.id',
        'user.name',
        'user.email',
        'user.role',
        'user.status',
        'user.totp_enabled_at as twoFactorSince',
        'user.deactivated_at as deactivatedAt',
        'organisation.name as organisationName',
      ])
      // Norwegian order (æ, ø, å after z), stable across pages: migrations/2026-12-02-1650_search-and-norwegian-order.ts.
      .orderBy('user.name_sort')
      .orderBy('user.name')
      .orderBy('user.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return toPage(items, total.n, page, pageSize)
}

/**
 * Makes a coordinator an admin or the other way round. Only staff roles change here: a buyer or supplier belongs to
 * its organisation's kind.
 */
export async function changeStaffRole(
  viewer: Viewer,
  input: { userId: number; role: 'coordinator' | 'admin' },
  ip: string,
): Promise<Result<null>> {
  if (!canChangeRoleOf(viewer, { id: input.userId })) return refuse('forbidden')
  const db = getDb()
  const user = await db.selectFrom('user').select(['role']).where('id', '=', input.userId).executeTakeFirst()
  if (!user || (user.role !== 'coordinator' && user.role !== 'admin'))
    return invalidFields({ role: 'validation.required' })
  if (user.role === input.role) return ok(null)
  await db.updateTable('user').set({ role: input.role }).where('id', '=', input.userId).execute()
  await audit({
    action: 'admin.role_changed',
    actorUserId: viewer.userId,
    target: { type: 'user', id: input.userId },
    ip,
    details: { from: user.role, to: input.role },
  })
  return ok(null)
}
