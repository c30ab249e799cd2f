import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, demoAccounts } from '../../db/seed/demo-accounts'
import { demoAccountsNotice } from '../../db/seed/demo'
import { createUser } from '../helpers/accounts'
import { testDb } from '../helpers/db'

// The server prints the demo accounts at start-up in demo mode. Demo data is loaded only into an empty database, so on
// a generated database (npm run data:generate) or one with data of its own the demo accounts do not exist: printing
// them there sent every tester to a sign-in that could only fail ("Feil e-post eller passord").

describe('the demo accounts printed at start-up', () => {
  it('says that the database has none, and where a generated database has its accounts, when none is in it', async () => {
    const notice = await demoAccountsNotice(testDb())
    for (const a of demoAccounts) expect(notice).not.toContain(a.email)
    expect(notice).toContain('no demo accounts')
    expect(notice).toContain('npm run data:generate')
    expect(notice).toContain(DEMO_PASSWORD)
  })

  it('lists the demo accounts the database has, and only those', async () => {
    await createUser({ role: 'buyer', municipalityNumber: '3909', email: 'larvik@demo.erfaringsbanken.no' })
    const notice = await demoAccountsNotice(testDb())
    expect(notice).toContain(`Demo accounts (password for all: ${DEMO_PASSWORD})`)
    expect(notice).toContain('larvik@demo.erfaringsbanken.no')
    expect(notice).not.toContain('bergen@demo.erfaringsbanken.no')
    expect(notice).not.toContain('admin@demo.erfaringsbanken.no')
  })
})
