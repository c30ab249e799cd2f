import { beforeAll, describe, expect, it } from 'vitest'
import { experienceAuditActions } from '../../app/domain/procurement-rules'
import { FlagInput, ReplyInput } from '../../app/forms/experience'
import { getExperience, listProcurementExperiences } from '../../app/models/experience-views.server'
import { createExperience } from '../../app/models/experiences.server'
import { decideFlags, flagContent } from '../../app/models/moderation.server'
import { moderationNotices } from '../../app/models/moderation-notices.server'
import { moderationLog, moderationQueue } from '../../app/models/moderation-queue.server'
import { getProductExperience } from '../../app/models/product-experience.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createReply, getRepliesForExperience, updateReply } from '../../app/models/replies.server'
import { refusalStatus } from '../../app/utils/refusal.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { testDb } from '../helpers/db'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  serialised,
  submit,
  supplierWithProduct,
} from '../helpers/experience-fixtures'

let coordinator: Actor
let owner: Awaited<ReturnType<typeof supplierWithProduct>>
let ownerColleague: Actor
let other: Awaited<ReturnType<typeof supplierWithProduct>>
let larvik: Actor
let bergen: Actor
let oslo: Actor
let tromso: Actor
let procurementId: number
const reports: number[] = []

beforeAll(async () => {
  coordinator = await createCoordinator()
  owner = await supplierWithProduct('Svar AS', 'Svar Alarm', coordinator)
  ownerColleague = await owner.supplier.member()
  other = await supplierWithProduct('Annen AS', 'Annen Alarm', coordinator)
  larvik = await createBuyer('3909')
  bergen = await createBuyer('4601')
  oslo = await createBuyer('0301')
  tromso = await createBuyer('5501')
  // Three municipalities, one procurement each, so the product has a public aggregate until something is hidden.
  for (const buyer of [larvik, bergen, oslo]) {
    const pid = must(
      await createProcurement(buyer.viewer, procurementInput({ productIds: [owner.productId] })),
    ).procurementId
    procurementId ??= pid
    reports.push(
      must(
        await createExperience(
          buyer.viewer,
          await procurementAccess(pid),
          experienceInput({ wasHard: `Vanskelig i ${buyer.viewer.municipalityNumber}` }),
        ),
      ).experienceId,
    )
  }
})

