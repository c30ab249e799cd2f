import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { getEnv, type Env } from './env.server'

// Secrets at rest (two-factor keys): AES-256-GCM with a key from the environment (TOTP_ENCRYPTION_KEY), never from
// the database, so a copy of the database alone does not give the second factor away.
//
// A sealed value: version byte (1) · key id (8 bytes, the start of the key's SHA-256) · IV (12) · ciphertext · tag (16).
// The key id says which key opens it, so keys can be rotated: the new key encrypts, the old ones (in
// TOTP_ENCRYPTION_KEYS_OLD) still open, and reencryptTotpSecrets (start-up) moves every secret to the new key.
// The additional data binds a sealed value to its row (`totp:<user id>`): copied to another row it does not open.

const VERSION = 1
const ID_BYTES = 8
const IV_BYTES = 12
const TAG_BYTES = 16

// Development, test and demo only: a fixed key that is public on purpose (it protects nothing real). Production
// outside demo mode must set TOTP_ENCRYPTION_KEY (requireProductionSecrets).
const DEVELOPMENT_KEY = createHash('sha256').update('erfaringsbanken development key, not a secret').digest()

type Key = { id: Buffer; bytes: Buffer }

const toKey = (bytes: Buffer): Key => ({ id: createHash('sha256').update(bytes).digest().subarray(0, ID_BYTES), bytes })

export function keyring(env: Env = getEnv()): { current: Key; all: Key[] } {
  const current = toKey(env.TOTP_ENCRYPTION_KEY ? Buffer.from(env.TOTP_ENCRYPTION_KEY, 'base64') : DEVELOPMENT_KEY)
  const old = (env.TOTP_ENCRYPTION_KEYS_OLD ?? '')
    .split(',')
    .filter(Boolean)
    .map((k) => toKey(Buffer.from(k, 'base64')))
  return { current, all: [current, ...old] }
}

export function seal(plain: Uint8Array, aad: string, key: Key = keyring().current): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([Buffer.from([VERSION]), key.id, iv, body, cipher.getAuthTag()])
}

/** Whether the value is sealed (rather than a legacy plain value from before encryption). */
export const isSealed = (value: Uint8Array) =>
  value.length > 1 + ID_BYTES + IV_BYTES + TAG_BYTES && value[0] === VERSION

export const isSealedWithCurrentKey = (value: Uint8Array) =>
  isSealed(value) && Buffer.from(value.subarray(1, 1 + ID_BYTES)).equals(keyring().current.id)

/** The plain value; throws when no configured key opens it or it was changed. */
export function open(value: Uint8Array, aad: string): Uint8Array {
  const box = Buffer.from(value)
  if (!isSealed(box)) throw new Error('not a sealed value')
  const id = box.subarray(1, 1 + ID_BYTES)
  const key = keyring().all.find((k) => k.id.equals(id))
  if (!key) throw new Error('sealed with a key that is not configured (TOTP_ENCRYPTION_KEY, TOTP_ENCRYPTION_KEYS_OLD)')
  const iv = box.subarray(1 + ID_BYTES, 1 + ID_BYTES + IV_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, iv)
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(box.subarray(box.length - TAG_BYTES))
  return new Uint8Array(
    Buffer.concat([decipher.update(box.subarray(1 + ID_BYTES + IV_BYTES, box.length - TAG_BYTES)), decipher.final()]),
  )
}
