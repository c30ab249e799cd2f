import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { approvalLabel, ENDED_APPROVAL_KINDS, type EndedApprovalKind } from '../../app/domain/approval-label'
import type { APPROVED_STATES } from '../../app/domain/approval-workflow'
import { addDays, osloDate } from '../../app/domain/dates'
import { listPublishedDecisions, productDecisionHistory } from '../../app/models/decision-views.server'
import { addAttachment } from '../../app/models/dossier.server'
import { addVersion } from '../../app/models/versions.server'
import { wasOnPublicRegisterWhere } from '../../app/models/procurement-options.server'
import { loadLabelVersions, loadProductAccess } from '../../app/models/register-access.server'
import {
  canSeeDecisionMaker,
  canSeeUnpublished,
  canViewDecision,
  canViewDossier,
  canViewProduct,
  canViewVersion,
  currentlyApprovedWhere,
  decisionMakerWhere,
  endedApprovalWhere,
  hasCurrentApproval,
  hasEndedApproval,
  isPublishedDecision,
  publishedDecisionsWhere,
  seesUnpublishedWhere,
  visibleAttachmentsWhere,
  visibleDecisionsWhere,
  visibleDossierSectionsWhere,
  visibleProductsWhere,
  visibleVersionsWhere,
  type ProductRef,
} from '../../app/policy/register'
import { demoViewers, expectParity, seedDemo, type RoleViewer } from '../helpers/parity'
import {
  categoryId,
  createCoordinator,
  moveVersionTo,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

// Every visibility rule of the register is a pair in app/policy/register.ts: the predicate for one item and its list
// form for queries. For every role of the demo data and every row (the demo register covers every workflow state;
// the rows added below cover what it lacks), both must select the same rows.

let viewers: RoleViewer[]
let today: string
let access: Map<number, ProductRef>
const db = () => getDb()

const productOf = (productId: number) => {
  const product = access.get(productId)
  if (!product) throw new Error(`no access facts for product ${productId}`)
  return product
}

beforeAll(async () => {
  await seedDemo()
  viewers = await demoViewers()
  today = osloDate(new Date())

  // A demo supplier's own products in the states the demo lacks: an approval whose period ended yesterday but which
  // the nightly expiry has not marked yet, an approval ending today (still current), an approved product whose newer
  // version was rejected, products whose approvals ended beside other versions, and a draft with attachments.
  const supplierViewer = viewers.find((v) => v.label === 'supplier (Nordlys)')?.viewer
  if (!supplierViewer) throw new Error('demo supplier missing')
  const owner: Actor = {
    viewer: supplierViewer,
    userId: supplierViewer.userId,
    organisationId: supplierViewer.organisationId,
  }
  const coordinator = await createCoordinator()
  const category = await categoryId('digitalt-tilsyn')
  const endsOn = async (name: string, validUntil: string) => {
    const { versionId } = await productInState(
      owner,
      coordinator,
      productInput({ name, categoryId: category }),
      'approved',
    )
    await db()
      .updateTable('version_decision')
      .set({ valid_until: validUntil })
      .where('version_id', '=', versionId)
      .execute()
  }
  await endsOn('Paritet Utløpt I Går', addDays(today, -1))
  await endsOn('Paritet Utløper I Dag', today)
  const approved = await productInState(
    owner,
    coordinator,
    productInput({ name: 'Paritet Avslått 2.0', categoryId: category }),
    'approved',
  )
  const v2 = await addVersion(owner.viewer, approved.productId, { versionLabel: '2.0' })
  if (!v2.ok) throw new Error(v2.code)
  await moveVersionTo(v2.value.versionId, 'rejected', owner, coordinator)
  // Ended approvals beside other versions: withdrawn then approved again (current), expired by date then withdrawn
  // (ended: withdrawn), withdrawn then expired by date (ended: expired), and withdrawn with a newer draft.
  const setValidUntil = (versionId: number, validUntil: string) =>
    db().updateTable('version_decision').set({ valid_until: validUntil }).where('version_id', '=', versionId).execute()
  const withSecondVersion = async (
    name: string,
    first: 'withdrawn' | 'approved',
    second: 'approved' | 'withdrawn' | 'draft',
  ) => {
    const product = await productInState(owner, coordinator, productInput({ name, categoryId: category }), first)
    if (first === 'approved') await setValidUntil(product.versionId, addDays(today, -10))
    const next = await addVersion(owner.viewer, product.productId, { versionLabel: '2.0' })
    if (!next.ok) throw new Error(next.code)
    await moveVersionTo(next.value.versionId, second, owner, coordinator)
    return { productId: product.productId, secondVersionId: next.value.versionId }
  }
  await withSecondVersion('Paritet Trukket Så Godkjent', 'withdrawn', 'approved')
  await withSecondVersion('Paritet Utløpt Så Trukket', 'approved', 'withdrawn')
  const expiredAfterWithdrawal = await withSecondVersion('Paritet Trukket Så Utløpt', 'withdrawn', 'approved')
  await setValidUntil(expiredAfterWithdrawal.secondVersionId, addDays(today, -3))
  await withSecondVersion('Paritet Trukket Med Utkast', 'withdrawn', 'draft')
  const draft = await productInState(
    owner,
    coordinator,
    productInput({ name: 'Paritet Utkast', categoryId: category }),
    'draft',
  )
  for (const filename of ['a.pdf', 'b.pdf']) {
    const added = await addAttachment(owner.viewer, draft.versionId, {
      filename,
      bytes: new TextEncoder().encode('%PDF-1.7\n%%EOF\n'),
    })
    if (!added.ok) throw new Error(added.code)
  }
  const ids = (await db().selectFrom('product').select('id').execute()).map((r) => r.id)
  access = await loadProductAccess(db(), ids, today)
})

describe('register visibility: predicate and list form agree for every role and row', () => {
  it('currently approved (hasCurrentApproval / currentlyApprovedWhere), also per approval kind', async () => {
    const products = await db().selectFrom('product').select('id').execute()
    const versions = await loadLabelVersions(
      db(),
      products.map((p) => p.id),
    )
    for (const states of [['approved', 'provisionally_approved'], ['approved'], ['provisionally_approved']] as Array<
      Array<(typeof APPROVED_STATES)[number]>
    >) {
      await expectParity({
        viewers,
        rows: products,
        predicate: (_viewer, row) => hasCurrentApproval(versions.get(row.id) ?? [], today, states),
        listed: async () =>
          (
            await db().selectFrom('product').select('product.id').where(currentlyApprovedWhere(today, states)).execute()
          ).map((r) => r.id),
      })
    }
  })

  it('ended approvals (hasEndedApproval / endedApprovalWhere), also per way of ending', async () => {
    const products = await db().selectFrom('product').select('id').execute()
    const versions = await loadLabelVersions(
      db(),
      products.map((p) => p.id),
    )
    // The demo data and the rows above hold both: withdrawn products and expired ones (marked or by date).
    for (const kind of ENDED_APPROVAL_KINDS)
      expect(
        products.some((p) => hasEndedApproval(versions.get(p.id) ?? [], today, [kind])),
        kind,
      ).toBe(true)
    for (const kinds of [ENDED_APPROVAL_KINDS, ['withdrawn'], ['expired']] as Array<readonly EndedApprovalKind[]>) {
      await expectParity({
        viewers,
        rows: products,
        predicate: (_viewer, row) => hasEndedApproval(versions.get(row.id) ?? [], today, kinds),
        listed: async () =>
          (await db().selectFrom('product').select('product.id').where(endedApprovalWhere(today, kinds)).execute()).map(
            (r) => r.id,
          ),
      })
    }
    // The label says the same as the rule: withdrawn or expired exactly where the approval ended that way.
    for (const p of products) {
      const label = approvalLabel(versions.get(p.id) ?? [], today).status
      for (const kind of ENDED_APPROVAL_KINDS)
        expect(label === kind, `label of product ${p.id}`).toBe(
          hasEndedApproval(versions.get(p.id) ?? [], today, [kind]),
        )
    }
  })

  it('on the public register: currently approved or approval ended, the products procurements may name', async () => {
    const onRegister = (
      await db().selectFrom('product').select('product.id').where(wasOnPublicRegisterWhere).execute()
    ).map((r) => r.id)
    const expected = [...access.values()]
      .filter((p) => p.currentlyApproved || p.approvalEnded)
      .map((p) => p.id)
      .sort()
    expect([...onRegister].sort()).toEqual(expected)
    // Never both: an ended approval is one with no current approval.
    expect([...access.values()].filter((p) => p.currentlyApproved && p.approvalEnded)).toEqual([])
  })

  it('unpublished parts of a product (canSeeUnpublished / seesUnpublishedWhere)', async () => {
    await expectParity({
      viewers,
      rows: [...access.values()],
      predicate: (viewer, product) => canSeeUnpublished(viewer, product),
      listed: async (viewer) =>
        (await db().selectFrom('product').select('product.id').where(seesUnpublishedWhere(viewer)).execute()).map(
          (r) => r.id,
        ),
    })
  })

  it('products (canViewProduct / visibleProductsWhere)', async () => {
    await expectParity({
      viewers,
      rows: [...access.values()],
      predicate: (viewer, product) => canViewProduct(viewer, product),
      listed: async (viewer) =>
        (
          await db().selectFrom('product').select('product.id').where(visibleProductsWhere(viewer, today)).execute()
        ).map((r) => r.id),
    })
  })

  it('versions (canViewVersion / visibleVersionsWhere)', async () => {
    const versions = await db().selectFrom('product_version').select(['id', 'product_id', 'state']).execute()
    await expectParity({
      viewers,
      rows: versions,
      predicate: (viewer, version) => canViewVersion(viewer, productOf(version.product_id), version),
      listed: async (viewer) =>
        (
          await db()
            .selectFrom('product_version')
            .select('product_version.id')
            .where(visibleVersionsWhere(viewer, today))
            .execute()
        ).map((r) => r.id),
    })
  })

  it('published decisions (isPublishedDecision / publishedDecisionsWhere)', async () => {
    const decisions = await db().selectFrom('version_decision').select(['id', 'outcome']).execute()
    await expectParity({
      viewers,
      rows: decisions,
      predicate: (_viewer, decision) => isPublishedDecision(decision),
      listed: async () =>
        (
          await db()
            .selectFrom('version_decision')
            .select('version_decision.id')
            .where(publishedDecisionsWhere)
            .execute()
        ).map((r) => r.id),
    })
  })

  it('decisions (canViewDecision / visibleDecisionsWhere)', async () => {
    const decisions = await db()
      .selectFrom('version_decision')
      .innerJoin('product_version', 'product_version.id', 'version_decision.version_id')
      .select(['version_decision.id', 'version_decision.outcome', 'product_version.product_id'])
      .execute()
    await expectParity({
      viewers,
      rows: decisions,
      predicate: (viewer, decision) => canViewDecision(viewer, productOf(decision.product_id), decision),
      listed: async (viewer) =>
        (
          await db()
            .selectFrom('version_decision')
            .select('version_decision.id')
            .where(visibleDecisionsWhere(viewer))
            .execute()
        ).map((r) => r.id),
    })
  })

  it('the decision maker (canSeeDecisionMaker / decisionMakerWhere), also as the decision views select the name', async () => {
    const decisions = await db()
      .selectFrom('version_decision')
      .innerJoin('product_version', 'product_version.id', 'version_decision.version_id')
      .select(['version_decision.id', 'product_version.product_id'])
      .execute()
    await expectParity({
      viewers,
      rows: decisions,
      predicate: (viewer, decision) => canSeeDecisionMaker(viewer, productOf(decision.product_id)),
      listed: async (viewer) =>
        (
          await db()
            .selectFrom('version_decision')
            .select('version_decision.id')
            .where(decisionMakerWhere(viewer))
            .execute()
        ).map((r) => r.id),
    })
    // The models select the name with the list form inside a `case when`: the name is there exactly where the
    // predicate allows it, on /vedtak and in every product history the viewer may open.
    for (const { label, viewer } of viewers) {
      const published = await listPublishedDecisions(viewer, { pageSize: 500 })
      const histories = await Promise.all(
        [...access.values()].map((product) => productDecisionHistory(viewer, product)),
      )
      for (const decision of [...published.items, ...histories.flat()]) {
        expect(decision.coordinatorName !== null, `decision ${decision.id} for ${label}`).toBe(
          canSeeDecisionMaker(viewer, productOf(decision.product.id)),
        )
      }
    }
  })

  it('dossier sections and attachments (canViewDossier / visibleDossierSectionsWhere, visibleAttachmentsWhere)', async () => {
    for (const table of ['dossier_section', 'dossier_attachment'] as const) {
      const rows = await db()
        .selectFrom(table)
        .innerJoin('product_version', 'product_version.id', `${table}.version_id`)
        .select([`${table}.id as id`, 'product_version.product_id'])
        .execute()
      await expectParity({
        viewers,
        rows,
        predicate: (viewer, row) => canViewDossier(viewer, productOf(row.product_id)),
        listed: async (viewer) =>
          table === 'dossier_section'
            ? (
                await db()
                  .selectFrom('dossier_section')
                  .select('dossier_section.id')
                  .where(visibleDossierSectionsWhere(viewer))
                  .execute()
              ).map((r) => r.id)
            : (
                await db()
                  .selectFrom('dossier_attachment')
                  .select('dossier_attachment.id')
                  .where(visibleAttachmentsWhere(viewer))
                  .execute()
              ).map((r) => r.id),
      })
    }
  })
})
