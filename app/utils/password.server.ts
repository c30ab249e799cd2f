import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane); algorithm 2 = argon2id.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const MIN_PASSWORD_LENGTH = 12

export function hashPassword(password: string) {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Only entries that pass the length rule can ever match, so keep just those (a few hundred of ~49 000).
const commonPasswords = new Set(
  [
    ...(dictionary['passwords-common'] as string[]),
    // Norwegian patterns the English-language list misses.
    'passordpassord',
    'passord12345',
    'passord123456',
    'sommerferie2026',
    'velkommen123',
    'velkommen1234',
    'erfaringsbanken',
    'kommune12345',
    'qwertyuiopå',
  ]
    .map((p) => p.toLowerCase())
    .filter((p) => p.length >= MIN_PASSWORD_LENGTH),
)

export type PasswordProblem = 'too_short' | 'too_common' | 'contains_email'

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short'
  const lower = password.toLowerCase()
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890)+/.test(lower)) {
    return 'too_common'
  }
  const local = email?.split('@')[0]?.toLowerCase()
  if (local && local.length >= 4 && lower.includes(local)) return 'contains_email'
  return null
}
