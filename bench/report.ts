import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { markdownTable } from './common'

// The README's figures, rendered from the JSON the runs commit to bench/results/, so they always match it:
// `npm run bench:readme` rewrites the parts of README.md between the markers below from the newest full benchmark
// run (`<time>.json`; `partial-*` runs from --quick or --only are skipped) and the newest load run (`load-*.json`).
// tests/unit/bench-readme.test.ts fails when the README and the newest committed JSON disagree.

export const RESULTS_DIR = join('bench', 'results')
export const MARKERS = {
  bench: ['<!-- bench:start (npm run bench:readme) -->', '<!-- bench:end -->'],
  load: ['<!-- load:start (npm run bench:readme) -->', '<!-- load:end -->'],
} as const

export interface BenchRow {
  name: string
  path: string
  status: number
  bytes: number
  encoding?: string | null
  requests: number
  rps: number
  p50: number
  p95: number
  p99: number
  errors: number
  non2xx: number
  ratio?: number
}
export interface BenchRun {
  scale: number
  startMs: number
  results: BenchRow[]
}
export interface BenchFile {
  at: string
  node: string
  connections: number
  durationSeconds: number
  runs: BenchRun[]
}
interface LoadGroup {
  label: string
  requests: number
  p50: number
  p95: number
  p99: number
  max: number
  errors: number
}
interface LoadFile {
  at: string
  node: string
  scale: number
  rate: number
  durationSeconds: number
  limits: { p99Ms: number; errors: number }
  passed: boolean
  groups: LoadGroup[]
}

/** The newest results file of a kind ('bench': full benchmark runs; 'load': load runs), or undefined. */
export function newestResult(kind: 'bench' | 'load', dir = RESULTS_DIR): string | undefined {
  const pattern = kind === 'bench' ? /^\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/ : /^load-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/
  const files = readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
  const last = files[files.length - 1]
  return last === undefined ? undefined : join(dir, last)
}

/** A page's name without the figures that differ between scales ("product, 684 reports"). */
export const pageKey = (name: string) => name.replace(/\d+ reports/, 'N reports').replace(/\(\d+ kB\)/, '')

const ms = (row: BenchRow, value: number) => (row.requests > 0 ? String(value) : '–')

/** The growth of each page's p95 from the first to the last scale of a run (target: at most 1.5). */
export function growthOf(file: BenchFile) {
  const first = file.runs[0]
  const last = file.runs[file.runs.length - 1]
  if (!first || !last || file.runs.length < 2) return []
  return last.results.flatMap((r) => {
    const before = first.results.find((x) => pageKey(x.name) === pageKey(r.name))
    if (!before || before.p95 <= 0 || r.p95 <= 0 || before.requests === 0 || r.requests === 0) return []
    return [{ name: pageKey(r.name), from: before.p95, to: r.p95, growth: r.p95 / before.p95 }]
  })
}

export function renderBench(file: BenchFile, name: string): string {
  const parts = [
    `Run \`${name}\` (${file.at}, Node ${file.node}): ${file.connections} connections, ${file.durationSeconds} s per ` +
      `page; status with the Content-Encoding answered to \`Accept-Encoding: gzip, br\`; kB before compression; ` +
      `p50/p95/p99 in ms; "vs static" is the page's req/s as a share of the static asset's in the same run; ` +
      `"–" means no response completed within the time.`,
  ]
  for (const run of file.runs) {
    parts.push(`**Scale ${run.scale}** (server start ${(run.startMs / 1000).toFixed(1)} s):`)
    parts.push(
      markdownTable(
        ['page', 'status', 'kB', 'p50', 'p95', 'p99', 'req/s', 'vs static'],
        run.results.map((r) => [
          r.name.replace(/\|/g, '\\|'),
          String(r.status) +
            (r.encoding ? ` ${r.encoding}` : '') +
            (r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : ''),
          (r.bytes / 1024).toFixed(0),
          ms(r, r.p50),
          ms(r, r.p95),
          ms(r, r.p99),
          String(r.rps),
          r.ratio === undefined ? (r === run.results[0] ? '1' : '') : r.ratio.toFixed(2),
        ]),
      ),
    )
  }
  const growth = growthOf(file)
  const first = file.runs[0]
  const last = file.runs[file.runs.length - 1]
  if (growth.length > 0 && first && last) {
    parts.push(`**Growth of p95, scale ${first.scale} → ${last.scale}** (target: at most 1.5):`)
    parts.push(
      markdownTable(
        ['page', `p95 scale ${first.scale}`, `p95 scale ${last.scale}`, 'growth'],
        growth.map((g) => [g.name.replace(/\|/g, '\\|'), String(g.from), String(g.to), g.growth.toFixed(2)]),
      ),
    )
  }
  return parts.join('\n\n')
}

export function renderLoad(file: LoadFile, name: string): string {
  return [
    `Run \`${name}\` (${file.at}, Node ${file.node}): scale ${file.scale}, ${file.rate} requests/s for ` +
      `${file.durationSeconds} s; ${file.passed ? 'passed' : 'failed'} the limits (p99 ≤ ${file.limits.p99Ms} ms, ` +
      `${file.limits.errors} errors).`,
    markdownTable(
      ['', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      file.groups.map((g) => [g.label, ...[g.requests, g.p50, g.p95, g.p99, g.max, g.errors].map(String)]),
    ),
  ].join('\n\n')
}

/** The README's text with both marked sections rendered from the newest results. */
export function readmeWithResults(readme: string, dir = RESULTS_DIR): string {
  let text = readme
  const sections: Array<[keyof typeof MARKERS, string | undefined]> = [
    ['bench', newestResult('bench', dir)],
    ['load', newestResult('load', dir)],
  ]
  for (const [kind, path] of sections) {
    if (!path) continue
    const [start, end] = MARKERS[kind]
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`)
    const json = JSON.parse(readFileSync(path, 'utf8'))
    const name = path.replace(/\\/g, '/')
    const body = kind === 'bench' ? renderBench(json as BenchFile, name) : renderLoad(json as LoadFile, name)
    text = `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`
  }
  return text
}

if (process.argv[1]?.endsWith('report.ts')) {
  const readme = readFileSync('README.md', 'utf8')
  const next = readmeWithResults(readme)
  writeFileSync('README.md', next)
  console.log(next === readme ? 'README.md already matches bench/results/.' : 'README.md updated from bench/results/.')
}
