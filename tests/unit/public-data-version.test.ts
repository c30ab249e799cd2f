import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getSqlite } from '../../db/client'
import { TABLES_NO_PUBLIC_PAGE_READS, publicDataVersionReader } from '../../db/public-data-version'
import { audit } from '../../app/utils/audit.server'
import { createSession, validateSession, readSession } from '../../app/utils/session.server'
import { testDb } from '../helpers/db'
import { createBuyer } from '../helpers/register-fixtures'

// The public page cache keeps its pages for one value of the public data version (db/public-data-version.ts,
// docs/decisions/016-public-page-cache.md): it must move with every write that may change a public page, and need not
// with writes no public page reads.

const version = publicDataVersionReader(getSqlite())

describe('the public data version', () => {
  it('has triggers on every table public pages may read; each other table is named with the reason', async () => {
    const tables = (
      await sql<{ name: string }>`
        select name from sqlite_master
        where type = 'table' and name not like 'sqlite_%' and name not like 'product_search%' order by name`.execute(
        testDb(),
      )
    ).rows.map((r) => r.name)
    const triggers = (
      await sql<{ name: string; tbl_name: string; sql: string }>`
        select name, tbl_name, sql from sqlite_master where type = 'trigger'`.execute(testDb())
    ).rows
    expect(tables.length).toBeGreaterThan(30)
    const missing: string[] = []
    for (const table of tables) {
      const moving = triggers.filter(
        (t) => t.tbl_name === table && /update public_data_version set n = n \+ 1/.test(t.sql.replace(/\s+/g, ' ')),
      )
      if (table in TABLES_NO_PUBLIC_PAGE_READS) {
        expect(moving, `${table} is named as read by no public page`).toEqual([])
        continue
      }
      for (const event of ['insert', 'update', 'delete'])
        if (!moving.some((t) => new RegExp(`after ${event} on`, 'i').test(t.sql))) missing.push(`${table} (${event})`)
    }
    expect(missing, 'tables without a trigger that moves the public data version').toEqual([])
    // Every named table exists: the list does not hide a renamed table that public pages read.
    for (const name of Object.keys(TABLES_NO_PUBLIC_PAGE_READS)) expect(tables).toContain(name)
  })

  it('moves with a write that public pages read, in its transaction; not with sessions, the audit log or a rollback', async () => {
    const buyer = await createBuyer()
    const before = version()
    // A sign-in (a session and its audit entry) and a session's sliding expiry on a signed-in page view.
    const { id } = await createSession(buyer.userId, { ip: '127.0.0.1', userAgent: 'test', twoFactorVerified: false })
    await audit({ action: 'auth.sign_in', actorUserId: buyer.userId, target: { type: 'user', id: buyer.userId } })
    await testDb()
      .updateTable('session')
      .set({ last_seen_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute()
    expect(await validateSession((await readSession(id)) ?? null)).not.toBeNull()
    expect(version()).toBe(before)
    // A write that a visitor's page shows.
    await testDb().updateTable('assessment_criterion').set({ name_nb: 'Universell utforming (ny)' }).execute()
    const afterWrite = version()
    expect(afterWrite).toBeGreaterThan(before)
    // Rolled back: the version goes back with the write.
    await expect(
      testDb()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('assessment_criterion').set({ name_nb: 'Aldri lagret' }).execute()
          throw new Error('rolled back')
        }),
    ).rejects.toThrow('rolled back')
    expect(version()).toBe(afterWrite)
  })
})
