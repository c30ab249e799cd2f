import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MARKERS, newestResult, readmeWithResults } from '../../bench/report'

// The README's benchmark and load figures are the newest committed JSON in bench/results/, rendered by
// `npm run bench:readme` (issue 14: "the README's figures match the committed JSON").

describe('README "Scale and operations"', () => {
  it('shows the figures of the newest committed benchmark and load runs', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const [start, end] of Object.values(MARKERS)) {
      expect(readme).toContain(start)
      expect(readme).toContain(end)
    }
    expect(newestResult('bench')).toBeDefined()
    expect(readme, 'run `npm run bench:readme` after a benchmark or load run').toBe(readmeWithResults(readme))
  })
})
