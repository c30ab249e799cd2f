import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { DB } from '../../db/schema'
import {
  isBuyerOf,
  isCoordinatorOrAdmin,
  isVerifiedBuyer,
  isVerifiedSupplier,
  type BuyerViewer,
  type Viewer,
} from './viewer'

// Who may see and record benefit records (docs/domain.md, "Benefit realisation" and "Visibility"). A benefit record
// (the planned benefit, its baseline and its measurements) belongs to one municipality under one procurement.
//
// | rule            | data                                   | visitor, pending | buyer | own supplier            | other supplier | coordinator |
// | benefit-visible | a benefit record with its measurements | no (aggregates)  | yes   | about its own products  | no             | yes         |
// | benefit-edit    | record and change them                 | no               | own municipality's buyers, while it takes part | no | no | no |
//
// The public sees benefit figures only as aggregates published in steps (decision 010, the same rule as ratings).

export type BenefitAccess = {
  /** The supplier of the register product the benefit is about; null when it is about no register product. */
  productSupplierOrganisationId: number | null
}

/** One benefit record for this viewer: municipalities and coordinators read them all; a supplier the records about
 * its own products (so it can see what its product achieved, and answer for it). */
export function canViewBenefit(viewer: Viewer | null, benefit: BenefitAccess): boolean {
  if (isCoordinatorOrAdmin(viewer) || isVerifiedBuyer(viewer)) return true
  if (isVerifiedSupplier(viewer)) return benefit.productSupplierOrganisationId === viewer.organisationId
  return false
}

/** The list form of canViewBenefit, on `benefit`. */
export const visibleBenefitsWhere =
  (viewer: Viewer | null) =>
  (eb: ExpressionBuilder<DB, 'benefit'>): Expression<SqlBool> => {
    if (isCoordinatorOrAdmin(viewer) || isVerifiedBuyer(viewer)) return eb.lit(true)
    if (isVerifiedSupplier(viewer))
      return eb(
        'benefit.product_id',
        'in',
        eb
          .selectFrom('product')
          .select('product.id')
          .where('product.supplier_organisation_id', '=', viewer.organisationId),
      )
    return eb.lit(false)
  }

/** Record a benefit, its baseline or a measurement: a buyer of the municipality the benefit belongs to (which must
 * take part in the procurement: the model checks the participation). */
export const canEditBenefit = (viewer: Viewer | null, benefit: { municipalityNumber: string }): viewer is BuyerViewer =>
  isBuyerOf(viewer, benefit.municipalityNumber)

/** The benefit records of a procurement as a page: for those who read every record (buyers, coordinators) and for a
 * supplier of a register product in it (which then sees the records about its own products). Anyone else gets a 404,
 * so the page reveals nothing. The records on it are still selected with visibleBenefitsWhere. */
export function canViewBenefitsOf(
  viewer: Viewer | null,
  procurement: { products: ReadonlyArray<{ supplierOrganisationId: number }> },
) {
  if (isCoordinatorOrAdmin(viewer) || isVerifiedBuyer(viewer)) return true
  return (
    isVerifiedSupplier(viewer) && procurement.products.some((p) => p.supplierOrganisationId === viewer.organisationId)
  )
}

/** Record a new benefit under a procurement: a buyer of a municipality that takes part in it (for its own
 * participation). */
export const canRecordBenefit = (
  viewer: Viewer | null,
  procurement: { participants: ReadonlyArray<{ municipalityNumber: string; status: string }> },
): viewer is BuyerViewer =>
  isVerifiedBuyer(viewer) &&
  // Only a participation the municipality accepted (participation-accepted): an invitation records nothing yet.
  procurement.participants.some((p) => p.municipalityNumber === viewer.municipalityNumber && p.status === 'accepted')
