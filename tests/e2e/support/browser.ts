import AxeBuilder from '@axe-core/playwright'
import { execSync } from 'node:child_process'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject } from 'vitest'

function findChromium(): string | undefined {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/bash' }).trim() || undefined
  } catch {
    return undefined
  }
}

const executablePath = findChromium()
if (!executablePath) {
  if (process.env.CI) throw new Error('Chromium is missing: CI must install it (apt-get install -y chromium).')
  console.warn(
    '\n\x1b[41m\x1b[37m BROWSER TESTS NOT RUN \x1b[0m Debian Chromium was not found (apt-get install -y chromium).\n',
  )
}

export const baseURL = () => inject('baseURL')

/**
 * A describe block with a real Chromium. Every page opened through `openPage` is checked by axe on each
 * `visit`, and any console.error or page error fails the test.
 */
export function browserDescribe(name: string, fn: (ctx: BrowserHandle) => void) {
  const run = executablePath ? describe : describe.skip
  run(name, () => {
    const handle = new BrowserHandle()
    beforeAll(async () => {
      handle.browser = await chromium.launch({
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      })
    })
    afterEach(async () => {
      const errors = handle.consoleErrors.splice(0)
      await handle.closeContexts()
      expect(errors, 'unexpected console errors').toEqual([])
    })
    afterAll(async () => {
      await handle.browser?.close()
    })
    fn(handle)
  })
}

export class BrowserHandle {
  browser: Browser | undefined
  consoleErrors: string[] = []
  private contexts: BrowserContext[] = []

  /** A fresh browser context (no cookies), optionally signed in with a session cookie value. */
  async openPage(options: { sessionToken?: string; javaScript?: boolean } = {}): Promise<Page> {
    if (!this.browser) throw new Error('browser not started')
    const context = await this.browser.newContext({ baseURL: baseURL(), javaScriptEnabled: options.javaScript ?? true })
    this.contexts.push(context)
    if (options.sessionToken) {
      const url = new URL(baseURL())
      await context.addCookies([
        {
          name: 'eb_session',
          value: options.sessionToken,
          domain: url.hostname,
          path: '/',
          httpOnly: true,
          sameSite: 'Lax',
        },
      ])
    }
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    if (options.javaScript === false) noScriptPages.add(page)
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      // The browser logs every 4xx response as a console error. The document's own status is asserted by `visit`,
      // and a form answered 400/409/429 is a validation answer the test checks on the page; anything else fails.
      const text = msg.text()
      const documentStatus = text.startsWith('Failed to load resource') && msg.location().url === page.url()
      const formAnswer = /Failed to load resource: the server responded with a status of (400|409|429)/.test(text)
      if (!documentStatus && !formAnswer) this.consoleErrors.push(`${page.url()}: ${text}`)
    })
    page.on('pageerror', (err) => this.consoleErrors.push(`${page.url()}: ${err.message}`))
    return page
  }

  async closeContexts() {
    await Promise.all(this.contexts.splice(0).map((c) => c.close()))
  }
}

/** Navigates and runs the WCAG 2.1 AA axe check on the page that loaded. */
export async function visit(page: Page, path: string, { expectStatus = 200 } = {}) {
  const response = await page.goto(path)
  expect(response?.status(), `status of ${path}`).toBe(expectStatus)
  await checkA11y(page)
  return response
}

// axe runs inside the page, which a context without JavaScript cannot do; the same pages are checked with JS on.
const noScriptPages = new WeakSet<Page>()

export async function checkA11y(page: Page) {
  if (noScriptPages.has(page)) return
  await page.waitForLoadState('networkidle')
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')} [${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 200)}]`)
        .slice(0, 3)
        .join(', ')}`,
  )
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}
