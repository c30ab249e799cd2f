import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startTestSmtp } from '../helpers/smtp'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    e2eDatabasePath: string
    /** Where the test SMTP server writes each message it receives (one JSON file each). */
    e2eMailDir: string
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
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
  const port = await freePort()
  const databasePath = join(dir, 'e2e.sqlite')
  let output = ''
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEMO: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Erfaringsbanken <ikke-svar@e2e.example>',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const baseURL = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output}`)
    try {
      const res = await fetch(`${baseURL}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The app did not answer /healthz within 60 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  project.provide('baseURL', baseURL)
  project.provide('e2eDatabasePath', databasePath)
  project.provide('e2eMailDir', mailDir)
  return async () => {
    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 300))
    await smtp.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
