import { sql, type Kysely } from 'kysely'

// Participation by consent (issue 10, problem 5). The lead used to add other municipalities directly, and they then
// showed publicly as users of the product without having agreed. Now a participation has a status:
// - `invited`: the lead named the municipality; it is shown to nobody but the lead's and its own buyers, and counted
//   nowhere, until one of its verified buyers accepts;
// - `accepted`: it takes part (listed publicly, counted, writes reports); the lead's own row is accepted at creation,
//   and every participation that existed before this migration is accepted (the lead had added it);
// - `declined`: its buyers said no; the row is kept (the lead may invite it again) and shown nowhere;
// - `left`: it took part and left; the row is kept because its reports belong to it (experience_report points at
//   the participation), it is shown nowhere and writes no more reports, and its published reports stay its own.
// `responded_at` is when the municipality last accepted, declined or left. New rows default to `invited`: nobody is
// made a participant without consent by a write path that forgets the status.

const statuses = ['invited', 'accepted', 'declined', 'left']

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('procurement_participant')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('invited')
        .check(sql`status in (${sql.join(statuses.map((s) => sql.lit(s)))})`),
    )
    .execute()
  await db.schema.alterTable('procurement_participant').addColumn('responded_at', 'text').execute()
  await sql`update procurement_participant set status = 'accepted', responded_at = created_at`.execute(db)
  await db.schema
    .createIndex('procurement_participant_status_idx')
    .on('procurement_participant')
    .columns(['status', 'municipality_number', 'procurement_id'])
    .execute()
  // The lead is always a participant: its own participation is accepted and stays so.
  for (const event of ['insert', 'update of status, role']) {
    const name = event === 'insert' ? 'procurement_participant_lead_insert' : 'procurement_participant_lead_update'
    await sql`create trigger ${sql.raw(name)} before ${sql.raw(event)} on procurement_participant
              when new.role = 'lead' and new.status is not 'accepted'
              begin select raise(abort, 'procurement_participant: the lead''s participation is accepted'); end`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists procurement_participant_lead_insert`.execute(db)
  await sql`drop trigger if exists procurement_participant_lead_update`.execute(db)
  await db.schema.dropIndex('procurement_participant_status_idx').execute()
  await db.schema.alterTable('procurement_participant').dropColumn('responded_at').execute()
  await db.schema.alterTable('procurement_participant').dropColumn('status').execute()
}
