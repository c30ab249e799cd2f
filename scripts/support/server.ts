import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'

// Starting the production server as `npm start` does (build/server.js, compiled from server.ts by `npm run build`, on
// plain node) for the operational scripts (bench, load, crashtest) and the end-to-end tests.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export function assertBuilt() {
  if (!existsSync('build/server/index.js') || !existsSync(serverEntry)) {
    console.error(
      'No production build: run `npm run build` first (the scripts measure the built app, as `npm start` serves it).',
    )
    process.exit(2)
  }
}

export interface RunningServer {
  child: ChildProcess
  baseURL: string
  output: () => string
  /** Cold start: milliseconds from spawn to the first 200 answer of /register (a public page read from the database). */
  startMs: number
}

/** The compiled server (`npm run build:server`); the scripts and tests run it as `npm start` and `npm run serve` do. */
export const serverEntry = 'build/server.js'

/** Spawns the compiled server in production mode on a database, and waits until /register answers 200. */
export async function startServer(opts: {
  databasePath: string
  port: number
  demo?: boolean
  timeoutMs?: number
  /** More environment variables (e.g. SMTP_URL). */
  env?: Record<string, string>
}): Promise<RunningServer> {
  let output = ''
  const started = performance.now()
  const child = spawn(process.execPath, ['--enable-source-maps', serverEntry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEMO: opts.demo ? '1' : '0',
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATABASE_PATH: opts.databasePath,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a kill reaches anything the server starts.
    detached: true,
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const baseURL = `http://127.0.0.1:${opts.port}`
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited during start-up:\n${output}`)
    const ok = await fetch(`${baseURL}/register`)
      .then((r) => r.status === 200)
      .catch(() => false)
    if (ok) break
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL')
      throw new Error(`The server did not answer /register in time:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { child, baseURL, output: () => output, startMs: performance.now() - started }
}

/**
 * Waits until the server has done what it starts with (the housekeeping catch-ups that are due begin a few seconds
 * after it listens and hold the one core for seconds at scale), so that a measurement sees the server as it runs, not
 * its catch-up: at least `minMs`, then until its processes used under 10 % of a core over a second. Reads their
 * CPU time from /proc (Linux); elsewhere it waits `minMs` only. Answers the milliseconds waited.
 */
export async function waitUntilSettled(child: ChildProcess, minMs = 7_000, maxMs = 600_000): Promise<number> {
  const started = performance.now()
  // The server and its workers (node:cluster, WEB_CONCURRENCY): the primary's catch-ups and the workers' start-up.
  const cpuTicks = () => {
    try {
      return processTree(child.pid).reduce((sum, pid) => {
        // Fields after the command name: utime and stime are the 12th and 13th (clock ticks, 100 a second).
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        return sum + Number(fields[11]) + Number(fields[12])
      }, 0)
    } catch {
      return null
    }
  }
  await new Promise((r) => setTimeout(r, minMs))
  let before = cpuTicks()
  while (before !== null && performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 1_000))
    const now = cpuTicks()
    if (now === null || now - before < 10) break
    before = now
  }
  return performance.now() - started
}

/** A process and its children (the server's workers), from /proc (Linux; throws elsewhere). */
export function processTree(pid: number | undefined): number[] {
  if (pid === undefined) return []
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
  return [pid, ...children.map(Number)]
}

/** Signals the server's whole process group. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
  })

/** Signs in through the real form and answers the session cookie. */
export async function signIn(baseURL: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseURL}/logg-inn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseURL },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('eb_session='))
  if (res.status !== 302 || !cookie) throw new Error(`Sign-in as ${email} failed: ${res.status}`)
  return cookie
}
