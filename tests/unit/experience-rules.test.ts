import { describe, expect, it } from 'vitest'
import {
  AGGREGATE_MIN_MUNICIPALITIES,
  RATING_DIMENSIONS,
  RATING_FIELDS,
  aggregateRatings,
  followUpStatus,
  isValidDoffinReference,
  meetsAggregateThreshold,
  normaliseDoffinReference,
  populationBand,
  procurementErrorStatus,
  type ProcurementErrorCode,
} from '../../app/domain/procurement-rules'
import { parseNok } from '../../app/domain/money'
import {
  canEditExperience,
  canEditParticipant,
  canEditProcurement,
  canReadExperienceText,
  canReply,
  canSeeAggregate,
  canSeeAuthor,
  canSeeCommercialTerms,
  canSeeInternalNotes,
  canViewExperience,
  experienceAudience,
} from '../../app/policy/experience'
import type { Viewer } from '../../app/policy/viewer'

const viewer = (role: Viewer['role'], extra: Partial<Viewer> = {}): Viewer => ({
  userId: 1,
  sessionId: 's',
  name: 'N',
  email: 'n@example.org',
  role,
  status: 'verified',
  organisationId: role === 'supplier' ? 10 : 20,
  organisationName: 'O',
  organisationKind: role === 'buyer' ? 'municipality' : role === 'supplier' ? 'supplier' : 'coordinating_body',
  organisationStatus: 'verified',
  municipalityNumber: role === 'buyer' ? '3909' : null,
  twoFactorEnabled: true,
  mustEnrolTwoFactor: false,
  ...extra,
})

describe('Doffin references', () => {
  it('accept the YYYY-NNNNNN notice id, also pasted as the notice address', () => {
    expect(isValidDoffinReference('2024-105432')).toBe(true)
    expect(isValidDoffinReference(normaliseDoffinReference(' https://doffin.no/notices/2024-105432 '))).toBe(true)
    expect(normaliseDoffinReference('2024 - 105432')).toBe('2024-105432')
    for (const bad of [
      '105432-2024',
      '2024-10543',
      '2024-1054321',
      '24-105432',
      '2024_105432',
      '1899-105432',
      'DOFFIN-2024-105432',
      '',
    ]) {
      expect(isValidDoffinReference(normaliseDoffinReference(bad)), bad).toBe(false)
    }
  })
})

describe('population bands', () => {
  it('put the boundaries in the upper band', () => {
    expect([0, 4_999, 5_000, 19_999, 20_000, 49_999, 50_000, 99_999, 100_000, 717_710].map(populationBand)).toEqual([
      'under_5000',
      'under_5000',
      '5000_20000',
      '5000_20000',
      '20000_50000',
      '20000_50000',
      '50000_100000',
      '50000_100000',
      'over_100000',
      'over_100000',
    ])
  })
})

describe('kroner', () => {
  it('parse with Norwegian thousands separators', () => {
    expect(parseNok('1 250 000')).toBe(1_250_000)
    expect(parseNok('1.250.000')).toBe(1_250_000)
    expect(parseNok('1\u00a0250\u00a0000 kr')).toBe(1_250_000)
    expect(parseNok('0')).toBe(0)
    for (const bad of ['1,5', '-3', 'mye', '', '1e6']) expect(parseNok(bad), bad).toBeNull()
  })
})

