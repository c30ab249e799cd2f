import fc from 'fast-check'
import { UNSAFE_decodeViaTurboStream } from 'react-router'
import { beforeAll, describe, expect, it } from 'vitest'
import { nb } from '../../app/i18n/messages'
import { dataUrl } from '../helpers/app'
import { testDb } from '../helpers/db'
import { fieldValue, FUZZ_SEED, fuzzRuns, junkName } from '../helpers/arbitraries'
import { invariantViolations } from '../helpers/db-invariants'
import {
  type Fixtures,
  type Form,
  post,
  type Role,
  roles,
  setupFormFixtures,
  type Target,
  targets,
  type Value,
} from '../helpers/form-targets'

// Property-based fuzzing of every form action (the targets of tests/helpers/form-targets.ts: every route with an
// action and every intent, which fuzz-input.test.ts checks against app/routes.ts). Each run starts from the target's
// valid submission and, field by field, keeps it, replaces it with arbitrary text (tests/helpers/arbitraries.ts),
// drops it or repeats it; adds junk fields; and posts it as one of the roles that may use the form (so that
// validation is reached; now and then as any role). Whatever is posted: no 500; a refusal of the form is 400 with
// its message and field errors as i18n keys; and afterwards every stored row keeps the domain's rules
// (tests/helpers/db-invariants.ts). Seeded (FUZZ_SEED) and bounded: fast-check prints the seed, path and
// counter-example of a failure, so `fc.assert(..., { seed, path })` replays it.

const NUM_RUNS = fuzzRuns(10)
/** Runs for each field on its own. */
const FIELD_RUNS = fuzzRuns(3)
/** A slow request (a huge value, a page render) on a busy machine must not time a run out. */
const TIMEOUT = Math.max(60_000, NUM_RUNS * 3_000)

/** What a posted form may get: a redirect (302 for a page, 202 + redirect for single fetch), the form again with a
 * refusal, or the route refusing the viewer or the request. */
const ALLOWED = new Set([200, 202, 204, 302, 303, 400, 403, 404, 405, 409, 413, 415, 429])

type Mutation =
  | { op: 'keep' }
  | { op: 'drop' }
  | { op: 'set'; value: string }
  | { op: 'repeat'; values: string[] }
  | { op: 'file'; name: string; bytes: Uint8Array; type: string }

const fileValue = fc.record({
  name: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('a.pdf', '', '../../etc/passwd', '\u202Efdp.exe')),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...b])),
  ),
  type: fc.constantFrom('application/pdf', 'text/plain', '', 'application/octet-stream'),
})

const shiftDate = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Values just beside the valid one, where a rule's edge is: numbers around it and at the limits of a rating,
 * a count or an id; dates days to centuries away; the text with something added, or far too long. */
function near(valid: Value | undefined): fc.Arbitrary<string> {
  if (typeof valid !== 'string') return fieldValue
  if (/^-?\d+$/.test(valid)) {
    const n = Number(valid)
    return fc
      .oneof(
        { weight: n >= 0 && n <= 10 ? 4 : 1, arbitrary: fc.integer({ min: -3, max: 12 }) },
        fc.integer({ min: n - 10, max: n + 10 }),
        fc.constantFrom(n * 1000, -n, 2 ** 31, 2 ** 53 + 1, 10 ** 16),
      )
      .map(String)
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(valid))
    return fc.integer({ min: -60_000, max: 60_000 }).map((days) => shiftDate(valid, days))
  return fc.oneof(
    fc.constantFrom(valid.repeat(400), ` ${valid} `, valid.toUpperCase(), `${valid}\u0000`, valid.slice(1)),
    fc.string({ maxLength: 8 }).map((x) => valid + x),
  )
}

/** A field changed: replaced, set beside its valid value, dropped, repeated, or (an upload) another file. */
const change = (field: string, valid: Value | undefined): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 4, arbitrary: near(valid).map((value) => ({ op: 'set' as const, value })) },
    { weight: 5, arbitrary: fieldValue.map((value) => ({ op: 'set' as const, value })) },
    { weight: 1, arbitrary: fc.constant({ op: 'drop' as const }) },
    {
      weight: 1,
      arbitrary: fc.array(fieldValue, { minLength: 2, maxLength: 3 }).map((values) => ({
        op: 'repeat' as const,
        values,
      })),
    },
    { weight: field === 'file' ? 4 : 0, arbitrary: fileValue.map((file) => ({ op: 'file' as const, ...file })) },
  )

/** A field kept or changed; the intent is mostly kept, so that the intent's own validation is what gets fuzzed. */
const mutation = (field: string, valid: Value | undefined): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: field === 'intent' ? 14 : 3, arbitrary: fc.constant({ op: 'keep' as const }) },
    { weight: 7, arbitrary: change(field, valid) },
  )

