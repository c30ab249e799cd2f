import type { Kysely } from 'kysely'
import { getDb } from '../../db/client'
import type { DB, DecisionOutcome, UserLocale } from '../../db/schema'
import { digestPeriod, NOTIFICATION_KINDS, type NotificationKind } from '~/domain/notifications'
import { isOneOf } from '~/domain/code-lists'
import type { MessageKey } from '~/i18n'
import { clock, type DbOrTrx } from '~/models/db.server'
import { getMyMunicipality } from '~/models/my-municipality.server'
import { canSeeAuthorName, canSeeModerationOf, type Viewer } from '~/policy'
import { viewerRowOf } from '~/utils/auth.server'
import { absoluteUrl } from '~/utils/env.server'
import { composeEmail, enqueueEmail } from '~/utils/mail.server'

// Notifications by e-mail (docs/domain.md, "E-mail and notifications"). Each `notify...` runs in the transaction of
// the change that causes it and only queues messages (the worker sends them), so a mail server that is down never
// fails or slows the request. A recipient gets a kind only while verified and not opted out of it, and a message says
// only what its recipient may see: it is written for the recipient as a viewer and asks the policy (a supplier never
// reads a municipality's internal note, contract value or an author's name in a notification).

type Recipient = { id: number; email: string; name: string; locale: UserLocale }

const settingsUrl = () => absoluteUrl('/konto/varsler')

/** Users among `userIds` who get this kind: verified, not opted out. */
async function recipients(db: Kysely<DB>, userIds: number[], kind: NotificationKind): Promise<Recipient[]> {
  if (userIds.length === 0) return []
  return db
    .selectFrom('user')
    .select(['id', 'email', 'name', 'locale'])
    .where('id', 'in', userIds)
    .where('status', '=', 'verified')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_opt_out')
            .select('notification_opt_out.user_id')
            .whereRef('notification_opt_out.user_id', '=', 'user.id')
            .where('notification_opt_out.kind', '=', kind),
        ),
      ),
    )
    .orderBy('id')
    .execute()
}

/** The recipient as the policy sees them when they are signed in (a message is a view of the data, for them). */
export async function viewerOfUser(db: Kysely<DB>, userId: number): Promise<Viewer | null> {
  const row = await viewerRowOf(db, userId)
  if (!row) return null
  const { totp_enabled_at, deactivated_at: _, ...rest } = row
  return { ...rest, sessionId: '', twoFactorEnabled: totp_enabled_at !== null, mustEnrolTwoFactor: false }
}

const footer = () => ({ key: 'mail.footer.notification' as const, vars: { url: settingsUrl() } })

/** What a kind's message says to one recipient; the greeting and the footer are added by `notify`. */
type Message = Omit<Parameters<typeof composeEmail>[1], 'name' | 'footer'> & { dedupeKey?: string }

/**
 * The one way a notification is queued: each recipient of the kind among `userIds` (verified, not opted out) gets the
 * message `write` makes for them, in their language, greeted by name, with the footer to their settings. `write`
 * returns null to leave a recipient out (the policy does not let them see it). Returns the number queued.
 */
async function notify(
  db: Kysely<DB>,
  kind: NotificationKind,
  userIds: number[],
  write: (r: Recipient) => Message | null | Promise<Message | null>,
) {
  let queued = 0
  for (const r of await recipients(db, userIds, kind)) {
    const message = await write(r)
    if (!message) continue
    const { dedupeKey, ...parts } = message
    await enqueueEmail(db, {
      kind,
      userId: r.id,
      to: r.email,
      locale: r.locale,
      dedupeKey,
      content: composeEmail(r.locale, { ...parts, name: r.name, footer: footer() }),
    })
    queued++
  }
  return queued
}

// ---------------------------------------------------------------------------------------------------------------
// A supplier replied to your report

