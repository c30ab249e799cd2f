import { getDb } from '../../db/client'
import type { UserRole, VerificationStatus } from '../../db/schema'
import { hashPassword } from '../../app/utils/password.server'
import { createSession, SESSION_COOKIE } from '../../app/utils/session.server'

export const TEST_PASSWORD = 'korrekt-hest-batteri-stift'
let passwordHash: Promise<string> | undefined

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

export async function createOrganisation(
  kind: 'municipality' | 'supplier',
  opts: { municipalityNumber?: string; orgNumber?: string; name?: string; status?: VerificationStatus } = {},
) {
  const db = getDb()
  if (kind === 'municipality') {
    const number = opts.municipalityNumber ?? '3909'
    const existing = await db
      .selectFrom('organisation')
      .select('id')
      .where('municipality_number', '=', number)
      .executeTakeFirst()
    if (existing) return existing.id
  }
  const row = await db
    .insertInto('organisation')
    .values({
      kind,
      name:
        opts.name ??
        (kind === 'municipality' ? `Kommune ${opts.municipalityNumber ?? '3909'}` : `Testleverandør ${unique()} AS`),
      municipality_number: kind === 'municipality' ? (opts.municipalityNumber ?? '3909') : null,
      org_number: kind === 'supplier' ? (opts.orgNumber ?? randomOrgNumber()) : null,
      status: opts.status ?? 'verified',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function randomOrgNumber() {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2]
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? 3 : Math.floor(Math.random() * 10)))
    const r = digits.reduce((a, d, i) => a + d * (weights[i] ?? 0), 0) % 11
    const check = r === 0 ? 0 : 11 - r
    if (check !== 10) return [...digits, check].join('')
  }
}

export async function createUser(opts: {
  role: UserRole
  organisationId?: number
  municipalityNumber?: string
  status?: VerificationStatus
  email?: string
  name?: string
}) {
  const db = getDb()
  passwordHash ??= hashPassword(TEST_PASSWORD)
  let organisationId = opts.organisationId
  if (organisationId === undefined) {
    if (opts.role === 'buyer')
      organisationId = await createOrganisation('municipality', { municipalityNumber: opts.municipalityNumber })
    else if (opts.role === 'supplier') organisationId = await createOrganisation('supplier')
    else
      organisationId = (
        await db
          .selectFrom('organisation')
          .select('id')
          .where('kind', '=', 'coordinating_body')
          .executeTakeFirstOrThrow()
      ).id
  }
  const email = opts.email ?? `${opts.role}-${unique()}@test.example`
  const row = await db
    .insertInto('user')
    .values({
      organisation_id: organisationId,
      email,
      name: opts.name ?? `Test ${opts.role}`,
      password_hash: await passwordHash,
      role: opts.role,
      status: opts.status ?? 'verified',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, email, organisationId }
}

/** A signed-in session for the user, as the Cookie header value. */
export async function sessionFor(userId: number, { twoFactorVerified = true } = {}) {
  const { token } = await createSession(userId, { ip: '127.0.0.1', userAgent: 'vitest', twoFactorVerified })
  return `${SESSION_COOKIE}=${token}`
}

export function cookieFrom(response: Response, name = SESSION_COOKIE) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';')
    if (pair?.startsWith(`${name}=`)) return pair
  }
  return undefined
}
