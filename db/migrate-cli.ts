import { getEnv } from '../app/utils/env.server'
import { closeDb, getDb } from './client'
import { migrateToLatest } from './migrate'

const env = getEnv()
process.env.DATABASE_PATH = env.DATABASE_PATH
const results = await migrateToLatest(getDb())
for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`)
if (results.length === 0) console.log('Database is up to date.')
await closeDb()
