import { afterAll, inject } from 'vitest'
import { closeDb, getDb } from '../../../db/client'

// The running app's database. Browser tests set up what they need through the app's own code (db/client, the session
// code, tests/helpers), pointed at the e2e server's database file instead of a test copy.
process.env.DATABASE_PATH = inject('e2eDatabasePath')

afterAll(() => closeDb())

export const e2eDb = () => getDb()
