import { getDb } from './db/client'
import { seedDemoIfEmpty } from './db/seed/demo'
import { searchRegister } from './app/models/register-search.server'
const db = getDb()
await seedDemoIfEmpty(db)
const viewer = { userId: 0, role: 'coordinator', status: 'verified', organisationId: 0, organisationKind: 'coordinating_body', organisationStatus: 'verified', municipalityNumber: null, twoFactorEnabled: true } as any
for (const q of process.argv.slice(2)) {
  const r = await searchRegister(null, { q, pageSize: 50 })
  console.log(`${q} [${r.total}]${r.query.corrected.length ? ' corr ' + JSON.stringify(r.query.corrected) : ''}: ${r.items.map((i) => i.name).join(' | ')}`)
}
