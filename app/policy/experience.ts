import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { DB } from '../../db/schema'
import type { CommercialTermsVisibility, ExperienceStatus, ParticipationStatus } from '~/domain/procurement-rules'
import {
  effectiveRole,
  isBuyerOf,
  isCoordinatorOrAdmin,
  isSupplierOf,
  isVerifiedBuyer,
  isVerifiedSupplier,
  type BuyerViewer,
  type StaffViewer,
  type SupplierViewer,
  type Viewer,
} from './viewer'

// Who may see and do what with procurements, experience reports, supplier replies and flags (docs/domain.md,
// "Visibility"). Each visibility rule is a predicate for one item beside its list form, a Kysely expression builder
// on the table's own name that the models put in their queries; tests/unit/policy-experience-parity.test.ts proves
// for every role and every row of the demo data that the two agree. The routes ask the predicates too, to decide
// which actions to offer.
//
// | rule               | data                               | visitor, pending   | buyer            | own supplier  | other supplier | coordinator   |
// | commercial-terms   | contract value, price terms        | if public          | yes              | no            | no             | yes           |
// |                    | switching cost in reports          | no                 | yes              | no            | no             | yes           |
// | internal-notes     | lead's and participants' notes     | no                 | own municipality | no            | no             | no            |
// | report-visible     | individual reports                 | no                 | published, own   | published     | no             | published     |
// |                    |                                    |                    | drafts and own   | visible, own  |                | (hidden too)  |
// |                    |                                    |                    | hidden reports   | products      |                |               |
// | author-name        | report author, procurement creator | no                 | yes              | no            | no             | yes           |
// | reply-author       | which member wrote a reply         | no                 | no               | own company's | no             | yes           |
// | hidden-replies     | a reply a coordinator hid          | no                 | no               | own company's | no             | yes           |
// | moderation-state   | hidden, when, the reason           | no                 | own reports      | own replies   | no             | yes           |
// | flag-outcome       | a flag's decision and reasons      | no                 | own flags        | own flags     | own flags      | yes           |
// | aggregate-public   | a product's aggregate              | published steps (decision 010), unfiltered | exact, live | exact, live | as visitor | exact, live |
// | participation-accepted | a municipality in participant lists and counts | accepted only, the same for everyone                            |
// | invitation-visible | a pending invitation               | no                 | the lead's and the invited municipality's buyers | no | no | no |
//
// "Own supplier" of a report is the supplier of the product the report is about (experience_report.product_id).
//
// A procurement's other fields (title, need, products, procedure, Doffin reference, contract period, participants
// and their phase and scope) are public information about public spending and are shown to everyone; the
// participants are the municipalities that accepted (rule participation-accepted).

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
  if (isVerifiedBuyer(viewer)) return 'buyer'
  if (isVerifiedSupplier(viewer) && supplierOrganisationIds.includes(viewer.organisationId)) return 'own_supplier'
  return 'public'
}

/** Individual reports (ratings and text), as opposed to aggregates. */
export const canReadExperienceText = (audience: ExperienceAudience) => audience !== 'public'

// ---------------------------------------------------------------------------------------------------------------
// commercial-terms

/**
 * Contract value and price terms. Municipalities-only terms are for municipalities (and the coordinators); a
 * supplier never gets them, not even public ones about its own contracts (suppliers say buyers pass their prices to
 * competitors, so the platform never does).
 */
export function canSeeCommercialTerms(viewer: Viewer | null, visibility: CommercialTermsVisibility): boolean {
  if (isVerifiedBuyer(viewer) || isCoordinatorOrAdmin(viewer)) return true
  if (isVerifiedSupplier(viewer)) return false
  return visibility === 'public'
}

/** The list form of canSeeCommercialTerms, on `procurement`: select the terms only where it holds. */
export const commercialTermsWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'procurement'>): Expression<SqlBool> => {
    if (isVerifiedBuyer(viewer) || isCoordinatorOrAdmin(viewer)) return eb.lit(true)
    if (isVerifiedSupplier(viewer)) return eb.lit(false)
    return eb('procurement.commercial_terms_visibility', '=', 'public')
  }

