import type {
  ApiBenefitOverview,
  ApiBenefitRecord,
  ApiBenefitTotals,
  ApiCategory,
  ApiExperience,
  ApiProcurementDetail,
  ApiProcurementSummary,
  ApiCriterion,
  ApiDecision,
  ApiProductDetail,
  ApiProductSummary,
  ApiPublishedAggregate,
} from '~/api/contract'
import { isPublicVersionState } from '~/domain/approval-workflow'
import type { ApprovalLabel } from '~/domain/approval-label'
import type { BasisTotals, BenefitOverview } from '~/models/benefit-overview.server'
import type { BenefitView } from '~/models/benefits.server'
import type { Criterion } from '~/models/criteria.server'
import type { DecisionView } from '~/models/decision-views.server'
import type { PublishedAggregate } from '~/models/experience-aggregates.server'
import type { ExperienceView, ModerationView } from '~/models/experience-views.server'
import type { ProcurementDetail } from '~/models/procurement-detail.server'
import type { ProcurementSummary } from '~/models/procurement-list.server'
import type { ProductDetail, ProductSummary } from '~/models/products.server'

// From the models' views to the API's bodies (app/api/contract.ts), field by field: a field the contract does not
// name never reaches a client, whatever the models add later. The register endpoints answer the public view.

const productUrl = (id: number) => `/register/${id}`

function toApproval(label: ApprovalLabel): ApiProductSummary['approval'] {
  switch (label.status) {
    case 'not_approved':
      return { status: 'not_approved' }
    case 'approved':
    case 'provisionally_approved':
      return {
        status: label.status,
        approvedVersion: label.approvedVersion,
        validUntil: label.validUntil,
        newestVersion: label.newestVersion,
        newestAssessed: label.newestAssessed,
      }
    default:
      return { status: label.status, version: label.version, endedAt: label.endedAt }
  }
}

export const toApiCategory = (c: { slug: string; nameNb: string; nameEn: string }): ApiCategory => ({
  slug: c.slug,
  nameNb: c.nameNb,
  nameEn: c.nameEn,
})

export const toApiProductSummary = (p: ProductSummary): ApiProductSummary => ({
  id: p.id,
  name: p.name,
  shortDescription: p.shortDescription,
  supplier: { id: p.supplier.id, name: p.supplier.name },
  category: toApiCategory(p.category),
  mdrClass: p.mdrClass,
  ceMarked: p.ceMarked,
  careSettings: p.careSettings,
  integrations: p.integrations,
  approval: toApproval(p.approval),
  updatedAt: p.updatedAt,
  url: productUrl(p.id),
})

export const toApiDecision = (d: DecisionView): ApiDecision => ({
  id: d.id,
  decidedAt: d.decidedAt,
  outcome: d.outcome,
  rationale: d.rationale,
  validUntil: d.validUntil,
  approvalEnded: d.approvalEnded,
  version: { id: d.version.id, label: d.version.label },
  product: {
    id: d.product.id,
    name: d.product.name,
    supplierName: d.product.supplierName,
    url: d.productVisible ? productUrl(d.product.id) : null,
  },
  results: d.results.map((r) => ({ criterionCode: r.criterionCode, result: r.result, comment: r.comment })),
})

export const toApiAggregate = (a: PublishedAggregate): ApiPublishedAggregate => ({
  contributorBand: a.contributorBand,
  publishedAt: a.publishedAt,
  ratings: a.dimensions.map((d) => ({ dimension: d.dimension, mean: d.mean })),
  recommendation: {
    yes: a.recommendation.yes.share,
    with_reservations: a.recommendation.with_reservations.share,
    no: a.recommendation.no.share,
  },
})

export const toApiProductDetail = (
  p: ProductDetail,
  decisions: readonly DecisionView[],
  aggregate: PublishedAggregate | null,
): ApiProductDetail => ({
  ...toApiProductSummary(p),
  description: p.description,
  intendedUsers: p.intendedUsers,
  website: p.website,
  intendedUse: p.intendedUse,
  dataStorageLocation: p.dataStorageLocation,
  dpiaTemplateAvailable: p.dpiaTemplateAvailable,
  dpaAvailable: p.dpaAvailable,
  universalDesign: p.universalDesign,
  standards: p.standards,
  withdrawalRationale: p.withdrawalRationale,
  versions: p.versions.flatMap((v) =>
    isPublicVersionState(v.state)
      ? [{ id: v.id, label: v.label, state: v.state, releaseNotes: v.releaseNotes, validUntil: v.validUntil }]
      : [],
  ),
  decisions: decisions.map(toApiDecision),
  aggregate: aggregate ? toApiAggregate(aggregate) : null,
})

