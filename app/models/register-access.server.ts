import type { ExpressionBuilder } from 'kysely'
import type { DB } from '../../db/schema'
import { type VersionForLabel } from '~/domain/approval-label'
import { hasCurrentApproval } from '~/policy/register'
import type { VersionState } from '~/domain/approval-workflow'
import type { ProductRef } from '~/policy/register'
import { type DbOrTrx } from '~/models/db.server'

// What the register's policy needs about products and versions, loaded in batches: the models load it, ask the
// policy (app/policy/register.ts), and pass it on instead of loading it again.

/** valid_until of the decision that gave the version its current state (null unless it holds an approval). */
export const decisionValidUntil = (eb: ExpressionBuilder<DB, 'product_version'>) =>
  eb
    .selectFrom('version_decision as d')
    .select('d.valid_until')
    .whereRef('d.version_id', '=', 'product_version.id')
    .whereRef('d.outcome', '=', 'product_version.state')
    .orderBy('d.id', 'desc')
    .limit(1)

/** Versions of these products with what the approval label needs (no content), grouped by product. */
export async function loadLabelVersions(db: DbOrTrx, productIds: readonly number[]) {
  const byProduct = new Map<number, VersionForLabel[]>()
  if (productIds.length === 0) return byProduct
  const rows = await db
    .selectFrom('product_version')
    .select(['id', 'product_id', 'version_label', 'state', (eb) => decisionValidUntil(eb).as('valid_until')])
    .where('product_id', 'in', [...productIds])
    .orderBy('id')
    .execute()
  for (const r of rows) {
    const list = byProduct.get(r.product_id) ?? []
    list.push({ id: r.id, label: r.version_label, state: r.state, validUntil: r.valid_until })
    byProduct.set(r.product_id, list)
  }
  return byProduct
}

/** What the policy needs about each product, for many products in two queries. */
export async function loadProductAccess(db: DbOrTrx, productIds: readonly number[], today: string) {
  const access = new Map<number, ProductRef>()
  if (productIds.length === 0) return access
  const [products, versions] = await Promise.all([
    db
      .selectFrom('product')
      .select(['id', 'supplier_organisation_id'])
      .where('id', 'in', [...productIds])
      .execute(),
    loadLabelVersions(db, productIds),
  ])
  for (const p of products) {
    access.set(p.id, {
      id: p.id,
      supplierOrganisationId: p.supplier_organisation_id,
      currentlyApproved: hasCurrentApproval(versions.get(p.id) ?? [], today),
    })
  }
  return access
}

/** A version with its product's access facts: what every version page and version change asks the policy with. */
export type VersionAccess = {
  version: { id: number; productId: number; label: string; state: VersionState; submittedAt: string | null }
  product: ProductRef
}

/** The version's access facts, or undefined when it does not exist. */
export async function loadVersionAccess(
  db: DbOrTrx,
  versionId: number,
  today: string,
): Promise<VersionAccess | undefined> {
  const version = await db
    .selectFrom('product_version')
    .select(['id', 'product_id', 'version_label', 'state', 'submitted_at'])
    .where('id', '=', versionId)
    .executeTakeFirst()
  if (!version) return undefined
  const product = (await loadProductAccess(db, [version.product_id], today)).get(version.product_id)
  if (!product) return undefined
  return {
    version: {
      id: version.id,
      productId: version.product_id,
      label: version.version_label,
      state: version.state,
      submittedAt: version.submitted_at,
    },
    product,
  }
}