/** Switching cost (and other money in reports) is a municipalities-only commercial term. */
export const canSeeSwitchingCost = (viewer: Viewer | null) => canSeeCommercialTerms(viewer, 'municipalities')

// ---------------------------------------------------------------------------------------------------------------
// internal-notes

/** A municipality's internal notes (on a procurement it leads, or on its own participation, with its follow-up
 * status): its own buyers only, not even coordinators. */
export const canSeeInternalNotes = (viewer: Viewer | null, municipalityNumber: string) =>
  isBuyerOf(viewer, municipalityNumber)

/**
 * The list form of canSeeInternalNotes. Notes belong to the municipality in `owner`: the lead
 * (`procurement.lead_municipality_number`) or the participant (`procurement_participant.municipality_number`).
 */
export const internalNotesWhere =
  (viewer: Viewer | null) =>
  <TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, owner: Expression<string>): Expression<SqlBool> =>
    isVerifiedBuyer(viewer) ? eb(owner, '=', eb.val(viewer.municipalityNumber)) : eb.lit(false)

// ---------------------------------------------------------------------------------------------------------------
// report-visible

const isAuthor = (viewer: Viewer | null, report: { authorUserId: number }) =>
  viewer !== null && viewer.userId === report.authorUserId

/** What the policy needs to know about a report: `supplierOrganisationIds` is the supplier of the register product
 * the report is about (empty when it is about no register product). */
export type ReportAccess = {
  status: ExperienceStatus
  hidden: boolean
  authorUserId: number
  supplierOrganisationIds: readonly number[]
}

/**
 * One report for this viewer. Drafts are private to their author until published; hidden reports are kept for
 * coordinators and their author (who sees the moderator's reason); a supplier reads the reports about its products.
 */
export function canViewExperience(viewer: Viewer | null, report: ReportAccess): boolean {
  const ownReport = isVerifiedBuyer(viewer) && isAuthor(viewer, report)
  if (report.status === 'draft') return ownReport
  if (ownReport) return true
  const audience = experienceAudience(viewer, report.supplierOrganisationIds)
  if (!canReadExperienceText(audience)) return false
  return !report.hidden || audience === 'coordinator'
}

/** The list form of canViewExperience, on `experience_report`. */
export const visibleExperienceWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'experience_report'>): Expression<SqlBool> => {
    const published = eb('experience_report.status', '=', 'published')
    const publishedVisible = eb.and([published, eb('experience_report.hidden', '=', 0)])
    if (isCoordinatorOrAdmin(viewer)) return published
    if (isVerifiedBuyer(viewer))
      return eb.or([eb('experience_report.author_user_id', '=', viewer.userId), publishedVisible])
    if (isVerifiedSupplier(viewer)) {
      // A list of the company's products rather than a lookup per report, so that the planner starts from the
      // reports about those products (experience_report_product_idx), not from every published report.
      const aboutOwnProduct = eb(
        'experience_report.product_id',
        'in',
        eb
          .selectFrom('product')
          .select('product.id')
          .where('product.supplier_organisation_id', '=', viewer.organisationId),
      )
      return eb.and([publishedVisible, aboutOwnProduct])
    }
    return eb.lit(false)
  }

// ---------------------------------------------------------------------------------------------------------------
// author-name

/** A report author's name and e-mail, and who registered a procurement: municipalities and coordinators (the
 * supplier sees the municipality only). */
export const canSeeAuthorName = (viewer: Viewer | null) => isVerifiedBuyer(viewer) || isCoordinatorOrAdmin(viewer)

/** The list form of canSeeAuthorName, on `experience_report` or `procurement` (the same for every row: it depends on
 * the role alone). */
export const authorNameWhere =
  (viewer: Viewer | null) =>
  <TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> =>
    eb.lit(canSeeAuthorName(viewer))

// ---------------------------------------------------------------------------------------------------------------
// reply-author, hidden-replies, moderation-state

