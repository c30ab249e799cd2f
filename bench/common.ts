import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

// What bench/bench.ts and bench/load.ts share: the generated databases they run on, and how they summarise latencies.

/** The generated database of a scale under `dir` (made once with `npm run data:generate`, then reused). */
export function ensureDatabase(dir: string, scale: number, seed: string): string {
  const databasePath = join(dir, `scale-${scale}`, 'erfaringsbanken.sqlite')
  if (!existsSync(databasePath)) {
    console.log(`Generating scale ${scale} into ${databasePath} ...`)
    execFileSync(
      'node_modules/.bin/tsx',
      ['scripts/data-generate.ts', '--scale', String(scale), '--seed', seed, '--out', databasePath, '--force'],
      { stdio: 'inherit' },
    )
  }
  return databasePath
}

/** The q-quantile (0..1) of latencies sorted ascending, rounded to whole milliseconds; 0 for none. */
export const quantile = (sorted: readonly number[], q: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0)

/** A file-name-safe timestamp. */
export const stamp = () => new Date().toISOString().replace(/[:.]/g, '-')

/** A markdown table (the README takes it verbatim). */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right = true) {
  const align = header.map((_, i) => (i === 0 || !right ? '---' : '---:'))
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
