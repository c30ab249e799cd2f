import { getEnv } from '../app/utils/env.server'
import { backupDatabase, BackupError, backupSize } from '../db/backup'

// npm run db:backup -- DIR: a consistent online backup of DATABASE_PATH and its dossier files, while the server runs.
const dir = process.argv[2]
if (!dir) {
  console.error('Usage: npm run db:backup -- DIR   (DIR: a new or empty folder; DATABASE_PATH names the database)')
  process.exit(2)
}
try {
  const { DATABASE_PATH } = getEnv()
  const manifest = await backupDatabase(DATABASE_PATH, dir)
  const mb = (backupSize(dir) / 1024 / 1024).toFixed(1)
  console.log(
    `Backup of ${manifest.source} written to ${dir} (${mb} MB, ${manifest.attachments.length} dossier files).`,
  )
  console.log(
    Object.entries(manifest.rows)
      .map(([t, n]) => `  ${t}: ${n}`)
      .join('\n'),
  )
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Backup failed: ${error.message}`)
    process.exit(1)
  }
  throw error
}
