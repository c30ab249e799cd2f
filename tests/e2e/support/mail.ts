import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import type { ReceivedMail } from '../../helpers/smtp'

// The messages the app sent to the test SMTP server (started by global-setup-server.ts in the test process).

export function receivedMail(): ReceivedMail[] {
  const dir = inject('e2eMailDir')
  return readdirSync(dir)
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReceivedMail)
}

/** Waits for a message to `to` whose subject matches (the app's mail worker sends every few seconds). */
export async function waitForMail(to: string, subject: RegExp, { after = 0, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = receivedMail()
      .slice(after)
      .find((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject))
    if (found) return found
    if (Date.now() > deadline) throw new Error(`No message "${subject}" to ${to} arrived`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** The path and query of the first link to `path` in a message (the app's links name its public origin). */
export function linkPath(mail: ReceivedMail, path: string) {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}[^\\s]*`).exec(mail.text)
  if (!match) throw new Error(`No link to ${path} in:\n${mail.text}`)
  const url = new URL(match[0])
  return url.pathname + url.search
}
