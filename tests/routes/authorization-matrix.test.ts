import { beforeAll, describe, expect, it } from 'vitest'
import routes from '../../app/routes'
import { getDb } from '../../db/client'
import { appRequest, dataUrl } from '../helpers/app'
import { createUser, sessionFor } from '../helpers/accounts'
import { outcomeOf, type Outcome } from '../helpers/outcome'
import { addAttachment } from '../../app/models/dossier.server'
import { BenefitInput } from '../../app/forms/benefit'
import { createBenefit } from '../../app/models/benefits.server'
import { createExperience } from '../../app/models/experiences.server'
import { createProcurement } from '../../app/models/procurements.server'
import {
  acceptInvitations,
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
} from '../helpers/experience-fixtures'
import {
  allMet,
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
} from '../helpers/register-fixtures'

// Every route in app/routes.ts × every role, through the HTML URL and the `.data` URL. A route without a row fails
// the first test, so a new route cannot ship without deciding who may use it.
const roles = [
  'visitor',
  'pending',
  'buyer',
  'otherBuyer',
  'supplier',
  'otherSupplier',
  'coordinator',
  'admin',
] as const
type Role = (typeof roles)[number]
type Expectation = Record<Role, Outcome>

const all = (o: Outcome): Expectation => Object.fromEntries(roles.map((r) => [r, o])) as Expectation
const signedIn = (o: Outcome): Expectation => ({ ...all(o), visitor: 'login' })
const only = (allowed: Role[], o: Outcome = 'ok', otherwise: Outcome = 403): Expectation =>
  ({
    ...Object.fromEntries(roles.map((r) => [r, allowed.includes(r) ? o : otherwise])),
    visitor: allowed.includes('visitor') ? o : 'login',
  }) as Expectation
const members: Role[] = ['buyer', 'otherBuyer', 'supplier', 'otherSupplier']
const completeApproval = {
  intent: 'decide',
  outcome: 'approved',
  rationale: 'Alle kriterier er oppfylt etter gjennomgang.',
  ...Object.fromEntries(allMet().map((r) => [`result_${r.criterionCode}`, r.result])),
}
const draftFields = Object.fromEntries(
  Object.entries(experienceInput({ publish: '' })).map(([k, v]) => [k, String(v ?? '')]),
)
const staff: Role[] = ['coordinator', 'admin']
const benefitFields = {
  category: 'efficiency',
  area: '2',
  beneficiary: 'staff',
  indicator: 'hours_per_month',
  concernsCount: '40',
}
const measurementFields = {
  intent: 'addMeasurement',
  value: '300',
  periodStart: '2025-06-01',
  periodEnd: '2025-06-30',
  method: 'system_data',
  status: 'estimated',
  uncertainty: 'moderate',
  reportedBy: 'municipality',
}
const baselineFields = {
  intent: 'baseline',
  baselineValue: '320',
  baselinePeriodStart: '2025-01-01',
  baselinePeriodEnd: '2025-03-31',
  baselineMethod: 'system_data',
}

type Row = {
  path: string | ((f: Fixtures) => string)
  get: Expectation
  post?: { form: Record<string, string>; expect: Expectation }
}
type Fixtures = {
  approvedProductId: number
  withdrawnProductId: number
  expiredProductId: number
  draftProductId: number
  approvedVersionId: number
  draftVersionId: number
  inReviewVersionId: number
  attachmentId: number
  procurementId: number
  /** Led by 3909, inviting 4601 (the other buyer's municipality): to accept, to decline; and one 4601 takes part in,
   * to leave. */
  acceptProcurementId: number
  declineProcurementId: number
  leaveProcurementId: number
  publishedExperienceId: number
  draftExperienceId: number
  benefitId: number
  foreignBenefitId: number
  throwawayUserId: number
}

