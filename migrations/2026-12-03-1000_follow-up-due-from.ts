import { sql, type Kysely } from 'kysely'
import { refreshFollowUpDueFrom } from '../app/models/follow-up-due.server'

// "Min kommune" at ten times national scale (issue 14): the follow-up date of each participation is stored
// (app/models/follow-up-due.server.ts), so the list sorts, counts and pages in SQL instead of reading a large
// municipality's thousands of participations and applying the rule to each on every request.
// - follow_up_due_from: the rule's dueFrom, filled here for the rows there are, by the same function every write
//   calls afterwards (so the value here is the rule's, not a restatement of it in SQL).
// - procurement_participant_due_idx: the municipality's accepted participations by that date (due ones oldest first,
//   ties newest procurement first), with the role for the counts and the filter, read from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('procurement_participant').addColumn('follow_up_due_from', 'text').execute()
  // One transaction: the catch-up is a few thousand statements at national×10 scale.
  await db.transaction().execute((trx) => refreshFollowUpDueFrom(trx, 'all'))
  await db.schema
    .createIndex('procurement_participant_due_idx')
    .on('procurement_participant')
    .columns(['municipality_number', 'status', 'follow_up_due_from', 'procurement_id desc', 'role'])
    .execute()
  await sql`analyze procurement_participant`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('procurement_participant_due_idx').execute()
  await db.schema.alterTable('procurement_participant').dropColumn('follow_up_due_from').execute()
}
