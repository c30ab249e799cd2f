import { lastCompletedRun, recordCompletedRun } from '../app/models/housekeeping.server'

// Periodic jobs, started after the server listens. Each job's last complete run is recorded in the database
// (housekeeping_run), so a restart does not repeat a job that ran recently: at ten times national scale the
// catch-ups took minutes, and running them all before listening on every start kept the server down that long.
// A job that is due (never run on this database, or last run longer ago than its interval) runs soon after start;
// then every interval. Jobs run one at a time, so two long catch-ups never hold the database together.

export interface Job {
  name: string
  intervalMs: number
  run: () => Promise<unknown>
  /** Skip the completion record for jobs so frequent that writing it would be noise (the e-mail worker). */
  record?: boolean
}

let queue: Promise<unknown> = Promise.resolve()

function runSerially(job: Job) {
  queue = queue.then(async () => {
    try {
      await job.run()
      if (job.record !== false) await recordCompletedRun(job.name, new Date())
    } catch (error) {
      console.error(`${job.name} failed:`, error)
    }
  })
  return queue
}

/** Schedules a job: its first run when it is due by the record (at the earliest after `firstDelayMs`), then every
 * interval. Timers are unref'd: they never keep the process alive on their own. */
export async function schedule(job: Job, firstDelayMs = 0) {
  const last = job.record === false ? null : await lastCompletedRun(job.name)
  const dueIn = last ? Math.max(0, last.getTime() + job.intervalMs - Date.now()) : 0
  const first = setTimeout(
    () => {
      void runSerially(job)
      setInterval(() => void runSerially(job), job.intervalMs).unref()
    },
    Math.max(firstDelayMs, dueIn),
  )
  first.unref()
}
