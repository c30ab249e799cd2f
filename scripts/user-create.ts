// npm run user:create -- --role admin --email E --name N [--password-stdin]
// Creates a verified coordinator or admin. Without --password-stdin it asks for the password without echoing it.
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { closeDb, getDb } from '../db/client'
import { migrateToLatest } from '../db/migrate'
import { createStaffUser, emailInUse } from '../app/models/accounts.server'
import { getEnv } from '../app/utils/env.server'
import { passwordProblem } from '../app/utils/password.server'

const Args = z.object({
  role: z.enum(['admin', 'coordinator'], { message: '--role must be admin or coordinator' }),
  email: z.email({ message: '--email must be an e-mail address' }),
  name: z.string({ message: '--name is required' }).trim().min(2, '--name is required'),
  'password-stdin': z.boolean().optional(),
})

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    let input = ''
    for await (const chunk of process.stdin) input += chunk
    return input.replace(/\r?\n$/, '')
  }
  if (!process.stdin.isTTY) fail('No terminal to ask for the password: use --password-stdin.')
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput
      ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
        write.call(rl, s.startsWith(q) ? q : '')
      rl.question(q, (answer) => {
        process.stdout.write('\n')
        resolve(answer)
      })
    })
  const first = await ask('Password: ')
  const second = await ask('Repeat password: ')
  rl.close()
  if (first !== second) fail('The passwords do not match.')
  return first
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
})
const parsed = Args.safeParse(values)
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('\n'))
const args = parsed.data

const env = getEnv()
process.env.DATABASE_PATH = env.DATABASE_PATH
await migrateToLatest(getDb())
if (await emailInUse(args.email)) fail(`A user with the e-mail ${args.email} already exists.`)
const password = await readPassword(args['password-stdin'] === true)
const problem = passwordProblem(password, args.email)
if (problem)
  fail(`The password is not accepted (${problem.replace('_', ' ')}): use at least 12 characters and nothing common.`)
const created = await createStaffUser(
  { userId: null, ip: null },
  { email: args.email, name: args.name, password, role: args.role },
)
if (!created.ok) fail(`The user was not created: ${Object.values(created.fieldErrors ?? {}).join(', ')}.`)
console.log(
  `Created ${args.role} ${args.email} (user ${created.value}). Two-factor sign-in is enrolled at the first sign-in.`,
)
await closeDb()