describe('supplier replies', () => {
  it('allow the rated product’s supplier exactly one reply per report', async () => {
    const { replyId } = must(
      await createReply(owner.supplier.viewer, reports[0]!, { body: 'Vi har rettet feilen i versjon 2.' }),
    )
    const second = await createReply(ownerColleague.viewer, reports[0]!, { body: 'Et svar til.' })
    expect(second).toMatchObject({ ok: false, code: 'already_replied' })
    if (!second.ok) expect(refusalStatus(second)).toBe(409)
    const rows = await testDb()
      .selectFrom('supplier_reply')
      .select('id')
      .where('experience_report_id', '=', reports[0]!)
      .execute()
    expect(rows.map((r) => r.id)).toEqual([replyId])
  })

  it('refuse everyone but that supplier', async () => {
    // Another supplier cannot even see the report; a buyer or coordinator sees it but may not reply.
    expect(await createReply(other.supplier.viewer, reports[1]!, { body: 'Vårt produkt er bedre.' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(await createReply(null, reports[1]!, { body: 'Hei' })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await createReply(bergen.viewer, reports[1]!, { body: 'Hei' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(await createReply(coordinator.viewer, reports[1]!, { body: 'Hei' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    const pending = await owner.supplier.member('pending')
    expect(await createReply(pending.viewer, reports[1]!, { body: 'Hei' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(submit(ReplyInput, { body: '  ' })).toMatchObject({
      ok: false,
      refusal: { fieldErrors: { body: 'validation.required' } },
    })
    const draft = must(
      await createExperience(larvik.viewer, await procurementAccess(procurementId), experienceInput({ publish: '' })),
    ).experienceId
    expect(await createReply(owner.supplier.viewer, draft, { body: 'Hei' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
  })

  it('are edited by the supplier’s members and shown beside the report, with timestamps', async () => {
    const reply = (await getRepliesForExperience(owner.supplier.viewer, reports[0]!))[0]!
    expect(reply.edited).toBe(false)
    expect(await updateReply(other.supplier.viewer, reply.id, { body: 'Kapret' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(await updateReply(larvik.viewer, reply.id, { body: 'Kapret' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    advanceClock(60_000)
    must(await updateReply(ownerColleague.viewer, reply.id, { body: 'Vi har rettet feilen i versjon 2.1.' }))
    resetClock()
    const seenByBuyer = (await getExperience(tromso.viewer, reports[0]!))!.replies[0]!
    expect(seenByBuyer).toMatchObject({
      body: 'Vi har rettet feilen i versjon 2.1.',
      edited: true,
      supplier: { name: 'Svar AS' },
      authorName: null,
      moderation: null,
    })
    expect(seenByBuyer.updatedAt > seenByBuyer.createdAt).toBe(true)
    expect((await getRepliesForExperience(owner.supplier.viewer, reports[0]!))[0]!.authorName).toMatch(/^Test supplier/)
    const actions = await testDb()
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'supplier_reply')
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['reply.published', 'reply.updated'])
  })
})

describe('flags and moderation', () => {
  it('refuses flagging one’s own report or one’s company’s own reply (403), which the interface does not offer', async () => {
    const ownReport = await flagContent(larvik.viewer, {
      targetType: 'experience',
      targetId: reports[0]!,
      reason: 'Vår egen rapport, flagget likevel.',
    })
    expect(ownReport).toMatchObject({ ok: false, code: 'forbidden' })
    if (!ownReport.ok) expect(refusalStatus(ownReport)).toBe(403)
    const reply = (await getRepliesForExperience(ownerColleague.viewer, reports[0]!))[0]!
    // The reply belongs to the company, so a colleague of its writer may not flag it either.
    expect(
      await flagContent(ownerColleague.viewer, {
        targetType: 'reply',
        targetId: reply.id,
        reason: 'Vårt eget svar, flagget likevel.',
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' })
    expect(reply.viewerCan.flag).toBe(false)
    expect((await getExperience(larvik.viewer, reports[0]!))!.viewerCan.flag).toBe(false)
    // Everyone else who can see them may.
    expect((await getExperience(tromso.viewer, reports[0]!))!.viewerCan.flag).toBe(true)
    expect((await getRepliesForExperience(tromso.viewer, reports[0]!))[0]!.viewerCan.flag).toBe(true)
    const flags = await testDb()
      .selectFrom('content_flag')
      .select('id')
      .where('flagged_by', 'in', [larvik.userId, ownerColleague.userId])
      .execute()
    expect(flags).toEqual([])
  })

  it('lets anyone signed in who can see the content flag it, once while open', async () => {
    expect(
      await flagContent(null, { targetType: 'experience', targetId: reports[1]!, reason: 'Usaklig om leverandøren' }),
    ).toMatchObject({ ok: false, code: 'forbidden' })
    expect(
      await flagContent(other.supplier.viewer, {
        targetType: 'experience',
        targetId: reports[1]!,
        reason: 'Usaklig om leverandøren',
      }),
    ).toMatchObject({ ok: false, code: 'not_found' })
    expect(submit(FlagInput, { targetType: 'experience', targetId: reports[1], reason: 'kort' })).toMatchObject({
      ok: false,
      refusal: { fieldErrors: { reason: 'validation.flag.reason' } },
    })
    must(
      await flagContent(owner.supplier.viewer, {
        targetType: 'experience',
        targetId: reports[1]!,
        reason: 'Inneholder feil om avtalen og navngir en ansatt.',
      }),
    )
    must(
      await flagContent(tromso.viewer, {
        targetType: 'experience',
        targetId: reports[1]!,
        reason: 'Personopplysninger om en ansatt.',
      }),
    )
    expect(
      await flagContent(tromso.viewer, {
        targetType: 'experience',
        targetId: reports[1]!,
        reason: 'Igjen, personopplysninger.',
      }),
    ).toMatchObject({ ok: false, code: 'already_flagged' })
    const reply = (await getRepliesForExperience(larvik.viewer, reports[0]!))[0]!
    must(await flagContent(larvik.viewer, { targetType: 'reply', targetId: reply.id, reason: 'Svaret er reklame.' }))

    expect(await moderationQueue(tromso.viewer)).toMatchObject({ ok: false, code: 'forbidden' })
    const queue = must(await moderationQueue(coordinator.viewer))
    expect(queue.items.map((i) => [i.targetType, i.openFlags.length])).toEqual([
      ['experience', 2],
      ['reply', 1],
    ])
    expect(queue.items[0]!.experience!.id).toBe(reports[1])
    expect(queue.items[1]!.reply!.body).toContain('versjon 2.1')
    expect(queue.items[1]!.experience!.id).toBe(reports[0])
  })

  it('hides content with a reason: gone from buyer, supplier and public reads, kept for the log and the author', async () => {
    const hidden = reports[1]!
    const before = await getProductExperience(null, owner.productId)
    expect(before!.aggregate).toMatchObject({ source: 'published', contributorBand: '3_9' })

    expect(
      await decideFlags(tromso.viewer, {
        targetType: 'experience',
        targetId: hidden,
        decision: 'hide',
        reason: 'Navngir en ansatt.',
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' })
    const decided = must(
      await decideFlags(coordinator.viewer, {
        targetType: 'experience',
        targetId: hidden,
        decision: 'hide',
        reason: 'Rapporten navngir en ansatt hos leverandøren.',
      }),
    )
    expect(decided.decidedFlagIds).toHaveLength(2)

    for (const viewer of [tromso.viewer, larvik.viewer, owner.supplier.viewer]) {
      expect(await getExperience(viewer, hidden)).toBeNull()
      expect(serialised(await getProductExperience(viewer, owner.productId))).not.toContain('Vanskelig i 4601')
    }
    // Only two municipalities left in the live aggregate. The public figures hold no text and keep the hidden
    // report's ratings until their next step: taking them out now would reveal them by difference
    // (docs/decisions/010-public-aggregate-steps.md).
    const after = await getProductExperience(null, owner.productId)
    expect(after!.aggregate).toEqual(before!.aggregate)
    expect(serialised(after)).not.toContain('Vanskelig i 4601')
    expect((await getProductExperience(tromso.viewer, owner.productId))!.aggregate!.municipalityCount).toBe(2)

    const forCoordinator = (await getExperience(coordinator.viewer, hidden))!
    expect(forCoordinator.moderation).toMatchObject({
      hidden: true,
      reason: 'Rapporten navngir en ansatt hos leverandøren.',
    })
    const forAuthor = (await getExperience(bergen.viewer, hidden))!
    expect(forAuthor.moderation).toMatchObject({
      hidden: true,
      reason: 'Rapporten navngir en ansatt hos leverandøren.',
    })
    expect(forAuthor.wasHard).toBe('Vanskelig i 4601')
    const notices = await moderationNotices(bergen.viewer)
    expect(notices).toEqual([
      expect.objectContaining({
        targetType: 'experience',
        targetId: hidden,
        decision: 'hidden',
        hidden: true,
        reason: 'Rapporten navngir en ansatt hos leverandøren.',
      }),
    ])
    // The flaggers' identity and wording stay with the coordinators.
    expect(serialised(notices)).not.toContain('Personopplysninger')

    const log = must(await moderationLog(coordinator.viewer, { targetType: 'experience', targetId: hidden }))
    expect(log.items).toHaveLength(2)
    expect(
      log.items.every((e) => e.status === 'hidden' && e.target.hidden && e.target.excerpt.includes('Vanskelig i 4601')),
    ).toBe(true)
    expect(log.items[0]!.decidedBy).not.toBeNull()
    expect(await moderationLog(owner.supplier.viewer)).toMatchObject({ ok: false, code: 'forbidden' })

    // Kept in the database, and the decision audited.
    const row = await testDb()
      .selectFrom('experience_report')
      .select(['hidden', 'hidden_reason'])
      .where('id', '=', hidden)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ hidden: 1, hidden_reason: 'Rapporten navngir en ansatt hos leverandøren.' })
    const audit = await testDb()
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'experience_report')
      .where('target_id', '=', String(hidden))
      .execute()
    expect(audit.map((a) => a.action)).toContain('moderation.hidden')

    expect(
      await decideFlags(coordinator.viewer, {
        targetType: 'experience',
        targetId: hidden,
        decision: 'keep',
        reason: 'Ombestemt meg.',
      }),
    ).toMatchObject({ ok: false, code: 'no_open_flags' })
    expect(
      await flagContent(tromso.viewer, {
        targetType: 'experience',
        targetId: hidden,
        reason: 'Flagger en skjult rapport.',
      }),
    ).toMatchObject({ ok: false, code: 'not_found' })
  })

  it('keeps content with a reason the supplier sees for its reply', async () => {
    const reply = (await getRepliesForExperience(larvik.viewer, reports[0]!))[0]!
    must(
      await decideFlags(coordinator.viewer, {
        targetType: 'reply',
        targetId: reply.id,
        decision: 'keep',
        reason: 'Svaret er saklig og relevant.',
      }),
    )
    expect((await getRepliesForExperience(tromso.viewer, reports[0]!))[0]!.body).toContain('versjon 2.1')
    const notices = await moderationNotices(ownerColleague.viewer)
    expect(notices).toEqual([
      expect.objectContaining({
        targetType: 'reply',
        decision: 'kept',
        hidden: false,
        reason: 'Svaret er saklig og relevant.',
      }),
    ])
    expect(await moderationNotices(other.supplier.viewer)).toEqual([])
    expect(must(await moderationQueue(coordinator.viewer)).total).toBe(0)
  })

  it('hides a reply from everyone but the coordinators and the supplier, which can no longer edit it', async () => {
    const reply = (await getRepliesForExperience(larvik.viewer, reports[0]!))[0]!
    must(
      await flagContent(oslo.viewer, {
        targetType: 'reply',
        targetId: reply.id,
        reason: 'Svaret røper personopplysninger.',
      }),
    )
    must(
      await decideFlags(coordinator.viewer, {
        targetType: 'reply',
        targetId: reply.id,
        decision: 'hide',
        reason: 'Svaret omtaler en bruker.',
      }),
    )
    expect((await getExperience(tromso.viewer, reports[0]!))!.replies).toEqual([])
    expect(
      (await listProcurementExperiences(larvik.viewer, await procurementAccess(procurementId))).items.find(
        (e) => e.id === reports[0],
      )!.replies,
    ).toEqual([])
    expect((await getRepliesForExperience(owner.supplier.viewer, reports[0]!))[0]!.moderation).toMatchObject({
      hidden: true,
      reason: 'Svaret omtaler en bruker.',
    })
    expect((await getRepliesForExperience(coordinator.viewer, reports[0]!))[0]!.moderation!.hidden).toBe(true)
    expect(await updateReply(owner.supplier.viewer, reply.id, { body: 'Ny tekst' })).toMatchObject({
      ok: false,
      code: 'not_editable',
    })
    // Still one reply per report: a hidden reply is not replaced by a new one.
    expect(await createReply(owner.supplier.viewer, reports[0]!, { body: 'Nytt svar' })).toMatchObject({
      ok: false,
      code: 'already_replied',
    })
  })

  it('audits every action with a name from the exported list', async () => {
    const actions = await testDb().selectFrom('audit_log').select('action').distinct().execute()
    const ours = actions.map((a) => a.action).filter((a) => /^(procurement|experience|reply|moderation)\./.test(a))
    for (const a of ours) expect(experienceAuditActions).toContain(a)
    expect(ours).toEqual(
      expect.arrayContaining([
        'moderation.flagged',
        'moderation.hidden',
        'moderation.kept',
        'experience.published',
        'procurement.created',
      ]),
    )
  })
})
