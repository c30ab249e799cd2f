import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { ServerBuild } from 'react-router'

// The JavaScript a page loads before it is interactive, per route, as the browser fetches it: the client entry, then
// for the route and each of its parents (root first) its module and every module those import statically (dynamic
// `import()` is loaded later and not counted). Sizes are gzip (the .gz the build writes beside each file, else
// compressed here at the same level). Used by tests/routes/first-load-js.test.ts (limit: 200 kB per page) and
// printable with `npx tsx scripts/support/first-load-js.ts` after `npm run build` (`-- <routeId>` lists that page's
// files, largest first, to see what weighs).

const CLIENT_DIR = 'build/client'
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.\/[^"']+\.js)["']/g

function gzipSize(url: string): number {
  const path = join(CLIENT_DIR, url)
  if (existsSync(`${path}.gz`)) return readFileSync(`${path}.gz`).length
  return gzipSync(readFileSync(path), { level: 9 }).length
}

function closure(urls: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const queue = [...urls]
  while (queue.length > 0) {
    const url = queue.pop()
    if (url === undefined || seen.has(url)) continue
    seen.add(url)
    const source = readFileSync(join(CLIENT_DIR, url), 'utf8')
    const dir = url.slice(0, url.lastIndexOf('/') + 1)
    for (const [, relative] of source.matchAll(STATIC_IMPORT)) queue.push(dir + (relative ?? '').slice(2))
  }
  return seen
}

export interface FirstLoad {
  routeId: string
  files: number
  gzipBytes: number
  /** Each file's gzip size, largest first. */
  sizes: { url: string; gzipBytes: number }[]
}

export function firstLoadJs(build: ServerBuild): FirstLoad[] {
  const { entry, routes } = build.assets
  return Object.values(routes)
    .flatMap((route) => (route ? [route] : []))
    .map((route) => {
      const urls = [entry.module, ...entry.imports]
      for (let r: typeof route | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) {
        urls.push(...(r.module ? [r.module] : []), ...(r.imports ?? []))
      }
      const files = closure(urls)
      const sizes = [...files]
        .map((url) => ({ url, gzipBytes: gzipSize(url) }))
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
      const gzipBytes = sizes.reduce((sum, file) => sum + file.gzipBytes, 0)
      return { routeId: route.id, files: files.size, gzipBytes, sizes }
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // @ts-ignore -- the build exists only after `react-router build`
  const build = (await import('../../build/server/index.js')) as ServerBuild
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} kB gzip`
  const only = process.argv[2]
  for (const row of firstLoadJs(build)) {
    if (only && row.routeId !== only) continue
    console.log(`${kB(row.gzipBytes)}  ${String(row.files).padStart(3)} files  ${row.routeId}`)
    if (only) for (const file of row.sizes) console.log(`  ${kB(file.gzipBytes)}  ${file.url}`)
  }
}
