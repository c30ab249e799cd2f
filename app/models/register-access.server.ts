import type { ExpressionBuilder } from 'kysely'
import type { DB, DecisionOutcome } from '../../db/schema'
import { type VersionForLabel } from '~/domain/approval-label'
import { hasCurrentApproval, hasEndedApproval } from '~/policy/register'
import { APPROVED_STATES, type VersionState } from '~/domain/approval-workflow'
import type { ProductRef } from '~/policy/register'
import { type DbOrTrx } from '~/models/db.server'

// What the register's policy needs about products and versions, loaded in batches: the models load it, ask the
// policy (app/policy/register.ts), and pass it on instead of loading it again.

/** valid_until of the approval the version holds or held: the decision that gave it its current state, or for an
 * expired version the newest approval (the one that ran out). Null for versions never approved and withdrawn ones. */
export const decisionValidUntil = (eb: ExpressionBuilder<DB, 'product_version'>) =>
  eb
    .selectFrom('version_decision as d')
    .select('d.valid_until')
    .whereRef('d.version_id', '=', 'product_version.id')
    .where((w) =>
      w.or([
        // A version's state is a decision outcome whenever a decision gave it that state.
        w('d.outcome', '=', w.ref('product_version.state').$castTo<DecisionOutcome>()),
        w.and([w('product_version.state', '=', 'expired'), w('d.outcome', 'in', APPROVED_STATES)]),
      ]),
    )
    .orderBy('d.id', 'desc')
    .limit(1)

/** decided_at of the decision that gave the version its current state (for a withdrawn version, the withdrawal). */
const stateDecidedAt = (eb: ExpressionBuilder<DB, 'product_version'>) =>
  eb
    .selectFrom('version_decision as d')
    .select('d.decided_at')
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
    .select([
      'id',
      'product_id',
      'version_label',
      'state',
      (eb) => decisionValidUntil(eb).as('valid_until'),
      (eb) => stateDecidedAt(eb).as('decided_at'),
    ])
    .where('product_id', 'in', [...productIds])
    .orderBy('id')
    .execute()
  for (const r of rows) {
    const list = byProduct.get(r.product_id) ?? []
    list.push({
      id: r.id,
      label: r.version_label,
      state: r.state,
      validUntil: r.valid_until,
      decidedAt: r.decided_at,
    })
    byProduct.set(r.product_id, list)
  }
  return byProduct
}

/** A product's access facts from its versions (as loadLabelVersions loads them). */
export const toProductRef = (
  product: { id: number; supplierOrganisationId: number },
  versions: readonly VersionForLabel[],
  today: string,
): ProductRef => ({
  ...product,
  currentlyApproved: hasCurrentApproval(versions, today),
  approvalEnded: hasEndedApproval(versions, today),
})

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
    access.set(
      p.id,
      toProductRef({ id: p.id, supplierOrganisationId: p.supplier_organisation_id }, versions.get(p.id) ?? [], today),
    )
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
