import {
  meetsAggregateThreshold,
  type CommercialTermsVisibility,
  type ExperienceStatus,
} from '~/domain/procurement-rules'
import {
  effectiveRole,
  isBuyerOf,
  isCoordinatorOrAdmin,
  isSupplierOf,
  isVerifiedBuyer,
  isVerifiedSupplier,
  type Viewer,
} from './viewer'

// Who may see and do what with procurements, experience reports, supplier replies and flags (docs/domain.md,
// "Visibility"). The models ask these functions and select only what they allow; the routes ask them too, to decide
// which actions to offer.
//
// | data                               | visitor, pending | buyer            | supplier (own products) | other supplier | coordinator, admin |
// | experience ratings and text        | aggregate (>= 3) | yes              | yes, about own products | aggregate      | yes                |
// | commercial terms (value, prices)   | if public        | yes              | no                      | no             | yes                |
// | author's name and contact          | no               | yes              | municipality only       | no             | yes                |
// | internal notes                     | no               | own municipality | no                      | no             | no                 |
// | drafts                             | author only, whoever else asks                                                          |
// | hidden content (with its reason)   | coordinators, and the author (a reply's author is its supplier company)                  |
//
// A procurement's other fields (title, need, products, procedure, Doffin reference, contract period, participants
// and their phase and scope) are public information about public spending and are shown to everyone.

/** How a viewer relates to the experience about a product or a procurement. */
export type ExperienceAudience = 'coordinator' | 'buyer' | 'own_supplier' | 'public'

/**
 * `supplierOrganisationIds`: the suppliers of the register products concerned (for a procurement, of every register
 * product in it). A pending account or a member of an unverified organisation is 'public', like a visitor.
 */
export function experienceAudience(
  viewer: Viewer | null,
  supplierOrganisationIds: readonly number[],
): ExperienceAudience {
  if (isCoordinatorOrAdmin(viewer)) return 'coordinator'
  const role = effectiveRole(viewer)
  if (role === 'buyer') return 'buyer'
  if (isVerifiedSupplier(viewer) && supplierOrganisationIds.includes(viewer.organisationId)) return 'own_supplier'
  return 'public'
}

/** Individual reports (ratings and text), as opposed to aggregates. */
export const canReadExperienceText = (audience: ExperienceAudience) => audience !== 'public'

/** The author's name and e-mail; the supplier sees only the municipality. */
export const canSeeAuthor = (audience: ExperienceAudience) => audience === 'buyer' || audience === 'coordinator'

/**
 * Contract value and price terms. Municipalities-only terms are for municipalities (and the coordinators); a
 * supplier never gets them, not even public ones about its own contracts (docs/domain.md's table, taken literally:
 * suppliers say buyers pass their prices to competitors, so the platform never does). Switching costs count as
 * commercial terms too.
 */
export function canSeeCommercialTerms(viewer: Viewer | null, visibility: CommercialTermsVisibility): boolean {
  const role = effectiveRole(viewer)
  if (role === 'buyer' || role === 'coordinator' || role === 'admin') return true
  if (role === 'supplier') return false
  return visibility === 'public'
}

/** Switching costs and other money in reports: municipalities and coordinators only. */
export function canSeeSwitchingCost(viewer: Viewer | null): boolean {
  const role = effectiveRole(viewer)
  return role === 'buyer' || role === 'coordinator' || role === 'admin'
}

/** A municipality's internal notes (on a procurement it leads, or on its own participation): its own buyers only,
 * not even coordinators. */
export const canSeeInternalNotes = (viewer: Viewer | null, municipalityNumber: string) =>
  isBuyerOf(viewer, municipalityNumber)

/** Hidden experience and replies, with their moderation state. */
export const canSeeHiddenContent = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

/**
 * Per-dimension means, counts and recommendation shares. Those who may read the reports themselves always see them;
 * everyone else only when at least three municipalities contributed.
 */
export const canSeeAggregate = (audience: ExperienceAudience, distinctMunicipalities: number) =>
  canReadExperienceText(audience) || meetsAggregateThreshold(distinctMunicipalities)

/**
 * Filters ("municipalities like mine") narrow the set an aggregate is computed over. For the public audience that
 * would let two thresholded aggregates be subtracted to single out one municipality, so public aggregates are always
 * over every contributing municipality.
 */
export const canFilterAggregate = (audience: ExperienceAudience) => canReadExperienceText(audience)

// ---------------------------------------------------------------------------------------------------------------
// Procurements.

/** Register a procurement: a verified buyer, for its own municipality (which becomes the lead). */
export const canCreateProcurement = (viewer: Viewer | null) => isVerifiedBuyer(viewer)

