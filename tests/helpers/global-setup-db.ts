import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
  }
}

// Migrates one template database; every test file works on its own copy (tests/helpers/setup-db.ts).
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'eb-test-'))
  const path = join(dir, 'template.sqlite')
  // Migrations are TypeScript files loaded by path, so the real CLI (under tsx) runs them; closing the database
  // checkpoints the WAL so that the single file is complete.
  execFileSync('node_modules/.bin/tsx', ['db/migrate-cli.ts'], {
    env: { ...process.env, DATABASE_PATH: path, NODE_ENV: 'test' },
    stdio: 'pipe',
  })
  project.provide('templateDb', path)
  return () => rmSync(dir, { recursive: true, force: true })
}
