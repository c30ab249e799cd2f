import { getDb } from '../../db/client'
import type { CareSettingCode } from '../../db/schema'
import type { ProcurementData } from '~/forms/procurement'
import {
  doffinNoticeUrl,
  followUpStatus,
  type CommercialTermsVisibility,
  type FollowUpStatus,
  type ParticipantRole,
  type PhaseCode,
  type ProcedureCode,
} from '~/domain/procurement-rules'
import {
  acceptedParticipationWhere,
  authorNameWhere,
  canEditParticipant,
  canLeaveProcurement,
  canRespondToInvitation,
  canEditProcurement,
  canManageParticipants,
  canSeeCommercialTerms,
  canSeeInternalNotes,
  canWriteExperience,
  commercialTermsWhere,
  internalNotesWhere,
  visibleExperienceWhere,
  visibleInvitationsWhere,
} from '~/policy/experience'
import { canViewBenefitsOf } from '~/policy/benefits'
import { canViewProduct } from '~/policy/register'
import type { Viewer } from '~/policy/viewer'
import { lastBenefitMeasurementDates } from '~/models/follow-up-due.server'
import { loadProductAccess } from '~/models/register-access.server'
import { clock, type DbOrTrx } from '~/models/db.server'
import { loadMunicipalities, municipalityRefOrPlaceholder, type MunicipalityRef } from '~/models/municipalities.server'
import type { ProcurementAccess } from '~/models/procurement-access.server'

// Reading one procurement: every viewer sees the public part; commercial terms, internal notes, follow-up and names
// leave the database only for viewers the policy allows (app/policy/experience.ts).

export type ParticipantView = {
  municipality: MunicipalityRef
  role: ParticipantRole
  usersCount: number | null
  unitsCount: number | null
  sitesCount: number | null
  goLiveDate: string | null
  phase: PhaseCode
  /** Only for the municipality's own buyers; null for everyone else. */
  internalNotes: string | null
  /** Only for the municipality's own buyers (follow-up is shown to its municipality). */
  followUp: FollowUpStatus | null
  /** Latest published report this viewer may read (null when there is none it may read). */
  lastReportDate: string | null
}

export type ProcurementProductView = {
  /** Register product id, or null for a product named in free text. */
  productId: number | null
  name: string
  supplierName: string | null
  /** Whether the product page is open to this viewer. */
  linkable: boolean
}

export type CommercialTerms = { contractValueNok: number | null; priceTerms: string | null }

export type ProcurementDetail = {
  id: number
  title: string
  need: string
  replacesPractice: string | null
  lead: MunicipalityRef
  supplier: { organisationId: number | null; name: string | null }
  procedure: ProcedureCode
  doffinReference: string | null
  doffinUrl: string | null
  contractStart: string | null
  contractEnd: string | null
  commercialTermsVisibility: CommercialTermsVisibility
  /** Null when this viewer may not see them (suppliers; visitors unless public). */
  commercialTerms: CommercialTerms | null
  careSettings: CareSettingCode[]
  openForJoining: boolean
  /** The lead municipality's internal notes: its own buyers only. */
  internalNotes: string | null
  products: ProcurementProductView[]
  /** Municipalities that have accepted (the lead included): the only ones listed and counted. */
  participants: ParticipantView[]
  /** Pending invitations: for the lead's buyers, and for the invited municipality's buyers (its own). */
  invitations: Array<{ municipality: MunicipalityRef; invitedAt: string }>
  /** Who registered it: buyers and coordinators only. */
  createdBy: { name: string; email: string } | null
  createdAt: string
  updatedAt: string
  viewerCan: {
    edit: boolean
    manageParticipants: boolean
    /** Municipality numbers whose participant row this viewer may edit. */
    editParticipants: string[]
    writeExperience: boolean
    /** Whether the procurement's benefit records page is open to this viewer (`benefit-visible`). */
    viewBenefits: boolean
    /** The viewer's municipality is invited and may accept or decline. */
    respondToInvitation: boolean
    /** The viewer's municipality takes part (not as the lead) and may leave. */
    leave: boolean
  }
}

/** Per participating municipality: the date of its latest published report (the follow-up clock, for its own buyers)
 * and of its latest published report this viewer may read. */
async function lastReportDates(db: DbOrTrx, viewer: Viewer | null, procurementId: number) {
  const rows = await db
    .selectFrom('experience_report')
    .select((eb) => [
      'experience_report.municipality_number',
      eb.fn
        .max(
          eb
            .case()
            .when('experience_report.status', '=', 'published')
            .then(eb.ref('experience_report.report_date'))
            .end(),
        )
        .as('last_published'),
      eb.fn
        .max(
          eb
            .case()
            .when(eb.and([eb('experience_report.status', '=', 'published'), visibleExperienceWhere(viewer)(eb)]))
            .then(eb.ref('experience_report.report_date'))
            .end(),
        )
        .as('last_visible'),
    ])
    .where('experience_report.procurement_id', '=', procurementId)
    .groupBy('experience_report.municipality_number')
    .execute()
  return new Map(rows.map((r) => [r.municipality_number, { published: r.last_published, visible: r.last_visible }]))
}