describe('follow-up', () => {
  const base = { goLiveDate: '2025-01-15', lastReportDate: null, joinedDate: '2024-11-01' }
  it('is due six months after the latest report or go-live, only in pilot and operation', () => {
    expect(followUpStatus({ ...base, phase: 'pilot', today: '2025-07-14' }).due).toBe(false)
    expect(followUpStatus({ ...base, phase: 'pilot', today: '2025-07-15' })).toMatchObject({
      due: true,
      dueFrom: '2025-07-15',
      lastActivityDate: '2025-01-15',
    })
    expect(followUpStatus({ ...base, phase: 'in_operation', today: '2026-01-01' }).due).toBe(true)
    for (const phase of ['planning', 'tendering', 'implementation', 'ended'] as const) {
      expect(followUpStatus({ ...base, phase, today: '2027-01-01' }), phase).toMatchObject({
        due: false,
        dueFrom: null,
      })
    }
    expect(
      followUpStatus({ ...base, phase: 'in_operation', lastReportDate: '2025-12-01', today: '2026-05-31' }).due,
    ).toBe(false)
    expect(
      followUpStatus({ ...base, phase: 'in_operation', lastReportDate: '2025-12-01', today: '2026-06-01' }).due,
    ).toBe(true)
    expect(followUpStatus({ ...base, phase: 'pilot', goLiveDate: null, today: '2025-05-01' })).toMatchObject({
      due: true,
      lastActivityDate: '2024-11-01',
    })
  })

  it('names the next 6/12/24-month checkpoint after go-live', () => {
    expect(followUpStatus({ ...base, phase: 'pilot', today: '2025-03-01' }).nextMilestone).toEqual({
      months: 6,
      date: '2025-07-15',
    })
    expect(followUpStatus({ ...base, phase: 'pilot', today: '2025-07-15' }).nextMilestone).toEqual({
      months: 12,
      date: '2026-01-15',
    })
    expect(followUpStatus({ ...base, phase: 'in_operation', today: '2027-02-01' }).nextMilestone).toBeNull()
  })
})

describe('aggregates', () => {
  it('need three municipalities for the public', () => {
    expect(AGGREGATE_MIN_MUNICIPALITIES).toBe(3)
    expect([0, 1, 2, 3, 4].map(meetsAggregateThreshold)).toEqual([false, false, false, true, true])
    expect(canSeeAggregate('public', 2)).toBe(false)
    expect(canSeeAggregate('public', 3)).toBe(true)
    expect(canSeeAggregate('buyer', 1)).toBe(true)
    expect(canSeeAggregate('own_supplier', 1)).toBe(true)
  })

  it('average each dimension over the reports that rated it', () => {
    const result = aggregateRatings([
      { ratings: { overall: 5, integration: 2 }, recommendation: 'yes' },
      { ratings: { overall: 4, integration: null }, recommendation: 'with_reservations' },
      { ratings: { overall: 2 }, recommendation: 'yes' },
    ])
    expect(result.dimensions.find((d) => d.dimension === 'overall')).toEqual({
      dimension: 'overall',
      mean: 3.67,
      count: 3,
    })
    expect(result.dimensions.find((d) => d.dimension === 'integration')).toEqual({
      dimension: 'integration',
      mean: 2,
      count: 1,
    })
    expect(result.dimensions.find((d) => d.dimension === 'value_for_money')).toEqual({
      dimension: 'value_for_money',
      mean: null,
      count: 0,
    })
    expect(result.recommendation).toEqual({
      yes: { count: 2, share: 0.667 },
      with_reservations: { count: 1, share: 0.333 },
      no: { count: 0, share: 0 },
    })
  })

  it('rate nine dimensions, each with a form field', () => {
    expect(RATING_DIMENSIONS).toHaveLength(9)
    expect(Object.keys(RATING_FIELDS)).toEqual([...RATING_DIMENSIONS])
  })
})

describe('errors', () => {
  it('map to HTTP statuses', () => {
    const expected: Record<ProcurementErrorCode, number> = {
      not_found: 404,
      forbidden: 403,
      invalid_input: 400,
      not_editable: 409,
      already_replied: 409,
      already_participant: 409,
      participant_has_reports: 409,
      cannot_remove_lead: 409,
      already_flagged: 409,
      no_open_flags: 409,
    }
    for (const [code, status] of Object.entries(expected))
      expect(procurementErrorStatus(code as ProcurementErrorCode), code).toBe(status)
  })
})

