import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import { experienceFormValues, ExperienceInput } from '../../app/forms/experience'
import { CreateProcurementInput, PROCUREMENT_LISTS } from '../../app/forms/procurement'
import { getExperience } from '../../app/models/experience-views.server'
import {
  createExperience,
  deleteExperienceDraft,
  publishExperience,
  updateExperienceDraft,
} from '../../app/models/experiences.server'
import { getMyMunicipality } from '../../app/models/my-municipality.server'
import { getExperienceAccess, getProcurementAccess } from '../../app/models/procurement-access.server'
import { getProcurement, getProcurementForEdit } from '../../app/models/procurement-detail.server'
import {
  acceptInvitation,
  inviteParticipant,
  removeParticipant,
  updateParticipant,
} from '../../app/models/procurement-participants.server'
import { createProcurement, updateProcurement } from '../../app/models/procurements.server'
import type { Viewer } from '../../app/policy/viewer'
import { fieldErrors } from '../../app/utils/forms.server'
import { refusalStatus } from '../../app/utils/refusal.server'
import { advanceClock, now, resetClock } from '../../app/utils/clock.server'
import { testDb } from '../helpers/db'
import { createBuyer, createCoordinator, createSupplier, type Actor } from '../helpers/register-fixtures'
import {
  acceptInvitations,
  addParticipantInput,
  experienceAccess,
  experienceFields,
  experienceInput,
  must,
  participantInput,
  procurementAccess,
  procurementFields,
  procurementInput,
  submit,
  supplierWithProduct,
} from '../helpers/experience-fixtures'

let coordinator: Actor
let product: Awaited<ReturnType<typeof supplierWithProduct>>
let larvik: Actor
let larvikColleague: Actor
let bergen: Actor
let oslo: Actor
let joint: number

beforeAll(async () => {
  coordinator = await createCoordinator()
  product = await supplierWithProduct('Vardeheim Test AS', 'Test Medisinering', coordinator)
  larvik = await createBuyer('3909')
  larvikColleague = await createBuyer('3909')
  bergen = await createBuyer('4601')
  oslo = await createBuyer('0301')
  joint = must(
    await createProcurement(
      larvik.viewer,
      procurementInput({ productIds: [String(product.productId)], participantMunicipalities: '4601' }),
    ),
  ).procurementId
  await acceptInvitations(joint)
})

afterEach(() => resetClock())

// What the routes do: load the procurement's access once and pass it on.
const read = async (viewer: Viewer | null, procurementId: number) =>
  getProcurement(viewer, await procurementAccess(procurementId))
const write = async (viewer: Viewer | null, procurementId: number, fields: Record<string, unknown> = {}) =>
  createExperience(viewer, await procurementAccess(procurementId), experienceInput(fields))