export const toApiCriterion = (c: Criterion): ApiCriterion => ({
  code: c.code,
  mandatory: c.mandatory,
  notApplicableAllowed: c.notApplicableAllowed,
  nameNb: c.nameNb,
  nameEn: c.nameEn,
  descriptionNb: c.descriptionNb,
  descriptionEn: c.descriptionEn,
  requirementNb: c.requirementNb,
  requirementEn: c.requirementEn,
  evidenceNb: c.evidenceNb,
  evidenceEn: c.evidenceEn,
})

// ---------------------------------------------------------------------------------------------------------------
// The national benefit overview: the public's (published) figures only.

/** Published totals carry the band of municipalities, never a count; null when the figure has no band. */
function toApiTotals(t: BasisTotals | null): ApiBenefitTotals | null {
  if (!t || t.municipalities.band === null) return null
  return {
    hoursPerYear: t.hoursPerYear,
    fullTimeEquivalents: t.fullTimeEquivalents,
    nok: t.nok.map((n) => ({ priceYear: n.priceYear, nok: n.nok })),
    contributorBand: t.municipalities.band,
  }
}

/** The overview as the public sees it; anything but the published source is refused here, so a live overview can
 * never reach the public endpoint by mistake. */
export function toApiBenefitOverview(o: BenefitOverview): ApiBenefitOverview {
  if (o.source !== 'published') throw new Error('The public API answers published benefit figures only')
  return {
    source: 'published',
    filter: { category: o.applied.category ?? null, populationBand: o.applied.populationBand ?? null },
    publishedAt: o.publishedAt,
    perCategory: o.perCategory.map((r) => ({
      key: r.key,
      realised: toApiTotals(r.realised),
      estimated: toApiTotals(r.estimated),
    })),
    perArea: o.perArea.map((r) => ({
      key: r.key,
      realised: toApiTotals(r.realised),
      estimated: toApiTotals(r.estimated),
    })),
    extrapolation: o.extrapolation.flatMap((e) =>
      e.municipalities.band === null
        ? []
        : [
            {
              populationBand: e.band,
              medianPer1000: e.medianPer1000,
              bandPopulation: e.bandPopulation,
              bandMunicipalities: e.bandMunicipalities,
              hoursPerYear: e.hoursPerYear,
              fullTimeEquivalents: e.fullTimeEquivalents,
              contributorBand: e.municipalities.band,
            },
          ],
    ),
    recordsUrl: '/innsikt/gevinster',
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Procurements, experience and benefit records: what the models selected for this viewer (withheld fields are null
// there already), field by field.

const procurementUrl = (id: number) => `/anskaffelser/${id}`
const municipalityOf = (m: { number: string; name: string }) => ({ number: m.number, name: m.name })

export const toApiProcurementSummary = (p: ProcurementSummary): ApiProcurementSummary => ({
  id: p.id,
  title: p.title,
  lead: municipalityOf(p.lead),
  participantCount: p.participantCount,
  phases: p.phases,
  procedure: p.procedure,
  supplierName: p.supplierName,
  products: p.products.map((x) => ({ productId: x.productId, name: x.name })),
  contractStart: p.contractStart,
  contractEnd: p.contractEnd,
  contractValueNok: p.contractValueNok,
  updatedAt: p.updatedAt,
  url: procurementUrl(p.id),
})

export const toApiProcurementDetail = (p: ProcurementDetail): ApiProcurementDetail => ({
  id: p.id,
  title: p.title,
  need: p.need,
  replacesPractice: p.replacesPractice,
  lead: municipalityOf(p.lead),
  supplierName: p.supplier.name,
  procedure: p.procedure,
  doffinReference: p.doffinReference,
  doffinUrl: p.doffinUrl,
  contractStart: p.contractStart,
  contractEnd: p.contractEnd,
  commercialTermsVisibility: p.commercialTermsVisibility,
  commercialTerms: p.commercialTerms
    ? { contractValueNok: p.commercialTerms.contractValueNok, priceTerms: p.commercialTerms.priceTerms }
    : null,
  careSettings: p.careSettings,
  openForJoining: p.openForJoining,
  internalNotes: p.internalNotes,
  products: p.products.map((x) => ({
    productId: x.productId,
    name: x.name,
    supplierName: x.supplierName,
    url: x.productId !== null && x.linkable ? productUrl(x.productId) : null,
  })),
  participants: p.participants.map((x) => ({
    municipality: municipalityOf(x.municipality),
    role: x.role,
    phase: x.phase,
    usersCount: x.usersCount,
    unitsCount: x.unitsCount,
    sitesCount: x.sitesCount,
    goLiveDate: x.goLiveDate,
    lastReportDate: x.lastReportDate,
    internalNotes: x.internalNotes,
    followUp: x.followUp
      ? {
          due: x.followUp.due,
          lastActivityDate: x.followUp.lastActivityDate,
          dueFrom: x.followUp.dueFrom,
          nextMilestone: x.followUp.nextMilestone
            ? { months: x.followUp.nextMilestone.months, date: x.followUp.nextMilestone.date }
            : null,
        }
      : null,
  })),
  invitations: p.invitations.map((i) => ({ municipality: municipalityOf(i.municipality), invitedAt: i.invitedAt })),
  createdBy: p.createdBy ? { name: p.createdBy.name, email: p.createdBy.email } : null,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  url: procurementUrl(p.id),
  experiencesUrl: `/api/v1/procurements/${p.id}/experiences`,
  benefitsUrl: p.viewerCan.viewBenefits ? `/api/v1/procurements/${p.id}/benefits` : null,
})

const toApiModeration = (m: ModerationView | null) =>
  m ? { hidden: m.hidden, hiddenAt: m.hiddenAt, reason: m.reason } : null

export const toApiExperience = (e: ExperienceView): ApiExperience => ({
  id: e.id,
  procurement: { id: e.procurement.id, title: e.procurement.title },
  product: e.product ? { id: e.product.id, name: e.product.name } : null,
  municipality: municipalityOf(e.municipality),
  reportDate: e.reportDate,
  status: e.status,
  publishedAt: e.publishedAt,
  ratings: { ...e.ratings },
  recommendation: e.recommendation,
  workedWell: e.workedWell,
  wasHard: e.wasHard,
  advice: e.advice,
  ending: e.ending
    ? {
        reason: e.ending.reason,
        details: e.ending.details,
        switchingCostNok: e.ending.switchingCostNok,
        dataExported: e.ending.dataExported,
      }
    : null,
  author: e.author ? { name: e.author.name, email: e.author.email } : null,
  moderation: toApiModeration(e.moderation),
  replies: e.replies.map((r) => ({
    id: r.id,
    supplier: { id: r.supplier.id, name: r.supplier.name },
    body: r.body,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    edited: r.edited,
    authorName: r.authorName,
    moderation: toApiModeration(r.moderation),
  })),
})

export const toApiBenefitRecord = (b: BenefitView): ApiBenefitRecord => ({
  id: b.id,
  procurementId: b.procurementId,
  municipality: municipalityOf(b.municipality),
  product: b.product ? { id: b.product.id, name: b.product.name } : null,
  category: b.category,
  area: b.area,
  beneficiary: b.beneficiary,
  indicator: b.indicator,
  customIndicator: b.customIndicator,
  customUnit: b.customUnit,
  hoursPerUnit: b.hoursPerUnit,
  concernsCount: b.concernsCount,
  description: b.description,
  baseline: b.baseline
    ? {
        value: b.baseline.value,
        periodStart: b.baseline.periodStart,
        periodEnd: b.baseline.periodEnd,
        method: b.baseline.method,
        qualityNote: b.baseline.qualityNote,
      }
    : null,
  measurements: b.measurements.map((m) => ({
    id: m.id,
    value: m.value,
    periodStart: m.periodStart,
    periodEnd: m.periodEnd,
    method: m.method,
    status: m.status,
    uncertainty: m.uncertainty,
    reportedBy: m.reportedBy,
    priceYear: m.priceYear,
    note: m.note,
    derived: m.derived
      ? {
          change: m.derived.change,
          percentChange: m.derived.percentChange,
          gain: m.derived.gain,
          hoursPerYear: m.derived.hoursPerYear,
          fullTimeEquivalents: m.derived.fullTimeEquivalents,
          nok: m.derived.nok ? { nok: m.derived.nok.nok, priceYear: m.derived.nok.priceYear } : null,
        }
      : null,
  })),
  followUpDue: b.followUpDue ? { months: b.followUpDue.months, dueDate: b.followUpDue.dueDate } : null,
})
