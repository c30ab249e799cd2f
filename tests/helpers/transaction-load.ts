import { sql } from 'kysely'
import { openDatabase } from '../../db/client'

// A separate process writing through the app's own connection setup (db/client.ts openDatabase), for the test of
// several server processes on one database: each transaction reads first, then writes (rate_limit_event rows keyed
// `tx:<label>:<n>`), as the app's transactions do. Exits 1 on the first failed transaction.
// Usage: tsx tests/helpers/transaction-load.ts DATABASE LABEL COUNT
const [path = '', label = 'x', count = '20'] = process.argv.slice(2)
const db = openDatabase(path)
try {
  for (let n = 1; n <= Number(count); n++) {
    await db.transaction().execute(async (trx) => {
      await sql`select count(*) from rate_limit_event where key like 'tx:%'`.execute(trx)
      await trx
        .insertInto('rate_limit_event')
        .values({ key: `tx:${label}:${n}`, created_at: new Date().toISOString() })
        .execute()
    })
  }
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await db.destroy()
}
