import { sql, type SqlBool } from 'kysely'
import type { VersionState } from '../../db/schema'
import { APPROVED_STATES, isCurrentlyApproved, type VersionForLabel } from '~/domain/approval-workflow'
import type { ProductAccess } from '~/policy/register'
import { audit } from '~/utils/audit.server'
import { type DbOrTrx } from '~/models/db.server'

// Building blocks shared by the register's models: the "currently approved" rule in SQL, batched loaders for what
// the policy needs, and the audit trail of register actions.

/**
 * SQL: the product (referenced by `productIdColumn`) has a version in one of `states` whose approval has not ended.
 * Same rule as isCurrentlyApproved() in the domain module; the decision that gave the version its state carries the
 * end date, and checking it here keeps an approval off the register the day after it ends even if the nightly
 * expiry has not run.
 */
export function currentApprovalExists(
  productIdColumn: string,
  today: string,
  states: readonly VersionState[] = APPROVED_STATES,
) {
  return sql<SqlBool>`exists (
    select 1 from product_version av
    join version_decision ad on ad.version_id = av.id and ad.outcome = av.state
    where av.product_id = ${sql.ref(productIdColumn)}
      and av.state in (${sql.join(states)})
      and ad.valid_until >= ${today})`
}

/** SQL: valid_until of the decision that gave the version (alias `versionAlias`) its current state. */
export const versionValidUntil = (versionAlias: string) =>
  sql<string | null>`(select d.valid_until from version_decision d
    where d.version_id = ${sql.ref(`${versionAlias}.id`)} and d.outcome = ${sql.ref(`${versionAlias}.state`)}
    order by d.id desc limit 1)`

/** Versions of these products with what the approval label needs (no content), grouped by product. */
export async function loadLabelVersions(db: DbOrTrx, productIds: readonly number[]) {
  const byProduct = new Map<number, VersionForLabel[]>()
  if (productIds.length === 0) return byProduct
  const rows = await db
    .selectFrom('product_version as v')
    .select(['v.id', 'v.product_id', 'v.version_label', 'v.state', versionValidUntil('v').as('valid_until')])
    .where('v.product_id', 'in', [...productIds])
    .orderBy('v.id')
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
  const access = new Map<number, ProductAccess & { id: number }>()
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
      currentlyApproved: (versions.get(p.id) ?? []).some((v) => isCurrentlyApproved(v, today)),
    })
  }
  return access
}

/** A version with its product's access facts, or undefined. */
export async function loadVersionContext(db: DbOrTrx, versionId: number, today: string) {
  const version = await db
    .selectFrom('product_version')
    .select(['id', 'product_id', 'version_label', 'state', 'submitted_at'])
    .where('id', '=', versionId)
    .executeTakeFirst()
  if (!version) return undefined
  const product = (await loadProductAccess(db, [version.product_id], today)).get(version.product_id)!
  return { version, product }
}

export { registerAuditActions } from '~/domain/approval-workflow'

export type RegisterAuditAction = (typeof import('~/domain/approval-workflow'))['registerAuditActions'][number]

export async function auditRegister(
  db: DbOrTrx,
  entry: {
    action: RegisterAuditAction
    actorUserId: number | null
    target: { type: 'product' | 'product_version' | 'dossier_section' | 'dossier_attachment'; id: number }
    details?: Record<string, unknown>
    at: string
  },
) {
  await audit(entry, db)
}
