import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BenefitInput, MeasurementInput } from '../../app/forms/benefit'
import { addMeasurement, createBenefit, getBenefitRef } from '../../app/models/benefits.server'
import { addAttachment, saveDossierSection } from '../../app/models/dossier.server'
import { createExperience } from '../../app/models/experiences.server'
import { flagContent } from '../../app/models/moderation.server'
import { acceptInvitation } from '../../app/models/procurement-participants.server'
import { createProcurement } from '../../app/models/procurements.server'
import type { Viewer } from '../../app/policy/viewer'
import { createReply } from '../../app/models/replies.server'
import { hashPassword } from '../../app/utils/password.server'
import { currentTotpCode } from '../../app/utils/totp.server'
import { appRequest } from './app'
import { createUser, randomOrgNumber, sessionFor, TEST_PASSWORD } from './accounts'
import { testDb } from './db'
import {
  experienceFields,
  experienceInput,
  must,
  procurementAccess,
  procurementFields,
  procurementInput,
} from './experience-fixtures'
import {
  allMet,
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
} from './register-fixtures'

// The form actions of app/routes.ts (every route with an action, every intent it switches on), each with a valid
// submission, the roles that may post it and its text, date and period fields, and the fixtures they act on.
// Shared by tests/routes/fuzz-input.test.ts (hand-written malformed input) and fuzz-properties.test.ts (fast-check).

export const roles = [
  'visitor',
  'partial',
  'pending',
  'buyer',
  'otherBuyer',
  'supplier',
  'otherSupplier',
  'coordinator',
  'admin',
] as const
export type Role = (typeof roles)[number]
export const signedIn: Role[] = roles.filter((r) => r !== 'visitor' && r !== 'partial')
export const staff: Role[] = ['coordinator', 'admin']

// What the app must refuse (app/utils/fields.ts), written out again here so that narrowing the app's list fails.
export const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/
export const NUL_ONLY = '\u0000\u0000\u0000'
/** Appended to a valid value: the right-to-left override and isolates, marks, BEL, ESC, DEL, form feed. */
export const HIDDEN = '\u202Eslett\u202C \u2066x\u2069\u200F\u200E\u0007\u001B\u007F\u000C'

export type Value = string | string[] | File
export type Form = Record<string, Value>

export type Fixtures = {
  pendingMembers: number[]
  pendingUsers: number[]
  pendingOrganisations: number[]
  spareCoordinator: number
  spareBuyer: number
  approvedProductId: number
  draftProductId: number
  draftVersionId: number
  submitVersionId: number
  submittedVersionId: number
  inReviewVersionId: number
  withdrawVersionId: number
  sectionId: number
  attachmentId: number
  procurementId: number
  /** Procurements led by the buyer (3909) that invite the other buyer's municipality (4601): one to accept, one to
   * decline; and one it has accepted, to leave. */
  acceptProcurementId: number
  declineProcurementId: number
  leaveProcurementId: number
  repliedExperienceId: number
  flaggedExperienceId: number
  replyId: number
  draftSaveId: number
  draftPublishId: number
  draftDeleteId: number
  totpKey: Uint8Array
  signInEmail: string
  updateBenefitId: number
  measureBenefitId: number
  measurementId: number
  deleteBenefitId: number
}

export type Target = {
  /** The route file (app/routes.ts) and the intent (the `intent` field the action switches on). */
  route: string
  intent?: string
  path: (f: Fixtures) => string
  /** Who may post it: each gets every mutation and must get the field's own message. */
  roles: Role[]
  /** A valid submission (a function: some values must be new each time). */
  form: (f: Fixtures) => Form
  /** Text fields: each tried with NUL only, and with control characters after a valid value. */
  text?: string[]
  /** Date fields and the message a date in 1800 or 2999 must get. */
  dates?: Record<string, string>
  /** Start and end fields of a period: an end before the start must get this message. */
  period?: { start: string; end: string; message: string }
  /** The action does not read the body (JSON is not refused there). */
  ignoresBody?: boolean
  /** The valid submission, posted once by roles[0] at the end, succeeds (a redirect). */
  succeeds?: boolean
}

/** A verified buyer accepts its municipality's invitation to the procurement (through the model). */
async function acceptInvitationOf(viewer: Viewer, procurementId: number) {
  must(await acceptInvitation(viewer, await procurementAccess(procurementId)))
  return procurementAccess(procurementId)
}