// A route may have several rows, one per kind of resource (e.g. a public product and a draft).
const matrix: Record<string, Row | Row[]> = {
  'routes/home.tsx': { path: '/', get: all('ok') },
  'routes/accessibility.tsx': { path: '/tilgjengelighet', get: all('ok') },
  'routes/privacy.tsx': { path: '/personvern', get: all('ok') },
  'routes/healthz.ts': { path: '/healthz', get: all('ok') },
  'routes/i18n-catalogue.ts': { path: '/i18n/en', get: all('ok') },
  'routes/sign-in.tsx': { path: '/logg-inn', get: { ...all('redirect:/'), visitor: 'ok' } },
  'routes/sign-in-second-factor.tsx': { path: '/logg-inn/tofaktor', get: { ...all('redirect:/'), visitor: 'login' } },
  'routes/sign-out.ts': { path: '/logg-ut', get: all('redirect:/'), post: { form: {}, expect: all('redirect:/') } },
  'routes/sign-up.tsx': { path: '/registrer', get: { ...all('redirect:/konto'), visitor: 'ok' } },
  // E-mail (issue 11). Asking for a reset link answers the same for any address; the link pages show their form or say
  // the link is spent, to anyone (the token is the permission).
  'routes/password-forgot.tsx': {
    path: '/logg-inn/glemt',
    get: { ...all('redirect:/konto'), visitor: 'ok' },
    post: { form: {}, expect: { ...all('redirect:/konto'), visitor: 400 } },
  },
  'routes/password-reset.tsx': {
    path: '/logg-inn/nytt-passord?token=ugyldig',
    get: all('ok'),
    post: { form: { token: 'ugyldig', password: 'x', confirmPassword: 'x' }, expect: all(400) },
  },
  'routes/confirm-email.tsx': [
    { path: '/registrer/bekreft?token=ugyldig', get: all('ok'), post: { form: {}, expect: all(400) } },
    {
      path: '/registrer/bekreft',
      get: all('ok'),
      post: { form: { intent: 'resend' }, expect: signedIn('redirect:/konto') },
    },
  ],
  'routes/account-notifications.tsx': {
    path: '/konto/varsler',
    get: signedIn('ok'),
    post: { form: {}, expect: signedIn(400) },
  },
  'routes/admin-outbox.tsx': {
    path: '/admin/utboks',
    get: only(['admin']),
    post: { form: {}, expect: only(['admin'], 'redirect:/admin/utboks') },
  },
  'routes/account.tsx': {
    path: '/konto',
    get: signedIn('ok'),
    post: { form: {}, expect: signedIn('redirect:/konto') },
  },
  'routes/account-two-factor.tsx': {
    path: '/konto/tofaktor',
    get: signedIn('ok'),
    post: { form: {}, expect: signedIn(400) },
  },
  'routes/account-organisation.tsx': {
    path: '/konto/organisasjon',
    get: only(members),
    post: { form: {}, expect: only(members, 400) },
  },
  'routes/coordinator.tsx': { path: '/koordinator', get: only(staff), post: { form: {}, expect: only(staff, 400) } },
  'routes/coordinator-audit.tsx': { path: '/koordinator/revisjon', get: only(staff) },
  // Issue 11: one's own personal data (JSON download); the account tools for coordinators and admins.
  'routes/account-data.ts': { path: '/konto/mine-data', get: signedIn('ok'), post: { form: {}, expect: all(405) } },
  'routes/coordinator-users.tsx': [
    {
      path: '/koordinator/brukere',
      get: only(staff),
      post: { form: {}, expect: only(staff, 'redirect:/koordinator/brukere') },
    },
    // Deactivating a buyer (the sessions here have just proved the password, so the step-up holds).
    {
      path: '/koordinator/brukere',
      get: only(staff),
      post: {
        form: { intent: 'deactivate', userId: ':throwawayUserId' },
        expect: only(staff, 'redirect:/koordinator/brukere'),
      },
    },
  ],
  'routes/admin.tsx': {
    path: '/admin',
    get: only(['admin']),
    post: { form: {}, expect: only(['admin'], 'redirect:/admin') },
  },
  'routes/register.tsx': [
    { path: '/register?q=test', get: all('ok') },
    { path: '/register?status=withdrawn', get: all('ok') },
  ],
  'routes/product.tsx': [
    { path: (f) => `/register/${f.approvedProductId}`, get: all('ok') },
    // Approvals withdrawn or expired stay on the public record (issue 10).
    { path: (f) => `/register/${f.withdrawnProductId}`, get: all('ok') },
    { path: (f) => `/register/${f.expiredProductId}`, get: all('ok') },
    {
      path: (f) => `/register/${f.draftProductId}`,
      get: { ...all(404), supplier: 'ok', coordinator: 'ok', admin: 'ok' },
    },
  ],
  'routes/compare.tsx': { path: (f) => `/sammenlign?p=${f.approvedProductId},${f.draftProductId}`, get: all('ok') },
  'routes/decisions.tsx': { path: '/vedtak', get: all('ok') },
  'routes/criteria.tsx': { path: '/kriterier', get: all('ok') },
  'routes/insight.tsx': [
    { path: '/innsikt', get: all('ok') },
    // Benefit filters: everyone may use them (the public's figures stay national); a value that is not a code is 400.
    { path: '/innsikt?kategori=efficiency&fylke=39&innbyggere=20000_50000', get: all('ok') },
    { path: '/innsikt?kategori=tull', get: all(400) },
  ],
  // The records behind a benefit figure: everyone; values only for those who may read the records (canary).
  'routes/insight-benefits.tsx': [
    { path: '/innsikt/gevinster', get: all('ok') },
    { path: (f) => `/innsikt/gevinster?produkt=${f.approvedProductId}&grunnlag=estimated&maal=any`, get: all('ok') },
    { path: '/innsikt/gevinster?omrade=9', get: all(400) },
  ],
  'routes/coordinator-assessments.tsx': { path: '/koordinator/vurdering', get: only(staff) },
  'routes/coordinator-assessment.tsx': [
    {
      path: (f) => `/koordinator/vurdering/${f.inReviewVersionId}`,
      get: only(staff),
      post: { form: {}, expect: only(staff, 400) },
    },
    // A complete, valid decision on a draft: refused because of the state (409), not because a field is missing.
    {
      path: (f) => `/koordinator/vurdering/${f.draftVersionId}`,
      get: only(staff),
      post: { form: completeApproval, expect: only(staff, 409) },
    },
  ],
  'routes/supplier/index.tsx': {
    path: '/leverandor',
    get: only(['supplier', 'otherSupplier']),
    post: { form: {}, expect: all(405) },
  },
  'routes/supplier/product-new.tsx': {
    path: '/leverandor/produkter/ny',
    get: only(['supplier', 'otherSupplier']),
    post: { form: {}, expect: only(['supplier', 'otherSupplier'], 400) },
  },
  'routes/supplier/product.tsx': [
    {
      path: (f) => `/leverandor/produkter/${f.draftProductId}`,
      get: { ...only(['supplier']), otherSupplier: 404 },
      post: { form: {}, expect: { ...only(['supplier'], 400), otherSupplier: 404 } },
    },
    {
      // A new version carrying changed approval facts: the product's own supplier only.
      path: (f) => `/leverandor/produkter/${f.approvedProductId}`,
      get: { ...only(['supplier']), otherSupplier: 404 },
      post: {
        form: { intent: 'addVersionWithFacts', dataStorageLocation: 'USA' },
        expect: { ...only(['supplier'], 400), otherSupplier: 404 },
      },
    },
  ],
  'routes/supplier/version.tsx': {
    path: (f) => `/leverandor/versjoner/${f.draftVersionId}`,
    get: { ...only(['supplier']), otherSupplier: 404 },
    post: { form: {}, expect: { ...only(['supplier'], 400), otherSupplier: 404 } },
  },
  'routes/supplier/attachment.ts': {
    path: (f) => `/leverandor/vedlegg/${f.attachmentId}`,
    get: only(['supplier', 'coordinator', 'admin']),
    post: { form: {}, expect: all(405) },
  },
  // The procurement is led by the buyer's municipality (3909) on the supplier's product; 4601 does not take part.
  'routes/procurements/index.tsx': [
    { path: '/anskaffelser', get: all('ok'), post: { form: {}, expect: all(405) } },
    // "Min kommune"'s query string from before it had a page of its own (links in e-mails): sent on to it, for those
    // who have one (and the signed-out, on their way to signing in); the list for everyone else.
    {
      path: '/anskaffelser?forfall=1',
      get: {
        ...all('ok'),
        ...only(['buyer', 'otherBuyer'], 'redirect:/min-kommune', 'ok'),
        visitor: 'redirect:/min-kommune',
      },
      post: { form: {}, expect: all(405) },
    },
  ],
  // The verified buyers of a municipality, for their own municipality only (what they see is its own).
  'routes/my-municipality.tsx': {
    path: '/min-kommune',
    get: only(['buyer', 'otherBuyer']),
    post: { form: {}, expect: all(405) },
  },
  'routes/procurements/new.tsx': [
    {
      path: '/anskaffelser/ny',
      get: only(['buyer', 'otherBuyer']),
      post: { form: {}, expect: only(['buyer', 'otherBuyer'], 400) },
    },
    // The pickers' search round trip (nothing saved): the form's own users only.
    {
      path: '/anskaffelser/ny',
      get: only(['buyer', 'otherBuyer']),
      post: { form: { intent: 'searchOptions', productSearch: 'a' }, expect: only(['buyer', 'otherBuyer']) },
    },
  ],
  // The pickers' matches as JSON, for the forms' MultiSelects: the users of those forms only.
  'routes/procurements/options.ts': {
    path: '/anskaffelser/valg?produktsok=a',
    get: only(['buyer', 'otherBuyer']),
    post: { form: {}, expect: all(405) },
  },
  'routes/procurements/detail.tsx': [
    { path: (f) => `/anskaffelser/${f.procurementId}`, get: all('ok'), post: { form: {}, expect: signedIn(400) } },
    // Editing the lead's own deployment row: only the lead municipality's buyers.
    {
      path: (f) => `/anskaffelser/${f.procurementId}`,
      get: all('ok'),
      post: {
        form: {
          intent: 'updateParticipant',
          municipalityNumber: '3909',
          phase: 'pilot',
          usersCount: '12',
          sitesCount: '1',
        },
        expect: { ...signedIn(403), buyer: 'redirect:/anskaffelser/:procurementId' },
      },
    },
    // The edit and invite forms' picker search: the lead's buyers only, as the forms themselves.
    {
      path: (f) => `/anskaffelser/${f.procurementId}`,
      get: all('ok'),
      post: { form: { intent: 'searchOptions', municipalitySearch: 'a' }, expect: { ...signedIn(403), buyer: 'ok' } },
    },
    // Consent: only a verified buyer of the invited municipality accepts or declines, only a participant's buyers
    // leave (the lead does not). 4601 is not invited to the first procurement: nobody may accept there.
    {
      path: (f) => `/anskaffelser/${f.procurementId}`,
      get: all('ok'),
      post: { form: { intent: 'acceptInvitation' }, expect: signedIn(403) },
    },
    {
      path: (f) => `/anskaffelser/${f.procurementId}`,
      get: all('ok'),
      post: { form: { intent: 'leaveProcurement' }, expect: signedIn(403) },
    },
    {
      path: (f) => `/anskaffelser/${f.acceptProcurementId}`,
      get: all('ok'),
      post: {
        form: { intent: 'acceptInvitation' },
        expect: { ...signedIn(403), otherBuyer: 'redirect:/anskaffelser/:acceptProcurementId' },
      },
    },
    {
      path: (f) => `/anskaffelser/${f.declineProcurementId}`,
      get: all('ok'),
      post: {
        form: { intent: 'declineInvitation' },
        expect: { ...signedIn(403), otherBuyer: 'redirect:/min-kommune' },
      },
    },
    {
      path: (f) => `/anskaffelser/${f.leaveProcurementId}`,
      get: all('ok'),
      post: {
        form: { intent: 'leaveProcurement' },
        expect: { ...signedIn(403), otherBuyer: 'redirect:/anskaffelser/:leaveProcurementId' },
      },
    },
    { path: '/anskaffelser/999999', get: all(404) },
  ],
  'routes/procurements/experience-new.tsx': {
    path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/ny`,
    get: only(['buyer']),
    post: { form: {}, expect: only(['buyer'], 400) },
  },
  'routes/procurements/experience-edit.tsx': [
    {
      path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.draftExperienceId}`,
      get: only(['buyer'], 'ok', 404),
      post: { form: {}, expect: only(['buyer'], 400, 404) },
    },
    // Saving the draft: only its author; to everyone else the draft does not exist.
    {
      path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.draftExperienceId}`,
      get: only(['buyer'], 'ok', 404),
      post: {
        form: { intent: 'save', ...draftFields },
        expect: only(['buyer'], 'redirect:/anskaffelser/:procurementId/erfaringer/:draftExperienceId', 404),
      },
    },
    {
      path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.publishedExperienceId}`,
      get: { ...signedIn('ok'), pending: 404, otherSupplier: 404 },
      post: { form: {}, expect: { ...signedIn(400), pending: 404, otherSupplier: 404 } },
    },
    // Deleting a published report: nobody may (the author gets 409: published reports are final).
    {
      path: (f) => `/anskaffelser/${f.procurementId}/erfaringer/${f.publishedExperienceId}`,
      get: { ...signedIn('ok'), pending: 404, otherSupplier: 404 },
      post: { form: { intent: 'delete' }, expect: { ...signedIn(403), buyer: 409, pending: 404, otherSupplier: 404 } },
    },
  ],
  // Benefit records (benefit-visible): buyers and coordinators read them, the supplier of the product too; the public,
  // pending accounts and other suppliers get a 404. Only the municipality's own buyers (3909) write.
  'routes/procurements/benefits.tsx': [
    {
      path: (f) => `/anskaffelser/${f.procurementId}/gevinster`,
      get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 },
      post: { form: {}, expect: { ...all(403), visitor: 404, pending: 404, otherSupplier: 404, buyer: 400 } },
    },
  ],
  'routes/procurements/benefits-export.ts': {
    path: (f) => `/anskaffelser/${f.procurementId}/gevinster/eksport`,
    get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 },
  },
  'routes/procurements/benefit.tsx': [
    {
      path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.benefitId}`,
      get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 },
      post: { form: {}, expect: { ...all(400), visitor: 404, pending: 404, otherSupplier: 404 } },
    },
    {
      path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.benefitId}`,
      get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 },
      post: {
        form: baselineFields,
        expect: {
          ...all(403),
          visitor: 404,
          pending: 404,
          otherSupplier: 404,
          buyer: 'redirect:/anskaffelser/:procurementId/gevinster/:benefitId',
        },
      },
    },
    {
      path: (f) => `/anskaffelser/${f.procurementId}/gevinster/${f.benefitId}`,
      get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 },
      post: {
        form: measurementFields,
        expect: {
          ...all(403),
          visitor: 404,
          pending: 404,
          otherSupplier: 404,
          buyer: 'redirect:/anskaffelser/:procurementId/gevinster/:benefitId',
        },
      },
    },
    // Another participant's benefit: readable, but no role here may change or delete it.
    ...['update', 'baseline', 'addMeasurement', 'deleteMeasurement', 'delete'].map((intent) => ({
      path: (f: Fixtures) => `/anskaffelser/${f.procurementId}/gevinster/${f.foreignBenefitId}`,
      get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 } as Expectation,
      post: {
        form: {
          ...benefitFields,
          ...baselineFields,
          ...measurementFields,
          measurementId: '1',
          confirmed: 'yes',
          intent,
        },
        expect: { ...all(403), visitor: 404, pending: 404, otherSupplier: 404 } as Expectation,
      },
    })),
    { path: (f) => `/anskaffelser/${f.procurementId}/gevinster/999999`, get: all(404) },
  ],
  'routes/coordinator-moderation.tsx': [
    {
      path: '/koordinator/moderering',
      get: only(staff),
      post: { form: {}, expect: only(staff, 400) },
    },
    {
      // Restoring hidden content: coordinators and admins only.
      path: '/koordinator/moderering',
      get: only(staff),
      post: {
        form: { intent: 'restore', targetType: 'experience', targetId: '1' },
        expect: only(staff, 400),
      },
    },
  ],
  'routes/coordinator-criteria.tsx': [
    {
      // Managing criteria: coordinators and admins only.
      path: '/koordinator/kriterier',
      get: only(staff),
      post: { form: { intent: 'saveCriterion' }, expect: only(staff, 400) },
    },
    {
      path: '/koordinator/kriterier',
      get: only(staff),
      post: { form: { intent: 'saveCategory' }, expect: only(staff, 400) },
    },
  ],
  'routes/not-found.tsx': { path: '/finnes/ikke', get: all(404), post: { form: {}, expect: all(404) } },
  // Open data: the register endpoints answer the public view to everyone (a supplier's own draft is not in the API).
  'routes/api/categories.ts': { path: '/api/v1/categories', get: all('ok') },
  'routes/api/products.ts': [
    { path: '/api/v1/products?q=test&status=withdrawn', get: all('ok') },
    { path: '/api/v1/products?status=ukjent', get: all(400) },
  ],
  'routes/api/product.ts': [
    { path: (f) => `/api/v1/products/${f.approvedProductId}`, get: all('ok') },
    { path: (f) => `/api/v1/products/${f.withdrawnProductId}`, get: all('ok') },
    { path: (f) => `/api/v1/products/${f.draftProductId}`, get: all(404) },
    { path: '/api/v1/products/abc', get: all(400) },
  ],
  'routes/api/decisions.ts': { path: '/api/v1/decisions?side=1', get: all('ok') },
  'routes/api/criteria.ts': { path: '/api/v1/criteria', get: all('ok') },
  // Procurements are public information: every role gets the release, with what it may see (tests/unit/ocds.test.ts).
  'routes/api/ocds-releases.ts': [
    { path: '/api/v1/ocds/releases?side=1&antall=10', get: all('ok') },
    { path: '/api/v1/ocds/releases?antall=1000', get: all(400) },
  ],
  'routes/api/ocds-release.ts': [
    { path: (f) => `/api/v1/ocds/releases/${f.procurementId}`, get: all('ok') },
    { path: '/api/v1/ocds/releases/999999', get: all(404) },
  ],
  'routes/api/openapi.ts': { path: '/api/v1/openapi.json', get: all('ok') },
  'routes/api/catalog.ts': { path: '/api/v1/catalog', get: all('ok') },
  // The national benefit overview: published figures, the same answer to everyone; county is refused (decision 011).
  'routes/api/benefits.ts': [
    { path: '/api/v1/benefits?kategori=efficiency&innbyggere=20000_50000', get: all('ok') },
    { path: '/api/v1/benefits?fylke=39', get: all(400) },
  ],
  // Signed-in endpoints answer what the pages show each role: the list and a procurement to everyone (withheld
  // fields are null), its reports as the list on its page, its benefit records where its benefit page is open.
  'routes/api/procurements.ts': [
    { path: '/api/v1/procurements?fase=pilot&fylke=39&side=1', get: all('ok') },
    { path: '/api/v1/procurements?prosedyre=ukjent', get: all(400) },
  ],
  'routes/api/procurement.ts': [
    { path: (f) => `/api/v1/procurements/${f.procurementId}`, get: all('ok') },
    { path: '/api/v1/procurements/999999', get: all(404) },
    { path: '/api/v1/procurements/abc', get: all(400) },
  ],
  'routes/api/procurement-experiences.ts': [
    { path: (f) => `/api/v1/procurements/${f.procurementId}/experiences?side=1`, get: all('ok') },
    { path: '/api/v1/procurements/999999/experiences', get: all(404) },
    { path: (f) => `/api/v1/procurements/${f.procurementId}/experiences?antall=0`, get: all(400) },
  ],
  'routes/api/procurement-benefits.ts': [
    {
      path: (f) => `/api/v1/procurements/${f.procurementId}/benefits`,
      get: { ...all('ok'), visitor: 404, pending: 404, otherSupplier: 404 },
    },
    { path: '/api/v1/procurements/999999/benefits', get: all(404) },
  ],
  'routes/api/not-found.ts': { path: '/api/v1/finnes-ikke', get: all(404), post: { form: {}, expect: all(404) } },
  'routes/api-docs.tsx': { path: '/api', get: all('ok') },
  'routes/procurements/export.ts': { path: '/anskaffelser/eksport?fase=pilot', get: all('ok') },
  'routes/register-export.ts': [
    { path: '/register/eksport?q=test', get: all('ok') },
    { path: '/register/eksport?status=ukjent', get: all(400) },
  ],
}

