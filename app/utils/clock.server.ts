// Time comes from here so that tests can move it (idle expiry, rate-limit windows, TOTP steps). The offset lives on
// globalThis because tests drive the built app bundle, which has its own copy of this module.
const state = globalThis as typeof globalThis & { __erfaringsbankenClockOffset?: number }

export const now = () => new Date(Date.now() + (state.__erfaringsbankenClockOffset ?? 0))
export const nowIso = () => now().toISOString()

/** Test helper: shift the server's clock. */
export function advanceClock(ms: number) {
  state.__erfaringsbankenClockOffset = (state.__erfaringsbankenClockOffset ?? 0) + ms
}
export function resetClock() {
  state.__erfaringsbankenClockOffset = 0
}
