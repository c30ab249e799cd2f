import { readdirSync, readFileSync } from 'node:fs'
import type { ServerBuild } from 'react-router'
import { describe, expect, it } from 'vitest'
import { messagesFor } from '../../app/i18n'
import { firstLoadJs } from '../../scripts/support/first-load-js'

// First-load JavaScript per page (issue 14: at most 200 kB of gzip on every page), from the build that `npm test`
// makes: the client entry, the route and its parents, and everything they import statically.
// @ts-ignore -- the build exists only after `react-router build`
const build = (await import('../../build/server/index.js')) as ServerBuild

const LIMIT_KB = 200

// What weighs is shared: the root (React, React Router, Mantine's core; about 126 kB). The messages are not code: the
// browser fetches the active language's as JSON before it hydrates (app/i18n/catalogue.browser.ts; about 28 kB of
// gzip, preloaded by the document and cached for good). Zod stays on the server: modules the pages' components import
// carry no schemas. `npx tsx scripts/support/first-load-js.ts <routeId>` lists a page's files by size.
describe('first-load JavaScript', () => {
  const pages = firstLoadJs(build)

  it('measures every page of the route map', () => {
    expect(pages.length).toBeGreaterThan(40)
    expect(pages.map((p) => p.routeId)).toContain('routes/register')
  })

  it.each(pages.map((p) => [p.routeId, p] as const))('%s loads at most 200 kB of gzip first', (routeId, page) => {
    const kB = page.gzipBytes / 1024
    expect(kB, `${routeId}: ${kB.toFixed(1)} kB in ${page.files} files`).toBeLessThanOrEqual(LIMIT_KB)
  })

  it('sends neither Zod nor a message catalogue as JavaScript, not even as a lazy chunk', () => {
    const dir = 'build/client/assets'
    const js = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(`${dir}/${name}`, 'utf8'))
      .join('\n')
    expect(js).not.toContain('$ZodCheck')
    // Long messages without quotes (which a bundle would escape): none may be in the browser's code.
    const texts = [...Object.values(messagesFor('nb')), ...Object.values(messagesFor('en'))].filter(
      (text) => text.length > 80 && !/["'\\\n]/.test(text),
    )
    expect(texts.length).toBeGreaterThan(100)
    expect(texts.filter((text) => js.includes(text))).toEqual([])
  })
})
