import { parseArgs } from 'node:util'
import { generateDatabase, GENERATED_PASSWORD } from '../db/generate'

// npm run data:generate -- --scale N [--seed S] [--out PATH] [--today YYYY-MM-DD] [--force]
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    today: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    force: { type: 'boolean', default: false },
  },
})
const scale = Number(values.scale)
const seed = Number(values.seed)
if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
  console.error('--scale must be a number above 0 and at most 100 (1 = national size, 10 = ten times)')
  process.exit(2)
}
if (!Number.isInteger(seed) || seed < 0) {
  console.error('--seed must be a whole number')
  process.exit(2)
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
  console.error('--today must be a date, YYYY-MM-DD')
  process.exit(2)
}
const out = values.out ?? `/tmp/erfaringsbanken-scale-${scale}.sqlite`

console.log(`Generating scale ${scale}, seed ${seed}, today ${values.today} into ${out}`)
const summary = await generateDatabase({ out, scale, seed, today: values.today, force: values.force, log: console.log })
console.log(`Done in ${summary.seconds.toFixed(1)} s: ${summary.path} (attachments in ${summary.attachmentsDir})`)
for (const [table, n] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(28)} ${n.toLocaleString('en')}`)
console.log(`integrity_check ok, foreign_key_check ok. Every account's password: ${GENERATED_PASSWORD}`)
// The demo accounts are not in a generated database: these are (start the server on it with DATABASE_PATH).
console.log('Accounts to sign in with:')
const width = Math.max(...summary.accounts.map((a) => a.email.length))
for (const a of summary.accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(width)}  ${a.organisation}`)
