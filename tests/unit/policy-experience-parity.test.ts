import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { loadReportSuppliers } from '../../app/models/procurement-access.server'
import {
  acceptedParticipationWhere,
  aggregateReportsWhere,
  authorNameWhere,
  canSeeInvitation,
  isAcceptedParticipation,
  visibleInvitationsWhere,
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
  canSeeFlagOutcome,
  flagOutcomeWhere,
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
  await addSecondSuppliersReplies()
  await answerSomeInvitations()
  viewers = await demoViewers()
})

/**
 * Consent: the demo's participations are all accepted. Three participant rows (not the lead's) get the other
 * statuses, so the participation rules see every status: one invited, one declined, one left.
 */
async function answerSomeInvitations() {
  // Invitations that the demo buyers (Larvik 3909 as the lead, Bergen 4601 as the invited) and others can see.
  const rows = await db()
    .selectFrom('procurement_participant')
    .innerJoin('procurement', 'procurement.id', 'procurement_participant.procurement_id')
    .select('procurement_participant.id')
    .where('procurement_participant.role', '=', 'participant')
    .orderBy((eb) => eb('procurement.lead_municipality_number', '=', '3909'), 'desc')
    .orderBy((eb) => eb('procurement_participant.municipality_number', '=', '4601'), 'desc')
    .orderBy('procurement_participant.id')
    .limit(6)
    .execute()
  const statuses = ['invited', 'declined', 'left', 'invited'] as const
  for (const [i, status] of statuses.entries()) {
    const row = rows[i]
    if (row) await db().updateTable('procurement_participant').set({ status }).where('id', '=', row.id).execute()
  }
}

/**
 * One reply per supplier per report: the demo procurements each buy one supplier's product, so two reports get the
 * other demo supplier's product in their procurement and a reply from each supplier; on the first report the second
 * supplier's reply is hidden, on the second the first supplier's, so each supplier has a hidden reply beside another
 * company's visible one.
 */
async function addSecondSuppliersReplies() {
  const supplierOf = async (email: string) =>
    db().selectFrom('user').select(['id', 'organisation_id']).where('email', '=', email).executeTakeFirstOrThrow()
  const nordlys = await supplierOf('leverandor@demo.erfaringsbanken.no')
  const fjordtrygg = await supplierOf('leverandor2@demo.erfaringsbanken.no')
  const productOf = async (organisationId: number) =>
    (
      await db()
        .selectFrom('product')
        .select('id')
        .where('supplier_organisation_id', '=', organisationId)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id
  const reports = await db()
    .selectFrom('experience_report')
    .innerJoin('procurement_product', 'procurement_product.procurement_id', 'experience_report.procurement_id')
    .innerJoin('product', 'product.id', 'procurement_product.product_id')
    .select(['experience_report.id', 'experience_report.procurement_id'])
    .where('product.supplier_organisation_id', '=', nordlys.organisation_id)
    .where('experience_report.status', '=', 'published')
    .where('experience_report.hidden', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('supplier_reply')
            .select('supplier_reply.id')
            .whereRef('supplier_reply.experience_report_id', '=', 'experience_report.id'),
        ),
      ),
    )
    .orderBy('experience_report.id')
    .limit(2)
    .execute()
  expect(reports).toHaveLength(2)
  const fjordtryggProduct = await productOf(fjordtrygg.organisation_id)
  const at = '2026-11-30T12:00:00.000Z'
  for (const [i, report] of reports.entries()) {
    await db()
      .insertInto('procurement_product')
      .values({ procurement_id: report.procurement_id, product_id: fjordtryggProduct, product_name: null })
      .onConflict((oc) => oc.doNothing())
      .execute()
    for (const [k, supplier] of [nordlys, fjordtrygg].entries()) {
      const hidden = (i === 0 && k === 1) || (i === 1 && k === 0)
      await db()
        .insertInto('supplier_reply')
        .values({
          experience_report_id: report.id,
          supplier_organisation_id: supplier.organisation_id,
          author_user_id: supplier.id,
          body: `Svar ${k + 1} på rapport ${report.id}`,
          created_at: at,
          updated_at: at,
          hidden: hidden ? 1 : 0,
          hidden_at: hidden ? at : null,
          hidden_reason: hidden ? 'Skjult i testen.' : null,
        })
        .execute()
    }
  }
}