/** The report's author hears that a supplier replied (in the transaction that published the reply). */
export async function notifyReplyReceived(trx: Kysely<DB>, replyId: number) {
  const row = await trx
    .selectFrom('supplier_reply')
    .innerJoin('experience_report', 'experience_report.id', 'supplier_reply.experience_report_id')
    .innerJoin('procurement', 'procurement.id', 'experience_report.procurement_id')
    .innerJoin('organisation', 'organisation.id', 'supplier_reply.supplier_organisation_id')
    .select([
      'experience_report.author_user_id as authorUserId',
      'procurement.id as procurementId',
      'procurement.title',
      'organisation.name as company',
    ])
    .where('supplier_reply.id', '=', replyId)
    .executeTakeFirst()
  if (!row) return
  await notify(trx, 'reply_received', [row.authorUserId], () => ({
    subject: { key: 'mail.reply.subject' },
    paragraphs: [{ key: 'mail.reply.body', vars: { company: row.company, procurement: row.title } }],
    action: { label: 'mail.reply.action', url: absoluteUrl(`/anskaffelser/${row.procurementId}`) },
  }))
}

// ---------------------------------------------------------------------------------------------------------------
// The outcome of content you flagged or wrote

/**
 * After a coordinator keeps or hides flagged content: its author hears the outcome with the coordinator's reason
 * (they see the moderation state of their own content), and each person who flagged it hears the outcome only,
 * never the reason, with the content named as they may see it (an author's name only to those who may see names).
 */
export async function notifyModerationOutcome(
  trx: Kysely<DB>,
  input: {
    targetType: 'experience' | 'reply'
    targetId: number
    flagIds: number[]
    decision: 'keep' | 'hide'
    reason: string
  },
) {
  const content =
    input.targetType === 'experience'
      ? await trx
          .selectFrom('experience_report')
          .innerJoin('procurement', 'procurement.id', 'experience_report.procurement_id')
          .innerJoin('municipality', 'municipality.number', 'experience_report.municipality_number')
          .innerJoin('user as author', 'author.id', 'experience_report.author_user_id')
          .select([
            'experience_report.author_user_id as authorUserId',
            'experience_report.municipality_number as municipalityNumber',
            'municipality.name as municipality',
            'author.name as authorName',
            'procurement.id as procurementId',
            'procurement.title',
          ])
          .where('experience_report.id', '=', input.targetId)
          .executeTakeFirst()
      : await trx
          .selectFrom('supplier_reply')
          .innerJoin('experience_report', 'experience_report.id', 'supplier_reply.experience_report_id')
          .innerJoin('procurement', 'procurement.id', 'experience_report.procurement_id')
          .innerJoin('organisation', 'organisation.id', 'supplier_reply.supplier_organisation_id')
          .select([
            'supplier_reply.author_user_id as authorUserId',
            'supplier_reply.supplier_organisation_id as supplierOrganisationId',
            'organisation.name as company',
            'procurement.id as procurementId',
            'procurement.title',
          ])
          .where('supplier_reply.id', '=', input.targetId)
          .executeTakeFirst()
  if (!content) return
  const link = { label: 'mail.moderation.action' as const, url: absoluteUrl(`/anskaffelser/${content.procurementId}`) }

  // The author (of a reply: the member who wrote it), if the policy lets them see the moderation of it.
  await notify(trx, 'moderation_outcome', [content.authorUserId], async (r) => {
    const viewer = await viewerOfUser(trx, r.id)
    const subject =
      'company' in content
        ? { supplierOrganisationId: content.supplierOrganisationId }
        : { authorUserId: content.authorUserId }
    if (!canSeeModerationOf(viewer, subject)) return null
    const what: { key: MessageKey; vars?: Record<string, string> } =
      'company' in content
        ? { key: 'mail.moderation.what.ownReply', vars: { company: content.company } }
        : { key: 'mail.moderation.what.ownReport' }
    const t = (key: MessageKey, vars?: Record<string, string>) => ({ key, vars })
    return {
      subject: { key: 'mail.moderation.subject' },
      paragraphs: [
        input.decision === 'hide'
          ? t('mail.moderation.author.hidden', {
              what: phrase(r.locale, what),
              procurement: content.title,
              reason: input.reason,
            })
          : t('mail.moderation.author.kept', { what: phrase(r.locale, what), procurement: content.title }),
      ],
      action: link,
    }
  })

  // Those who flagged it: the outcome only.
  const flaggers = await trx
    .selectFrom('content_flag')
    .select('flagged_by')
    .distinct()
    .where('id', 'in', input.flagIds.length > 0 ? input.flagIds : [-1])
    .where('flagged_by', '!=', content.authorUserId)
    .execute()
  await notify(
    trx,
    'moderation_outcome',
    flaggers.map((f) => f.flagged_by),
    async (r) => {
      const viewer = await viewerOfUser(trx, r.id)
      let what: { key: MessageKey; vars?: Record<string, string> }
      if ('company' in content) what = { key: 'mail.moderation.what.reply', vars: { company: content.company } }
      else if (canSeeAuthorName(viewer))
        what = {
          key: 'mail.moderation.what.reportWithAuthor',
          vars: { author: content.authorName, municipality: content.municipality },
        }
      else what = { key: 'mail.moderation.what.report', vars: { municipality: content.municipality } }
      return {
        subject: { key: 'mail.moderation.subject' },
        paragraphs: [
          {
            key: 'mail.moderation.flagger',
            vars: {
              what: phrase(r.locale, what),
              procurement: content.title,
              outcome: phrase(r.locale, {
                key: input.decision === 'hide' ? 'mail.moderation.outcome.hidden' : 'mail.moderation.outcome.kept',
              }),
            },
          },
        ],
        action: link,
      }
    },
  )
}

