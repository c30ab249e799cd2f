// The demo accounts, in one place: the seed creates them and the server prints them at start-up.
export const DEMO_PASSWORD = 'demo-erfaring-2026'

// Fictional suppliers. Their organisation numbers pass the modulus-11 check and lie in the 3xx xxx xxx series used for
// synthetic test organisations, so they can never belong to a real company.
export const demoSuppliers = [
  { key: 'nordlys', name: 'Nordlys Velferdsteknologi AS', orgNumber: '315200008' },
  { key: 'fjordtrygg', name: 'Fjordtrygg Omsorgsteknikk AS', orgNumber: '315200172' },
  { key: 'vardeheim', name: 'Vardeheim Digital Helse AS', orgNumber: '315200342' },
] as const

export const demoAccounts = [
  { email: 'admin@demo.erfaringsbanken.no', name: 'Ada Administrator', role: 'admin', org: 'coordinating_body' },
  {
    email: 'koordinator@demo.erfaringsbanken.no',
    name: 'Kari Koordinator',
    role: 'coordinator',
    org: 'coordinating_body',
  },
  { email: 'larvik@demo.erfaringsbanken.no', name: 'Lars Innkjøper', role: 'buyer', org: '3909' },
  { email: 'bergen@demo.erfaringsbanken.no', name: 'Berit Innkjøper', role: 'buyer', org: '4601' },
  { email: 'leverandor@demo.erfaringsbanken.no', name: 'Lene Leverandør', role: 'supplier', org: 'nordlys' },
  { email: 'leverandor2@demo.erfaringsbanken.no', name: 'Leif Leverandør', role: 'supplier', org: 'fjordtrygg' },
] as const

/**
 * The demo accounts for the start-up message: those of `present` (the addresses the database holds), or, when it holds
 * none of them, a line saying so. Demo data is loaded only into an empty database, so a generated database
 * (`npm run data:generate`, which prints its own accounts to sign in with) or one with data of its own has none, and
 * listing them there sent people to a sign-in that could only fail.
 */
export function demoAccountsText(present: ReadonlySet<string>): string {
  const accounts = demoAccounts.filter((a) => present.has(a.email))
  if (accounts.length === 0)
    return (
      'This database has no demo accounts: demo data is loaded only into an empty database. A generated database ' +
      '(npm run data:generate) has its own accounts, printed when it was generated; their password is ' +
      DEMO_PASSWORD +
      '.'
    )
  const width = Math.max(...accounts.map((a) => a.email.length))
  const lines = accounts.map((a) => `  ${a.role.padEnd(12)} ${a.email.padEnd(width)}`)
  return ['Demo accounts (password for all: ' + DEMO_PASSWORD + '):', ...lines].join('\n')
}
