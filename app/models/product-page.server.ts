import type { ExperienceListItem } from '~/components/experience/experience-list'
import type { ProductExperienceFilter } from '~/forms/experience'
import { productBenefits } from '~/models/benefit-overview.server'
import { ChangeMemo } from '~/models/change-memo.server'
import { listCriteria } from '~/models/criteria.server'
import { clock } from '~/models/db.server'
import { productDecisionHistory } from '~/models/decision-views.server'
import { likeMineFilter } from '~/models/my-municipality.server'
import {
  compareProductExperience,
  getProductExperience,
  municipalityFilterOptions,
  type ProductExperience,
} from '~/models/product-experience.server'
import { compareSelection, getCompareData, getProductForViewer } from '~/models/products.server'
import type { Viewer } from '~/policy/viewer'

// The reads behind the signed-in product and compare pages (about thirty statements and their query building, a
// third of such a request's CPU), kept until the database changes (change-memo.server.ts): a page read again between
// writes pays for them once. Exact, as ChangeMemo is: the key holds everything the reads depend on besides the
// database, which is the viewer as signed in (its role, organisation and session), the page's query, and the date
// (approvals expire by the day).

const viewerKey = (viewer: Viewer | null) => (viewer ? JSON.stringify(viewer) : '')

/** The product page for this viewer; null when it may not see the product. */
export function productPageData(viewer: Viewer | null, productId: number, filter: ProductExperienceFilter) {
  const key = JSON.stringify([viewerKey(viewer), productId, filter, clock().today])
  return productPageMemo.get(key, () => readProductPage(viewer, productId, filter))
}

async function readProductPage(viewer: Viewer | null, productId: number, filter: ProductExperienceFilter) {
  const product = await getProductForViewer(viewer, productId)
  if (!product) return null
  const [decisions, criteria, experience, filterOptions, likeMine, benefits] = await Promise.all([
    productDecisionHistory(viewer, product.access),
    listCriteria(),
    getProductExperience(viewer, productId, filter),
    municipalityFilterOptions(),
    likeMineFilter(viewer),
    productBenefits(viewer, [productId]),
  ])
  if (!experience) return null
  return {
    product,
    decisions,
    criteria: criteria.map(({ code, nameNb, nameEn }) => ({ code, nameNb, nameEn })),
    experience: {
      ...experience,
      usage: shownUsage(experience.usage),
      experiences: shownReports(experience.experiences),
    },
    filterOptions,
    likeMine,
    benefits: benefits.get(productId) ?? null,
  }
}

// Only what the page shows goes into the loader data, which is serialised into every response and parsed again by the
// browser: a page holds fifty usage rows and twenty reports.
function shownUsage(usage: ProductExperience['usage']) {
  return {
    ...usage,
    items: usage.items.map((u) => ({
      municipality: { number: u.municipality.number, name: u.municipality.name, countyName: u.municipality.countyName },
      procurementId: u.procurementId,
      role: u.role,
      phase: u.phase,
      goLiveDate: u.goLiveDate,
    })),
  }
}

function shownReports(reports: ProductExperience['experiences']) {
  if (!reports) return null
  return {
    ...reports,
    items: reports.items.map((e): ExperienceListItem => ({
      id: e.id,
      procurement: e.procurement,
      municipality: { number: e.municipality.number, name: e.municipality.name },
      reportDate: e.reportDate,
      ratings: e.ratings,
      recommendation: e.recommendation,
      workedWell: e.workedWell,
      wasHard: e.wasHard,
      advice: e.advice,
      author: e.author,
      moderation: e.moderation ? { hidden: e.moderation.hidden, reason: e.moderation.reason } : null,
      replies: e.replies.map((r) => ({
        id: r.id,
        supplier: { name: r.supplier.name },
        body: r.body,
        updatedAt: r.updatedAt,
        edited: r.edited,
        moderation: r.moderation ? { hidden: r.moderation.hidden } : null,
      })),
    })),
  }
}

const productPageMemo = new ChangeMemo<Awaited<ReturnType<typeof readProductPage>>>(500)

/** The compare page's products (those this viewer may see, in the order asked), their experience and benefits. */
export function comparePageData(viewer: Viewer | null, ids: readonly number[]) {
  const wanted = compareSelection(ids)
  const key = JSON.stringify([viewerKey(viewer), wanted, clock().today])
  return comparePageMemo.get(key, () => readComparePage(viewer, wanted))
}

async function readComparePage(viewer: Viewer | null, wanted: readonly number[]) {
  const [products, experience] = await Promise.all([
    getCompareData(viewer, wanted),
    compareProductExperience(viewer, wanted),
  ])
  // Benefit figures only for the products this viewer may see (getCompareData left the others out).
  const benefits = await productBenefits(
    viewer,
    products.map((p) => p.id),
  )
  return { products, experience, benefits: [...benefits.values()] }
}

const comparePageMemo = new ChangeMemo<Awaited<ReturnType<typeof readComparePage>>>(500)