function phrase(locale: UserLocale, line: { key: MessageKey; vars?: Record<string, string> }) {
  return composeEmail(locale, { subject: line, name: '', paragraphs: [], footer: line }).subject
}

// ---------------------------------------------------------------------------------------------------------------
// A decision on your product version

/** Every member of the supplier hears about a decision on its version (a decision, a withdrawal). */
export async function notifyVersionDecision(trx: Kysely<DB>, decisionId: number) {
  const row = await trx
    .selectFrom('version_decision')
    .innerJoin('product_version', 'product_version.id', 'version_decision.version_id')
    .innerJoin('product', 'product.id', 'product_version.product_id')
    .select([
      'version_decision.outcome',
      'version_decision.rationale',
      'product_version.id as versionId',
      'product_version.version_label as version',
      'product.name as product',
      'product.supplier_organisation_id as supplierId',
    ])
    .where('version_decision.id', '=', decisionId)
    .executeTakeFirst()
  if (!row) return
  const members = await trx.selectFrom('user').select('id').where('organisation_id', '=', row.supplierId).execute()
  const outcomeKey: Record<DecisionOutcome, MessageKey> = {
    approved: 'mail.decision.outcome.approved',
    provisionally_approved: 'mail.decision.outcome.provisionally_approved',
    changes_requested: 'mail.decision.outcome.changes_requested',
    rejected: 'mail.decision.outcome.rejected',
    withdrawn: 'mail.decision.outcome.withdrawn',
  }
  const vars = { product: row.product, version: row.version }
  await notify(
    trx,
    'version_decision',
    members.map((m) => m.id),
    (r): Message => ({
      subject: { key: 'mail.decision.subject', vars },
      paragraphs: [
        { key: 'mail.decision.body', vars: { ...vars, outcome: phrase(r.locale, { key: outcomeKey[row.outcome] }) } },
        { key: 'mail.decision.rationale', vars: { rationale: row.rationale } },
      ],
      action: { label: 'mail.decision.action', url: absoluteUrl(`/leverandor/versjoner/${row.versionId}`) },
    }),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// An invitation to a joint procurement

/**
 * For the invitation flow (built separately): call it in the transaction that records the invitation. The verified
 * buyers of the invited municipality hear who invites them to which procurement; the message holds the public part
 * of the procurement only (its title and lead), never notes or commercial terms.
 */
export async function enqueueProcurementInvitation(
  trx: DbOrTrx,
  input: { procurementId: number; invitedMunicipalityNumber: string },
) {
  const row = await trx
    .selectFrom('procurement')
    .innerJoin('municipality as lead', 'lead.number', 'procurement.lead_municipality_number')
    .select(['procurement.id', 'procurement.title', 'lead.name as lead'])
    .where('procurement.id', '=', input.procurementId)
    .executeTakeFirst()
  const invited = await trx
    .selectFrom('municipality')
    .select('name')
    .where('number', '=', input.invitedMunicipalityNumber)
    .executeTakeFirst()
  if (!row || !invited) return
  const buyers = await trx
    .selectFrom('user')
    .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
    .select('user.id')
    .where('organisation.municipality_number', '=', input.invitedMunicipalityNumber)
    .where('organisation.status', '=', 'verified')
    .where('user.role', '=', 'buyer')
    .execute()
  await notify(
    trx,
    'procurement_invitation',
    buyers.map((b) => b.id),
    () => ({
      subject: { key: 'mail.invitation.subject', vars: { procurement: row.title } },
      paragraphs: [
        {
          key: 'mail.invitation.body',
          vars: { municipality: row.lead, invited: invited.name, procurement: row.title },
        },
      ],
      action: { label: 'mail.invitation.action', url: absoluteUrl(`/anskaffelser/${row.id}`) },
    }),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// The monthly digest of follow-ups that are due

/**
 * Once a month (the worker calls it daily; a message per user and month at most): every verified buyer who has not
 * turned it off gets the participations of their municipality that are due for follow-up, read through "Min kommune"
 * as that buyer, so the follow-up status reaches only the municipality's own buyers. Returns the number queued.
 */
export async function enqueueFollowUpDigests(at?: Date): Promise<number> {
  const db = getDb()
  const { today } = clock(at)
  const period = digestPeriod(today)
  const already = await db
    .selectFrom('outbound_email')
    .select('user_id')
    .where('kind', '=', 'follow_up_digest')
    .where('dedupe_key', 'like', `digest:${period}:%`)
    .execute()
  const done = new Set(already.map((r) => r.user_id))
  const buyers = (
    await db.selectFrom('user').select('id').where('role', '=', 'buyer').where('status', '=', 'verified').execute()
  ).filter((b) => !done.has(b.id))
  let queued = 0
  for (const { id } of buyers) {
    // Thousands of buyers at national scale: let the server answer requests between two of them (the queries resolve
    // synchronously, so without this the whole run would hold the event loop).
    await new Promise((resolve) => setImmediate(resolve))
    queued += await notify(db, 'follow_up_digest', [id], async (r) => {
      const viewer = await viewerOfUser(db, r.id)
      if (!viewer) return null
      const mine = await getMyMunicipality(viewer, { dueOnly: true, pageSize: 50 })
      if (!mine || mine.procurements.items.length === 0) return null
      return {
        dedupeKey: `digest:${period}:${r.id}`,
        subject: { key: 'mail.digest.subject', vars: { municipality: mine.municipality.name } },
        paragraphs: [{ key: 'mail.digest.body', vars: { municipality: mine.municipality.name } }],
        list: mine.procurements.items.map((p) =>
          phrase(r.locale, {
            key: 'mail.digest.line',
            vars: { procurement: p.title, date: p.followUp.lastActivityDate },
          }),
        ),
        action: { label: 'mail.digest.action', url: absoluteUrl('/min-kommune?forfall=1') },
      }
    })
  }
  return queued
}

// ---------------------------------------------------------------------------------------------------------------
// Settings (/konto/varsler)

export async function getNotificationSettings(userId: number) {
  const db = getDb()
  const [user, optOuts] = await Promise.all([
    db.selectFrom('user').select(['email', 'locale']).where('id', '=', userId).executeTakeFirstOrThrow(),
    db.selectFrom('notification_opt_out').select('kind').where('user_id', '=', userId).execute(),
  ])
  const off = new Set(optOuts.map((o) => o.kind))
  return {
    email: user.email,
    locale: user.locale,
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: !off.has(kind) })),
  }
}

export async function saveNotificationSettings(
  userId: number,
  input: { enabled: NotificationKind[]; locale: UserLocale },
) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('user').set({ locale: input.locale }).where('id', '=', userId).execute()
      await trx.deleteFrom('notification_opt_out').where('user_id', '=', userId).execute()
      const off = NOTIFICATION_KINDS.filter((k) => !input.enabled.includes(k))
      if (off.length > 0)
        await trx
          .insertInto('notification_opt_out')
          .values(off.map((kind) => ({ user_id: userId, kind })))
          .execute()
    })
}

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === 'string' && isOneOf(NOTIFICATION_KINDS, value)
