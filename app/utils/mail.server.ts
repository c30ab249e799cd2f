import type { Transporter } from 'nodemailer'
import { getDb } from '../../db/client'
import type { Kysely } from 'kysely'
import type { DB, UserLocale } from '../../db/schema'
import { nextAttemptDelayMs, type MailKind } from '~/domain/notifications'
import { translator, type MessageKey } from '~/i18n'
import { now } from './clock.server'
import { getEnv } from './env.server'

// E-mail delivery (docs/domain.md, "E-mail and notifications"): a cause writes its message into the queue table in
// its own transaction (`enqueueEmail`), and the worker started by server.ts sends it over SMTP (`SMTP_URL`), retrying
// failures with growing delays. In demo mode without SMTP the worker leaves messages in the outbox that admins read
// on /admin/utboks. The request that caused a message never waits for the mail server, and never fails because of it.

export type MailContent = { subject: string; text: string; html: string }

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

type Line = { key: MessageKey; vars?: Record<string, string | number> } | { literal: string }

/**
 * One message in the recipient's language, as plain text and simple HTML: a greeting, paragraphs, an optional list,
 * an optional link, and a footer saying why it was sent. Every value put in is escaped in the HTML.
 */
export function composeEmail(
  locale: UserLocale,
  parts: {
    subject: Line
    name: string
    paragraphs: Line[]
    list?: string[]
    action?: { label: MessageKey; url: string }
    after?: Line[]
    footer: Line
  },
): MailContent {
  const t = translator(locale)
  const say = (line: Line) => ('literal' in line ? line.literal : t(line.key, line.vars))
  const greeting = t('mail.greeting', { name: parts.name })
  const paragraphs = parts.paragraphs.map(say)
  const after = (parts.after ?? []).map(say)
  const footer = say(parts.footer)
  const signature = t('mail.signature')
  const text = [
    greeting,
    ...paragraphs,
    ...(parts.list && parts.list.length > 0 ? [parts.list.map((l) => `- ${l}`).join('\n')] : []),
    ...(parts.action ? [`${t(parts.action.label)}:\n${parts.action.url}`] : []),
    ...after,
    signature,
    `--\n${footer}`,
  ].join('\n\n')
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(say(parts.subject))}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">',
    p(greeting),
    ...paragraphs.map(p),
    parts.list && parts.list.length > 0
      ? `<ul>${parts.list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
      : '',
    parts.action
      ? `<p><a href="${escapeHtml(parts.action.url)}" style="color: #0b57d0">${escapeHtml(t(parts.action.label))}</a></p>`
      : '',
    ...after.map(p),
    p(signature),
    `<hr><p style="font-size: 14px; color: #444">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n')
  return { subject: say(parts.subject), text, html }
}

/**
 * Puts a message in the queue. Call it with the transaction of the change that causes it, so that the message exists
 * exactly when the change does. A `dedupeKey` already used makes it a no-op (one digest per user and month).
 */
export async function enqueueEmail(
  db: Kysely<DB>,
  message: {
    kind: MailKind
    userId: number | null
    to: string
    locale: UserLocale
    content: MailContent
    dedupeKey?: string
  },
) {
  await db
    .insertInto('outbound_email')
    .values({
      kind: message.kind,
      user_id: message.userId,
      to_address: message.to,
      locale: message.locale,
      subject: message.content.subject,
      text_body: message.content.text,
      html_body: message.content.html,
      dedupe_key: message.dedupeKey ?? null,
      created_at: now().toISOString(),
      next_attempt_at: now().toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}

// Messages that carry a single-use link keep it only until they are sent: the queue is not a second token store.
// (Messages kept in the demo outbox keep it, so that the demo can be followed.)
const SECRET_KINDS: readonly string[] = ['password_reset', 'email_confirmation']
const SCRUBBED = '(sent; the link is not kept / sendt; lenken lagres ikke)'

const cache = globalThis as typeof globalThis & { __erfaringsbankenMailer?: { url: string; transport: Transporter } }

// Loaded on first use: scripts and requests that only queue mail never load the SMTP client.
async function transport(url: string): Promise<Transporter> {
  const current = cache.__erfaringsbankenMailer
  if (current && current.url === url) return current.transport
  const { createTransport } = await import('nodemailer')
  const created = createTransport(url)
  cache.__erfaringsbankenMailer = { url, transport: created }
  return created
}

let running: Promise<{ sent: number; failed: number }> | null = null

/**
 * Sends every message that is due (queued, its next attempt now or earlier), oldest first. A failure is recorded on
 * the message and tried again later; after the last attempt it is marked failed, which the admins' outbox shows.
 * Runs one batch at a time per process.
 */
export function deliverDueEmails(): Promise<{ sent: number; failed: number }> {
  running ??= deliver().finally(() => {
    running = null
  })
  return running
}

/**
 * The next messages to send, the longest due first. Ordered along outbound_email_due_idx: ordered by id, the planner
 * walked the whole table (every message ever sent stays as 'sent' or 'outbox') on each poll, every few seconds.
 */
export function dueEmailsQuery(db: Kysely<DB>, at: string) {
  return db
    .selectFrom('outbound_email')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(50)
}

async function deliver() {
  const env = getEnv()
  const db = getDb()
  let sent = 0
  let failed = 0
  const due = await dueEmailsQuery(db, now().toISOString()).execute()
  for (const message of due) {
    const attempts = message.attempts + 1
    if (!env.SMTP_URL) {
      // Demo mode without a mail server (server.ts refuses to start without SMTP_URL otherwise).
      await db
        .updateTable('outbound_email')
        .set({ status: 'outbox', attempts, sent_at: now().toISOString() })
        .where('id', '=', message.id)
        .execute()
      sent++
      continue
    }
    try {
      await (
        await transport(env.SMTP_URL)
      ).sendMail({
        from: env.MAIL_FROM,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        headers: { 'Auto-Submitted': 'auto-generated' },
      })
      const secret = SECRET_KINDS.includes(message.kind)
      await db
        .updateTable('outbound_email')
        .set({
          status: 'sent',
          attempts,
          sent_at: now().toISOString(),
          last_error: null,
          ...(secret ? { text_body: SCRUBBED, html_body: SCRUBBED } : {}),
        })
        .where('id', '=', message.id)
        .execute()
      sent++
    } catch (error) {
      const delay = nextAttemptDelayMs(attempts)
      await db
        .updateTable('outbound_email')
        .set({
          status: delay === null ? 'failed' : 'queued',
          attempts,
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          next_attempt_at: new Date(now().getTime() + (delay ?? 0)).toISOString(),
        })
        .where('id', '=', message.id)
        .execute()
      failed++
    }
  }
  return { sent, failed }
}