/** One procurement for this viewer (every viewer sees the public part). */
export async function getProcurement(viewer: Viewer | null, access: ProcurementAccess): Promise<ProcurementDetail> {
  const db = getDb()
  const { today } = clock()
  const procurementId = access.id
  const seesTerms = commercialTermsWhere(viewer)
  const seesNotes = internalNotesWhere(viewer)
  const [row, products, careSettings, participants, invitations, lastReports, lastMeasurements] = await Promise.all([
    db
      .selectFrom('procurement')
      .leftJoin('organisation', 'organisation.id', 'procurement.supplier_organisation_id')
      .leftJoin('user', 'user.id', 'procurement.created_by')
      .select((eb) => [
        'procurement.id',
        'procurement.lead_municipality_number',
        'procurement.title',
        'procurement.need',
        'procurement.replaces_practice',
        'procurement.supplier_organisation_id',
        'procurement.supplier_name',
        'organisation.name as supplier_organisation_name',
        'procurement.procedure',
        'procurement.doffin_reference',
        'procurement.contract_start',
        'procurement.contract_end',
        'procurement.commercial_terms_visibility',
        'procurement.open_for_joining',
        'procurement.created_at',
        'procurement.updated_at',
        // Commercial terms, notes and names leave the database only where the policy allows them.
        eb.case().when(seesTerms(eb)).then(eb.ref('procurement.contract_value_nok')).end().as('contract_value_nok'),
        eb.case().when(seesTerms(eb)).then(eb.ref('procurement.price_terms')).end().as('price_terms'),
        eb
          .case()
          .when(seesNotes(eb, eb.ref('procurement.lead_municipality_number')))
          .then(eb.ref('procurement.internal_notes'))
          .end()
          .as('internal_notes'),
        eb.case().when(authorNameWhere(viewer)(eb)).then(eb.ref('user.name')).end().as('created_by_name'),
        eb.case().when(authorNameWhere(viewer)(eb)).then(eb.ref('user.email')).end().as('created_by_email'),
      ])
      .where('procurement.id', '=', procurementId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('procurement_product')
      .leftJoin('product', 'product.id', 'procurement_product.product_id')
      .leftJoin('organisation', 'organisation.id', 'product.supplier_organisation_id')
      .select([
        'procurement_product.product_id',
        'procurement_product.product_name',
        'product.name as register_name',
        'organisation.name as supplier_name',
      ])
      .where('procurement_product.procurement_id', '=', procurementId)
      .orderBy('procurement_product.id')
      .execute(),
    db
      .selectFrom('procurement_care_setting')
      .select('code')
      .where('procurement_id', '=', procurementId)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('procurement_participant')
      .select((eb) => [
        'procurement_participant.municipality_number',
        'procurement_participant.role',
        'procurement_participant.users_count',
        'procurement_participant.units_count',
        'procurement_participant.sites_count',
        'procurement_participant.go_live_date',
        'procurement_participant.phase',
        'procurement_participant.created_at',
        eb
          .case()
          .when(seesNotes(eb, eb.ref('procurement_participant.municipality_number')))
          .then(eb.ref('procurement_participant.internal_notes'))
          .end()
          .as('internal_notes'),
      ])
      .where('procurement_participant.procurement_id', '=', procurementId)
      .where(acceptedParticipationWhere)
      .orderBy((eb) => eb('procurement_participant.role', '=', 'lead'), 'desc')
      .orderBy('procurement_participant.municipality_number')
      .execute(),
    db
      .selectFrom('procurement_participant')
      .select(['procurement_participant.municipality_number', 'procurement_participant.updated_at'])
      .where('procurement_participant.procurement_id', '=', procurementId)
      .where(visibleInvitationsWhere(viewer))
      .orderBy('procurement_participant.municipality_number')
      .execute(),
    lastReportDates(db, viewer, procurementId),
    lastBenefitMeasurementDates(db, { procurementId }),
  ])
  const municipalities = await loadMunicipalities(db, [
    row.lead_municipality_number,
    ...participants.map((p) => p.municipality_number),
    ...invitations.map((p) => p.municipality_number),
  ])
  const municipality = (number: string) => municipalityRefOrPlaceholder(municipalities, number)
  const productAccess = await loadProductAccess(
    db,
    products.flatMap((p) => (p.product_id ? [p.product_id] : [])),
    today,
  )

  return {
    id: row.id,
    title: row.title,
    need: row.need,
    replacesPractice: row.replaces_practice,
    lead: municipality(row.lead_municipality_number),
    supplier: {
      organisationId: row.supplier_organisation_id,
      name: row.supplier_organisation_name ?? row.supplier_name,
    },
    procedure: row.procedure,
    doffinReference: row.doffin_reference,
    doffinUrl: row.doffin_reference ? doffinNoticeUrl(row.doffin_reference) : null,
    contractStart: row.contract_start,
    contractEnd: row.contract_end,
    commercialTermsVisibility: row.commercial_terms_visibility,
    commercialTerms: canSeeCommercialTerms(viewer, row.commercial_terms_visibility)
      ? { contractValueNok: row.contract_value_nok, priceTerms: row.price_terms }
      : null,
    careSettings: careSettings.map((c) => c.code),
    openForJoining: row.open_for_joining === 1,
    internalNotes: row.internal_notes,
    products: products.map((p) => {
      const product = p.product_id ? productAccess.get(p.product_id) : undefined
      return {
        productId: p.product_id,
        name: p.register_name ?? p.product_name ?? '',
        supplierName: p.supplier_name,
        linkable: product !== undefined && canViewProduct(viewer, product),
      }
    }),
    participants: participants.map((p) => {
      const last = lastReports.get(p.municipality_number)
      return {
        municipality: municipality(p.municipality_number),
        role: p.role,
        usersCount: p.users_count,
        unitsCount: p.units_count,
        sitesCount: p.sites_count,
        goLiveDate: p.go_live_date,
        phase: p.phase,
        internalNotes: p.internal_notes,
        followUp: canSeeInternalNotes(viewer, p.municipality_number)
          ? followUpStatus({
              phase: p.phase,
              goLiveDate: p.go_live_date,
              lastReportDate: last?.published ?? null,
              lastBenefitMeasurementDate: lastMeasurements.get(`${procurementId}:${p.municipality_number}`) ?? null,
              joinedDate: p.created_at.slice(0, 10),
              today,
            })
          : null,
        lastReportDate: last?.visible ?? null,
      }
    }),
    invitations: invitations.map((i) => ({
      municipality: municipality(i.municipality_number),
      invitedAt: i.updated_at,
    })),
    createdBy:
      row.created_by_name !== null && row.created_by_email !== null
        ? { name: row.created_by_name, email: row.created_by_email }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    viewerCan: {
      edit: canEditProcurement(viewer, access),
      manageParticipants: canManageParticipants(viewer, access),
      editParticipants: access.participants
        .filter((p) => canEditParticipant(viewer, p))
        .map((p) => p.municipalityNumber),
      writeExperience: canWriteExperience(viewer, access),
      viewBenefits: canViewBenefitsOf(viewer, access),
      respondToInvitation: access.participants.some((p) => canRespondToInvitation(viewer, p)),
      leave: access.participants.some((p) => canLeaveProcurement(viewer, p)),
    },
  }
}

/** The form's current values for the lead's buyers (internal notes and terms included); null for anyone else. */
export async function getProcurementForEdit(
  viewer: Viewer | null,
  access: ProcurementAccess,
): Promise<ProcurementData | null> {
  if (!canEditProcurement(viewer, access)) return null
  const db = getDb()
  const [p, products, care] = await Promise.all([
    db
      .selectFrom('procurement')
      .select([
        'title',
        'need',
        'replaces_practice',
        'supplier_organisation_id',
        'supplier_name',
        'procedure',
        'doffin_reference',
        'contract_value_nok',
        'price_terms',
        'contract_start',
        'contract_end',
        'commercial_terms_visibility',
        'open_for_joining',
        'internal_notes',
      ])
      .where('id', '=', access.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('procurement_product')
      .select(['product_id', 'product_name'])
      .where('procurement_id', '=', access.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('procurement_care_setting')
      .select('code')
      .where('procurement_id', '=', access.id)
      .orderBy('code')
      .execute(),
  ])
  return {
    title: p.title,
    need: p.need,
    replacesPractice: p.replaces_practice,
    supplierOrganisationId: p.supplier_organisation_id,
    supplierName: p.supplier_name,
    procedure: p.procedure,
    doffinReference: p.doffin_reference,
    contractValueNok: p.contract_value_nok,
    priceTerms: p.price_terms,
    contractStart: p.contract_start,
    contractEnd: p.contract_end,
    commercialTermsVisibility: p.commercial_terms_visibility,
    careSettings: care.map((c) => c.code),
    openForJoining: p.open_for_joining === 1,
    internalNotes: p.internal_notes,
    productIds: products.flatMap((x) => (x.product_id ? [x.product_id] : [])),
    productNames: products.flatMap((x) => (x.product_name ? [x.product_name] : [])),
  }
}
