import { describe, expect, it } from 'vitest'
import { limits, waitFor } from '../../app/utils/rate-limit.server'

// The numbers of docs/decisions/015-sign-in-throttling.md.
describe('growing delays per (account, address)', () => {
  const at = Date.parse('2026-12-02T12:00:00Z')
  const failures = (n: number, latestSecondsAgo = 0) =>
    Array.from({ length: n }, (_, i) => new Date(at - (latestSecondsAgo + i) * 1000).toISOString())
  const limit = limits.signInPerAccountAndIp

  it('lets the first five failures pass without delay', () => {
    for (let n = 0; n < 5; n++) expect(waitFor(limit, failures(n), at)).toBe(0)
  })

  it('then waits 30 s, doubling with each failure, at most 15 minutes', () => {
    expect(waitFor(limit, failures(5), at)).toBe(30_000)
    expect(waitFor(limit, failures(6), at)).toBe(60_000)
    expect(waitFor(limit, failures(7), at)).toBe(120_000)
    expect(waitFor(limit, failures(10), at)).toBe(15 * 60_000)
    expect(waitFor(limit, failures(30), at)).toBe(15 * 60_000)
    expect(waitFor(limit, failures(6, 45), at)).toBe(15_000)
  })

  it('has no sign-in limit keyed by the account alone', () => {
    // Per account only: the step-up (the session is already the owner's) and the caps on mail sent to one mailbox
    // (reset links, confirmation links), which never stand between the owner and signing in.
    expect(Object.keys(limits).filter((k) => /PerAccount$/.test(k))).toEqual([
      'stepUpPerAccount',
      'passwordResetPerAccount',
      'confirmationResendPerAccount',
    ])
  })
})
