// What the Express server passes to every loader and action (see server.ts).
declare module 'react-router' {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy's script-src. */
    cspNonce: string
    /** Client address as Express resolved it (forwarding headers count only when TRUST_PROXY says so). */
    clientIp: string
  }
}

export {}
