import { describe, expect, it } from 'vitest'
import { approvalLabel, unassessedNewerVersion, type VersionForLabel } from '../../app/domain/approval-label'
import {
  VERSION_STATES,
  allowedTransitions,
  checkTransition,
  isDossierEditableBySupplier,
  isEditableBySupplier,
} from '../../app/domain/approval-workflow'
import {
  ASSESSMENT_OUTCOMES,
  checkDecisionFields,
  validateDecision,
  validateWithdrawal,
  type CriterionDefinition,
  type DecisionDraft,
} from '../../app/domain/assessment'
import { refuse } from '../../app/utils/refusal'
import { refusalStatus } from '../../app/utils/refusal.server'
import { addMonths, osloDate } from '../../app/domain/dates'
import { allMet } from '../helpers/register-fixtures'

// The criteria as the migration defines them.
const criteria: CriterionDefinition[] = [
  { code: 'interoperability', mandatory: true, notApplicableAllowed: false },
  { code: 'information_security', mandatory: true, notApplicableAllowed: false },
  { code: 'privacy', mandatory: true, notApplicableAllowed: false },
  { code: 'documented_benefit', mandatory: true, notApplicableAllowed: false },
  { code: 'ce_mdr_conformity', mandatory: true, notApplicableAllowed: true },
  { code: 'universal_design', mandatory: false, notApplicableAllowed: true },
]

const decision = (draft: Partial<DecisionDraft>): DecisionDraft => ({
  outcome: 'approved',
  rationale: 'Alle obligatoriske kriterier er oppfylt.',
  results: allMet(),
  ...draft,
})

describe('approval workflow transitions', () => {
  it('lets the supplier submit only a draft or a version changes were requested for', () => {
    const legal = VERSION_STATES.filter((s) => checkTransition(s, 'submitted', 'supplier').ok)
    expect(legal.sort()).toEqual(['changes_requested', 'draft'])
    for (const s of [
      'submitted',
      'in_review',
      'approved',
      'provisionally_approved',
      'rejected',
      'withdrawn',
      'expired',
    ] as const) {
      expect(checkTransition(s, 'submitted', 'supplier')).toMatchObject({ ok: false, code: 'illegal_transition' })
    }
  })

  it('gives each actor only its own steps', () => {
    expect(allowedTransitions('draft', 'supplier')).toEqual(['submitted'])
    expect(allowedTransitions('draft', 'coordinator')).toEqual([])
    expect(allowedTransitions('submitted', 'coordinator')).toEqual(['in_review'])
    expect(allowedTransitions('submitted', 'supplier')).toEqual([])
    expect(allowedTransitions('in_review', 'coordinator').sort()).toEqual(
      ['approved', 'changes_requested', 'provisionally_approved', 'rejected'].sort(),
    )
    expect(allowedTransitions('in_review', 'supplier')).toEqual([])
    expect(allowedTransitions('approved', 'coordinator')).toEqual(['withdrawn'])
    expect(allowedTransitions('provisionally_approved', 'coordinator').sort()).toEqual(['approved', 'withdrawn'])
    expect(allowedTransitions('approved', 'system')).toEqual(['expired'])
    expect(allowedTransitions('approved', 'supplier')).toEqual([])
  })

  it('refuses deciding without a review, reviving rejected versions and expiring by hand', () => {
    expect(checkTransition('submitted', 'approved', 'coordinator').ok).toBe(false)
    expect(checkTransition('draft', 'in_review', 'coordinator').ok).toBe(false)
    expect(checkTransition('rejected', 'submitted', 'supplier').ok).toBe(false)
    expect(checkTransition('withdrawn', 'approved', 'coordinator').ok).toBe(false)
    expect(checkTransition('expired', 'approved', 'coordinator').ok).toBe(false)
    expect(checkTransition('approved', 'expired', 'coordinator').ok).toBe(false)
    expect(checkTransition('in_review', 'withdrawn', 'coordinator').ok).toBe(false)
    expect(checkTransition('in_review', 'approved', 'coordinator')).toEqual({ ok: true, value: 'approved' })
  })

  it('locks a version once submitted; the dossier stays open while a provisional approval waits for evidence', () => {
    expect(VERSION_STATES.filter(isEditableBySupplier).sort()).toEqual(['changes_requested', 'draft'])
    expect(VERSION_STATES.filter(isDossierEditableBySupplier).sort()).toEqual([
      'changes_requested',
      'draft',
      'provisionally_approved',
    ])
  })

  it('maps refusals to HTTP statuses', () => {
    const status = (code: Parameters<typeof refuse>[0]) => refusalStatus(refuse(code))
    expect(status('illegal_transition')).toBe(409)
    expect(status('not_editable')).toBe(409)
    expect(status('duplicate_version_label')).toBe(409)
    expect(status('criteria_not_met')).toBe(400)
    expect(status('not_found')).toBe(404)
    expect(status('forbidden')).toBe(403)
    expect(status('not_pdf')).toBe(415)
    expect(status('file_too_large')).toBe(413)
  })

  it('lets a coordinator decide exactly the assessment outcomes on a version under review', () => {
    expect(allowedTransitions('in_review', 'coordinator').sort()).toEqual([...ASSESSMENT_OUTCOMES].sort())
  })

  it('requires a rationale for a withdrawal and an approval to withdraw', () => {
    expect(validateWithdrawal('approved', '  ')).toMatchObject({ ok: false, code: 'rationale_required' })
    expect(validateWithdrawal('draft', 'Grunn')).toMatchObject({ ok: false, code: 'illegal_transition' })
    expect(validateWithdrawal('provisionally_approved', 'Grunn').ok).toBe(true)
  })
})

