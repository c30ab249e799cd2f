import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import { followUpDue } from '../../app/domain/procurement-rules'
import { BenefitInput, MeasurementInput } from '../../app/forms/benefit'
import {
  addMeasurement,
  createBenefit,
  deleteBenefit,
  deleteMeasurement,
  getBenefitRef,
} from '../../app/models/benefits.server'
import { createExperience, publishExperience } from '../../app/models/experiences.server'
import { followUpFacts } from '../../app/models/follow-up-due.server'
import { getMyMunicipality } from '../../app/models/my-municipality.server'
import { inviteParticipant, updateParticipant } from '../../app/models/procurement-participants.server'
import { createProcurement } from '../../app/models/procurements.server'
import { now } from '../../app/utils/clock.server'
import { testDb } from '../helpers/db'
import {
  acceptInvitations,
  addParticipantInput,
  experienceAccess,
  experienceInput,
  must,
  participantInput,
  procurementAccess,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { FUZZ_SEED, fuzzRuns } from '../helpers/arbitraries'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'

// The follow-up date stored per participation (procurement_participant.follow_up_due_from) is what "Min kommune"
// sorts, counts and pages by: after every kind of write that moves the rule's inputs it must equal the rule's own
// dueFrom (followUpDue, app/domain/procurement-rules.ts), computed from the rows as they now stand.

const today = osloDate(now())
let productId: number
let larvik: Actor
let bergen: Actor

/** Every participation's stored date against the rule; answers the stored value of one participation. */
async function expectStoredEqualsRule(procurementId: number, municipalityNumber: string) {
  const facts = await followUpFacts(testDb(), 'all')
  for (const f of facts.values()) {
    expect({ participation: f.participantId, stored: f.stored }).toEqual({
      participation: f.participantId,
      stored: followUpDue({ ...f.input, today }).dueFrom,
    })
  }
  return [...facts.values()].find(
    (f) => f.procurementId === procurementId && f.municipalityNumber === municipalityNumber,
  )?.stored
}

const benefitData = (overrides: Record<string, string> = {}) =>
  BenefitInput.parse({
    category: 'efficiency',
    area: '2',
    beneficiary: 'staff',
    indicator: 'falls_per_month',
    customIndicator: '',
    customUnit: '',
    hoursPerUnit: '',
    concernsCount: '',
    productId: String(productId),
    description: '',
    ...overrides,
  })
const measurementData = (periodEnd: string) =>
  MeasurementInput.parse({
    value: '4',
    periodStart: addMonths(periodEnd, -1),
    periodEnd,
    method: 'system_data',
    status: 'estimated',
    uncertainty: 'low',
    reportedBy: 'municipality',
    priceYear: '',
    note: '',
  })

beforeAll(async () => {
  const coordinator = await createCoordinator()
  productId = (await supplierWithProduct('Oppfølging Test AS', 'Oppfølging Medisinering', coordinator)).productId
  larvik = await createBuyer('3909')
  bergen = await createBuyer('4601')
})

describe('the stored follow-up date', () => {
  it('equals the rule after every kind of write that moves its inputs', async () => {
    const goLive = addMonths(today, -14)
    const procurementId = must(
      await createProcurement(
        larvik.viewer,
        procurementInput({ phase: 'in_operation', goLiveDate: goLive, productIds: [String(productId)] }),
      ),
    ).procurementId
    // Creating the procurement: the lead's row runs from go-live.
    expect(await expectStoredEqualsRule(procurementId, '3909')).toBe(addMonths(goLive, 6))

    // Inviting and accepting a municipality: its row (in pilot, no go-live yet) runs from joining.
    must(
      await inviteParticipant(
        larvik.viewer,
        await procurementAccess(procurementId),
        addParticipantInput({ municipalityNumber: '4601', phase: 'pilot' }),
      ),
    )
    let access = await acceptInvitations(procurementId)
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(today, 6))

    // The participation's phase and go-live.
    const bergenGoLive = addMonths(today, -8)
    const row = (fields: Record<string, string>) =>
      participantInput({ municipalityNumber: '4601', usersCount: '', unitsCount: '', sitesCount: '', ...fields })
    must(await updateParticipant(bergen.viewer, access, row({ phase: 'pilot', goLiveDate: bergenGoLive })))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(bergenGoLive, 6))
    must(await updateParticipant(bergen.viewer, access, row({ phase: 'planning', goLiveDate: bergenGoLive })))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBeNull()
    must(await updateParticipant(bergen.viewer, access, row({ phase: 'in_operation', goLiveDate: bergenGoLive })))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(bergenGoLive, 6))
    access = await procurementAccess(procurementId)

    // A draft report moves nothing; publishing it does.
    const reportDate = addDays(today, -20)
    const { experienceId } = must(
      await createExperience(larvik.viewer, access, experienceInput({ publish: '', reportDate })),
    )
    expect(await expectStoredEqualsRule(procurementId, '3909')).toBe(addMonths(goLive, 6))
    must(await publishExperience(larvik.viewer, await experienceAccess(larvik.viewer, experienceId)))
    expect(await expectStoredEqualsRule(procurementId, '3909')).toBe(addMonths(reportDate, 6))

    // A benefit measurement is activity too; deleting it (or the benefit) takes it back.
    const { benefitId } = must(await createBenefit(bergen.viewer, access, benefitData()))
    const ref = () => getBenefitRef(bergen.viewer, procurementId, benefitId).then(must)
    const measured = addDays(today, -3)
    const { measurementId } = must(await addMeasurement(bergen.viewer, await ref(), measurementData(measured)))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(measured, 6))
    must(await deleteMeasurement(bergen.viewer, await ref(), { measurementId }))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(bergenGoLive, 6))
    must(await addMeasurement(bergen.viewer, await ref(), measurementData(measured)))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(measured, 6))
    must(await deleteBenefit(bergen.viewer, await ref()))
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBe(addMonths(bergenGoLive, 6))

    // A published report that the contract has ended ends the participation: no follow-up date.
    must(
      await createExperience(
        bergen.viewer,
        access,
        experienceInput({ reportDate: today, ended: 'on', endingReason: 'contract_expired', dataExported: 'yes' }),
      ),
    )
    expect(await expectStoredEqualsRule(procurementId, '4601')).toBeNull()
  })

  it('stays equal to the rule over any sequence of phase, go-live, report and measurement changes', async () => {
    const procurementId = must(
      await createProcurement(
        larvik.viewer,
        procurementInput({ phase: 'pilot', goLiveDate: today, productIds: [String(productId)] }),
      ),
    ).procurementId
    const access = await procurementAccess(procurementId)
    const { benefitId } = must(await createBenefit(larvik.viewer, access, benefitData()))
    const daysAgo = fc.integer({ min: 0, max: 1500 })
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('participant' as const),
        phase: fc.constantFrom('planning', 'tendering', 'pilot', 'implementation', 'in_operation'),
        goLive: fc.option(daysAgo, { nil: null }),
      }),
      fc.record({ kind: fc.constant('report' as const), ago: daysAgo }),
      fc.record({ kind: fc.constant('measurement' as const), ago: daysAgo }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'participant') {
            const goLiveDate = s.goLive === null ? '' : addDays(today, -s.goLive)
            const data = participantInput({ municipalityNumber: '3909', phase: s.phase, goLiveDate, usersCount: '' })
            must(await updateParticipant(larvik.viewer, await procurementAccess(procurementId), data))
          } else if (s.kind === 'report') {
            const reportDate = addDays(today, -s.ago)
            must(
              await createExperience(
                larvik.viewer,
                await procurementAccess(procurementId),
                experienceInput({ reportDate }),
              ),
            )
          } else {
            const ref = must(await getBenefitRef(larvik.viewer, procurementId, benefitId))
            must(await addMeasurement(larvik.viewer, ref, measurementData(addDays(today, -s.ago))))
          }
          await expectStoredEqualsRule(procurementId, '3909')
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(12) },
    )
  })

  it('orders, counts and pages "Min kommune" by it: due ones first, longest overdue first', async () => {
    const tromso = await createBuyer('5501')
    const make = async (goLiveDate: string, phase = 'in_operation') =>
      must(await createProcurement(tromso.viewer, procurementInput({ phase, goLiveDate }))).procurementId
    const oldest = await make(addMonths(today, -30))
    const older = await make(addMonths(today, -20))
    const notDue = await make(addMonths(today, -2))
    const planning = await make(addMonths(today, -40), 'planning')
    const mine = (await getMyMunicipality(tromso.viewer, { pageSize: 2 }))!
    expect(mine.counts).toMatchObject({ led: 4, participating: 0, followUpDue: 2 })
    expect(mine.procurements.items.map((i) => i.procurementId)).toEqual([oldest, older])
    expect(mine.procurements.total).toBe(4)
    const second = (await getMyMunicipality(tromso.viewer, { pageSize: 2, page: 2 }))!
    // Then the others, newest procurement first.
    expect(second.procurements.items.map((i) => i.procurementId)).toEqual([planning, notDue])
    expect(second.procurements.items.every((i) => !i.followUp.due)).toBe(true)
    const dueOnly = (await getMyMunicipality(tromso.viewer, { dueOnly: true }))!
    expect(dueOnly.procurements.items.map((i) => i.procurementId)).toEqual([oldest, older])
    expect(dueOnly.procurements.total).toBe(2)
    expect((await getMyMunicipality(tromso.viewer, { role: 'participant' }))!.procurements.total).toBe(0)
  })
})
