import { getDb } from '../../db/client'
import type { OutboundEmailStatus } from '../../db/schema'
import { ACCOUNT_MAIL_KINDS } from '~/domain/notifications'
import { isOneOf } from '~/domain/code-lists'
import { clock } from '~/models/db.server'
import { pageParams, toPage } from '~/models/paging.server'
import { canReadOutbox, type Viewer } from '~/policy'
import { audit } from '~/utils/audit.server'
import { getEnv } from '~/utils/env.server'
import { ok, refuse, type Result } from '~/utils/refusal'

// The admins' view of outgoing mail (/admin/utboks): the demo outbox, and failures to act on.

export type OutgoingEmail = {
  id: number
  to: string
  kind: string
  subject: string
  status: OutboundEmailStatus
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
  /** The text; a message with a single-use link (reset, confirmation) only in demo mode, where the outbox stands in
   * for the mailbox. Outside it an admin could otherwise take over an account from a queued or failed reset. */
  text: string | null
}

export async function listOutgoingEmail(
  viewer: Viewer | null,
  filter: { failedOnly: boolean; page?: number },
): Promise<Result<{ messages: ReturnType<typeof toPage<OutgoingEmail>>; failed: number }>> {
  if (!canReadOutbox(viewer)) return refuse('forbidden')
  const db = getDb()
  const { page, pageSize, offset } = pageParams({ page: filter.page, pageSize: 20 })
  let query = db.selectFrom('outbound_email')
  if (filter.failedOnly) query = query.where('status', '=', 'failed')
  const [rows, total, failed] = await Promise.all([
    query
      .select([
        'id',
        'to_address',
        'kind',
        'subject',
        'status',
        'attempts',
        'last_error',
        'created_at',
        'sent_at',
        'text_body',
      ])
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('outbound_email')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow(),
  ])
  const demo = getEnv().demoMode
  const messages = rows.map((r): OutgoingEmail => ({
    id: r.id,
    to: r.to_address,
    kind: r.kind,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    text: demo || !isOneOf(ACCOUNT_MAIL_KINDS, r.kind) ? r.text_body : null,
  }))
  return ok({ messages: toPage(messages, total.n, page, pageSize), failed: failed.n })
}

/** An admin puts a failed message back in the queue (after fixing the mail server, say). */
export async function retryEmail(viewer: Viewer | null, id: number, ip: string): Promise<Result<null>> {
  if (!canReadOutbox(viewer)) return refuse('forbidden')
  const { iso } = clock()
  const updated = await getDb()
    .updateTable('outbound_email')
    .set({ status: 'queued', attempts: 0, next_attempt_at: iso })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) return refuse('not_found')
  await audit({
    action: 'admin.email_retried',
    actorUserId: viewer?.userId ?? null,
    target: { type: 'outbound_email', id },
    ip,
  })
  return ok(null)
}
