import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { createExperience } from '../../app/models/experiences.server'
import { decideFlags, flagContent } from '../../app/models/moderation.server'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// Restoring hidden content and telling the person who flagged it (issue 10, deliverable 7; docs/domain.md, "Flags and
// moderation"): coordinators restore a hidden report or reply with a reason (audited, and a restored report counts
// in the aggregates again, in the same transaction); the flagger sees the outcome of each flag on /konto.

let coordinator: Actor
let productId: number
let flagger: Actor
const reports: number[] = []

async function publishReport(municipalityNumber: string) {
  const buyer = await createBuyer(municipalityNumber)
  const { procurementId } = must(
    await createProcurement(
      buyer.viewer,
      procurementInput({ title: `Gjenoppretting ${municipalityNumber}`, productIds: [productId] }),
    ),
  )
  const { experienceId } = must(
    await createExperience(buyer.viewer, await procurementAccess(procurementId), experienceInput()),
  )
  reports.push(experienceId)
  return experienceId
}

const publicSteps = async () =>
  (
    await getDb()
      .selectFrom('public_aggregate_figure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow()
  ).n

const hide = async (experienceId: number, reason = 'Inneholder personopplysninger.') => {
  must(
    await flagContent(flagger.viewer, {
      targetType: 'experience',
      targetId: experienceId,
      reason: 'Nevner en beboer ved navn.',
    }),
  )
  must(
    await decideFlags(coordinator.viewer, {
      targetType: 'experience',
      targetId: experienceId,
      decision: 'hide',
      reason,
    }),
  )
}

const restoreForm = (targetId: number, reason = 'Personopplysningene er fjernet av kommunen.') => ({
  intent: 'restore',
  targetType: 'experience',
  targetId: String(targetId),
  reason,
})

beforeAll(async () => {
  coordinator = await createCoordinator()
  ;({ productId } = await supplierWithProduct('Gjenoppretting AS', 'Gjenopprettingsalarmen', coordinator))
  flagger = await createBuyer('1103')
  for (const m of ['4601', '5001', '1804']) await publishReport(m)
})

describe('restoring hidden content', () => {
  it('tells the flagger the outcome on /konto, with the coordinator’s reason', async () => {
    await hide(reports[0]!, 'Skjult fordi en beboer nevnes ved navn.')
    const page = await (await appRequest('/konto', { cookie: await sessionFor(flagger.userId) })).text()
    expect(page).toContain('Innhold du har flagget')
    expect(page).toContain('Flagget av deg')
    expect(page).toContain('Skjult')
    expect(page).toContain('Begrunnelse: Skjult fordi en beboer nevnes ved navn.')
    // Nobody else sees the flag or its outcome.
    const other = await createBuyer('4601')
    const otherPage = await (await appRequest('/konto', { cookie: await sessionFor(other.userId) })).text()
    expect(otherPage).not.toContain('Skjult fordi en beboer nevnes ved navn.')
  })

  it('is refused to everyone but coordinators and admins', async () => {
    const buyer = await createBuyer('4601')
    for (const cookie of [await sessionFor(buyer.userId), await sessionFor(flagger.userId)]) {
      const res = await appRequest('/koordinator/moderering', { cookie, form: restoreForm(reports[0]!) })
      expect(res.status).toBe(403)
    }
    const visitor = await appRequest('/koordinator/moderering', { form: restoreForm(reports[0]!) })
    expect(visitor.status).toBe(302)
    expect(visitor.headers.get('location')).toContain('/logg-inn')
    const row = await getDb()
      .selectFrom('experience_report')
      .select('hidden')
      .where('id', '=', reports[0]!)
      .executeTakeFirstOrThrow()
    expect(row.hidden).toBe(1)
  })

  it('needs a reason, and refuses content that is not hidden', async () => {
    const cookie = await sessionFor(coordinator.userId)
    const noReason = await appRequest('/koordinator/moderering', { cookie, form: restoreForm(reports[0]!, '') })
    expect(noReason.status).toBe(400)
    const notHidden = await appRequest('/koordinator/moderering', { cookie, form: restoreForm(reports[1]!) })
    expect(notHidden.status).toBe(409)
  })

  it('restores with a reason: visible again, audited, and the flagger sees it', async () => {
    const res = await appRequest('/koordinator/moderering', {
      cookie: await sessionFor(coordinator.userId),
      form: restoreForm(reports[0]!),
    })
    expect(res.status).toBe(302)
    const row = await getDb()
      .selectFrom('experience_report')
      .select(['hidden', 'hidden_reason'])
      .where('id', '=', reports[0]!)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ hidden: 0, hidden_reason: null })
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['details', 'actor_user_id'])
      .where('action', '=', 'moderation.restored')
      .where('target_id', '=', String(reports[0]))
      .executeTakeFirstOrThrow()
    expect(audit.actor_user_id).toBe(coordinator.userId)
    expect(JSON.parse(audit.details)).toEqual({ reason: 'Personopplysningene er fjernet av kommunen.' })
    const page = await (await appRequest('/konto', { cookie: await sessionFor(flagger.userId) })).text()
    expect(page).toContain('Gjenopprettet')
    expect(page).toContain('Begrunnelse: Personopplysningene er fjernet av kommunen.')
    // The coordinators' audit log says it in a sentence.
    const log = await (
      await appRequest('/koordinator/revisjon?hendelse=moderation.restored', {
        cookie: await sessionFor(coordinator.userId),
      })
    ).text()
    expect(log).toContain('Gjenopprettet')
    expect(log).toContain('erfaringen fra')
  })

  it('takes a public step in the restoring transaction when the restored report makes three new municipalities', async () => {
    const stepsAfterFirstThree = await publicSteps()
    expect(stepsAfterFirstThree).toBeGreaterThan(0)
    await publishReport('3401')
    const fifth = await publishReport('3403')
    await hide(fifth)
    await publishReport('3405')
    // Two new municipalities count (the fifth is hidden): no step.
    expect(await publicSteps()).toBe(stepsAfterFirstThree)
    const res = await appRequest('/koordinator/moderering', {
      cookie: await sessionFor(coordinator.userId),
      form: restoreForm(fifth),
    })
    expect(res.status).toBe(302)
    expect(await publicSteps()).toBeGreaterThan(stepsAfterFirstThree)
  })
})
