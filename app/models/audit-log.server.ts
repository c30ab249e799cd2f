import { getDb } from '../../db/client'

export const AUDIT_PAGE_SIZE = 50

export async function listAuditLog(filter: {
  action?: string
  actor?: string
  from?: string
  to?: string
  page: number
}) {
  const db = getDb()
  let query = db.selectFrom('audit_log').leftJoin('user', 'user.id', 'audit_log.actor_user_id')
  if (filter.action) query = query.where('audit_log.action', '=', filter.action)
  if (filter.actor) query = query.where('user.email', 'like', `%${filter.actor.toLowerCase().replace(/[%_]/g, '')}%`)
  if (filter.from) query = query.where('audit_log.at', '>=', `${filter.from}T00:00:00.000Z`)
  if (filter.to) query = query.where('audit_log.at', '<=', `${filter.to}T23:59:59.999Z`)
  const [rows, total] = await Promise.all([
    query
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.target_type as targetType',
        'audit_log.target_id as targetId',
        'audit_log.details',
        'audit_log.ip',
        'user.name as actorName',
        'user.email as actorEmail',
      ])
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(AUDIT_PAGE_SIZE)
      .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: total.n, pageCount: Math.max(1, Math.ceil(total.n / AUDIT_PAGE_SIZE)) }
}