/** Core fields, products, care settings and the participant list: the lead municipality's buyers. Coordinators do
 * not edit municipalities' procurements. */
export const canEditProcurement = (viewer: Viewer | null, procurement: { leadMunicipalityNumber: string }) =>
  isBuyerOf(viewer, procurement.leadMunicipalityNumber)

export const canManageParticipants = canEditProcurement

/** A participation's deployment data (scope, go-live, phase, its internal notes): that municipality's buyers. Each
 * municipality keeps its own deployment data under the shared procurement, so the lead does not edit another's. */
export const canEditParticipant = (viewer: Viewer | null, participant: { municipalityNumber: string }) =>
  isBuyerOf(viewer, participant.municipalityNumber)

// ---------------------------------------------------------------------------------------------------------------
// Experience reports.

/** Write a report for a procurement: a buyer of one of its participating municipalities, for that participation. */
export const canWriteExperience = (viewer: Viewer | null, participantMunicipalityNumbers: readonly string[]) =>
  isVerifiedBuyer(viewer) && participantMunicipalityNumbers.includes(viewer.municipalityNumber)

const isAuthor = (viewer: Viewer | null, report: { authorUserId: number }) =>
  !!viewer && viewer.userId === report.authorUserId

/**
 * One report for this viewer. Drafts are private to their author until published; hidden reports are kept for
 * coordinators and their author (who sees the moderator's reason).
 */
export function canViewExperience(
  viewer: Viewer | null,
  audience: ExperienceAudience,
  report: { status: ExperienceStatus; hidden: boolean; authorUserId: number },
): boolean {
  if (report.status === 'draft') return isAuthor(viewer, report) && effectiveRole(viewer) === 'buyer'
  if (isAuthor(viewer, report) && effectiveRole(viewer) === 'buyer') return true
  if (!canReadExperienceText(audience)) return false
  return !report.hidden || audience === 'coordinator'
}

/** The moderation state (hidden, reason) of a report or reply: coordinators, and the author of the content. */
export const canSeeModerationOf = (
  viewer: Viewer | null,
  content: { authorUserId?: number; supplierOrganisationId?: number },
) =>
  isCoordinatorOrAdmin(viewer) ||
  (content.authorUserId !== undefined && isAuthor(viewer, { authorUserId: content.authorUserId })) ||
  (content.supplierOrganisationId !== undefined && isSupplierOf(viewer, content.supplierOrganisationId))

/** A published report is a dated statement that a reply may answer: only drafts are edited (a later report records
 * what changed), and only by their author while still a buyer of that municipality. */
export const canEditExperience = (
  viewer: Viewer | null,
  report: { status: ExperienceStatus; authorUserId: number; municipalityNumber: string },
) => report.status === 'draft' && isAuthor(viewer, report) && isBuyerOf(viewer, report.municipalityNumber)

export const canPublishExperience = canEditExperience
export const canDeleteExperienceDraft = canEditExperience

// ---------------------------------------------------------------------------------------------------------------
// Supplier replies.

/** The supplier of a rated product replies once to a published, visible report. */
export const canReply = (
  viewer: Viewer | null,
  supplierOrganisationIds: readonly number[],
  report: { status: ExperienceStatus; hidden: boolean },
) =>
  isVerifiedSupplier(viewer) &&
  supplierOrganisationIds.includes(viewer.organisationId) &&
  report.status === 'published' &&
  !report.hidden

/** The reply belongs to the company: any verified member edits it, unless a coordinator has hidden it (the decision
 * was about that text). */
export const canEditReply = (viewer: Viewer | null, reply: { supplierOrganisationId: number; hidden: boolean }) =>
  isSupplierOf(viewer, reply.supplierOrganisationId) && !reply.hidden

/** Who wrote a reply (the company's name is always shown): the supplier's own members and coordinators. */
export const canSeeReplyAuthor = (viewer: Viewer | null, reply: { supplierOrganisationId: number }) =>
  isCoordinatorOrAdmin(viewer) || isSupplierOf(viewer, reply.supplierOrganisationId)

// ---------------------------------------------------------------------------------------------------------------
// Flags and moderation.

/** Anyone signed in may flag content they can see (the model checks that they can see it). */
export const canFlag = (viewer: Viewer | null) => effectiveRole(viewer) !== 'visitor'

/** Work the moderation queue, keep or hide flagged content, read the moderation log. */
export const canModerate = (viewer: Viewer | null) => isCoordinatorOrAdmin(viewer)

// ---------------------------------------------------------------------------------------------------------------
// My municipality.

export const canViewMyMunicipality = (viewer: Viewer | null) => isVerifiedBuyer(viewer)
