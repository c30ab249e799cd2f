import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp'
import { renderSVG } from 'uqr'
import { now } from './clock.server'

const PERIOD_SECONDS = 30
const DIGITS = 6

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20)
  crypto.getRandomValues(key)
  return key
}

export function totpSetup(key: Uint8Array, email: string) {
  const uri = createTOTPKeyURI('Erfaringsbanken', email, key, PERIOD_SECONDS, DIGITS)
  const svg = renderSVG(uri, { border: 2 })
  return {
    uri,
    secret: encodeBase32UpperCaseNoPadding(key)
      .replace(/(.{4})/g, '$1 ')
      .trim(),
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  }
}

/**
 * The time step a code belongs to (the current one, or one step either side for clock drift), or null. The caller
 * accepts the code only if the step is newer than the last step it accepted, so a code works once.
 */
export function matchTotpStep(key: Uint8Array, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const current = Math.floor(now().getTime() / 1000 / PERIOD_SECONDS)
  for (const step of [current, current - 1, current + 1]) {
    if (generateHOTP(key, BigInt(step), DIGITS) === code) return step
  }
  return null
}

/** Test and demo helper: the code for the current step. */
export function currentTotpCode(key: Uint8Array) {
  return generateHOTP(key, BigInt(Math.floor(now().getTime() / 1000 / PERIOD_SECONDS)), DIGITS)
}

export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(10)
    crypto.getRandomValues(bytes)
    return encodeBase32UpperCaseNoPadding(bytes)
      .slice(0, 16)
      .replace(/(.{4})(?=.)/g, '$1-')
  })
}

export function hashRecoveryCode(code: string) {
  const normalised = code.toUpperCase().replace(/[^A-Z2-7]/g, '')
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)))
}