describe('decision validation', () => {
  it('approves for three years when every mandatory criterion is met (CE/MDR may be not applicable)', () => {
    expect(validateDecision(decision({}), criteria, '2026-11-23')).toEqual({
      ok: true,
      value: { validUntil: '2029-11-23' },
    })
    // 29 February plus three years is the last day of February.
    expect(validateDecision(decision({}), criteria, '2028-02-29')).toEqual({
      ok: true,
      value: { validUntil: '2031-02-28' },
    })
  })

  it('refuses approval when a mandatory criterion is not met', () => {
    const result = validateDecision(
      decision({ results: allMet({ information_security: 'not_met' }) }),
      criteria,
      '2026-11-23',
    )
    expect(result).toMatchObject({
      ok: false,
      code: 'criteria_not_met',
      fields: ['information_security'],
      // The refusal names the form fields to fix, with its message, so routes map nothing.
      fieldErrors: { result_information_security: 'assess.error.criteria_not_met' },
    })
    const two = validateDecision(
      decision({ results: allMet({ privacy: 'not_met', ce_mdr_conformity: 'not_met' }) }),
      criteria,
      '2026-11-23',
    )
    expect(two).toMatchObject({ ok: false, code: 'criteria_not_met', fields: ['privacy', 'ce_mdr_conformity'] })
  })

  it('lets a non-mandatory criterion fall short without blocking approval', () => {
    expect(
      validateDecision(decision({ results: allMet({ universal_design: 'not_met' }) }), criteria, '2026-11-23').ok,
    ).toBe(true)
  })

  it('allows "not applicable" only where the criterion allows it', () => {
    expect(
      validateDecision(decision({ results: allMet({ privacy: 'not_applicable' }) }), criteria, '2026-11-23'),
    ).toMatchObject({
      ok: false,
      code: 'not_applicable_not_allowed',
      fields: ['privacy'],
    })
  })

  it('requires a result for every criterion, once, and only known criteria', () => {
    const missing = allMet().filter((r) => r.criterionCode !== 'privacy')
    expect(validateDecision(decision({ results: missing }), criteria, '2026-11-23')).toMatchObject({
      ok: false,
      code: 'criteria_incomplete',
      fields: ['privacy'],
    })
    expect(
      validateDecision(
        decision({ results: [...allMet(), { criterionCode: 'price', result: 'met' }] }),
        criteria,
        '2026-11-23',
      ),
    ).toMatchObject({
      ok: false,
      code: 'unknown_criterion',
    })
    expect(
      validateDecision(
        decision({ results: [...allMet(), { criterionCode: 'privacy', result: 'met' }] }),
        criteria,
        '2026-11-23',
      ),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
    })
  })

  it('requires a published rationale', () => {
    expect(validateDecision(decision({ rationale: '   ' }), criteria, '2026-11-23')).toMatchObject({
      ok: false,
      code: 'rationale_required',
      fieldErrors: { rationale: 'assess.error.rationale_required' },
    })
  })

  it('grants provisional approval only while documented benefit is missing, for at most 12 months', () => {
    const provisional = (validUntil: string | null, results = allMet({ documented_benefit: 'not_met' })) =>
      validateDecision(decision({ outcome: 'provisionally_approved', validUntil, results }), criteria, '2026-11-23')
    expect(provisional('2027-05-23')).toEqual({ ok: true, value: { validUntil: '2027-05-23' } })
    expect(provisional('2027-11-23')).toEqual({ ok: true, value: { validUntil: '2027-11-23' } })
    expect(provisional('2027-11-24')).toMatchObject({ ok: false, code: 'valid_until_out_of_range' })
    expect(provisional('2028-06-01')).toMatchObject({ ok: false, code: 'valid_until_out_of_range' })
    expect(provisional('2026-11-23')).toMatchObject({ ok: false, code: 'valid_until_out_of_range' })
    expect(provisional('2027-02-30')).toMatchObject({ ok: false, code: 'valid_until_out_of_range' })
    expect(provisional(null)).toMatchObject({
      ok: false,
      code: 'valid_until_required',
      fieldErrors: { validUntil: 'assess.error.valid_until_required' },
    })
    expect(provisional('2027-05-23', allMet())).toMatchObject({ ok: false, code: 'benefit_already_documented' })
    expect(provisional('2027-05-23', allMet({ documented_benefit: 'not_met', privacy: 'not_met' }))).toMatchObject({
      ok: false,
      code: 'criteria_not_met',
      fields: ['privacy'],
    })
  })

  it("names the criteria and the end date to fix in one refusal, keeping the first rule's code", () => {
    expect(
      validateDecision(
        decision({ outcome: 'provisionally_approved', validUntil: null, results: allMet({ privacy: 'not_met' }) }),
        criteria,
        '2026-11-23',
      ),
    ).toMatchObject({
      ok: false,
      code: 'benefit_already_documented',
      fieldErrors: {
        result_documented_benefit: 'assess.error.benefit_already_documented',
        validUntil: 'assess.error.valid_until_required',
      },
    })
    // Without a readable outcome (a form the schema refused) only the rules for every outcome apply.
    const missing = allMet().filter((r) => r.criterionCode !== 'privacy')
    expect(checkDecisionFields({ results: missing, validUntil: null }, criteria, '2026-11-23')).toMatchObject({
      ok: false,
      code: 'criteria_incomplete',
      fieldErrors: { result_privacy: 'assess.error.criteria_incomplete' },
    })
    expect(checkDecisionFields({ results: allMet({ privacy: 'not_met' }) }, criteria, '2026-11-23')).toEqual({
      ok: true,
      value: { validUntil: null },
    })
  })

  it('requires a change request or rejection to name at least one criterion not met', () => {
    expect(validateDecision(decision({ outcome: 'rejected' }), criteria, '2026-11-23')).toMatchObject({
      ok: false,
      code: 'no_unmet_criterion',
    })
    expect(
      validateDecision(
        decision({ outcome: 'changes_requested', results: allMet({ privacy: 'not_met' }) }),
        criteria,
        '2026-11-23',
      ),
    ).toEqual({
      ok: true,
      value: { validUntil: null },
    })
  })
})