let counter = 0
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`
const PDF = new TextEncoder().encode(
  '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)
const completeApproval = {
  outcome: 'approved',
  rationale: 'Alle kriterier er oppfylt etter gjennomgang.',
  validUntil: '',
  ...Object.fromEntries(
    allMet().flatMap((r) => [
      [`result_${r.criterionCode}`, r.result],
      [`comment_${r.criterionCode}`, r.comment],
    ]),
  ),
}
export const asForm = (fields: Record<string, unknown>): Form =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v ?? '')]))
export const password = 'et langt nok passord 42'

let tilsyn: number
const productForm = (name: string): Form => ({
  name,
  categoryId: String(tilsyn),
  shortDescription: 'Digitalt tilsyn om natten med sensorer.',
  description: 'Sensorer varsler nattevakten.\nFlere linjer\tmed tabulator er lov.',
  intendedUsers: 'Beboere og nattevakter.',
  website: 'https://fuzz.example',
  mdrClass: 'none',
  ceMarked: 'on',
  intendedUse: 'professional',
  standards: 'HL7 FHIR R4',
  dataStorageLocation: 'Norge',
  dpiaTemplateAvailable: 'on',
  dpaAvailable: 'on',
  universalDesign: 'WCAG 2.1 AA.',
  priceModel: 'Månedsleie.',
  careSettings: ['home_care'],
  integrations: ['hl7_fhir'],
})
const productText = [
  'name',
  'shortDescription',
  'description',
  'intendedUsers',
  'website',
  'dataStorageLocation',
  'universalDesign',
  'priceModel',
  'standards',
]
const procurementText = [
  'title',
  'need',
  'replacesPractice',
  'supplierName',
  'priceTerms',
  'internalNotes',
  'productNames',
]
const contractDates = { contractStart: 'validation.dateRange', contractEnd: 'validation.dateRange' }
const contractPeriod = {
  start: 'contractStart',
  end: 'contractEnd',
  message: 'validation.procurement.contractPeriod',
}
const goLive = { goLiveDate: 'validation.procurement.goLiveDate' }
const benefitForm = (): Form => ({
  category: 'quality',
  area: '5',
  beneficiary: 'relatives',
  indicator: 'custom',
  customIndicator: 'Leteaksjoner etter savnede',
  customUnit: 'per måned',
  hoursPerUnit: '',
  concernsCount: '12',
  productId: '',
  description: 'Færre leteaksjoner med GPS.',
})
const signUpBase = () => ({
  name: 'Kari Nordmann',
  email: `ny-${unique()}@fuzz.example`,
  password,
  confirmPassword: password,
})

export const targets: Target[] = [
  {
    route: 'routes/sign-in.tsx',
    path: () => '/logg-inn',
    roles: ['visitor'],
    form: (f) => ({ email: f.signInEmail, password: TEST_PASSWORD, redirectTo: '/' }),
    text: ['email'],
    succeeds: true,
  },
  {
    route: 'routes/sign-in-second-factor.tsx',
    path: () => '/logg-inn/tofaktor',
    roles: ['partial'],
    form: (f) => ({ code: currentTotpCode(f.totpKey), redirectTo: '/' }),
    succeeds: true,
  },
  {
    route: 'routes/sign-up.tsx',
    path: () => '/registrer',
    roles: ['visitor'],
    form: () => ({ kind: 'municipality', municipalityNumber: '3909', ...signUpBase() }),
    text: ['name', 'email'],
    succeeds: true,
  },
  {
    route: 'routes/sign-up.tsx',
    path: () => '/registrer',
    roles: ['visitor'],
    form: () => ({ kind: 'supplier', companyName: 'Ny Fuzz AS', orgNumber: randomOrgNumber(), ...signUpBase() }),
    text: ['companyName', 'name', 'email'],
    succeeds: true,
  },
  // E-mail (issue 11): the reset and confirmation links, notification settings and the admins' outbox.
  {
    route: 'routes/password-forgot.tsx',
    path: () => '/logg-inn/glemt',
    roles: ['visitor'],
    form: () => ({ email: `glemt-${unique()}@fuzz.example` }),
    text: ['email'],
    succeeds: true,
  },
  {
    route: 'routes/password-reset.tsx',
    path: () => '/logg-inn/nytt-passord',
    roles: ['visitor'],
    form: () => ({ token: 'a'.repeat(40), password, confirmPassword: password }),
    text: ['token'],
  },
  {
    route: 'routes/confirm-email.tsx',
    path: () => '/registrer/bekreft',
    roles: ['visitor'],
    form: () => ({ token: 'a'.repeat(40) }),
    text: ['token'],
  },
  {
    route: 'routes/confirm-email.tsx',
    intent: 'resend',
    path: () => '/registrer/bekreft',
    roles: signedIn,
    form: () => ({ intent: 'resend' }),
    succeeds: true,
  },
  {
    route: 'routes/account-notifications.tsx',
    path: () => '/konto/varsler',
    roles: signedIn,
    form: () => ({ enabled: ['reply_received', 'version_decision'], locale: 'en' }),
    succeeds: true,
  },
  {
    route: 'routes/admin-outbox.tsx',
    intent: 'retry',
    path: () => '/admin/utboks',
    roles: ['admin'],
    form: () => ({ intent: 'retry', id: '999999' }),
  },
  { route: 'routes/sign-out.ts', path: () => '/logg-ut', roles: signedIn, form: () => ({}), ignoresBody: true },
  {
    route: 'routes/account.tsx',
    intent: 'name',
    path: () => '/konto',
    roles: signedIn,
    form: () => ({ intent: 'name', name: 'Nytt Navn' }),
    text: ['name'],
    succeeds: true,
  },
  {
    route: 'routes/account.tsx',
    intent: 'password',
    path: () => '/konto',
    roles: signedIn,
    form: () => ({
      intent: 'password',
      currentPassword: 'feil passord',
      newPassword: password,
      confirmPassword: password,
    }),
  },
  {
    route: 'routes/account.tsx',
    intent: 'signOutEverywhere',
    path: () => '/konto',
    roles: signedIn,
    form: () => ({ intent: 'signOutEverywhere' }),
    succeeds: true,
  },
  {
    route: 'routes/account.tsx',
    intent: 'disableTwoFactor',
    path: () => '/konto',
    roles: signedIn,
    form: () => ({ intent: 'disableTwoFactor', password: 'feil passord' }),
  },
  {
    route: 'routes/account-two-factor.tsx',
    path: () => '/konto/tofaktor',
    roles: signedIn,
    form: () => ({ key: 'AAAA', code: '123456' }),
  },
  ...(['routes/account-organisation.tsx', 'routes/coordinator.tsx'] as const).flatMap((route): Target[] => {
    const path = route === 'routes/coordinator.tsx' ? '/koordinator' : '/konto/organisasjon'
    const users = (f: Fixtures) => (route === 'routes/coordinator.tsx' ? f.pendingUsers : f.pendingMembers)
    const deciders: Role[] = route === 'routes/coordinator.tsx' ? staff : ['buyer']
    return [
      {
        route,
        intent: 'verifyUser',
        path: () => path,
        roles: deciders,
        form: (f) => ({ intent: 'verifyUser', userId: String(users(f)[0]), name: 'Per Ventende' }),
        text: ['name'],
        succeeds: true,
      },
      {
        route,
        intent: 'rejectUser',
        path: () => path,
        roles: deciders,
        form: (f) => ({
          intent: 'rejectUser',
          userId: String(users(f)[1]),
          name: 'Pål Ventende',
          reason: 'Ukjent i kommunen.',
        }),
        text: ['name', 'reason'],
        succeeds: true,
      },
      {
        route,
        intent: 'verifyOrganisation',
        path: () => path,
        roles: route === 'routes/coordinator.tsx' ? staff : [],
        form: (f) => ({ intent: 'verifyOrganisation', organisationId: String(f.pendingOrganisations[0]) }),
        succeeds: route === 'routes/coordinator.tsx',
      },
      {
        route,
        intent: 'rejectOrganisation',
        path: () => path,
        roles: route === 'routes/coordinator.tsx' ? staff : [],
        form: (f) => ({
          intent: 'rejectOrganisation',
          organisationId: String(f.pendingOrganisations[1]),
          reason: 'Fant ikke selskapet i Enhetsregisteret.',
        }),
        text: ['reason'],
        succeeds: route === 'routes/coordinator.tsx',
      },
    ]
  }),
  {
    route: 'routes/admin.tsx',
    intent: 'createCoordinator',
    path: () => '/admin',
    roles: ['admin'],
    form: () => ({
      intent: 'createCoordinator',
      name: 'Ny Koordinator',
      email: `k-${unique()}@fuzz.example`,
      password,
    }),
    text: ['name', 'email'],
    succeeds: true,
  },
  {
    route: 'routes/admin.tsx',
    intent: 'changeRole',
    path: () => '/admin',
    roles: ['admin'],
    form: (f) => ({ intent: 'changeRole', userId: String(f.spareCoordinator), role: 'admin' }),
    succeeds: true,
  },
  // Issue 11: step-up, and the account tools (the sessions here have just proved the password).
  {
    route: 'routes/admin.tsx',
    intent: 'stepUp',
    path: () => '/admin',
    roles: ['admin'],
    form: () => ({ intent: 'stepUp', stepUpSecret: TEST_PASSWORD }),
    succeeds: true,
  },
  {
    route: 'routes/coordinator-users.tsx',
    intent: 'stepUp',
    path: () => '/koordinator/brukere',
    roles: staff,
    form: () => ({ intent: 'stepUp', stepUpSecret: TEST_PASSWORD }),
    succeeds: true,
  },
  ...(['deactivate', 'reactivate', 'resetTwoFactor'] as const).map((intent): Target => ({
    route: 'routes/coordinator-users.tsx',
    intent,
    path: () => '/koordinator/brukere',
    roles: staff,
    form: (f) => ({ intent, userId: String(f.spareBuyer) }),
    succeeds: true,
  })),
  {
    route: 'routes/coordinator-assessment.tsx',
    intent: 'startReview',
    path: (f) => `/koordinator/vurdering/${f.submittedVersionId}`,
    roles: staff,
    form: () => ({ intent: 'startReview' }),
    succeeds: true,
  },
  {
    route: 'routes/coordinator-assessment.tsx',
    intent: 'decide',
    path: (f) => `/koordinator/vurdering/${f.inReviewVersionId}`,
    roles: staff,
    form: () => ({ intent: 'decide', ...completeApproval }),
    text: ['rationale', 'comment_privacy'],
    dates: { validUntil: 'validation.dateRange' },
    succeeds: true,
  },
  {
    route: 'routes/coordinator-assessment.tsx',
    intent: 'withdraw',
    path: (f) => `/koordinator/vurdering/${f.withdrawVersionId}`,
    roles: staff,
    form: () => ({ intent: 'withdraw', rationale: 'Leverandøren oppfyller ikke lenger kravene.' }),
    text: ['rationale'],
    succeeds: true,
  },
  {
    route: 'routes/supplier/product-new.tsx',
    path: () => '/leverandor/produkter/ny',
    roles: ['supplier', 'otherSupplier'],
    form: () => ({ ...productForm(`Fuzz Nytt ${unique()}`), versionLabel: '1.0' }),
    text: [...productText, 'versionLabel'],
    succeeds: true,
  },
  {
    route: 'routes/supplier/product.tsx',
    intent: 'saveProduct',
    path: (f) => `/leverandor/produkter/${f.draftProductId}`,
    roles: ['supplier'],
    form: () => ({ intent: 'saveProduct', ...productForm('Fuzz Utkast') }),
    text: productText,
    succeeds: true,
  },
  {
    route: 'routes/supplier/product.tsx',
    intent: 'addVersion',
    path: (f) => `/leverandor/produkter/${f.draftProductId}`,
    roles: ['supplier'],
    form: () => ({ intent: 'addVersion', versionLabel: `2.${counter++}`, releaseNotes: 'Rettelser.' }),
    text: ['versionLabel', 'releaseNotes'],
    succeeds: true,
  },
  {
    route: 'routes/supplier/product.tsx',
    intent: 'addVersionWithFacts',
    path: (f) => `/leverandor/produkter/${f.draftProductId}`,
    roles: ['supplier'],
    form: () => {
      const {
        name: _n,
        categoryId: _c,
        shortDescription: _s,
        description: _d,
        intendedUsers: _u,
        website: _w,
        priceModel: _p,
        careSettings: _cs,
        ...facts
      } = productForm('Fuzz Utkast')
      return { intent: 'addVersionWithFacts', versionLabel: `3.${counter++}`, ...facts }
    },
    text: ['versionLabel', 'dataStorageLocation', 'universalDesign', 'standards'],
    succeeds: true,
  },
  {
    route: 'routes/supplier/version.tsx',
    intent: 'saveVersion',
    path: (f) => `/leverandor/versjoner/${f.draftVersionId}`,
    roles: ['supplier'],
    form: () => ({ intent: 'saveVersion', versionLabel: '1.0', releaseNotes: 'Første versjon.' }),
    text: ['versionLabel', 'releaseNotes'],
    succeeds: true,
  },
  {
    route: 'routes/supplier/version.tsx',
    intent: 'submit',
    path: (f) => `/leverandor/versjoner/${f.submitVersionId}`,
    roles: ['supplier'],
    form: () => ({ intent: 'submit' }),
    succeeds: true,
  },
  {
    route: 'routes/supplier/version.tsx',
    intent: 'saveSection',
    path: (f) => `/leverandor/versjoner/${f.draftVersionId}`,
    roles: ['supplier'],
    form: () => ({
      intent: 'saveSection',
      sectionId: '',
      kind: 'security_documentation',
      heading: 'Tilgangsstyring',
      body: 'Roller og tilganger.\n\tInnrykk er lov.',
    }),
    text: ['heading', 'body'],
    succeeds: true,
  },
  {
    route: 'routes/supplier/version.tsx',
    intent: 'deleteSection',
    path: (f) => `/leverandor/versjoner/${f.draftVersionId}`,
    roles: ['supplier'],
    form: (f) => ({ intent: 'deleteSection', sectionId: String(f.sectionId) }),
    succeeds: true,
  },
  {
    route: 'routes/supplier/version.tsx',
    intent: 'upload',
    path: (f) => `/leverandor/versjoner/${f.draftVersionId}`,
    roles: ['supplier'],
    // The file name carries the controls: it is cleaned, not refused (the upload succeeds, the stored name is clean).
    form: () => ({
      intent: 'upload',
      file: new File([PDF], `rapport\u202Efdp\u0007${HIDDEN}.pdf`, { type: 'application/pdf' }),
    }),
    succeeds: true,
  },
  {
    route: 'routes/supplier/version.tsx',
    intent: 'deleteAttachment',
    path: (f) => `/leverandor/versjoner/${f.draftVersionId}`,
    roles: ['supplier'],
    form: (f) => ({ intent: 'deleteAttachment', attachmentId: String(f.attachmentId) }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/new.tsx',
    path: () => '/anskaffelser/ny',
    roles: ['buyer', 'otherBuyer'],
    form: (f) => asForm(procurementFields({ productIds: [String(f.approvedProductId)], goLiveDate: '2025-03-01' })),
    text: procurementText,
    dates: { ...contractDates, ...goLive },
    period: contractPeriod,
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'update',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['buyer'],
    form: (f) => {
      const {
        phase: _p,
        usersCount: _u,
        unitsCount: _n,
        sitesCount: _s,
        goLiveDate: _g,
        participantMunicipalities: _m,
        ...core
      } = procurementFields({ productIds: [String(f.approvedProductId)] })
      return asForm({ intent: 'update', ...core })
    },
    text: procurementText,
    dates: contractDates,
    period: contractPeriod,
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'addParticipant',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['buyer'],
    form: () => ({
      intent: 'addParticipant',
      municipalityNumber: '0301',
      phase: 'pilot',
      usersCount: '',
      unitsCount: '',
      sitesCount: '',
      goLiveDate: '',
    }),
    dates: goLive,
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'removeParticipant',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['buyer'],
    form: () => ({ intent: 'removeParticipant', municipalityNumber: '5001' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'updateParticipant',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['buyer'],
    form: () => ({
      intent: 'updateParticipant',
      municipalityNumber: '3909',
      phase: 'pilot',
      usersCount: '12',
      unitsCount: '',
      sitesCount: '1',
      goLiveDate: '2025-02-01',
      internalNotes: 'Internt notat.\nAndre linje.',
    }),
    text: ['internalNotes'],
    dates: goLive,
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'acceptInvitation',
    path: (f) => `/anskaffelser/${f.acceptProcurementId}`,
    roles: ['otherBuyer'],
    form: () => ({ intent: 'acceptInvitation' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'declineInvitation',
    path: (f) => `/anskaffelser/${f.declineProcurementId}`,
    roles: ['otherBuyer'],
    form: () => ({ intent: 'declineInvitation' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'leaveProcurement',
    path: (f) => `/anskaffelser/${f.leaveProcurementId}`,
    roles: ['otherBuyer'],
    form: () => ({ intent: 'leaveProcurement' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'reply',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['supplier'],
    form: (f) => ({ intent: 'reply', experienceId: String(f.flaggedExperienceId), body: 'Takk for tilbakemeldingen.' }),
    text: ['body'],
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'updateReply',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['supplier'],
    form: (f) => ({ intent: 'updateReply', replyId: String(f.replyId), body: 'Oppdatert svar.' }),
    text: ['body'],
    succeeds: true,
  },
  {
    route: 'routes/procurements/detail.tsx',
    intent: 'flag',
    path: (f) => `/anskaffelser/${f.procurementId}`,
    roles: ['otherBuyer', 'coordinator'],
    form: (f) => ({
      intent: 'flag',
      targetType: 'experience',
      targetId: String(f.repliedExperienceId),
      reason: 'Dette ser ut som feil opplysninger.',
    }),
    text: ['reason'],
    succeeds: true,
  },
  {
    route: 'routes/procurements/experience-new.tsx',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/ny`,
    roles: ['buyer', 'otherBuyer'],
    form: () => asForm(experienceFields({ ended: 'on', endingReason: 'other', endingDetails: 'Kontrakten gikk ut.' })),
    text: ['workedWell', 'wasHard', 'advice', 'endingDetails'],
    dates: { reportDate: 'validation.dateRange' },
    succeeds: true,
  },
  {
    route: 'routes/procurements/experience-edit.tsx',
    intent: 'save',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.draftSaveId}`,
    roles: ['buyer'],
    form: () => asForm({ intent: 'save', ...experienceFields({ publish: '' }) }),
    text: ['workedWell', 'wasHard', 'advice'],
    dates: { reportDate: 'validation.dateRange' },
    succeeds: true,
  },
  {
    route: 'routes/procurements/experience-edit.tsx',
    intent: 'publish',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.draftPublishId}`,
    roles: ['buyer'],
    form: () => ({ intent: 'publish' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/experience-edit.tsx',
    intent: 'delete',
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.draftDeleteId}`,
    roles: ['buyer'],
    form: () => ({ intent: 'delete' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/benefits.tsx',
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster`,
    roles: ['buyer', 'otherBuyer'],
    form: () => benefitForm(),
    text: ['customIndicator', 'customUnit', 'description'],
    succeeds: true,
  },
  {
    route: 'routes/procurements/benefit.tsx',
    intent: 'update',
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.updateBenefitId}`,
    roles: ['buyer'],
    form: () => ({ intent: 'update', ...benefitForm() }),
    text: ['customIndicator', 'customUnit', 'description'],
    succeeds: true,
  },
  {
    route: 'routes/procurements/benefit.tsx',
    intent: 'baseline',
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.measureBenefitId}`,
    roles: ['buyer'],
    form: () => ({
      intent: 'baseline',
      baselineValue: '320',
      baselinePeriodStart: '2025-01-01',
      baselinePeriodEnd: '2025-03-31',
      baselineMethod: 'manual_count',
      baselineQualityNote: 'Talt for hånd i tre måneder.',
    }),
    text: ['baselineQualityNote'],
    dates: { baselinePeriodStart: 'validation.dateRange', baselinePeriodEnd: 'validation.dateRange' },
    period: { start: 'baselinePeriodStart', end: 'baselinePeriodEnd', message: 'validation.benefit.period' },
    succeeds: true,
  },
  {
    route: 'routes/procurements/benefit.tsx',
    intent: 'addMeasurement',
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.measureBenefitId}`,
    roles: ['buyer'],
    form: () => ({
      intent: 'addMeasurement',
      value: '300',
      periodStart: '2025-06-01',
      periodEnd: '2025-06-30',
      method: 'estimate',
      status: 'estimated',
      uncertainty: 'high',
      reportedBy: 'supplier',
      priceYear: '',
      note: 'Anslag fra leverandøren.',
    }),
    text: ['note'],
    dates: { periodStart: 'validation.dateRange', periodEnd: 'validation.dateRange' },
    period: { start: 'periodStart', end: 'periodEnd', message: 'validation.benefit.period' },
    succeeds: true,
  },
  {
    route: 'routes/procurements/benefit.tsx',
    intent: 'deleteMeasurement',
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.measureBenefitId}`,
    roles: ['buyer'],
    form: (f) => ({ intent: 'deleteMeasurement', measurementId: String(f.measurementId), confirmed: 'yes' }),
    succeeds: true,
  },
  {
    route: 'routes/procurements/benefit.tsx',
    intent: 'delete',
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.deleteBenefitId}`,
    roles: ['buyer'],
    form: () => ({ intent: 'delete', confirmed: 'yes' }),
    succeeds: true,
  },
  {
    route: 'routes/coordinator-moderation.tsx',
    path: () => '/koordinator/moderering',
    roles: staff,
    form: (f) => ({
      targetType: 'experience',
      targetId: String(f.flaggedExperienceId),
      decision: 'keep',
      reason: 'Innholdet er saklig.',
    }),
    text: ['reason'],
    succeeds: true,
  },
  {
    route: 'routes/coordinator-moderation.tsx',
    intent: 'restore',
    path: () => '/koordinator/moderering',
    roles: staff,
    form: (f) => ({
      intent: 'restore',
      targetType: 'experience',
      targetId: String(f.flaggedExperienceId),
      reason: 'Innholdet er rettet og kan vises igjen.',
    }),
    text: ['reason'],
  },
  {
    route: 'routes/coordinator-criteria.tsx',
    intent: 'saveCriterion',
    path: () => '/koordinator/kriterier',
    roles: staff,
    form: () => ({
      intent: 'saveCriterion',
      code: 'universal_design',
      nameNb: 'Universell utforming',
      nameEn: 'Universal design',
      descriptionNb: `Brukergrensesnitt oppfyller kravene (${unique()}).`,
      descriptionEn: 'User interfaces meet the requirements.',
      requirementNb: 'WCAG 2.1 AA.',
      requirementEn: 'WCAG 2.1 AA.',
      evidenceNb: 'Testrapport.',
      evidenceEn: 'Test report.',
      notApplicableAllowed: 'on',
      sortOrder: '60',
    }),
    text: ['nameNb', 'nameEn', 'descriptionNb', 'descriptionEn', 'requirementNb', 'evidenceEn'],
    succeeds: true,
  },
  {
    route: 'routes/coordinator-criteria.tsx',
    intent: 'saveCategory',
    path: () => '/koordinator/kriterier',
    roles: staff,
    form: () => ({
      intent: 'saveCategory',
      slug: `fuzz-${unique()}`,
      nameNb: 'Fuzz-kategori',
      nameEn: 'Fuzz category',
      sortOrder: '500',
    }),
    text: ['slug', 'nameNb', 'nameEn'],
    succeeds: true,
  },
  { route: 'routes/not-found.tsx', path: () => '/finnes/ikke', roles: [], form: () => ({}), ignoresBody: true },
  {
    route: 'routes/api/not-found.ts',
    path: () => '/api/v1/finnes-ikke',
    roles: [],
    form: () => ({}),
    ignoresBody: true,
  },
]

// ---------------------------------------------------------------------------------------------------------------
// Which routes have an action, and which intents each action switches on (read from the source, so that a new
// route or intent without a target fails the first test).

const source = (file: string) => readFileSync(join('app', file), 'utf8')

export function routeFiles(entries: ReadonlyArray<{ file: string; children?: unknown }>): string[] {
  return entries.flatMap((e) => [e.file, ...routeFiles((e.children as typeof entries | undefined) ?? [])])
}

export const hasAction = (file: string) => /export (async )?function action\b/.test(source(file))

export function intentsOf(file: string): string[] {
  const files = [file]
  for (const m of source(file).matchAll(/from '\.\/([\w-]+\.server)'/g)) files.push(join(dirname(file), `${m[1]}.ts`))
  const intents = new Set<string>()
  for (const f of files) {
    const text = source(f)
    for (const block of text.split("switch (form.get('intent'))").slice(1)) {
      for (const c of block.slice(0, block.indexOf('default:')).matchAll(/case '(\w+)'/g)) intents.add(c[1] ?? '')
    }
    for (const m of text.matchAll(/intent: z\.literal\('(\w+)'\)/g)) intents.add(m[1] ?? '')
  }
  return [...intents].sort()
}

// ---------------------------------------------------------------------------------------------------------------

/** The user id of each role (visitor: none), filled by setupFormFixtures. */
export const users = {} as Record<Role, number | undefined>

/** Creates the users and everything the targets act on, in the current test file's database. */
export async function setupFormFixtures(): Promise<Fixtures> {
  const db = testDb()
  tilsyn = await categoryId('digitalt-tilsyn')
  const supplier = await createSupplier('Fuzz Leverandør AS')
  const coordinator = await createCoordinator()
  const buyer = await createBuyer('3909')
  users.visitor = undefined
  users.pending = (await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id
  users.buyer = buyer.userId
  const otherBuyer = await createBuyer('4601')
  const otherBuyerViewer = otherBuyer.viewer
  users.otherBuyer = otherBuyer.userId
  users.supplier = supplier.userId
  users.otherSupplier = (await createSupplier('Annen Fuzz AS')).userId
  users.coordinator = coordinator.userId
  users.admin = (await createCoordinator('admin')).userId
  // Awaiting the second factor: an admin with TOTP on, signed in with the password only.
  const totpKey = new Uint8Array(20).fill(9)
  const partial = await createUser({ role: 'admin' })
  await db
    .updateTable('user')
    .set({ totp_key: Buffer.from(totpKey), totp_enabled_at: new Date().toISOString() })
    .where('id', '=', partial.id)
    .execute()
  users.partial = partial.id
  // Everyone gets a real password hash (the register fixtures write a placeholder).
  await db
    .updateTable('user')
    .set({ password_hash: await hashPassword(TEST_PASSWORD) })
    .execute()

  const pendingMembers = [
    (await createUser({ role: 'buyer', municipalityNumber: '3909', status: 'pending' })).id,
    (await createUser({ role: 'buyer', municipalityNumber: '3909', status: 'pending' })).id,
  ]
  const pendingUsers = [
    (await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id,
    (await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id,
  ]
  const pendingOrganisations = [
    (await createSupplier('Ventende En AS', 'pending')).organisationId,
    (await createSupplier('Ventende To AS', 'pending')).organisationId,
  ]
  const product = (name: string, state: Parameters<typeof productInState>[3]) =>
    productInState(supplier, coordinator, productInput({ name, categoryId: tilsyn }), state)
  const approved = await product('Fuzz Godkjent', 'approved')
  const draft = await product('Fuzz Utkast', 'draft')
  const toSubmit = await product('Fuzz Sendes', 'draft')
  const submitted = await product('Fuzz Innsendt', 'submitted')
  const inReview = await product('Fuzz Vurderes', 'in_review')
  const toWithdraw = await product('Fuzz Trekkes', 'approved')
  const section = must(
    await saveDossierSection(supplier.viewer, draft.versionId, {
      kind: 'security_documentation',
      heading: 'Slettes',
      body: 'Denne seksjonen slettes.',
    }),
  )
  const attachment = must(await addAttachment(supplier.viewer, draft.versionId, { filename: 'slett.pdf', bytes: PDF }))

  const { procurementId } = must(
    await createProcurement(
      buyer.viewer,
      procurementInput({
        productIds: [String(approved.productId)],
        participantMunicipalities: ['4601', '5001'],
      }),
    ),
  )
  // 4601 (the other buyer's municipality) accepts; 5001 stays invited (the lead withdraws the invitation).
  const access = await acceptInvitationOf(otherBuyerViewer, procurementId)
  const invitingTo4601 = async (title: string) =>
    must(
      await createProcurement(
        buyer.viewer,
        procurementInput({ title, productIds: [String(approved.productId)], participantMunicipalities: ['4601'] }),
      ),
    ).procurementId
  const acceptProcurementId = await invitingTo4601('Fuzz invitasjon ja')
  const declineProcurementId = await invitingTo4601('Fuzz invitasjon nei')
  const leaveProcurementId = await invitingTo4601('Fuzz forlates')
  await acceptInvitationOf(otherBuyerViewer, leaveProcurementId)
  const report = async (publish: boolean) =>
    must(await createExperience(buyer.viewer, access, experienceInput(publish ? {} : { publish: '' }))).experienceId
  const repliedExperienceId = await report(true)
  const flaggedExperienceId = await report(true)
  const { replyId } = must(await createReply(supplier.viewer, repliedExperienceId, { body: 'Takk for rapporten.' }))
  must(
    await flagContent(supplier.viewer, {
      targetType: 'experience',
      targetId: flaggedExperienceId,
      reason: 'Opplysningene om oss stemmer ikke.',
    }),
  )

  const benefit = async (fields: Form) => {
    const created = must(await createBenefit(buyer.viewer, access, BenefitInput.parse(fields)))
    return created.benefitId
  }
  const measureBenefitId = await benefit({ ...benefitForm(), indicator: 'hours_per_month', customIndicator: '' })
  const measured = must(
    await addMeasurement(
      buyer.viewer,
      must(await getBenefitRef(buyer.viewer, procurementId, measureBenefitId)),
      MeasurementInput.parse({
        value: '12',
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        method: 'estimate',
        status: 'estimated',
        uncertainty: 'high',
        reportedBy: 'municipality',
      }),
    ),
  )

  return {
    updateBenefitId: await benefit(benefitForm()),
    measureBenefitId,
    measurementId: measured.measurementId,
    deleteBenefitId: await benefit(benefitForm()),
    pendingMembers,
    pendingUsers,
    pendingOrganisations,
    spareCoordinator: (await createCoordinator()).userId,
    spareBuyer: (await createUser({ role: 'buyer', municipalityNumber: '4601' })).id,
    approvedProductId: approved.productId,
    draftProductId: draft.productId,
    draftVersionId: draft.versionId,
    submitVersionId: toSubmit.versionId,
    submittedVersionId: submitted.versionId,
    inReviewVersionId: inReview.versionId,
    withdrawVersionId: toWithdraw.versionId,
    sectionId: section.sectionId,
    attachmentId: attachment.attachmentId,
    procurementId,
    acceptProcurementId,
    declineProcurementId,
    leaveProcurementId,
    repliedExperienceId,
    flaggedExperienceId,
    replyId,
    draftSaveId: await report(false),
    draftPublishId: await report(false),
    draftDeleteId: await report(false),
    totpKey,
    signInEmail: (await createUser({ role: 'buyer', municipalityNumber: '3909' })).email,
  }
}

// A fresh session per request (signing out everywhere ends them), and a fresh address (no rate limit interferes).
let requests = 0
export async function cookieFor(role: Role) {
  const id = users[role]
  if (id === undefined) return undefined
  return sessionFor(id, { twoFactorVerified: role !== 'partial' })
}
export const nextIp = () => {
  const n = ++requests
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

export type Body = { form: Form | FormData } | { raw: string | undefined; contentType?: string }

export function formData(form: Form) {
  const data = new FormData()
  for (const [k, v] of Object.entries(form)) {
    if (v instanceof File) data.append(k, v)
    else for (const one of [v].flat()) data.append(k, one)
  }
  return data
}

export async function post(url: string, role: Role, body: Body) {
  const cookie = await cookieFor(role)
  if ('form' in body) {
    const form = body.form instanceof FormData ? body.form : formData(body.form)
    return appRequest(url, { cookie, ip: nextIp(), form })
  }
  return appRequest(url, {
    cookie,
    ip: nextIp(),
    method: 'POST',
    body: body.raw,
    headers: body.contentType ? { 'Content-Type': body.contentType } : {},
  })
}
