import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '../../app/utils/env.server'

describe('configuration', () => {
  it('uses documented defaults', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: './data/erfaringsbanken.sqlite',
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
    })
  })

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(EnvError)
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/)
    expect(() => parseEnv({ DEMO: 'maybe' })).toThrow(/DEMO/)
    expect(() => parseEnv({ PUBLIC_ORIGIN: 'not a url' })).toThrow(/PUBLIC_ORIGIN/)
  })

  it('runs one server process per core unless WEB_CONCURRENCY says otherwise, and one in development', () => {
    expect(parseEnv({ NODE_ENV: 'production' }).WEB_CONCURRENCY).toBe(availableParallelism())
    expect(parseEnv({ NODE_ENV: 'production', WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1)
    expect(parseEnv({ NODE_ENV: 'production', WEB_CONCURRENCY: '3' }).WEB_CONCURRENCY).toBe(3)
    expect(parseEnv({ NODE_ENV: 'development', WEB_CONCURRENCY: '3' }).WEB_CONCURRENCY).toBe(1)
    expect(() => parseEnv({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/)
    expect(() => parseEnv({ WEB_CONCURRENCY: 'many' })).toThrow(/WEB_CONCURRENCY/)
  })

  it('turns demo mode off in production unless DEMO=1', () => {
    expect(parseEnv({ NODE_ENV: 'production' }).demoMode).toBe(false)
    expect(parseEnv({ NODE_ENV: 'production', DEMO: '1' }).demoMode).toBe(true)
    expect(parseEnv({ NODE_ENV: 'development' }).demoMode).toBe(true)
    expect(parseEnv({ NODE_ENV: 'development', DEMO: '0' }).demoMode).toBe(false)
  })

  it('stops the server at start-up with a message naming the variable', () => {
    // The source through tsx, as `npm run dev` runs it: unit tests run without a build (the compiled server,
    // build/server.js, is the same code; tests/e2e and the scripts start that one through scripts/support/server.ts).
    const result = spawnSync('node_modules/.bin/tsx', ['server.ts'], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_PATH: '/nonexistent/never-opened.sqlite' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/PORT/)
  })
})
