import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { testDb } from '../helpers/db'
import { authenticate } from '../../app/models/accounts.server'

const run = (args: string[], input: string) =>
  spawnSync('node_modules/.bin/tsx', ['scripts/user-create.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 30_000,
  })

describe('npm run user:create', () => {
  it('creates a verified admin from the command line, reading the password from stdin', async () => {
    const result = run(
      ['--role', 'admin', '--email', 'Forste.Admin@Example.org', '--name', 'Første Admin', '--password-stdin'],
      'et sterkt passord for drift\n',
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const user = await testDb()
      .selectFrom('user')
      .select(['role', 'status', 'name'])
      .where('email', '=', 'forste.admin@example.org')
      .executeTakeFirstOrThrow()
    expect(user).toEqual({ role: 'admin', status: 'verified', name: 'Første Admin' })
    expect((await authenticate('forste.admin@example.org', 'et sterkt passord for drift', '127.0.0.1')).ok).toBe(true)
  })

  it('refuses a weak password, a wrong role and a duplicate e-mail', () => {
    expect(
      run(['--role', 'admin', '--email', 'svak@example.org', '--name', 'Svak', '--password-stdin'], 'kort\n').status,
    ).toBe(1)
    const role = run(
      ['--role', 'buyer', '--email', 'x@example.org', '--name', 'X', '--password-stdin'],
      'et sterkt passord for drift\n',
    )
    expect(role.status).toBe(1)
    expect(role.stderr).toContain('--role')
    run(
      ['--role', 'coordinator', '--email', 'dup@example.org', '--name', 'Dup', '--password-stdin'],
      'et sterkt passord for drift\n',
    )
    const dup = run(
      ['--role', 'coordinator', '--email', 'dup@example.org', '--name', 'Dup', '--password-stdin'],
      'et sterkt passord for drift\n',
    )
    expect(dup.status).toBe(1)
    expect(dup.stderr).toContain('already exists')
  })
})
