import type {
  ApiCategory,
  ApiCriterion,
  ApiDecision,
  ApiProductDetail,
  ApiProductSummary,
  ApiPublishedAggregate,
} from '~/api/contract'
import { isPublicVersionState } from '~/domain/approval-workflow'
import type { ApprovalLabel } from '~/domain/approval-label'
import type { Criterion } from '~/models/criteria.server'
import type { DecisionView } from '~/models/decision-views.server'
import type { PublishedAggregate } from '~/models/experience-aggregates.server'
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