function routeFiles(entries: ReadonlyArray<{ file: string; children?: unknown }>): string[] {
  return entries.flatMap((e) => [e.file, ...routeFiles((e.children as typeof entries | undefined) ?? [])])
}

const users = {} as Record<Role, number | undefined>
let fixtures: Fixtures

beforeAll(async () => {
  const supplier = await createSupplier('Matrise Leverandør AS')
  const coordinator = await createCoordinator()
  users.visitor = undefined
  users.pending = (await createUser({ role: 'buyer', municipalityNumber: '1804', status: 'pending' })).id
  const buyer = await createBuyer('3909')
  users.buyer = buyer.userId
  users.otherBuyer = (await createUser({ role: 'buyer', municipalityNumber: '4601' })).id
  users.supplier = supplier.userId
  users.otherSupplier = (await createSupplier('Annen Matrise AS')).userId
  users.coordinator = coordinator.userId
  users.admin = (await createCoordinator('admin')).userId
  const category = await categoryId('digitalt-tilsyn')
  const approved = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Matrise Godkjent', categoryId: category }),
    'approved',
  )
  const draft = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Matrise Utkast', categoryId: category }),
    'draft',
  )
  const withdrawn = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Matrise Trukket', categoryId: category }),
    'withdrawn',
  )
  const expired = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Matrise Utløpt', categoryId: category }),
    'approved',
  )
  await getDb()
    .updateTable('version_decision')
    .set({ valid_until: '2020-01-01' })
    .where('version_id', '=', expired.versionId)
    .execute()
  const inReview = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Matrise Vurderes', categoryId: category }),
    'in_review',
  )
  const attachment = await addAttachment(supplier.viewer, draft.versionId, {
    filename: 'matrise.pdf',
    bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF\n'),
  })
  if (!attachment.ok) throw new Error(attachment.code)
  const { procurementId } = must(
    await createProcurement(
      buyer.viewer,
      procurementInput({ productIds: [String(approved.productId)], participantMunicipalities: ['5001'] }),
    ),
  )
  // 5001 takes part once it has accepted (participation by consent); its benefit below needs that.
  await acceptInvitations(procurementId)
  const invitingOtherBuyer = async (title: string) =>
    must(
      await createProcurement(
        buyer.viewer,
        procurementInput({ title, productIds: [String(approved.productId)], participantMunicipalities: ['4601'] }),
      ),
    ).procurementId
  const acceptProcurementId = await invitingOtherBuyer('Matrise invitasjon ja')
  const declineProcurementId = await invitingOtherBuyer('Matrise invitasjon nei')
  const leaveProcurementId = await invitingOtherBuyer('Matrise forlates')
  await acceptInvitations(leaveProcurementId)
  const procurement = await procurementAccess(procurementId)
  const published = must(await createExperience(buyer.viewer, procurement, experienceInput()))
  const draftReport = must(await createExperience(buyer.viewer, procurement, experienceInput({ publish: '' })))
  const benefitInput = BenefitInput.parse({ ...benefitFields, productId: String(approved.productId) })
  const { benefitId } = must(await createBenefit(buyer.viewer, procurement, benefitInput))
  // A benefit of the other participant (5001): no role of the matrix may change or delete it.
  const { benefitId: foreignBenefitId } = must(
    await createBenefit((await createBuyer('5001')).viewer, procurement, benefitInput),
  )
  fixtures = {
    procurementId,
    acceptProcurementId,
    declineProcurementId,
    leaveProcurementId,
    publishedExperienceId: published.experienceId,
    draftExperienceId: draftReport.experienceId,
    benefitId,
    foreignBenefitId,
    attachmentId: attachment.value.attachmentId,
    approvedProductId: approved.productId,
    withdrawnProductId: withdrawn.productId,
    expiredProductId: expired.productId,
    approvedVersionId: approved.versionId,
    draftProductId: draft.productId,
    draftVersionId: draft.versionId,
    inReviewVersionId: inReview.versionId,
    throwawayUserId: (await createUser({ role: 'buyer', municipalityNumber: '4601' })).id,
  }
})