describe('dates', () => {
  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23')
    expect(addMonths('2026-12-15', -12)).toBe('2025-12-15')
  })

  it('uses the Norwegian calendar date', () => {
    // 23:30 UTC on 31 December is already 1 January in Oslo.
    expect(osloDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(osloDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30')
  })
})

describe('public approval label', () => {
  const today = '2026-11-23'
  const v = (
    id: number,
    label: string,
    state: VersionForLabel['state'],
    validUntil: string | null = null,
    decidedAt: string | null = null,
  ): VersionForLabel => ({
    id,
    label,
    state,
    validUntil,
    decidedAt,
  })

  it('says approved when the newest version is approved', () => {
    expect(approvalLabel([v(1, '1.0', 'approved', '2028-01-01')], today)).toEqual({
      status: 'approved',
      approvedVersion: '1.0',
      approvedVersionId: 1,
      validUntil: '2028-01-01',
      newestAssessed: true,
      newestVersion: '1.0',
    })
  })

  it('says "approved version X; newest not yet assessed" when a newer version awaits assessment', () => {
    const label = approvalLabel([v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'submitted')], today)
    expect(label).toMatchObject({
      status: 'approved',
      approvedVersion: '1.0',
      newestAssessed: false,
      newestVersion: '2.0',
    })
    expect(
      approvalLabel([v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'changes_requested')], today),
    ).toMatchObject({
      newestAssessed: false,
    })
  })

  it('never reveals drafts or rejected versions in the label', () => {
    expect(approvalLabel([v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'draft')], today)).toMatchObject({
      newestAssessed: true,
      newestVersion: '1.0',
    })
    expect(approvalLabel([v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'rejected')], today)).toMatchObject({
      newestAssessed: true,
      newestVersion: '1.0',
    })
  })

  it('says how an approval ended, never "approved", once it was withdrawn or ran out', () => {
    // Ran out yesterday, before the nightly expiry marked it: expired on its last day.
    expect(approvalLabel([v(1, '1.0', 'approved', '2026-11-22')], today)).toEqual({
      status: 'expired',
      version: '1.0',
      versionId: 1,
      endedAt: '2026-11-22',
    })
    expect(approvalLabel([v(1, '1.0', 'approved', '2026-11-23')], today).status).toBe('approved')
    expect(approvalLabel([v(1, '1.0', 'expired', '2026-10-01')], today)).toMatchObject({
      status: 'expired',
      endedAt: '2026-10-01',
    })
    // The newest version that was on the public register decides; drafts and rejections after it change nothing.
    const withdrawnAt = '2026-11-02T10:00:00.000Z'
    expect(
      approvalLabel(
        [v(1, '1.0', 'expired', '2026-10-01'), v(2, '1.1', 'withdrawn', null, withdrawnAt), v(3, '2.0', 'draft')],
        today,
      ),
    ).toEqual({ status: 'withdrawn', version: '1.1', versionId: 2, endedAt: withdrawnAt })
    expect(
      approvalLabel([v(1, '1.0', 'withdrawn', null, withdrawnAt), v(2, '1.1', 'expired', '2026-11-20')], today),
    ).toMatchObject({ status: 'expired', version: '1.1' })
    // A current approval of another version wins.
    expect(
      approvalLabel([v(1, '1.0', 'withdrawn', null, withdrawnAt), v(2, '2.0', 'approved', '2028-01-01')], today).status,
    ).toBe('approved')
  })

  it('is not approved when the product never was', () => {
    expect(approvalLabel([v(1, '1.0', 'in_review')], today)).toEqual({ status: 'not_approved' })
    expect(approvalLabel([v(1, '1.0', 'rejected'), v(2, '1.1', 'draft')], today)).toEqual({ status: 'not_approved' })
    expect(approvalLabel([], today)).toEqual({ status: 'not_approved' })
  })

  it('shows the newest current approval, provisional included', () => {
    expect(
      approvalLabel(
        [v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'provisionally_approved', '2027-05-01')],
        today,
      ),
    ).toMatchObject({
      status: 'provisionally_approved',
      approvedVersion: '2.0',
      newestAssessed: true,
    })
  })

  it('names the version "not yet assessed" for a viewer from the versions it may see', () => {
    const versions = [v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'draft')]
    const label = approvalLabel(versions, today)
    // The supplier and the coordinators see the draft; the public sees only the approved version.
    expect(unassessedNewerVersion(label, versions)).toBe('2.0')
    expect(unassessedNewerVersion(label, [versions[0]!])).toBeNull()
    // A submitted newer version is in the public label itself.
    const submitted = [v(1, '1.0', 'approved', '2028-01-01'), v(2, '2.0', 'submitted')]
    expect(unassessedNewerVersion(approvalLabel(submitted, today), [submitted[0]!])).toBe('2.0')
    // An older unassessed version, a concluded newer one, or no approval: nothing to say.
    expect(unassessedNewerVersion(label, [v(0, '0.9', 'draft'), versions[0]!])).toBeNull()
    expect(unassessedNewerVersion(label, [versions[0]!, v(3, '3.0', 'rejected')])).toBeNull()
    expect(unassessedNewerVersion({ status: 'not_approved' }, versions)).toBeNull()
    expect(
      unassessedNewerVersion({ status: 'withdrawn', version: '1.0', versionId: 1, endedAt: today }, versions),
    ).toBeNull()
  })
})
