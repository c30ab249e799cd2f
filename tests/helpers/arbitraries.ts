import fc from 'fast-check'

// fast-check generators for what a form field or a query parameter can hold when the sender is not a browser:
// any text (full Unicode, graphemes, control characters, bidirectional overrides, lone surrogates), numbers written
// every way (Norwegian comma, exponent, huge, negative, non-ASCII digits), impossible and out-of-window dates, empty
// and huge values. Shared by the property tests (tests/routes/fuzz-*.test.ts, tests/unit/fuzz-*.test.ts).

/** One seed for every property test: a failure prints it with the counter-example and its shrink path. A longer hunt
 * with other seeds: `FUZZ_SEED=1 FUZZ_RUNS=200 npx vitest run tests/routes/fuzz-properties.test.ts`. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261202)

/** How many runs a property gets, scaled from its default (FUZZ_RUNS / 100 of it when set). */
export const fuzzRuns = (defaultRuns: number) =>
  process.env.FUZZ_RUNS ? Math.max(1, Math.round((defaultRuns * Number(process.env.FUZZ_RUNS)) / 100)) : defaultRuns

/** A few characters no stored text may hold, and a few that look like them but are fine (tab, newline, NBSP). */
const special = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u202E',
  '\u2066',
  '\u200F',
  '\t',
  '\n',
  '\r\n',
  '\u00A0',
  '\uFEFF',
  '\u0301',
  'å',
  '🙂',
  '\uD800',
  '\uDC00',
  '<script>',
  "'; drop table user; --",
  '%00',
  '../',
)
const withSpecials = fc
  .array(fc.oneof(fc.string({ maxLength: 6 }), special), { maxLength: 6 })
  .map((parts) => parts.join(''))

const digits = fc.integer({ min: 0, max: 9999 })
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Dates: real ones far and near, impossible ones (2025-02-30, month 13), other formats, with spaces. */
export const dateText = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date('1985-01-01T00:00:00Z'), max: new Date('2105-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.constantFrom(
    '2025-02-29',
    '2024-02-29',
    '2025-04-31',
    '31.12.2025',
    '2025-06-01T00:00:00Z',
    ' 2025-06-01 ',
    '+02025-06-01',
    '2025-6-1',
    '2025/06/01',
    '-001-01-01',
  ),
)

/** Numbers as text: integers, doubles, Norwegian decimal comma and thousands spaces, exponents, non-ASCII digits. */
export const numberText = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -10, max: 10 }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((n) => String(n).replace('.', ',')),
  fc.tuple(digits, digits, digits).map(([a, b, c]) => `${a} ${pad(b, 3)} ${pad(c, 3)}`),
  fc.constantFrom(
    '1e309',
    '-0',
    'NaN',
    'Infinity',
    '0x1F',
    '1_000',
    '１２３',
    '٣',
    '9007199254740993',
    '999999999999999',
    '1.5.5',
    '1,5,5',
    '--1',
    '0,',
    ',5',
  ),
)

/** Long values: over every field's limit, and over the form's byte limit (413). */
export const hugeText = fc
  .tuple(fc.constantFrom(256, 2_001, 10_001, 50_001, 200_000), fc.constantFrom('x', 'å', '🙂', 'a '))
  .map(([n, unit]) => unit.repeat(n))

/** Any value a form field or query parameter can carry. */
export const fieldValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: withSpecials },
  { weight: 3, arbitrary: numberText },
  { weight: 3, arbitrary: dateText },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', 'on', 'off', 'true', 'null', 'undefined', '[]', '{}') },
  { weight: 1, arbitrary: hugeText },
)

/** Field names no form has, and names that trip naive code (prototype keys, brackets, empty). */
export const junkName = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'intent[]',
    'a[b]',
    '',
    ' ',
    '\u0000',
    'x'.repeat(300),
    'redirectTo',
    'id',
    'userId',
    'organisationId',
    'productId',
    'role',
    'status',
  ),
  fc.string({ maxLength: 12 }),
)

/** Query-string values as a URL carries them (any text, then percent-encoded by URLSearchParams). */
export const queryValue = fc.oneof(
  { weight: 3, arbitrary: fieldValue.filter((v) => v.length < 5_000) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '+', '&', '=', '#', '?') },
)
