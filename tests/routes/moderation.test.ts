import { beforeAll, describe, expect, it } from 'vitest'
import { createExperience } from '../../app/models/experiences.server'
import { flagContent } from '../../app/models/moderation.server'
import { moderationNotices } from '../../app/models/moderation-notices.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createReply } from '../../app/models/replies.server'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

let author: Actor
let reader: Actor
let coordinator: Actor
let supplier: Actor
let productId: number
let experienceId: number
let replyId: number

beforeAll(async () => {
  coordinator = await createCoordinator()
  ;({ supplier, productId } = await supplierWithProduct('Moderert Leverandør AS', 'Moderert Sensor', coordinator))
  author = await createBuyer('3909')
  reader = await createBuyer('4601')
  const { procurementId } = must(
    await createProcurement(author.viewer, procurementInput({ productIds: [String(productId)] })),
  )
  ;({ experienceId } = must(
    await createExperience(
      author.viewer,
      await procurementAccess(procurementId),
      experienceInput({ workedWell: 'Upassende formulering MODERERT1' }),
    ),
  ))
  ;({ replyId } = must(await createReply(supplier.viewer, experienceId, { body: 'Svar fra leverandøren MODERERT2' })))
})

describe('moderation', () => {
  it('only coordinators and admins reach the queue; a decision needs a reason', async () => {
    expect((await appRequest('/koordinator/moderering', { cookie: await sessionFor(reader.userId) })).status).toBe(403)
    expect(
      (await appRequest(dataUrl('/koordinator/moderering'), { cookie: await sessionFor(supplier.userId) })).status,
    ).toBe(403)
    must(
      await flagContent(reader.viewer, {
        targetType: 'experience',
        targetId: experienceId,
        reason: 'Navngir en ansatt i teksten.',
      }),
    )
    const cookie = await sessionFor(coordinator.userId)
    const queue = await (await appRequest('/koordinator/moderering', { cookie })).text()
    expect(queue).toContain('MODERERT1')
    expect(queue).toContain('Navngir en ansatt i teksten.')
    const noReason = await appRequest('/koordinator/moderering', {
      cookie,
      form: { targetType: 'experience', targetId: String(experienceId), decision: 'hide', reason: '' },
    })
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('Skriv en begrunnelse')
  })

  it('hidden content disappears from the product page but stays in the moderation log, and the author sees the reason', async () => {
    const productPath = `/register/${productId}`
    expect(await (await appRequest(productPath, { cookie: await sessionFor(reader.userId) })).text()).toContain(
      'MODERERT1',
    )
    const cookie = await sessionFor(coordinator.userId)
    const decided = await appRequest('/koordinator/moderering', {
      cookie,
      form: {
        targetType: 'experience',
        targetId: String(experienceId),
        decision: 'hide',
        reason: 'Teksten identifiserer en ansatt.',
      },
    })
    expect(decided.status).toBe(302)
    for (const url of [productPath, dataUrl(productPath)]) {
      expect(await (await appRequest(url, { cookie: await sessionFor(reader.userId) })).text()).not.toContain(
        'MODERERT1',
      )
      expect(await (await appRequest(url, { cookie: await sessionFor(supplier.userId) })).text()).not.toContain(
        'MODERERT1',
      )
    }
    const log = await (await appRequest('/koordinator/moderering?status=hidden', { cookie })).text()
    expect(log).toContain('Teksten identifiserer en ansatt.')
    expect(log).toContain('MODERERT1')
    const notices = await moderationNotices(author.viewer)
    expect(notices.map((n) => ({ decision: n.decision, reason: n.reason }))).toContainEqual({
      decision: 'hidden',
      reason: 'Teksten identifiserer en ansatt.',
    })
    // Deciding again has nothing open to decide.
    const again = await appRequest('/koordinator/moderering', {
      cookie,
      form: {
        targetType: 'experience',
        targetId: String(experienceId),
        decision: 'keep',
        reason: 'Ombestemt meg likevel.',
      },
    })
    expect(again.status).toBe(409)
  })

  it('a kept reply stays visible', async () => {
    must(
      await flagContent(author.viewer, {
        targetType: 'reply',
        targetId: replyId,
        reason: 'Svaret er usaklig mener jeg.',
      }),
    )
    const cookie = await sessionFor(coordinator.userId)
    expect(
      (
        await appRequest('/koordinator/moderering', {
          cookie,
          form: { targetType: 'reply', targetId: String(replyId), decision: 'keep', reason: 'Saklig og høflig svar.' },
        })
      ).status,
    ).toBe(302)
    expect(await (await appRequest('/koordinator/moderering?status=kept', { cookie })).text()).toContain(
      'Saklig og høflig svar.',
    )
  })
})