const ownCompanyOrStaffWhere = (viewer: Viewer | null, eb: ExpressionBuilder<DB, 'supplier_reply'>) => {
  if (isCoordinatorOrAdmin(viewer)) return eb.lit(true)
  if (isVerifiedSupplier(viewer)) return eb('supplier_reply.supplier_organisation_id', '=', viewer.organisationId)
  return eb.lit(false)
}

/** Who wrote a reply (the company's name is always shown): the supplier's own members and coordinators. */
export const canSeeReplyAuthor = (viewer: Viewer | null, reply: { supplierOrganisationId: number }) =>
  isCoordinatorOrAdmin(viewer) || isSupplierOf(viewer, reply.supplierOrganisationId)

/** The list form of canSeeReplyAuthor, on `supplier_reply`. */
export const replyAuthorWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'supplier_reply'>): Expression<SqlBool> =>
    ownCompanyOrStaffWhere(viewer, eb)

/** The moderation state (hidden, when, the reason) of a report or reply: coordinators, and the author of the
 * content (a reply's author is its supplier company). */
export const canSeeModerationOf = (
  viewer: Viewer | null,
  content: { authorUserId: number } | { supplierOrganisationId: number },
) =>
  isCoordinatorOrAdmin(viewer) ||
  ('authorUserId' in content ? isAuthor(viewer, content) : isSupplierOf(viewer, content.supplierOrganisationId))

/** The list form of canSeeModerationOf for reports, on `experience_report`. */
export const reportModerationWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'experience_report'>): Expression<SqlBool> => {
    if (isCoordinatorOrAdmin(viewer)) return eb.lit(true)
    if (viewer) return eb('experience_report.author_user_id', '=', viewer.userId)
    return eb.lit(false)
  }

/** The list form of canSeeModerationOf for replies, on `supplier_reply`. */
export const replyModerationWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'supplier_reply'>): Expression<SqlBool> =>
    ownCompanyOrStaffWhere(viewer, eb)

/** A reply a coordinator has hidden is kept for the coordinators and the replying company; everyone else never gets
 * it (the report it answers must be visible to the viewer as well). */
export const canViewReply = (viewer: Viewer | null, reply: { supplierOrganisationId: number; hidden: boolean }) =>
  !reply.hidden || canSeeModerationOf(viewer, { supplierOrganisationId: reply.supplierOrganisationId })

/** The list form of canViewReply, on `supplier_reply`. */
export const visibleRepliesWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'supplier_reply'>): Expression<SqlBool> =>
    eb.or([eb('supplier_reply.hidden', '=', 0), ownCompanyOrStaffWhere(viewer, eb)])

// ---------------------------------------------------------------------------------------------------------------
// aggregate-public

/** A report counts in a product's aggregate when it is published and not hidden, whoever looks: in the live figures at
 * once, in the public figures from their next published step. */
export const countsInAggregate = (report: { status: ExperienceStatus; hidden: boolean }) =>
  report.status === 'published' && !report.hidden

/** The list form of countsInAggregate, on `experience_report`. */
export const aggregateReportsWhere = (eb: ExpressionBuilder<DB, 'experience_report'>): Expression<SqlBool> =>
  eb.and([eb('experience_report.status', '=', 'published'), eb('experience_report.hidden', '=', 0)])

/**
 * Where an audience's aggregate comes from: those who may read the reports get the live, exact figures; everyone else
 * the figures last published in steps (app/domain/experience-aggregates.ts, decideStep), which change only when at
 * least three new municipalities have contributed, so two public views cannot be subtracted to single one out.
 */
export const aggregateSource = (audience: ExperienceAudience): 'live' | 'published' =>
  canReadExperienceText(audience) ? 'live' : 'published'

/**
 * Filters ("municipalities like mine") narrow the set a live aggregate is computed over. The public's published
 * figures are never filtered: two filtered views that each pass the minimum could be subtracted to single out one
 * municipality.
 */
export const canFilterAggregate = (audience: ExperienceAudience) => canReadExperienceText(audience)

// ---------------------------------------------------------------------------------------------------------------
// participation-accepted, invitation-visible

