import type { MessageKey } from '~/i18n'

// The one refusal type. A model (or a domain rule) answers a request it will not carry out with a Refusal value; the
// route hands it to `answerRefusal` (refusal.server.ts), which alone knows HTTP. Every refusal has a code, and every
// code belongs to exactly one kind: the kind decides the status, the code (or an explicit `message`) the text.

export type RefusalKind =
  'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'too_large' | 'unsupported_media_type' | 'rate_limited'

/** Field name → message key, translated in the component. */
export type FieldErrors = Partial<Record<string, MessageKey>>

const REFUSALS = {
  not_found: { kind: 'not_found', message: 'common.error.notFound' },
  forbidden: { kind: 'forbidden', message: 'common.error.forbidden' },
  invalid_input: { kind: 'invalid', message: 'common.formHasErrors' },
  // A request body that is not a form (JSON, XML, text), a form that cannot be parsed, or one over the size limit.
  unsupported_media_type: { kind: 'unsupported_media_type', message: 'common.error.unsupportedMediaType' },
  unreadable_form: { kind: 'invalid', message: 'common.error.unreadableForm' },
  request_too_large: { kind: 'too_large', message: 'common.error.requestTooLarge' },
  // Accounts. A rate limit says when to try again in `vars.minutes`; sign-up gives its own message.
  rate_limited: { kind: 'rate_limited', message: 'signIn.rateLimited' },
  already_decided: { kind: 'conflict', message: 'verify.alreadyDecided' },
  // The register (products, versions, assessment, dossier).
  rationale_required: { kind: 'invalid', message: 'assess.error.rationale_required' },
  criteria_incomplete: { kind: 'invalid', message: 'assess.error.criteria_incomplete' },
  unknown_criterion: { kind: 'invalid', message: 'assess.error.other' },
  not_applicable_not_allowed: { kind: 'invalid', message: 'assess.error.not_applicable_not_allowed' },
  criteria_not_met: { kind: 'invalid', message: 'assess.error.criteria_not_met' },
  benefit_already_documented: { kind: 'invalid', message: 'assess.error.benefit_already_documented' },
  no_unmet_criterion: { kind: 'invalid', message: 'assess.error.no_unmet_criterion' },
  valid_until_required: { kind: 'invalid', message: 'assess.error.valid_until_required' },
  valid_until_out_of_range: { kind: 'invalid', message: 'assess.error.valid_until_out_of_range' },
  empty_file: { kind: 'invalid', message: 'dossier.error.emptyFile' },
  illegal_transition: { kind: 'conflict', message: 'assess.error.illegal_transition' },
  not_editable: { kind: 'conflict', message: 'supplier.error.notEditable' },
  duplicate_version_label: { kind: 'conflict', message: 'versionForm.error.duplicateLabel' },
  // The facts an approval rests on change only by a new version, once the version has been submitted.
  approval_facts_locked: { kind: 'conflict', message: 'productForm.error.factsLocked' },
  file_too_large: { kind: 'too_large', message: 'dossier.error.tooLarge' },
  not_pdf: { kind: 'unsupported_media_type', message: 'dossier.error.notPdf' },
  // Procurements, experience, replies and moderation.
  already_replied: { kind: 'conflict', message: 'procurement.error.alreadyReplied' },
  already_participant: { kind: 'conflict', message: 'procurement.error.alreadyParticipant' },
  participant_has_reports: { kind: 'conflict', message: 'procurement.error.participantHasReports' },
  // Its benefit records are its own, written while it took part: removing it would leave them without a participation
  // (its buyers could no longer change or delete them).
  participant_has_benefits: { kind: 'conflict', message: 'procurement.error.participantHasBenefits' },
  cannot_remove_lead: { kind: 'conflict', message: 'procurement.error.cannotRemoveLead' },
  // A product that experience reports are about stays in its procurement (reports never move to another product).
  product_has_reports: { kind: 'conflict', message: 'procurement.error.productHasReports' },
  // Likewise a product that benefit records are about (they are their municipality's own).
  product_has_benefits: { kind: 'conflict', message: 'procurement.error.productHasBenefits' },
  // Consent: an invitation answered (or a participation left) in the meantime; a report published by a
  // municipality that no longer takes part.
  invitation_answered: { kind: 'conflict', message: 'procurement.error.invitationAnswered' },
  not_participating: { kind: 'conflict', message: 'procurement.error.notParticipating' },
  already_flagged: { kind: 'conflict', message: 'procurement.error.alreadyFlagged' },
  no_open_flags: { kind: 'conflict', message: 'moderation.error.no_open_flags' },
  not_hidden: { kind: 'conflict', message: 'moderation.error.not_hidden' },
} as const satisfies Record<string, { kind: RefusalKind; message: MessageKey }>

export type RefusalCode = keyof typeof REFUSALS

export type Refusal = {
  ok: false
  code: RefusalCode
  /** The text over the form, when the operation has a more precise one than the code's own. */
  message?: MessageKey
  vars?: Record<string, string | number>
  /** Field → message key, for the fields the user has to fix. */
  fieldErrors?: FieldErrors
  /** What the refusal is about beyond form fields (criterion codes, field paths), for callers and tests. */
  fields?: string[]
  /** For developers and logs, never shown. */
  detail?: string
}

export type Ok<T> = { ok: true; value: T }
export type Result<T> = Ok<T> | Refusal

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value })

export const refuse = (code: RefusalCode, extra: Omit<Refusal, 'ok' | 'code'> = {}): Refusal => ({
  ok: false,
  code,
  ...extra,
})

/** Invalid input with the field(s) to fix. */
export const invalidFields = (
  fieldErrors: FieldErrors,
  extra: Omit<Refusal, 'ok' | 'code' | 'fieldErrors'> = {},
): Refusal => refuse('invalid_input', { fields: Object.keys(fieldErrors), fieldErrors, ...extra })

export const refusalKind = (code: RefusalCode): RefusalKind => REFUSALS[code].kind

/** The message over the form for a refusal. */
export const refusalMessage = (refusal: Pick<Refusal, 'code' | 'message'>): MessageKey =>
  refusal.message ?? REFUSALS[refusal.code].message