describe('registering a procurement', () => {
  it('stores every field, the lead’s deployment and the joint participants, and audits it', async () => {
    const { procurementId } = must(
      await createProcurement(
        larvik.viewer,
        procurementInput({
          title: 'Felles anskaffelse av medisindispensere',
          procedure: 'framework_call_off',
          doffinReference: ' https://doffin.no/notices/2025-123456 ',
          contractValueNok: '2.500.000',
          contractStart: '2025-03-01',
          contractEnd: '2029-02-28',
          careSettings: ['nursing_home', 'home_care', 'home_care'],
          openForJoining: 'on',
          productIds: [String(product.productId)],
          productNames: 'Dosett Plus\n\nMedisinskap X',
          participantMunicipalities: ['4601', '0301', '3909'],
          usersCount: '120',
          goLiveDate: '2025-04-01',
          phase: 'implementation',
        }),
      ),
    )
    // The others are invited: shown to the lead as invitations, not as participants, until each accepts.
    const invited = await read(larvik.viewer, procurementId)
    expect(invited.participants.map((x) => x.municipality.number)).toEqual(['3909'])
    expect(invited.invitations.map((x) => x.municipality.number)).toEqual(['0301', '4601'])
    await acceptInvitations(procurementId)
    const p = await read(larvik.viewer, procurementId)
    expect(p).toMatchObject({
      title: 'Felles anskaffelse av medisindispensere',
      procedure: 'framework_call_off',
      doffinReference: '2025-123456',
      contractStart: '2025-03-01',
      contractEnd: '2029-02-28',
      commercialTerms: { contractValueNok: 2_500_000 },
      careSettings: ['home_care', 'nursing_home'],
      openForJoining: true,
      // The supplier is taken from the register product when none is named.
      supplier: { organisationId: product.supplier.organisationId, name: 'Vardeheim Test AS' },
    })
    expect(p.products.map((x) => [x.productId, x.name])).toEqual([
      [product.productId, 'Test Medisinering'],
      [null, 'Dosett Plus'],
      [null, 'Medisinskap X'],
    ])
    expect(p.participants.map((x) => [x.municipality.number, x.role, x.phase, x.usersCount])).toEqual([
      ['3909', 'lead', 'implementation', 120],
      ['0301', 'participant', 'implementation', null],
      ['4601', 'participant', 'implementation', null],
    ])
    const audit = await testDb()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'procurement')
      .where('target_id', '=', String(procurementId))
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'procurement.created',
      'procurement.participant_accepted',
      'procurement.participant_accepted',
    ])
  })

  it('validates the input with i18n keys, keeping what was typed', async () => {
    const result = submit(
      CreateProcurementInput,
      procurementFields({
        title: ' ',
        procedure: 'tender',
        doffinReference: '123456-2024',
        contractValueNok: '1,5 mill',
        contractStart: '2025-05-01',
        contractEnd: '2025-04-30',
        careSettings: ['garden'],
        usersCount: '-3',
        goLiveDate: '2025-02-30',
        participantMunicipalities: ['12'],
        commercialTermsVisibility: 'everyone',
      }),
      PROCUREMENT_LISTS,
    )
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalid_input' } })
    if (result.ok) return
    expect(result.refusal.fieldErrors).toEqual({
      title: 'validation.required',
      procedure: 'validation.procurement.procedure',
      doffinReference: 'validation.procurement.doffinReference',
      contractValueNok: 'validation.procurement.contractValue',
      careSettings: 'validation.procurement.careSetting',
      usersCount: 'validation.count',
      goLiveDate: 'validation.date',
      participantMunicipalities: 'validation.procurement.municipality',
      commercialTermsVisibility: 'validation.procurement.commercialTermsVisibility',
    })
    expect(result.values).toMatchObject({ doffinReference: '123456-2024', careSettings: 'garden' })
    expect(refusalStatus(result.refusal)).toBe(400)
    const period = submit(
      CreateProcurementInput,
      procurementFields({ contractStart: '2025-05-01', contractEnd: '2025-04-30' }),
      PROCUREMENT_LISTS,
    )
    expect(period).toMatchObject({
      ok: false,
      refusal: { fieldErrors: { contractEnd: 'validation.procurement.contractPeriod' } },
    })
    // Garbage of every kind still yields i18n keys, never Zod's English.
    const garbage = CreateProcurementInput.safeParse({
      title: 42,
      need: {},
      productIds: ['x'],
      openForJoining: 'maybe',
    })
    expect(garbage.success).toBe(false)
    if (!garbage.success)
      for (const key of Object.values(fieldErrors(garbage.error))) expect(key).toMatch(/^validation\./)
  })

  it('refuses products that never reached the public register, and unknown municipalities', async () => {
    const draftOwner = await createSupplier('Utkast AS')
    const { createProduct } = await import('../../app/models/products.server')
    const { categoryId, productInput } = await import('../helpers/register-fixtures')
    const draft = must(
      await createProduct(
        draftOwner.viewer,
        productInput({ name: 'Hemmelig Utkast', categoryId: await categoryId('digitalt-tilsyn') }),
      ),
    )
    expect(await createProcurement(larvik.viewer, procurementInput({ productIds: [draft.productId] }))).toMatchObject({
      ok: false,
      fieldErrors: { productIds: 'validation.procurement.product' },
    })
    expect(
      await createProcurement(larvik.viewer, procurementInput({ participantMunicipalities: ['9999'] })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { participantMunicipalities: 'validation.procurement.municipality' },
    })
  })

  it('is for verified buyers only', async () => {
    for (const viewer of [
      null,
      coordinator.viewer,
      product.supplier.viewer,
      { ...larvik.viewer, status: 'pending' as const },
    ]) {
      expect(await createProcurement(viewer, procurementInput())).toMatchObject({ ok: false, code: 'forbidden' })
    }
  })
})

