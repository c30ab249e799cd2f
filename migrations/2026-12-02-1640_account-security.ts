import { type Kysely } from 'kysely'

// Issue 11, step-up and admin tools:
// - session.reauthenticated_at: when the person on this session last proved the password (or a second factor).
//   Changing the password or e-mail, turning two-factor on or off and an admin's changes to other accounts need it
//   to be recent (app/utils/step-up.server.ts).
// - user.deactivated_at / deactivated_by: a deactivated account cannot sign in, and its sessions stop working at once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('session').addColumn('reauthenticated_at', 'text').execute()
  await db.schema.alterTable('user').addColumn('deactivated_at', 'text').execute()
  await db.schema
    .alterTable('user')
    .addColumn('deactivated_by', 'integer', (c) => c.references('user.id'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('deactivated_by').execute()
  await db.schema.alterTable('user').dropColumn('deactivated_at').execute()
  await db.schema.alterTable('session').dropColumn('reauthenticated_at').execute()
}
