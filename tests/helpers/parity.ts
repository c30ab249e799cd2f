import { expect } from 'vitest'
import { getDb } from '../../db/client'
import { seedDemoIfEmpty } from '../../db/seed/demo'
import type { Viewer } from '../../app/policy/viewer'
import { getViewer } from '../../app/utils/auth.server'
import { createSession, SESSION_COOKIE } from '../../app/utils/session.server'

// Parity between a policy predicate and its list form (app/policy): for every role of the demo data and every row,
// the predicate allows exactly the rows the SQL form selects. The viewers come from real sessions through the app's
// own session code, as a request would bring them.

/** Loads the fictional demo data (accounts, register, procurements, experience) into this test file's database. */
export async function seedDemo() {
  await seedDemoIfEmpty(getDb())
}

export const ROLE_ACCOUNTS = [
  ['buyer (Larvik)', 'larvik@demo.erfaringsbanken.no'],
  ['buyer (Bergen)', 'bergen@demo.erfaringsbanken.no'],
  ['supplier (Nordlys)', 'leverandor@demo.erfaringsbanken.no'],
  ['supplier (Fjordtrygg)', 'leverandor2@demo.erfaringsbanken.no'],
  ['coordinator', 'koordinator@demo.erfaringsbanken.no'],
  ['admin', 'admin@demo.erfaringsbanken.no'],
  ['pending buyer', 'tone.hansen@tonsberg.kommune.no'],
  ['pending supplier', 'hanna@havblikk.example'],
] as const

export type RoleViewer = { label: string; viewer: Viewer | null }

/** The visitor and one signed-in viewer per demo account (after seedDemo). */
export async function demoViewers(): Promise<RoleViewer[]> {
  const viewers: RoleViewer[] = [{ label: 'visitor', viewer: null }]
  for (const [label, email] of ROLE_ACCOUNTS) {
    const user = await getDb().selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const { token } = await createSession(user.id, {
      ip: '127.0.0.1',
      userAgent: 'parity-test',
      twoFactorVerified: true,
    })
    const request = new Request('http://localhost/', { headers: { cookie: `${SESSION_COOKIE}=${token}` } })
    viewers.push({ label, viewer: await getViewer(request) })
  }
  return viewers
}

/**
 * Asserts, per viewer, that `listed(viewer)` (ids selected with the list form) equals the ids of `rows` the
 * predicate allows. `rows` must cover every state that matters: the test fails if the predicate allows no row for
 * any viewer, or every row for every viewer (a pair that cannot tell states apart proves nothing).
 */
export async function expectParity<Row extends { id: number | string }>(opts: {
  viewers: readonly RoleViewer[]
  rows: readonly Row[]
  predicate: (viewer: Viewer | null, row: Row) => boolean
  listed: (viewer: Viewer | null) => Promise<ReadonlyArray<number | string>>
}) {
  let someAllowed = false
  let someRefused = false
  for (const { label, viewer } of opts.viewers) {
    const expected = opts.rows
      .filter((row) => opts.predicate(viewer, row))
      .map((r) => r.id)
      .sort()
    const actual = [...(await opts.listed(viewer))].sort()
    expect(actual, `list form vs predicate for ${label}`).toEqual(expected)
    if (expected.length > 0) someAllowed = true
    if (expected.length < opts.rows.length) someRefused = true
  }
  expect(someAllowed && someRefused, 'the rows must include some each viewer may and may not see').toBe(true)
}
