import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getSqlite } from '../../db/client'
import {
  COLUMNS_NO_PAGE_SHOWS,
  TABLES_NO_PUBLIC_PAGE_READS,
  publicDataVersionReader,
} from '../../db/public-data-version'
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
    const all = (
      await sql<{ name: string; sql: string | null }>`
        select name, sql from sqlite_master where type = 'table' and substr(name, 1, 7) != 'sqlite_'`.execute(testDb())
    ).rows
    // Virtual tables (the search index) and their shadow tables are written by SQLite with the rows they index.
    const virtual = all.filter((t) => /^create virtual table/i.test(t.sql ?? '')).map((t) => t.name)
    const shadow = virtual.flatMap((v) => ['data', 'idx', 'content', 'docsize', 'config'].map((s) => `${v}_${s}`))
    const tables = all
      .map((t) => t.name)
      .filter((name) => !virtual.includes(name) && !shadow.includes(name))
      .sort()
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
      for (const event of ['insert', 'delete'])
        if (!moving.some((t) => new RegExp(`after ${event} on`, 'i').test(t.sql))) missing.push(`${table} (${event})`)
      // Updates: of every column, or of every column but those no page shows.
      const columns = (
        await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(testDb())
      ).rows.map((c) => c.name)
      const shown = columns.filter((c) => !(COLUMNS_NO_PAGE_SHOWS[table] ?? []).includes(c)).sort()
      const update = moving
        .map((t) => t.sql.replace(/\s+/g, ' ').match(/after update (?:of (.+?) )?on /i))
        .find((m) => m !== null && m !== undefined)
      const listed = update ? (update[1]?.split(',').map((c) => c.trim()) ?? columns) : []
      if (JSON.stringify([...listed].sort()) !== JSON.stringify(shown)) missing.push(`${table} (update)`)
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
    expect(afterWrite).toBeGreaterThan(before ?? Infinity)
    // Rolled back: the version goes back with the write. While the transaction is open the reader answers null, not
    // the uncommitted value: after the rollback the same number stands for the old data again, and a page stored
    // under it meanwhile could be a later write's.
    let during: number | null = 0
    await expect(
      testDb()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('assessment_criterion').set({ name_nb: 'Aldri lagret' }).execute()
          during = version()
          throw new Error('rolled back')
        }),
    ).rejects.toThrow('rolled back')
    expect(during).toBeNull()
    expect(version()).toBe(afterWrite)
  })

  it("moves with a change to a user's name, not with their password or two-factor secrets (a 2FA sign-in)", async () => {
    const buyer = await createBuyer('0301')
    const before = version()
    await testDb()
      .updateTable('user')
      .set({ totp_last_step: 123, password_hash: 'x', password_changed_at: '2026-12-03T00:00:00.000Z' })
      .where('id', '=', buyer.userId)
      .execute()
    expect(version()).toBe(before)
    await testDb().updateTable('user').set({ name: 'Nytt navn' }).where('id', '=', buyer.userId).execute()
    expect(version()).toBeGreaterThan(before ?? Infinity)
  })
})
