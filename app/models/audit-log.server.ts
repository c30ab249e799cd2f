import { getDb } from '../../db/client'
import { pageParams, toPage } from '~/models/paging.server'

// The audit log as coordinators read it: newest first, filtered by event, actor and date.

const AUDIT_PAGE_SIZE = 50

export async function listAuditLog(filter: {
  action?: string
  actor?: string
  from?: string
  to?: string
  page: number
}) {
  const { page, pageSize, offset } = pageParams({ page: filter.page, pageSize: AUDIT_PAGE_SIZE }, AUDIT_PAGE_SIZE)
  let query = getDb().selectFrom('audit_log').leftJoin('user', 'user.id', 'audit_log.actor_user_id')
  if (filter.action) query = query.where('audit_log.action', '=', filter.action)
  if (filter.actor) query = query.where('user.email', 'like', `%${filter.actor.toLowerCase().replace(/[%_]/g, '')}%`)
  if (filter.from) query = query.where('audit_log.at', '>=', `${filter.from}T00:00:00.000Z`)
  if (filter.to) query = query.where('audit_log.at', '<=', `${filter.to}T23:59:59.999Z`)
  const [items, total] = await Promise.all([
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
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return toPage(items, total.n, page, pageSize)
}
