import cluster, { type Worker } from 'node:cluster'
import { answerApiRateLimit } from '../app/api/http.server'

// One server process per core (WEB_CONCURRENCY, docs/decisions/017-worker-per-core.md). The primary prepares the
// database and runs the housekeeping (server.ts), forks the workers, which serve requests (the primary hands each new
// connection to the next worker in turn), and keeps the state that must be one for all of them: the API rate limit's
// counts (app/api/http.server.ts). Everything else the workers share is in SQLite.
//
// A worker whose primary is gone (even killed with SIGKILL) exits at once: Node's cluster worker exits when its IPC
// channel to the primary closes unexpectedly, so no orphan keeps the port (tests/e2e/cluster.spec.ts checks it).

const LISTENING = 'erfaringsbanken:listening'
type Listening = { type: typeof LISTENING; cpuMs: number }
const isListening = (message: unknown): message is Listening =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === LISTENING

/** In a worker: tells the primary that it listens, with the CPU time its start took. */
export function reportListening() {
  const cpu = process.cpuUsage()
  process.send?.({ type: LISTENING, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies Listening)
}

export interface Workers {
  count: number
  /** Once, when every worker of the first round listens, with the CPU milliseconds they took to start. */
  onListening: (workersCpuMs: number) => void
  /** After every worker has exited on SIGTERM or SIGINT: close what the primary holds (its database connection). */
  onStopped: () => Promise<void>
}

/** In the primary: forks the workers, replaces one that dies, and stops them all on SIGTERM or SIGINT. */
export function startWorkers({ count, onListening, onStopped }: Workers) {
  const alive = new Set<Worker>()
  const listened = new Set<Worker>()
  let startCpuMs = 0
  let announced = false
  let stopping = false
  let exitCode = 0

  const fork = () => {
    const worker = cluster.fork()
    alive.add(worker)
    worker.on('message', (message: unknown) => {
      const answer = answerApiRateLimit(message)
      if (answer) {
        worker.send(answer)
      } else if (isListening(message)) {
        listened.add(worker)
        if (announced) return
        startCpuMs += message.cpuMs
        if (listened.size === count) {
          announced = true
          onListening(startCpuMs)
        }
      }
    })
  }

  const stop = (code: number) => {
    if (stopping) return
    stopping = true
    exitCode = code
    // Each worker closes its server (answering the requests in progress) and its database connection; the primary
    // closes its own last, so the last connection to close checkpoints the WAL into the database file.
    for (const worker of alive) worker.process.kill('SIGTERM')
    if (alive.size === 0) void onStopped().then(() => process.exit(exitCode))
  }

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker)
    const hadListened = listened.delete(worker)
    if (stopping) {
      if (alive.size === 0) void onStopped().then(() => process.exit(exitCode))
      return
    }
    const how = signal ? `on ${signal}` : `with code ${code}`
    if (!hadListened) {
      // It failed while starting (a broken build, a port in use): a replacement would fail the same way, forever.
      console.error(`Worker ${worker.process.pid} exited ${how} before it listened: stopping the server.`)
      stop(1)
      return
    }
    console.error(`Worker ${worker.process.pid} exited ${how}; starting a new one.`)
    fork()
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(0))
  for (let i = 0; i < count; i++) fork()
}