/**
 * A municipality takes part in a procurement only once it has accepted (the lead's own participation is accepted at
 * creation). Every list and count of participants goes through this rule: the procurement's participant list, the
 * procurement list's counts and filters, "municipalities using this product", "Min kommune" and its follow-up. An
 * invited municipality is shown to nobody else and counted nowhere; a declined or left one is gone from them all.
 */
export const isAcceptedParticipation = (participation: { status: ParticipationStatus }) =>
  participation.status === 'accepted'

/** The list form of isAcceptedParticipation, on `procurement_participant` (the same for every viewer). */
export const acceptedParticipationWhere = (eb: ExpressionBuilder<DB, 'procurement_participant'>): Expression<SqlBool> =>
  eb('procurement_participant.status', '=', 'accepted')

/** A pending invitation: the lead's buyers (who sent it) and the invited municipality's buyers (who answer it). */
export const canSeeInvitation = (
  viewer: Viewer | null,
  participation: { status: ParticipationStatus; municipalityNumber: string; leadMunicipalityNumber: string },
) =>
  participation.status === 'invited' &&
  (isBuyerOf(viewer, participation.municipalityNumber) || isBuyerOf(viewer, participation.leadMunicipalityNumber))

/** The list form of canSeeInvitation, on `procurement_participant`. */
export const visibleInvitationsWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'procurement_participant'>): Expression<SqlBool> => {
    if (!isVerifiedBuyer(viewer)) return eb.lit(false)
    const mine = viewer.municipalityNumber
    return eb.and([
      eb('procurement_participant.status', '=', 'invited'),
      eb.or([
        eb('procurement_participant.municipality_number', '=', mine),
        eb.exists(
          eb
            .selectFrom('procurement')
            .select('procurement.id')
            .whereRef('procurement.id', '=', 'procurement_participant.procurement_id')
            .where('procurement.lead_municipality_number', '=', mine),
        ),
      ]),
    ])
  }

/** Accept or decline an invitation: a verified buyer of the invited municipality, while it is pending. */
export const canRespondToInvitation = (
  viewer: Viewer | null,
  participation: { status: ParticipationStatus; municipalityNumber: string },
): viewer is BuyerViewer => participation.status === 'invited' && isBuyerOf(viewer, participation.municipalityNumber)

/** Leave a procurement: a verified buyer of a participating municipality other than the lead (the lead owns the
 * procurement). Its reports stay its own. */
export const canLeaveProcurement = (
  viewer: Viewer | null,
  participation: { status: ParticipationStatus; role: 'lead' | 'participant'; municipalityNumber: string },
): viewer is BuyerViewer =>
  participation.status === 'accepted' &&
  participation.role === 'participant' &&
  isBuyerOf(viewer, participation.municipalityNumber)

// ---------------------------------------------------------------------------------------------------------------
// Procurements.

/** Register a procurement: a verified buyer, for its own municipality (which becomes the lead). */
export const canCreateProcurement = (viewer: Viewer | null): viewer is BuyerViewer => isVerifiedBuyer(viewer)

/** Core fields, products, care settings and the participant list: the lead municipality's buyers. Coordinators do
 * not edit municipalities' procurements. */
export const canEditProcurement = (
  viewer: Viewer | null,
  procurement: { leadMunicipalityNumber: string },
): viewer is BuyerViewer => isBuyerOf(viewer, procurement.leadMunicipalityNumber)

export const canManageParticipants = canEditProcurement

/** A participation's deployment data (scope, go-live, phase, its internal notes): that municipality's buyers, once
 * it has accepted. Each municipality keeps its own deployment data under the shared procurement, so the lead does
 * not edit another's. */
export const canEditParticipant = (
  viewer: Viewer | null,
  participant: { municipalityNumber: string; status: ParticipationStatus },
): viewer is BuyerViewer => isAcceptedParticipation(participant) && isBuyerOf(viewer, participant.municipalityNumber)

// ---------------------------------------------------------------------------------------------------------------
// Experience reports.

