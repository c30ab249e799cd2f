import { approvalLabel, type VersionForLabel } from '~/domain/approval-label'
import type { ApprovalFacts } from '~/domain/approval-facts'
import { loadLabelVersions } from '~/models/register-access.server'
import { reindexProduct } from '~/models/search-index.server'
import type { DbOrTrx } from '~/models/db.server'

// The facts an approval rests on, stored per version (docs/domain.md, "The register": "Approval facts"). The public
// pages read them from the version the approval label names; the product's own columns are the register's copy of
// those public facts for the search filters, kept in step by syncProductFacts in the transaction of every change that
// can move the label to another version or change that version's facts.

/**
 * The version whose facts a product shows: the version the approval label names (the current approval, or the one
 * that was withdrawn or ran out), else (a product never approved, seen only by its supplier and the coordinators) the
 * newest version. Versions in creation order.
 */
export function factsVersionId(versions: readonly VersionForLabel[], today: string): number | null {
  const label = approvalLabel(versions, today)
  if (label.status === 'approved' || label.status === 'provisionally_approved') return label.approvedVersionId
  if (label.status === 'withdrawn' || label.status === 'expired') return label.versionId
  return versions.at(-1)?.id ?? null
}

/** The facts of these versions, by version id. */
export async function loadVersionFacts(
  db: DbOrTrx,
  versionIds: readonly number[],
): Promise<Map<number, ApprovalFacts>> {
  const facts = new Map<number, ApprovalFacts>()
  const ids = [...new Set(versionIds)]
  if (ids.length === 0) return facts
  const [rows, integrations] = await Promise.all([
    db
      .selectFrom('product_version')
      .select([
        'id',
        'ce_marked',
        'intended_use',
        'mdr_class',
        'data_storage_location',
        'dpia_template_available',
        'dpa_available',
        'universal_design',
        'standards',
      ])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('version_integration')
      .select(['version_id', 'code'])
      .where('version_id', 'in', ids)
      .orderBy('code')
      .execute(),
  ])
  for (const r of rows)
    facts.set(r.id, {
      ceMarked: r.ce_marked === 1,
      intendedUse: r.intended_use,
      mdrClass: r.mdr_class,
      dataStorageLocation: r.data_storage_location,
      dpiaTemplateAvailable: r.dpia_template_available === 1,
      dpaAvailable: r.dpa_available === 1,
      universalDesign: r.universal_design,
      standards: r.standards,
      integrations: integrations.filter((i) => i.version_id === r.id).map((i) => i.code),
    })
  return facts
}

export const factColumns = (f: ApprovalFacts) => ({
  ce_marked: f.ceMarked ? 1 : 0,
  intended_use: f.intendedUse,
  mdr_class: f.mdrClass,
  data_storage_location: f.dataStorageLocation,
  dpia_template_available: f.dpiaTemplateAvailable ? 1 : 0,
  dpa_available: f.dpaAvailable ? 1 : 0,
  universal_design: f.universalDesign,
  standards: f.standards,
})

/** Writes a version's facts. The caller has checked that the version may still change (a draft, or changes
 * requested): the rule is canEditVersion in app/policy/register.ts. */
export async function writeVersionFacts(db: DbOrTrx, versionId: number, facts: ApprovalFacts) {
  await db.updateTable('product_version').set(factColumns(facts)).where('id', '=', versionId).execute()
  await db.deleteFrom('version_integration').where('version_id', '=', versionId).execute()
  if (facts.integrations.length)
    await db
      .insertInto('version_integration')
      .values(facts.integrations.map((code) => ({ version_id: versionId, code })))
      .execute()
}

/** Copies the facts of the version the product shows (factsVersionId) to the product's columns. */
export async function syncProductFacts(db: DbOrTrx, productId: number, today: string) {
  const versions = (await loadLabelVersions(db, [productId])).get(productId) ?? []
  const versionId = factsVersionId(versions, today)
  if (versionId === null) return
  const facts = (await loadVersionFacts(db, [versionId])).get(versionId)
  if (!facts) return
  await db.updateTable('product').set(factColumns(facts)).where('id', '=', productId).execute()
  await db.deleteFrom('product_integration').where('product_id', '=', productId).execute()
  if (facts.integrations.length)
    await db
      .insertInto('product_integration')
      .values(facts.integrations.map((code) => ({ product_id: productId, code })))
      .execute()
  // The copied facts are searchable: an approval that changes which version they come from reindexes the product.
  await reindexProduct(db, productId)
}
