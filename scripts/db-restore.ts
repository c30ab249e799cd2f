import { getEnv } from '../app/utils/env.server'
import { BackupError, restoreDatabase } from '../db/backup'

// npm run db:restore -- DIR: puts a backup made by db:backup in place of DATABASE_PATH and its dossier files. The
// server must be stopped; the current files are moved aside, never deleted.
const dir = process.argv[2]
if (!dir) {
  console.error('Usage: npm run db:restore -- DIR   (stop the server first; DATABASE_PATH names the target)')
  process.exit(2)
}
try {
  const env = getEnv()
  // A server answering on the configured port is running, whichever database it has open.
  const running = await fetch(`http://127.0.0.1:${env.PORT}/healthz`, { signal: AbortSignal.timeout(1000) })
    .then((r) => r.ok)
    .catch(() => false)
  if (running) {
    throw new BackupError(`A server answers on port ${env.PORT}. Stop it, then run db:restore again.`)
  }
  const { manifest, keptAside } = restoreDatabase(dir, env.DATABASE_PATH)
  console.log(`Restored the backup of ${manifest.createdAt} into ${env.DATABASE_PATH}.`)
  console.log(
    Object.entries(manifest.rows)
      .map(([t, n]) => `  ${t}: ${n}`)
      .join('\n'),
  )
  if (keptAside.length > 0) console.log(`The previous files were kept aside:\n  ${keptAside.join('\n  ')}`)
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Restore refused: ${error.message}`)
    process.exit(1)
  }
  throw error
}