function apply(base: Form, plan: Record<string, Mutation>, junk: Record<string, string>): FormData {
  const data = new FormData()
  for (const [field, value] of Object.entries(base)) {
    const m = plan[field] ?? { op: 'keep' }
    const add = (v: Value) => {
      if (v instanceof File) data.append(field, v)
      else for (const one of [v].flat()) data.append(field, one)
    }
    if (m.op === 'keep') add(value)
    else if (m.op === 'set') add(m.value)
    else if (m.op === 'repeat') add(m.values)
    else if (m.op === 'file') add(new File([m.bytes.slice()], m.name, { type: m.type }))
  }
  for (const [name, value] of Object.entries(junk)) data.append(name, value)
  return data
}

/** The action's answer as the browser's single fetch decodes it. */
async function decoded(res: Response): Promise<unknown> {
  if (!res.body) return undefined
  const stream = await UNSAFE_decodeViaTurboStream(res.body, globalThis)
  await stream.done
  return stream.value
}

/** The action data of a 400: the form again, with the refusal's message and its field errors as i18n keys. */
function checkRefusal(payload: unknown, what: string, intentChanged: boolean) {
  // An intent the form never sends ends the request with a plain 400 (the route's `default:` case).
  const thrown = (payload as { error?: { status?: number } } | undefined)?.error
  if (intentChanged && thrown?.status === 400) return
  const answer = (payload as { data?: unknown } | undefined)?.data ?? payload
  expect(answer, what).toMatchObject({ errors: expect.any(Object), formError: { key: expect.any(String) } })
  const { errors, formError } = answer as { errors: Record<string, string>; formError: { key: string } }
  expect(Object.keys(nb), `${what}: the form's message is a message key`).toContain(formError.key)
  for (const [field, key] of Object.entries(errors))
    expect(Object.keys(nb), `${what}: the error on ${field} is a message key`).toContain(key)
  // "The form has errors" without marking a field would leave the user nothing to fix.
  if (formError.key === 'common.formHasErrors')
    expect(Object.keys(errors).length, `${what}: a field is marked`).toBeGreaterThan(0)
}

/** One submission: never a 500; a refusal of the form is the form again with message keys. */
async function attempt(
  t: Target,
  plan: Record<string, Mutation>,
  junk: Record<string, string>,
  who: Role,
  asPage: boolean,
) {
  const path = t.path(f)
  // Now and then the page itself, which renders the refusal; otherwise single fetch (.data).
  const url = asPage && t.text?.length ? path : dataUrl(path)
  const res = await post(url, who, { form: apply(t.form(f), plan, junk) })
  const what = `${who} → POST ${url}: ${res.status}`
  expect(res.status, what).toBeLessThan(500)
  expect(ALLOWED, what).toContain(res.status)
  const intentChanged = (plan.intent ?? { op: 'keep' }).op !== 'keep'
  if (res.status === 400 && url !== path) checkRefusal(await decoded(res), what, intentChanged)
  else await res.body?.cancel()
}

const label = (t: Target) => `${t.route}${t.intent ? ` ${t.intent}` : ''}`
let f: Fixtures
let suppliersAfter = 0

beforeAll(async () => {
  f = await setupFormFixtures()
  const last = await testDb()
    .selectFrom('organisation')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  suppliersAfter = Number(last?.id ?? 0)
})

describe('arbitrary form data to every form action: no 500, refusals with field errors, no invalid row', () => {
  // One pair of targets per route file and intent (sign-up has two kinds: both fuzzed).
  for (const [i, t] of targets.entries()) {
    if (t.roles.length === 0) continue
    it(
      `${label(t)} (#${i})`,
      async () => {
        const sample = t.form(f)
        const fields = [...new Set([...Object.keys(sample), 'intent'])]
        const role: fc.Arbitrary<Role> = fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...t.roles) },
          { weight: 1, arbitrary: fc.constantFrom(...roles) },
        )
        const property = fc.asyncProperty(
          fc.oneof(
            // Mostly one or two fields wrong and the rest valid, so that each field's own rule (and the model's,
            // behind the form) is reached; sometimes every field at once.
            {
              weight: 3,
              arbitrary: fc
                .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 2 })
                .chain((chosen) =>
                  fc.record(Object.fromEntries(chosen.map((field) => [field, change(field, sample[field])]))),
                ),
            },
            {
              weight: 1,
              arbitrary: fc.record(Object.fromEntries(fields.map((field) => [field, mutation(field, sample[field])]))),
            },
          ),
          fc.dictionary(junkName, fieldValue, { maxKeys: 3 }),
          role,
          fc.boolean(),
          (plan, junk, who, asPage) => attempt(t, plan, junk, who, asPage),
        )
        await fc.assert(property, { seed: FUZZ_SEED + i, numRuns: NUM_RUNS, endOnFailure: false })
        // And each field on its own, beside its valid value or replaced, the rest valid: every field's rule is tried.
        for (const [j, field] of fields.entries()) {
          const alone = fc.asyncProperty(change(field, sample[field]), fc.constantFrom(...t.roles), (m, who) =>
            attempt(t, { [field]: m }, {}, who, false),
          )
          await fc.assert(alone, { seed: FUZZ_SEED + 1000 * i + j, numRuns: FIELD_RUNS, endOnFailure: false })
        }
      },
      TIMEOUT,
    )
  }

  it('leaves no row that breaks the domain rules, and the database intact', async () => {
    expect(await invariantViolations({ suppliersAfter })).toEqual([])
  })
})
