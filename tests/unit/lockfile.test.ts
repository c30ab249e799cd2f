import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// `npm ci` (what CI runs) refuses a lockfile that lacks an entry for any optional dependency a package names, such as
// another platform's native build. npm leaves those out silently when the registry does not have them, so check here,
// where `npm test` shows it before CI does.
describe('package-lock.json', () => {
  it('has an entry for every optional dependency named in it', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>
    }
    const present = new Set(Object.keys(lock.packages).map((k) => k.split('node_modules/').pop()))
    const missing = Object.entries(lock.packages).flatMap(([owner, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((dep) => !present.has(dep))
        .map((dep) => `${dep} (named by ${owner || 'the project'})`),
    )
    expect(missing).toEqual([])
  })
})
