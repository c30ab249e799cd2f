import { getDb } from '../../db/client'
import type { UserRole } from '../../db/schema'
import { audit } from '~/utils/audit.server'

export const USERS_PAGE_SIZE = 50

export async function listUsers(filter: { q?: string; role?: UserRole; page: number }) {
  let query = getDb().selectFrom('user').innerJoin('organisation', 'organisation.id', 'user.organisation_id')
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[%_]/g, '')}%`
    query = query.where((eb) =>
      eb.or([eb('user.email', 'like', like), eb('user.name', 'like', like), eb('organisation.name', 'like', like)]),
    )
  }
  if (filter.role) query = query.where('user.role', '=', filter.role)
  const [rows, total] = await Promise.all([
    query
      .select([
        'user.id',
        'user.name',
        'user.email',
        'user.role',
        'user.status',
        'user.totp_enabled_at as twoFactorSince',
        'organisation.name as organisationName',
      ])
      .orderBy('user.name')
      .orderBy('user.id')
      .limit(USERS_PAGE_SIZE)
      .offset((filter.page - 1) * USERS_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: total.n, pageCount: Math.max(1, Math.ceil(total.n / USERS_PAGE_SIZE)) }
}

/** Only staff roles change here: a buyer or supplier belongs to its organisation's kind. */
export async function changeStaffRole(
  userId: number,
  role: 'coordinator' | 'admin',
  actor: { userId: number; ip: string },
) {
  const db = getDb()
  const user = await db.selectFrom('user').select(['role']).where('id', '=', userId).executeTakeFirst()
  if (!user || (user.role !== 'coordinator' && user.role !== 'admin')) return false
  if (user.role === role) return true
  await db.updateTable('user').set({ role }).where('id', '=', userId).execute()
  await audit({
    action: 'admin.role_changed',
    actorUserId: actor.userId,
    target: { type: 'user', id: userId },
    ip: actor.ip,
    details: { from: user.role, to: role },
  })
  return true
}
