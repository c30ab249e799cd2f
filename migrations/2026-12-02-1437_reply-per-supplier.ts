import { sql, type Kysely } from 'kysely'

// One reply per supplier per report (issue 10, problem 8): a procurement may hold products from several suppliers,
// and each of them has its own right of reply. The old table allowed one reply per report, so the first supplier to
// reply took the slot. SQLite cannot change a unique constraint in place: the table is rebuilt (create, copy, drop,
// rename), keeping every column, check, foreign key and index, and the ids (content_flag and audit_log point at
// replies by id, without a foreign key).

async function rebuild(db: Kysely<any>, unique: 'per_report' | 'per_supplier'): Promise<void> {
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
  await db.schema
    .createTable('supplier_reply_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('experience_report_id', 'integer', (c) =>
      unique === 'per_report'
        ? c.notNull().unique().references('experience_report.id')
        : c.notNull().references('experience_report.id'),
    )
    .addColumn('supplier_organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('user.id'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(trim(body)) > 0`))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('hidden', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`hidden in (0, 1)`),
    )
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addCheckConstraint(
      'supplier_reply_hidden',
      sql`(hidden = 1) = (hidden_at is not null and hidden_reason is not null)`,
    )
    .$call((t) =>
      unique === 'per_supplier'
        ? // Enforced here as well as in the model: two concurrent requests of one supplier cannot both win.
          t.addUniqueConstraint('supplier_reply_one_per_supplier', ['experience_report_id', 'supplier_organisation_id'])
        : t,
    )
    .execute()
  await sql`insert into supplier_reply_new (id, experience_report_id, supplier_organisation_id, author_user_id, body,
      created_at, updated_at, hidden, hidden_at, hidden_reason)
    select id, experience_report_id, supplier_organisation_id, author_user_id, body,
      created_at, updated_at, hidden, hidden_at, hidden_reason
    from supplier_reply`.execute(db)
  // A reply id is never reused, not even one above the highest kept row.
  await sql`update sqlite_sequence set seq = max(seq, coalesce((select seq from sqlite_sequence where name = 'supplier_reply'), 0))
    where name = 'supplier_reply_new'`.execute(db)
  await db.schema.dropTable('supplier_reply').execute()
  await db.schema.alterTable('supplier_reply_new').renameTo('supplier_reply').execute()
  await db.schema
    .createIndex('supplier_reply_supplier_idx')
    .on('supplier_reply')
    .columns(['supplier_organisation_id', 'created_at'])
    .execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, 'per_supplier')
}

/** Back to one reply per report: only possible while no report has replies from two suppliers. */
export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, 'per_report')
}