/** Write a report for a procurement: a buyer of one of its participating municipalities (accepted: an invited,
 * declined or left municipality writes none), for that participation. */
export const canWriteExperience = (
  viewer: Viewer | null,
  procurement: { participants: ReadonlyArray<{ municipalityNumber: string; status: ParticipationStatus }> },
): viewer is BuyerViewer =>
  isVerifiedBuyer(viewer) &&
  procurement.participants.some((p) => p.municipalityNumber === viewer.municipalityNumber && isAcceptedParticipation(p))

/** A published report is a dated statement that a reply may answer: only drafts are edited (a later report records
 * what changed), and only by their author while still a buyer of that municipality. */
export const canEditExperience = (
  viewer: Viewer | null,
  report: { status: ExperienceStatus; authorUserId: number; municipalityNumber: string },
): viewer is BuyerViewer =>
  report.status === 'draft' && isAuthor(viewer, report) && isBuyerOf(viewer, report.municipalityNumber)

export const canPublishExperience = canEditExperience
export const canDeleteExperienceDraft = canEditExperience

// ---------------------------------------------------------------------------------------------------------------
// Supplier replies.

/** The supplier of a rated product replies once to a published, visible report. */
export const canReply = (viewer: Viewer | null, report: ReportAccess): viewer is SupplierViewer =>
  isVerifiedSupplier(viewer) &&
  report.supplierOrganisationIds.includes(viewer.organisationId) &&
  report.status === 'published' &&
  !report.hidden

/** The reply belongs to the company: any verified member edits it, unless a coordinator has hidden it (the decision
 * was about that text). */
export const canEditReply = (
  viewer: Viewer | null,
  reply: { supplierOrganisationId: number; hidden: boolean },
): viewer is SupplierViewer => isSupplierOf(viewer, reply.supplierOrganisationId) && !reply.hidden

// ---------------------------------------------------------------------------------------------------------------
// Flags and moderation.

/** The viewer wrote it: the report's author, or for a reply a member of the replying company. Nobody flags their own
 * content. */
export const ownsContent = (
  viewer: Viewer | null,
  content: { authorUserId: number } | { supplierOrganisationId: number },
) =>
  viewer !== null &&
  ('authorUserId' in content
    ? viewer.userId === content.authorUserId
    : viewer.organisationId === content.supplierOrganisationId)

/** What may be flagged: a published report, or a reply. */
export type FlagTarget =
  | { authorUserId: number; status: ExperienceStatus; hidden: boolean }
  | { supplierOrganisationId: number; hidden: boolean }

/** Anyone signed in may flag published, visible content they did not write (the model checks that they can see
 * it); hidden content has been decided already. */
export const canFlag = (viewer: Viewer | null, content: FlagTarget) =>
  effectiveRole(viewer) !== 'visitor' &&
  !content.hidden &&
  (!('status' in content) || content.status === 'published') &&
  !ownsContent(viewer, content)

/** The outcome of a flag (open, kept or hidden, the coordinator's reason, a later restoration): the person who flagged
 * it, and the coordinators. Never who flagged it to anyone else. */
export const canSeeFlagOutcome = (viewer: Viewer | null, flag: { flaggedBy: number }) =>
  isCoordinatorOrAdmin(viewer) || (viewer !== null && viewer.userId === flag.flaggedBy)

/** The list form of canSeeFlagOutcome, on `content_flag`. */
export const flagOutcomeWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'content_flag'>): Expression<SqlBool> => {
    if (isCoordinatorOrAdmin(viewer)) return eb.lit(true)
    if (viewer) return eb('content_flag.flagged_by', '=', viewer.userId)
    return eb.lit(false)
  }

/** Work the moderation queue, keep or hide flagged content, read the moderation log. */
export const canModerate = (viewer: Viewer | null): viewer is StaffViewer => isCoordinatorOrAdmin(viewer)

// ---------------------------------------------------------------------------------------------------------------
// My municipality.

export const canViewMyMunicipality = (viewer: Viewer | null): viewer is BuyerViewer => isVerifiedBuyer(viewer)