// A fresh session per request: some rows (sign-out, sign out everywhere) end the session they are called with.
const cookieFor = async (role: Role) => (users[role] === undefined ? undefined : sessionFor(users[role]))

describe('authorization matrix', () => {
  it('has a row for every route in app/routes.ts', () => {
    const files = routeFiles(routes)
    expect(files.filter((f) => !(f in matrix))).toEqual([])
    expect(Object.keys(matrix).filter((f) => !files.includes(f))).toEqual([])
  })

  const rows = Object.entries(matrix).flatMap(([file, r]) =>
    [r].flat().map((row, i) => ({ file, row, label: typeof row.path === 'string' ? row.path : `${file} #${i + 1}` })),
  )
  // The API limits requests per client address (decision 012): each row calls from its own address, so the limit
  // answers none of them 429 however many API rows there are.
  const ipOf = (path: string) => {
    const i = rows.findIndex((r) => pathOf(r.row) === path)
    return path.startsWith('/api/') ? `10.210.${Math.floor(i / 250)}.${(i % 250) + 1}` : undefined
  }
  const pathOf = (row: Row) => (typeof row.path === 'string' ? row.path : row.path(fixtures))
  // Expected redirects may name fixtures (`:procurementId`); fill them in.
  const expected = (o: Outcome) =>
    typeof o === 'string'
      ? o.replace(/:(\w+)/g, (m, k: string) => (k in fixtures ? String(fixtures[k as keyof Fixtures]) : m))
      : o

  // Form values may name fixtures too (`:throwawayUserId`).
  const fillForm = (form: Record<string, string>) =>
    Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(expected(v as Outcome))]))

  for (const { file, row, label } of rows) {
    it(`GET ${label} (${file})`, async () => {
      const path = pathOf(row)
      for (const role of roles) {
        for (const url of [path, dataUrl(path)]) {
          const res = await appRequest(url, { cookie: await cookieFor(role), ip: ipOf(path) })
          expect(await outcomeOf(res), `${role} GET ${url}`).toEqual(row.get[role])
        }
      }
    })
    if (row.post) {
      const post = row.post
      it(`POST ${label} (${file})`, async () => {
        const path = pathOf(row)
        for (const role of roles) {
          for (const url of [path, dataUrl(path)]) {
            const res = await appRequest(url, {
              cookie: await cookieFor(role),
              form: fillForm(post.form),
              ip: ipOf(path),
            })
            expect(await outcomeOf(res), `${role} POST ${url}`).toEqual(expected(post.expect[role]))
          }
        }
      })
    }
  }
})
