import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { confirmEnrolment, reencryptTotpSecrets, verifySecondFactor } from '../../app/models/two-factor.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { EnvError, parseEnv, requireProductionSecrets, resetEnvCache } from '../../app/utils/env.server'
import { isSealedWithCurrentKey, open, seal } from '../../app/utils/secret-box.server'
import { currentTotpCode, generateTotpKey } from '../../app/utils/totp.server'
import { createUser } from '../helpers/accounts'

// Issue 11, deliverable 7: two-factor secrets sealed with AES-GCM under a key from the environment, with rotation.

afterEach(() => {
  delete process.env.TOTP_ENCRYPTION_KEY
  delete process.env.TOTP_ENCRYPTION_KEYS_OLD
  resetEnvCache()
  resetClock()
})

const newKey = () => randomBytes(32).toString('base64')
const useKeys = (current: string, old?: string) => {
  process.env.TOTP_ENCRYPTION_KEY = current
  if (old) process.env.TOTP_ENCRYPTION_KEYS_OLD = old
  else delete process.env.TOTP_ENCRYPTION_KEYS_OLD
  resetEnvCache()
}
const storedKey = async (userId: number) =>
  (await getDb().selectFrom('user').select('totp_key').where('id', '=', userId).executeTakeFirstOrThrow()).totp_key!

describe('two-factor secrets at rest', () => {
  it('are stored sealed, never as the key itself, and still check codes', async () => {
    const user = await createUser({ role: 'buyer' })
    const key = generateTotpKey()
    const enrolled = await confirmEnrolment(user.id, key, currentTotpCode(key), '127.0.0.1')
    expect(enrolled.ok).toBe(true)
    const stored = await storedKey(user.id)
    expect(stored.length).toBeGreaterThan(key.length)
    expect(Buffer.from(stored).includes(Buffer.from(key))).toBe(false)
    advanceClock(30_000)
    expect((await verifySecondFactor(user.id, currentTotpCode(key), '127.0.0.1')).ok).toBe(true)
  })

  it('do not open with another key, on another row, or after tampering', () => {
    useKeys(newKey())
    const sealed = seal(new Uint8Array([1, 2, 3]), 'totp:1')
    expect([...open(sealed, 'totp:1')]).toEqual([1, 2, 3])
    expect(() => open(sealed, 'totp:2')).toThrow()
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 20]! ^= 1
    expect(() => open(tampered, 'totp:1')).toThrow()
    useKeys(newKey())
    expect(() => open(sealed, 'totp:1')).toThrow(/not configured/)
  })

  it('are re-sealed under a new key during a rotation, and plain legacy keys are sealed', async () => {
    const first = newKey()
    useKeys(first)
    const user = await createUser({ role: 'buyer' })
    const key = generateTotpKey()
    expect((await confirmEnrolment(user.id, key, currentTotpCode(key), '127.0.0.1')).ok).toBe(true)
    const legacy = await createUser({ role: 'supplier' })
    const legacyKey = generateTotpKey()
    await getDb()
      .updateTable('user')
      .set({ totp_key: Buffer.from(legacyKey), totp_enabled_at: new Date().toISOString() })
      .where('id', '=', legacy.id)
      .execute()

    useKeys(newKey(), first)
    expect(isSealedWithCurrentKey(await storedKey(user.id))).toBe(false)
    expect(await reencryptTotpSecrets()).toBeGreaterThanOrEqual(2)
    expect(isSealedWithCurrentKey(await storedKey(user.id))).toBe(true)
    expect(isSealedWithCurrentKey(await storedKey(legacy.id))).toBe(true)
    expect(await reencryptTotpSecrets()).toBe(0)

    // The old key can go now: codes still work.
    useKeys(process.env.TOTP_ENCRYPTION_KEY!)
    advanceClock(30_000)
    expect((await verifySecondFactor(user.id, currentTotpCode(key), '127.0.0.1')).ok).toBe(true)
    expect((await verifySecondFactor(legacy.id, currentTotpCode(legacyKey), '127.0.0.1')).ok).toBe(true)
  })

  it('need a configured key in production outside demo mode, and refuse a malformed one', () => {
    expect(() => requireProductionSecrets(parseEnv({ NODE_ENV: 'production' }))).toThrow(EnvError)
    expect(() => requireProductionSecrets(parseEnv({ NODE_ENV: 'production' }))).toThrow(/TOTP_ENCRYPTION_KEY/)
    expect(() =>
      requireProductionSecrets(parseEnv({ NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: newKey() })),
    ).not.toThrow()
    expect(() => requireProductionSecrets(parseEnv({ NODE_ENV: 'production', DEMO: '1' }))).not.toThrow()
    expect(() => parseEnv({ TOTP_ENCRYPTION_KEY: 'for-kort' })).toThrow(/TOTP_ENCRYPTION_KEY/)
    expect(() => parseEnv({ TOTP_ENCRYPTION_KEYS_OLD: `${newKey()},nope` })).toThrow(/TOTP_ENCRYPTION_KEYS_OLD/)
  })
})
