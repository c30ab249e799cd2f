import Database from 'better-sqlite3'
import { inject } from 'vitest'

// Extra people and look-ups for browser tests, written straight into the running app's database (like sessions.ts).

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(inject('e2eDatabasePath'))
  try {
    db.pragma('busy_timeout = 5000')
    return fn(db)
  } finally {
    db.close()
  }
}

/** A verified buyer of a municipality (its organisation is created verified when missing); returns the e-mail. */
export function createVerifiedBuyer(municipalityNumber: string, email: string, name = 'E2E Innkjøper'): string {
  return withDb((db) => {
    const existingUser = db.prepare('select id from user where email = ?').get(email.toLowerCase()) as
      { id: number } | undefined
    if (existingUser) return email.toLowerCase()
    let org = db.prepare('select id from organisation where municipality_number = ?').get(municipalityNumber) as
      { id: number } | undefined
    if (!org) {
      const m = db.prepare('select name from municipality where number = ?').get(municipalityNumber) as
        { name: string } | undefined
      if (!m) throw new Error(`No municipality ${municipalityNumber}`)
      const info = db
        .prepare(
          `insert into organisation (kind, name, municipality_number, org_number, status) values ('municipality', ?, ?, null, 'verified')`,
        )
        .run(`${m.name} kommune`, municipalityNumber)
      org = { id: Number(info.lastInsertRowid) }
    } else {
      db.prepare(`update organisation set status = 'verified' where id = ?`).run(org.id)
    }
    db.prepare(
      `insert into user (organisation_id, email, name, password_hash, role, status) values (?, ?, ?, 'not-a-real-hash', 'buyer', 'verified')`,
    ).run(org.id, email.toLowerCase(), name)
    return email.toLowerCase()
  })
}

/** The name of an approved register product of a supplier company (the first by name). */
export function approvedProductOf(supplierName: string): { id: number; name: string } {
  return withDb((db) => {
    const row = db
      .prepare(
        `select p.id, p.name from product p join organisation o on o.id = p.supplier_organisation_id
         where o.name = ? and exists (select 1 from product_version v where v.product_id = p.id and v.state = 'approved')
         order by p.name limit 1`,
      )
      .get(supplierName) as { id: number; name: string } | undefined
    if (!row) throw new Error(`No approved product of ${supplierName}`)
    return row
  })
}