describe('experience policy', () => {
  const buyer = viewer('buyer')
  const otherBuyer = viewer('buyer', { userId: 2, municipalityNumber: '4601' })
  const supplier = viewer('supplier')
  const otherSupplier = viewer('supplier', { userId: 3, organisationId: 11 })
  const coordinator = viewer('coordinator')
  const admin = viewer('admin')
  const pendingBuyer = viewer('buyer', { status: 'pending' })
  const unverifiedMunicipality = viewer('buyer', { organisationStatus: 'pending' })
  const coordinatorWithoutTwoFactor = viewer('coordinator', { mustEnrolTwoFactor: true })

  it('follows the visibility table for every role', () => {
    // who, audience for a report on supplier 10's product, commercial terms (municipalities-only, public), author, lead notes of 3909
    const table: Array<[string, Viewer | null, string, boolean, boolean, boolean, boolean]> = [
      ['visitor', null, 'public', false, true, false, false],
      ['pending buyer', pendingBuyer, 'public', false, true, false, false],
      ['buyer of an unverified municipality', unverifiedMunicipality, 'public', false, true, false, false],
      ['buyer', buyer, 'buyer', true, true, true, true],
      ['buyer of another municipality', otherBuyer, 'buyer', true, true, true, false],
      ['own supplier', supplier, 'own_supplier', false, false, false, false],
      ['other supplier', otherSupplier, 'public', false, false, false, false],
      ['coordinator', coordinator, 'coordinator', true, true, true, false],
      ['admin', admin, 'coordinator', true, true, true, false],
      ['coordinator without two-factor', coordinatorWithoutTwoFactor, 'public', false, true, false, false],
    ]
    for (const [who, v, audience, termsPrivate, termsPublic, author, notes] of table) {
      const a = experienceAudience(v, [10])
      expect(a, who).toBe(audience)
      expect(canSeeCommercialTerms(v, 'municipalities'), who).toBe(termsPrivate)
      expect(canSeeCommercialTerms(v, 'public'), who).toBe(termsPublic)
      expect(canSeeAuthor(a), who).toBe(author)
      expect(canSeeInternalNotes(v, '3909'), who).toBe(notes)
      expect(canReadExperienceText(a), who).toBe(audience !== 'public')
    }
  })

  it('keeps drafts to their author and hidden reports to coordinators and the author', () => {
    const draft = { status: 'draft' as const, hidden: false, authorUserId: buyer.userId }
    expect(canViewExperience(buyer, 'buyer', draft)).toBe(true)
    expect(canViewExperience(otherBuyer, 'buyer', draft)).toBe(false)
    expect(canViewExperience(coordinator, 'coordinator', draft)).toBe(false)
    const hidden = { status: 'published' as const, hidden: true, authorUserId: buyer.userId }
    expect(canViewExperience(buyer, 'buyer', hidden)).toBe(true)
    expect(canViewExperience(otherBuyer, 'buyer', hidden)).toBe(false)
    expect(canViewExperience(supplier, 'own_supplier', hidden)).toBe(false)
    expect(canViewExperience(coordinator, 'coordinator', hidden)).toBe(true)
    expect(canViewExperience(null, 'public', { ...hidden, hidden: false })).toBe(false)
    expect(canEditExperience(buyer, { status: 'draft', authorUserId: 1, municipalityNumber: '3909' })).toBe(true)
    expect(canEditExperience(buyer, { status: 'published', authorUserId: 1, municipalityNumber: '3909' })).toBe(false)
  })

  it('gives edit rights to the lead for the procurement and to each municipality for its own participation', () => {
    expect(canEditProcurement(buyer, { leadMunicipalityNumber: '3909' })).toBe(true)
    expect(canEditProcurement(otherBuyer, { leadMunicipalityNumber: '3909' })).toBe(false)
    expect(canEditProcurement(coordinator, { leadMunicipalityNumber: '3909' })).toBe(false)
    expect(canEditProcurement(pendingBuyer, { leadMunicipalityNumber: '3909' })).toBe(false)
    expect(canEditParticipant(otherBuyer, { municipalityNumber: '4601' })).toBe(true)
    expect(canEditParticipant(buyer, { municipalityNumber: '4601' })).toBe(false)
  })

  it('lets only the rated product’s supplier reply, to published and visible reports', () => {
    const published = { status: 'published' as const, hidden: false }
    expect(canReply(supplier, [10], published)).toBe(true)
    expect(canReply(otherSupplier, [10], published)).toBe(false)
    expect(canReply(buyer, [10], published)).toBe(false)
    expect(canReply(supplier, [10], { ...published, hidden: true })).toBe(false)
    expect(canReply(supplier, [10], { status: 'draft', hidden: false })).toBe(false)
  })
})
