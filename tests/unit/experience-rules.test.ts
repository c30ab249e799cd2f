import { describe, expect, it } from 'vitest'
import {
  AGGREGATE_MIN_MUNICIPALITIES,
  aggregateRatings,
  meetsAggregateThreshold,
  publicFigureCandidates,
} from '../../app/domain/experience-aggregates'
import { parseNok } from '../../app/domain/money'
import { populationBand } from '../../app/domain/population-bands'
import {
  RATING_DIMENSIONS,
  RATING_FIELDS,
  followUpStatus,
  isValidDoffinReference,
  normaliseDoffinReference,
} from '../../app/domain/procurement-rules'
import {
  aggregateSource,
  canEditExperience,
  canEditParticipant,
  canEditProcurement,
  canFlag,
  canReadExperienceText,
  canReply,
  canSeeAuthorName,
  canSeeCommercialTerms,
  canSeeInternalNotes,
  canViewExperience,
  experienceAudience,
} from '../../app/policy/experience'
import type { Viewer } from '../../app/policy/viewer'
import type { RefusalCode } from '../../app/utils/refusal'
import { refusalStatus } from '../../app/utils/refusal.server'

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
  it('need three municipalities for the public, who get the published figures; readers get the live ones', () => {
    expect(AGGREGATE_MIN_MUNICIPALITIES).toBe(3)
    expect([0, 1, 2, 3, 4].map(meetsAggregateThreshold)).toEqual([false, false, false, true, true])
    expect(aggregateSource('public')).toBe('published')
    expect(aggregateSource('buyer')).toBe('live')
    expect(aggregateSource('own_supplier')).toBe('live')
    expect(aggregateSource('coordinator')).toBe('live')
  })

  it('give the public coarse figures without counts', () => {
    const report = (id: number, overall: number, recommendation: 'yes' | 'no') => ({
      id,
      municipalityNumber: String(1000 + id),
      ratings: { overall },
      recommendation,
    })
    const figures = publicFigureCandidates([
      report(1, 5, 'yes'),
      report(2, 4, 'yes'),
      report(3, 1, 'no'),
      report(4, 3, 'yes'),
    ])
    const value = (figure: string) => figures.find((f) => f.figure === figure)?.value
    expect(value('overall')).toBe(3.3)
    expect(value('recommendation_yes')).toBe(0.8)
    expect(value('recommendation_with_reservations')).toBe(0)
    expect(value('recommendation_no')).toBe(0.3)
    // A rating nobody gave is no figure at all.
    expect(value('integration')).toBeUndefined()
    expect(JSON.stringify(figures)).not.toMatch(/count/)
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

describe('refusals of procurements, experience and moderation', () => {
  it('map to HTTP statuses in the one place that knows HTTP', () => {
    const expected: Partial<Record<RefusalCode, number>> = {
      not_found: 404,
      forbidden: 403,
      invalid_input: 400,
      not_editable: 409,
      already_replied: 409,
      already_participant: 409,
      participant_has_reports: 409,
      participant_has_benefits: 409,
      cannot_remove_lead: 409,
      already_flagged: 409,
      no_open_flags: 409,
    }
    for (const [code, status] of Object.entries(expected))
      expect(refusalStatus({ code: code as RefusalCode }), code).toBe(status)
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
      expect(canSeeAuthorName(v), who).toBe(author)
      expect(canSeeInternalNotes(v, '3909'), who).toBe(notes)
      expect(canReadExperienceText(a), who).toBe(audience !== 'public')
    }
  })

  it('keeps drafts to their author and hidden reports to coordinators and the author', () => {
    const draft = { status: 'draft' as const, hidden: false, authorUserId: buyer.userId, supplierOrganisationIds: [10] }
    expect(canViewExperience(buyer, draft)).toBe(true)
    expect(canViewExperience(otherBuyer, draft)).toBe(false)
    expect(canViewExperience(coordinator, draft)).toBe(false)
    const hidden = { ...draft, status: 'published' as const, hidden: true }
    expect(canViewExperience(buyer, hidden)).toBe(true)
    expect(canViewExperience(otherBuyer, hidden)).toBe(false)
    expect(canViewExperience(supplier, hidden)).toBe(false)
    expect(canViewExperience(coordinator, hidden)).toBe(true)
    const visible = { ...hidden, hidden: false }
    expect(canViewExperience(null, visible)).toBe(false)
    expect(canViewExperience(supplier, visible)).toBe(true)
    expect(canViewExperience(otherSupplier, visible)).toBe(false)
    expect(canEditExperience(buyer, { status: 'draft', authorUserId: 1, municipalityNumber: '3909' })).toBe(true)
    expect(canEditExperience(buyer, { status: 'published', authorUserId: 1, municipalityNumber: '3909' })).toBe(false)
  })

  it('gives edit rights to the lead for the procurement and to each municipality for its own participation', () => {
    expect(canEditProcurement(buyer, { leadMunicipalityNumber: '3909' })).toBe(true)
    expect(canEditProcurement(otherBuyer, { leadMunicipalityNumber: '3909' })).toBe(false)
    expect(canEditProcurement(coordinator, { leadMunicipalityNumber: '3909' })).toBe(false)
    expect(canEditProcurement(pendingBuyer, { leadMunicipalityNumber: '3909' })).toBe(false)
    expect(canEditParticipant(otherBuyer, { municipalityNumber: '4601', status: 'accepted' })).toBe(true)
    expect(canEditParticipant(buyer, { municipalityNumber: '4601', status: 'accepted' })).toBe(false)
    // An invited municipality edits nothing until it accepts.
    expect(canEditParticipant(otherBuyer, { municipalityNumber: '4601', status: 'invited' })).toBe(false)
  })

  it('lets only the rated product’s supplier reply, to published and visible reports', () => {
    const published = { status: 'published' as const, hidden: false, authorUserId: 1, supplierOrganisationIds: [10] }
    expect(canReply(supplier, published)).toBe(true)
    expect(canReply(otherSupplier, published)).toBe(false)
    expect(canReply(buyer, published)).toBe(false)
    expect(canReply(supplier, { ...published, hidden: true })).toBe(false)
    expect(canReply(supplier, { ...published, status: 'draft' })).toBe(false)
  })

  it('lets no one flag their own content, nor hidden content or drafts', () => {
    const report = { status: 'published' as const, hidden: false, authorUserId: otherBuyer.userId }
    expect(canFlag(buyer, report)).toBe(true)
    expect(canFlag(coordinator, report)).toBe(true)
    expect(canFlag(otherBuyer, report)).toBe(false)
    expect(canFlag(null, report)).toBe(false)
    expect(canFlag(buyer, { ...report, hidden: true })).toBe(false)
    expect(canFlag(buyer, { ...report, status: 'draft' })).toBe(false)
    const reply = { supplierOrganisationId: supplier.organisationId, hidden: false }
    expect(canFlag(buyer, reply)).toBe(true)
    expect(canFlag(otherSupplier, reply)).toBe(true)
    expect(canFlag(supplier, reply)).toBe(false)
  })
})
