import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { loadProcurementSuppliers } from '../../app/models/procurement-access.server'
import {
  aggregateReportsWhere,
  authorNameWhere,
  canSeeAuthorName,
  canSeeCommercialTerms,
  canSeeInternalNotes,
  canSeeModerationOf,
  canSeeReplyAuthor,
  canViewExperience,
  canViewReply,
  commercialTermsWhere,
  countsInAggregate,
  internalNotesWhere,
  replyAuthorWhere,
  replyModerationWhere,
  reportModerationWhere,
  visibleExperienceWhere,
  visibleRepliesWhere,
} from '../../app/policy/experience'
import { demoViewers, expectParity, seedDemo, type RoleViewer } from '../helpers/parity'

// Every visibility rule of procurements, experience and moderation (app/policy/experience.ts; docs/domain.md,
// "Visibility") is a predicate for one item and a list form for queries. For every role of the demo data and every
// row, both select the same rows.

let viewers: RoleViewer[]

beforeAll(async () => {
  await seedDemo()
  viewers = await demoViewers()
})

const db = () => getDb()
const ids = (rows: ReadonlyArray<{ id: number }>) => rows.map((r) => r.id)

async function reportRows() {
  const rows = await db()
    .selectFrom('experience_report')
    .select(['id', 'procurement_id', 'status', 'hidden', 'author_user_id'])
    .execute()
  const suppliers = await loadProcurementSuppliers(
    db(),
    rows.map((r) => r.procurement_id),
  )
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    hidden: r.hidden === 1,
    authorUserId: r.author_user_id,
    supplierOrganisationIds: suppliers.get(r.procurement_id) ?? [],
  }))
}

async function replyRows() {
  const rows = await db().selectFrom('supplier_reply').select(['id', 'supplier_organisation_id', 'hidden']).execute()
  return rows.map((r) => ({ id: r.id, supplierOrganisationId: r.supplier_organisation_id, hidden: r.hidden === 1 }))
}

describe('commercial-terms: canSeeCommercialTerms and commercialTermsWhere', () => {
  it('select the same procurements for every role', async () => {
    const rows = (await db().selectFrom('procurement').select(['id', 'commercial_terms_visibility']).execute()).map(
      (r) => ({ id: r.id, visibility: r.commercial_terms_visibility }),
    )
    expect(new Set(rows.map((r) => r.visibility))).toEqual(new Set(['public', 'municipalities']))
    await expectParity({
      viewers,
      rows,
      predicate: (viewer, row) => canSeeCommercialTerms(viewer, row.visibility),
      listed: async (viewer) =>
        ids(
          await db().selectFrom('procurement').select('procurement.id').where(commercialTermsWhere(viewer)).execute(),
        ),
    })
  })
})

describe('internal-notes: canSeeInternalNotes and internalNotesWhere', () => {
  it('select the same lead notes for every role', async () => {
    const rows = (await db().selectFrom('procurement').select(['id', 'lead_municipality_number']).execute()).map(
      (r) => ({ id: r.id, municipalityNumber: r.lead_municipality_number }),
    )
    await expectParity({
      viewers,
      rows,
      predicate: (viewer, row) => canSeeInternalNotes(viewer, row.municipalityNumber),
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('procurement')
            .select('procurement.id')
            .where((eb) => internalNotesWhere(viewer)(eb, eb.ref('procurement.lead_municipality_number')))
            .execute(),
        ),
    })
  })

  it('select the same participants’ notes for every role', async () => {
    const rows = (await db().selectFrom('procurement_participant').select(['id', 'municipality_number']).execute()).map(
      (r) => ({ id: r.id, municipalityNumber: r.municipality_number }),
    )
    await expectParity({
      viewers,
      rows,
      predicate: (viewer, row) => canSeeInternalNotes(viewer, row.municipalityNumber),
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('procurement_participant')
            .select('procurement_participant.id')
            .where((eb) => internalNotesWhere(viewer)(eb, eb.ref('procurement_participant.municipality_number')))
            .execute(),
        ),
    })
  })
})

describe('report-visible: canViewExperience and visibleExperienceWhere', () => {
  it('select the same reports for every role', async () => {
    const rows = await reportRows()
    // Drafts, hidden and visible published reports are all in the demo data.
    expect(rows.some((r) => r.status === 'draft')).toBe(true)
    expect(rows.some((r) => r.hidden)).toBe(true)
    await expectParity({
      viewers,
      rows,
      predicate: canViewExperience,
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('experience_report')
            .select('experience_report.id')
            .where(visibleExperienceWhere(viewer))
            .execute(),
        ),
    })
  })
})

describe('author-name: canSeeAuthorName and authorNameWhere', () => {
  it('select the same report authors for every role', async () => {
    await expectParity({
      viewers,
      rows: await reportRows(),
      predicate: (viewer) => canSeeAuthorName(viewer),
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('experience_report')
            .select('experience_report.id')
            .where(authorNameWhere(viewer))
            .execute(),
        ),
    })
  })

  it('select the same procurement creators for every role', async () => {
    await expectParity({
      viewers,
      rows: await db().selectFrom('procurement').select('id').execute(),
      predicate: (viewer) => canSeeAuthorName(viewer),
      listed: async (viewer) =>
        ids(await db().selectFrom('procurement').select('procurement.id').where(authorNameWhere(viewer)).execute()),
    })
  })
})

describe('reply-author: canSeeReplyAuthor and replyAuthorWhere', () => {
  it('select the same replies for every role', async () => {
    await expectParity({
      viewers,
      rows: await replyRows(),
      predicate: canSeeReplyAuthor,
      listed: async (viewer) =>
        ids(
          await db().selectFrom('supplier_reply').select('supplier_reply.id').where(replyAuthorWhere(viewer)).execute(),
        ),
    })
  })
})

describe('hidden-replies: canViewReply and visibleRepliesWhere', () => {
  it('select the same replies for every role', async () => {
    const rows = await replyRows()
    expect(rows.some((r) => r.hidden)).toBe(true)
    await expectParity({
      viewers,
      rows,
      predicate: canViewReply,
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('supplier_reply')
            .select('supplier_reply.id')
            .where(visibleRepliesWhere(viewer))
            .execute(),
        ),
    })
  })
})

describe('moderation-state: canSeeModerationOf and its list forms', () => {
  it('select the same reports for every role', async () => {
    await expectParity({
      viewers,
      rows: await reportRows(),
      predicate: (viewer, row) => canSeeModerationOf(viewer, { authorUserId: row.authorUserId }),
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('experience_report')
            .select('experience_report.id')
            .where(reportModerationWhere(viewer))
            .execute(),
        ),
    })
  })

  it('select the same replies for every role', async () => {
    await expectParity({
      viewers,
      rows: await replyRows(),
      predicate: (viewer, row) => canSeeModerationOf(viewer, { supplierOrganisationId: row.supplierOrganisationId }),
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('supplier_reply')
            .select('supplier_reply.id')
            .where(replyModerationWhere(viewer))
            .execute(),
        ),
    })
  })
})

describe('aggregate-public: countsInAggregate and aggregateReportsWhere', () => {
  it('count the same reports, whoever looks', async () => {
    await expectParity({
      viewers,
      rows: await reportRows(),
      predicate: (_viewer, row) => countsInAggregate(row),
      listed: async () =>
        ids(
          await db()
            .selectFrom('experience_report')
            .select('experience_report.id')
            .where(aggregateReportsWhere)
            .execute(),
        ),
    })
  })
})
