import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { canVerifyColleague, verifiableUsersWhere } from '../../app/policy/accounts'
import { createUser } from '../helpers/accounts'
import { demoViewers, expectParity, seedDemo, type RoleViewer } from '../helpers/parity'

// Who may verify whom (app/policy/accounts.ts): the predicate the decision asks and the list form the verification
// queue selects with agree for every role and every account of the demo data.

let viewers: RoleViewer[]

beforeAll(async () => {
  await seedDemo()
  viewers = await demoViewers()
})

describe('canVerifyColleague and verifiableUsersWhere', () => {
  it('select the same accounts for every role', async () => {
    // A sign-up in a demo municipality that has not confirmed its address yet: in nobody's queue.
    const colleague = await getDb()
      .selectFrom('user')
      .select('organisation_id')
      .where('role', '=', 'buyer')
      .where('status', '=', 'verified')
      .executeTakeFirstOrThrow()
    const unconfirmed = await createUser({
      role: 'buyer',
      organisationId: colleague.organisation_id,
      status: 'pending',
    })
    await getDb().updateTable('user').set({ email_confirmed: 0 }).where('id', '=', unconfirmed.id).execute()
    const rows = await getDb()
      .selectFrom('user')
      .select(['id', 'organisation_id as organisationId', 'role', 'email_confirmed as emailConfirmed'])
      .execute()
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(['buyer', 'supplier', 'coordinator', 'admin']))
    await expectParity({
      viewers,
      rows,
      predicate: canVerifyColleague,
      listed: async (viewer) =>
        (await getDb().selectFrom('user').select('user.id').where(verifiableUsersWhere(viewer)).execute()).map(
          (r) => r.id,
        ),
    })
  })

  it('never offers an account whose e-mail address is not confirmed', async () => {
    const admin = viewers.find((v) => v.label === 'admin')?.viewer ?? null
    const listed = await getDb()
      .selectFrom('user')
      .select('id')
      .where('email_confirmed', '=', 0)
      .where(verifiableUsersWhere(admin))
      .execute()
    expect(listed).toEqual([])
  })

  it('never offers a staff account, not even to an admin', async () => {
    const admin = viewers.find((v) => v.label === 'admin')?.viewer ?? null
    const staff = await getDb()
      .selectFrom('user')
      .select('id')
      .where('role', 'in', ['coordinator', 'admin'])
      .where(verifiableUsersWhere(admin))
      .execute()
    expect(staff).toEqual([])
  })
})
