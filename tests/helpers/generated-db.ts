import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

/**
 * Writes a generated database (npm run data:generate) to `out`: a small scale by default, dated 2026-12-01 so that the
 * same seed gives the same rows. Run as the CLI, because the migrations are TypeScript loaded by path.
 */
export async function generateDatabase(out: string, { seed, scale = 0.05 }: { seed: number; scale?: number }) {
  await promisify(execFile)('node_modules/.bin/tsx', [
    'scripts/data-generate.ts',
    '--scale',
    String(scale),
    '--seed',
    String(seed),
    '--today',
    '2026-12-01',
    '--out',
    out,
  ])
}
