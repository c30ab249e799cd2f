import { createSession } from '../../../app/utils/session.server'
import { e2eDb } from './database'

// Browser tests sign in through the app's own session code (the sign-in page has its own test): createSession stores
// the session in the running app's database and returns the token the browser then carries in its cookie.
export async function sessionTokenFor(email: string): Promise<string> {
  const user = await e2eDb().selectFrom('user').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst()
  if (!user) throw new Error(`No user ${email} in the e2e database`)
  const { token } = await createSession(user.id, { ip: '127.0.0.1', userAgent: 'e2e', twoFactorVerified: true })
  return token
}

export const DEMO = {
  admin: 'admin@demo.erfaringsbanken.no',
  coordinator: 'koordinator@demo.erfaringsbanken.no',
  larvik: 'larvik@demo.erfaringsbanken.no',
  bergen: 'bergen@demo.erfaringsbanken.no',
  supplier: 'leverandor@demo.erfaringsbanken.no',
  supplier2: 'leverandor2@demo.erfaringsbanken.no',
} as const
export const DEMO_PASSWORD = 'demo-erfaring-2026'
