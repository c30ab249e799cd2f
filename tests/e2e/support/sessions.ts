import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { inject } from 'vitest'

// Browser tests sign in by writing a session straight into the running app's database (the sign-in page has its
// own test). The token goes into the browser's cookie; the database keeps only its SHA-256, as the app does.
export function sessionTokenFor(email: string): string {
  const db = new Database(inject('e2eDatabasePath'))
  try {
    db.pragma('busy_timeout = 5000')
    const user = db.prepare('select id from user where email = ?').get(email.toLowerCase()) as
      { id: number } | undefined
    if (!user) throw new Error(`No user ${email} in the e2e database`)
    const token = randomBytes(25)
      .toString('hex')
      .slice(0, 40)
      .replace(/[^a-z2-7]/g, 'a')
    const id = createHash('sha256').update(token).digest('hex')
    const now = new Date()
    const later = (ms: number) => new Date(now.getTime() + ms).toISOString()
    db.prepare(
      `insert into session (id, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, two_factor_verified, ip, user_agent)
       values (?, ?, ?, ?, ?, ?, 1, '127.0.0.1', 'e2e')`,
    ).run(id, user.id, now.toISOString(), now.toISOString(), later(30 * 60_000), later(12 * 3_600_000))
    return token
  } finally {
    db.close()
  }
}

export const DEMO = {
  admin: 'admin@demo.erfaringsbanken.no',
  coordinator: 'koordinator@demo.erfaringsbanken.no',
  larvik: 'larvik@demo.erfaringsbanken.no',
  bergen: 'bergen@demo.erfaringsbanken.no',
  supplier: 'leverandor@demo.erfaringsbanken.no',
  supplier2: 'leverandor2@demo.erfaringsbanken.no',
} as const
export const DEMO_PASSWORD = 'demo-erfaring-2026'
