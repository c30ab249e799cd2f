import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { exited, freePort, killGroup, startServer } from '../../scripts/support/server'
import { startTestSmtp } from '../helpers/smtp'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    e2eDatabasePath: string
    /** Where the test SMTP server writes each message it receives (one JSON file each). */
    e2eMailDir: string
  }
}

// Starts the built app (`npm test` builds first) on a free port with a fresh database in demo mode, sending its mail
// to an SMTP server in this process; the specs read the messages from e2eMailDir.
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'eb-e2e-'))
  const mailDir = join(dir, 'mail')
  mkdirSync(mailDir)
  let received = 0
  const smtp = await startTestSmtp((mail) => {
    writeFileSync(join(mailDir, `${String(++received).padStart(5, '0')}.json`), JSON.stringify(mail))
  })
  const databasePath = join(dir, 'e2e.sqlite')
  const { child, baseURL } = await startServer({
    databasePath,
    port: await freePort(),
    demo: true,
    timeoutMs: 60_000,
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Erfaringsbanken <ikke-svar@e2e.example>' },
  })
  project.provide('baseURL', baseURL)
  project.provide('e2eDatabasePath', databasePath)
  project.provide('e2eMailDir', mailDir)
  return async () => {
    killGroup(child, 'SIGTERM')
    await exited(child)
    await smtp.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