describe('edit rights', () => {
  it('lets the lead municipality’s buyers edit the core fields; a buyer of another municipality gets 403', async () => {
    const edit = procurementInput({ title: 'Endret tittel', productIds: [product.productId], internalNotes: 'Notat' })
    const access = await procurementAccess(joint)
    for (const viewer of [oslo.viewer, bergen.viewer, coordinator.viewer, product.supplier.viewer, null]) {
      const refused = await updateProcurement(viewer, access, edit)
      expect(refused).toMatchObject({ ok: false, code: 'forbidden' })
      if (!refused.ok) expect(refusalStatus(refused)).toBe(403)
    }
    expect(await getProcurementAccess(999_999)).toMatchObject({ ok: false, code: 'not_found' })
    expect((await read(oslo.viewer, joint)).title).toBe('Digitalt tilsyn i hjemmetjenesten')
    expect(await getProcurementForEdit(oslo.viewer, access)).toBeNull()

    must(await updateProcurement(larvikColleague.viewer, access, edit))
    expect((await read(oslo.viewer, joint)).title).toBe('Endret tittel')
    expect(await getProcurementForEdit(larvik.viewer, access)).toMatchObject({
      title: 'Endret tittel',
      internalNotes: 'Notat',
      productIds: [product.productId],
    })
  })

  it('lets a participant edit only its own deployment, and the lead only its own row', async () => {
    const access = await procurementAccess(joint)
    const row = (municipalityNumber: string, fields: Record<string, unknown>) =>
      participantInput({ municipalityNumber, ...fields })
    must(
      await updateParticipant(
        bergen.viewer,
        access,
        row('4601', { phase: 'pilot', usersCount: '15', goLiveDate: '2025-02-01' }),
      ),
    )
    expect(await updateParticipant(bergen.viewer, access, row('3909', { phase: 'ended' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(await updateParticipant(larvik.viewer, access, row('4601', { phase: 'ended' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(await updateParticipant(oslo.viewer, access, row('0301', { phase: 'ended' }))).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    must(await updateParticipant(larvik.viewer, access, row('3909', { phase: 'in_operation', usersCount: '60' })))
    const p = await read(oslo.viewer, joint)
    expect(p.participants.map((x) => [x.municipality.number, x.phase, x.usersCount, x.goLiveDate])).toEqual([
      ['3909', 'in_operation', 60, null],
      ['4601', 'pilot', 15, '2025-02-01'],
    ])
  })

  it('lets the lead manage the participant list', async () => {
    const oslo0301 = addParticipantInput({ municipalityNumber: '0301', phase: 'planning' })
    expect(await inviteParticipant(bergen.viewer, await procurementAccess(joint), oslo0301)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    must(await inviteParticipant(larvik.viewer, await procurementAccess(joint), oslo0301))
    expect(await inviteParticipant(larvik.viewer, await procurementAccess(joint), oslo0301)).toMatchObject({
      ok: false,
      code: 'already_participant',
    })
    expect(
      await inviteParticipant(
        larvik.viewer,
        await procurementAccess(joint),
        addParticipantInput({ municipalityNumber: '9999' }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { municipalityNumber: 'validation.procurement.municipality' } })
    const access = await procurementAccess(joint)
    expect(await removeParticipant(larvik.viewer, access, { municipalityNumber: '3909' })).toMatchObject({
      ok: false,
      code: 'cannot_remove_lead',
    })
    must(await acceptInvitation(oslo.viewer, access))
    must(await write(oslo.viewer, joint, { publish: '' }))
    const hasReports = await removeParticipant(larvik.viewer, access, { municipalityNumber: '0301' })
    expect(hasReports).toMatchObject({ ok: false, code: 'participant_has_reports' })
    if (!hasReports.ok) expect(refusalStatus(hasReports)).toBe(409)
  })
})

describe('experience reports', () => {
  it('are written by buyers of participating municipalities, for their own participation', async () => {
    const stranger = await createBuyer('5001')
    expect(await write(stranger.viewer, joint)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await write(product.supplier.viewer, joint)).toMatchObject({ ok: false, code: 'forbidden' })
    const { experienceId } = must(await write(bergen.viewer, joint))
    expect((await getExperience(oslo.viewer, experienceId))?.municipality.number).toBe('4601')
  })

  it('validate ratings, dates and the ending section', async () => {
    const tomorrow = addDays(osloDate(now()), 1)
    expect(await write(bergen.viewer, joint, { reportDate: tomorrow })).toMatchObject({
      ok: false,
      fieldErrors: { reportDate: 'validation.experience.reportDateFuture' },
    })
    const bad = submit(
      ExperienceInput,
      experienceFields({
        ratingOverall: '',
        ratingIntegration: '6',
        recommendation: 'maybe',
        ended: 'on',
        endingReason: '',
        switchingCostNok: 'mye',
      }),
    )
    expect(bad).toMatchObject({
      ok: false,
      refusal: {
        fieldErrors: {
          ratingOverall: 'validation.experience.rating',
          ratingIntegration: 'validation.experience.rating',
          recommendation: 'validation.experience.recommendation',
          switchingCostNok: 'validation.experience.switchingCost',
        },
      },
    })
    const noReason = submit(ExperienceInput, experienceFields({ ended: 'on' }))
    expect(noReason).toMatchObject({
      ok: false,
      refusal: { fieldErrors: { endingReason: 'validation.experience.endingReasonRequired' } },
    })
    // Leftover ending values are dropped when the contract has not ended.
    const { experienceId } = must(
      await write(bergen.viewer, joint, { endingReason: 'other', switchingCostNok: '5000' }),
    )
    expect((await getExperience(bergen.viewer, experienceId))?.ending).toBeNull()
  })

  it('are drafts until published; only drafts are edited, only by their author', async () => {
    const { experienceId, status } = must(await write(bergen.viewer, joint, { publish: '', advice: 'Første utkast' }))
    expect(status).toBe('draft')
    const colleague = await createBuyer('4601')
    // To anyone but its author a draft does not exist.
    expect(await getExperienceAccess(colleague.viewer, experienceId)).toMatchObject({ ok: false, code: 'not_found' })
    const draft = await experienceAccess(bergen.viewer, experienceId)
    // Handed a draft's access anyway, the models still refuse.
    expect(await updateExperienceDraft(colleague.viewer, draft, experienceInput({ publish: '' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(await publishExperience(colleague.viewer, draft)).toMatchObject({ ok: false, code: 'forbidden' })
    must(await updateExperienceDraft(bergen.viewer, draft, experienceInput({ publish: '', advice: 'Andre utkast' })))
    const saved = await getExperience(bergen.viewer, experienceId)
    expect(saved).toMatchObject({ advice: 'Andre utkast', viewerCan: { edit: true } })
    expect(saved && experienceFormValues(saved)).toMatchObject({
      advice: 'Andre utkast',
      ratingOverall: '4',
      ratingIntegration: '',
    })
    expect(await getExperience(colleague.viewer, experienceId)).toBeNull()

    must(await publishExperience(bergen.viewer, draft))
    expect(await getExperience(colleague.viewer, experienceId)).toMatchObject({
      status: 'published',
      advice: 'Andre utkast',
    })
    const published = await experienceAccess(bergen.viewer, experienceId)
    const again = await updateExperienceDraft(bergen.viewer, published, experienceInput())
    expect(again).toMatchObject({ ok: false, code: 'not_editable' })
    if (!again.ok) expect(refusalStatus(again)).toBe(409)
    expect(await deleteExperienceDraft(bergen.viewer, published)).toMatchObject({ ok: false, code: 'not_editable' })
    const audit = await testDb()
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'experience_report')
      .where('target_id', '=', String(experienceId))
      .execute()
    // Every edit of a report is audited (issue 10): the draft edit (fields named, no values), then the publication.
    expect(audit.map((a) => a.action)).toEqual(['experience.updated', 'experience.published'])

    const { experienceId: discard } = must(await write(bergen.viewer, joint, { publish: '' }))
    must(await deleteExperienceDraft(bergen.viewer, await experienceAccess(bergen.viewer, discard)))
    expect(await getExperience(bergen.viewer, discard)).toBeNull()
  })

  it('close the participation when a published report says the contract ended', async () => {
    const own = must(
      await createProcurement(
        oslo.viewer,
        procurementInput({ phase: 'in_operation', productIds: [product.productId] }),
      ),
    ).procurementId
    must(
      await write(oslo.viewer, own, {
        ended: 'on',
        endingReason: 'contract_expired',
        switchingCostNok: '350 000',
        dataExported: 'yes',
      }),
    )
    const p = await read(oslo.viewer, own)
    expect(p.participants[0]?.phase).toBe('ended')
  })
})

describe('follow-up and my municipality', () => {
  it('marks a participation in pilot or operation due after six months without a new report, not when ended or planning', async () => {
    const horten = await createBuyer('3901')
    const today = osloDate(now())
    const make = async (title: string, phase: string, goLiveDate = today) =>
      must(await createProcurement(horten.viewer, procurementInput({ title, phase, goLiveDate }))).procurementId
    const pilot = await make('Pilot', 'pilot')
    const operation = await make('Drift', 'in_operation')
    const ended = await make('Avsluttet', 'ended')
    const planning = await make('Planlegging', 'planning')
    const reported = await make('Rapportert', 'in_operation')

    const overview = async () => (await getMyMunicipality(horten.viewer))!
    expect((await overview()).counts).toMatchObject({ led: 5, participating: 0, followUpDue: 0 })

    // Five months on, a report for one of them; six months and a day after go-live the others are due.
    advanceClock(150 * 86_400_000)
    must(await write(horten.viewer, reported, { reportDate: osloDate(now()) }))
    resetClock()
    const sixMonthsAndADay = new Date(`${addDays(addMonths(today, 6), 1)}T12:00:00Z`).getTime() - Date.now()
    advanceClock(sixMonthsAndADay)
    const later = await overview()
    const due = Object.fromEntries(later.procurements.items.map((i) => [i.procurementId, i.followUp.due]))
    expect(due).toEqual({ [pilot]: true, [operation]: true, [ended]: false, [planning]: false, [reported]: false })
    expect(later.counts.followUpDue).toBe(2)
    // Due ones first.
    expect(
      later.procurements.items
        .slice(0, 2)
        .map((i) => i.procurementId)
        .sort(),
    ).toEqual([pilot, operation].sort())
    expect(later.procurements.items.find((i) => i.procurementId === pilot)!.followUp.nextMilestone).toMatchObject({
      months: 12,
    })
    expect((await getMyMunicipality(horten.viewer, { dueOnly: true }))!.procurements.total).toBe(2)

    // A new report clears it.
    must(await write(horten.viewer, pilot, { reportDate: osloDate(now()) }))
    expect((await overview()).counts.followUpDue).toBe(1)
    // The detail page shows the flag to the municipality only.
    expect((await read(horten.viewer, operation)).participants[0]?.followUp?.due).toBe(true)
    expect((await read(oslo.viewer, operation)).participants[0]?.followUp).toBeNull()
  })

  it('lists led and joined procurements for buyers only', async () => {
    const mine = (await getMyMunicipality(bergen.viewer))!
    expect(mine.municipality).toMatchObject({ number: '4601', name: 'Bergen', populationBand: 'over_100000' })
    expect(mine.procurements.items.map((i) => [i.procurementId, i.role, i.lead.number])).toContainEqual([
      joint,
      'participant',
      '3909',
    ])
    for (const viewer of [
      null,
      coordinator.viewer,
      product.supplier.viewer,
      { ...bergen.viewer, status: 'pending' as const },
    ]) {
      expect(await getMyMunicipality(viewer)).toBeNull()
    }
  })
})