const db = () => getDb()
const ids = (rows: ReadonlyArray<{ id: number }>) => rows.map((r) => r.id)

async function reportRows() {
  const rows = await db().selectFrom('experience_report').select(['id', 'status', 'hidden', 'author_user_id']).execute()
  const suppliers = await loadReportSuppliers(
    db(),
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    hidden: r.hidden === 1,
    authorUserId: r.author_user_id,
    supplierOrganisationIds: suppliers.get(r.id) ?? [],
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
    // Two replies on one report from two suppliers, one of them hidden (addSecondSuppliersReplies).
    const twoSuppliers = await db()
      .selectFrom('supplier_reply')
      .select('experience_report_id')
      .groupBy('experience_report_id')
      .having((eb) => eb.fn.count('supplier_organisation_id').distinct(), '>=', 2)
      .having((eb) => eb.fn.sum('hidden'), '=', 1)
      .execute()
    expect(twoSuppliers.length).toBeGreaterThanOrEqual(2)
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

describe('flag-outcome: canSeeFlagOutcome and flagOutcomeWhere', () => {
  it('select the same flags for every role', async () => {
    const rows = (await db().selectFrom('content_flag').select(['id', 'flagged_by']).execute()).map((r) => ({
      id: r.id,
      flaggedBy: r.flagged_by,
    }))
    await expectParity({
      viewers,
      rows,
      predicate: (viewer, row) => canSeeFlagOutcome(viewer, row),
      listed: async (viewer) =>
        ids(await db().selectFrom('content_flag').select('content_flag.id').where(flagOutcomeWhere(viewer)).execute()),
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

describe('participation-accepted: isAcceptedParticipation and acceptedParticipationWhere', () => {
  it('list and count the same participations, whoever looks', async () => {
    const rows = await db().selectFrom('procurement_participant').select(['id', 'status']).execute()
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['invited', 'accepted', 'declined', 'left']))
    await expectParity({
      viewers,
      rows,
      predicate: (_viewer, row) => isAcceptedParticipation(row),
      listed: async () =>
        ids(
          await db()
            .selectFrom('procurement_participant')
            .select('procurement_participant.id')
            .where(acceptedParticipationWhere)
            .execute(),
        ),
    })
  })
})

describe('invitation-visible: canSeeInvitation and visibleInvitationsWhere', () => {
  it('show the same pending invitations for every role', async () => {
    const rows = (
      await db()
        .selectFrom('procurement_participant')
        .innerJoin('procurement', 'procurement.id', 'procurement_participant.procurement_id')
        .select([
          'procurement_participant.id',
          'procurement_participant.status',
          'procurement_participant.municipality_number',
          'procurement.lead_municipality_number',
        ])
        .execute()
    ).map((r) => ({
      id: r.id,
      status: r.status,
      municipalityNumber: r.municipality_number,
      leadMunicipalityNumber: r.lead_municipality_number,
    }))
    // Some demo buyer sees an invitation as the invited municipality, and some as the lead.
    const buyers = viewers.flatMap((v) => (v.viewer?.municipalityNumber ? [v.viewer.municipalityNumber] : []))
    const invited = rows.filter((r) => r.status === 'invited')
    expect(
      invited.some((r) => buyers.includes(r.municipalityNumber) || buyers.includes(r.leadMunicipalityNumber)),
    ).toBe(true)
    await expectParity({
      viewers,
      rows,
      predicate: canSeeInvitation,
      listed: async (viewer) =>
        ids(
          await db()
            .selectFrom('procurement_participant')
            .select('procurement_participant.id')
            .where(visibleInvitationsWhere(viewer))
            .execute(),
        ),
    })
  })
})
