import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MAX_NOK, parseNok } from '../../app/domain/money'
import * as benefitForms from '../../app/forms/benefit'
import * as benefitOverviewForms from '../../app/forms/benefit-overview'
import * as criteriaForms from '../../app/forms/criteria'
import * as experienceForms from '../../app/forms/experience'
import * as procurementForms from '../../app/forms/procurement'
import * as registerForms from '../../app/forms/register'
import { nb } from '../../app/i18n/messages'
import {
  CONTROL_CHARACTERS,
  dateField,
  decimalField,
  idField,
  nokField,
  optionalText,
  orgNumberField,
  requiredText,
} from '../../app/utils/fields'
import { isValidOrgNumber } from '../../app/utils/org-number'
import { dateText, fieldValue, FUZZ_SEED, fuzzRuns, junkName, numberText } from '../helpers/arbitraries'

// Property tests of the pure parsers every form is built from (app/utils/fields.ts, app/domain/money.ts,
// app/utils/org-number.ts) and of every schema in app/forms/: valid values round-trip, invalid ones are refused
// with the field's message, nothing throws, and every message a schema can give is an i18n key (the form pipeline
// turns any other message into a generic "invalid", hiding the real one). Seeded (FUZZ_SEED).

const options = (offset: number, numRuns = fuzzRuns(300)) => ({ seed: FUZZ_SEED + offset, numRuns })
const keys = new Set(Object.keys(nb))

/** Every Zod schema exported by app/forms/, but the query-string filters: the register search's messages are the
 * API's (Zod's own, naming the parameter), and the benefit overview's filters answer a bare 400 (no form). */
const QUERY_FILTERS = ['RegisterSearchSchema', 'BenefitOverviewFilter', 'BenefitRecordsFilter']
const schemas = Object.entries({
  ...benefitForms,
  ...benefitOverviewForms,
  ...criteriaForms,
  ...experienceForms,
  ...procurementForms,
  ...registerForms,
}).flatMap(([name, value]): Array<[string, z.ZodType]> =>
  value instanceof z.ZodType && !QUERY_FILTERS.includes(name) ? [[name, value]] : [],
)

const anyValue = fc.oneof(
  { weight: 6, arbitrary: fieldValue },
  { weight: 2, arbitrary: fc.array(fieldValue, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, false, 0, -1, 1.5, Number.NaN, {}, []) },
)

describe('every schema in app/forms/', () => {
  it('has schemas to test', () => {
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining(['BenefitInput', 'MeasurementInput', 'ExperienceInput', 'ProductSchema']),
    )
  })

  for (const [i, [name, schema]] of schemas.entries()) {
    it(`${name}: any input parses or is refused with message keys, never throws`, () => {
      const shape = (schema as { shape?: Record<string, unknown> }).shape ?? {}
      const fields = Object.keys(shape)
      const input = fc.record(Object.fromEntries(fields.map((f) => [f, anyValue])), { requiredKeys: [] })
      fc.assert(
        fc.property(input, fc.dictionary(junkName, anyValue, { maxKeys: 2 }), (record, junk) => {
          const result = schema.safeParse({ ...junk, ...record })
          if (result.success) return
          for (const issue of result.error.issues)
            expect(keys, `${name}.${issue.path.join('.')}: «${issue.message}» is a message key`).toContain(
              issue.message,
            )
        }),
        options(i, fuzzRuns(150)),
      )
    })
  }
})

describe('text fields', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fieldValue)

  it('store no control character, trimmed and NFC, within the limit', () => {
    const required = requiredText(50)
    const optional = optionalText(50)
    fc.assert(
      fc.property(text, (s) => {
        for (const parsed of [required.safeParse(s), optional.safeParse(s)]) {
          if (!parsed.success || parsed.data === null) continue
          expect(CONTROL_CHARACTERS.test(parsed.data)).toBe(false)
          expect(parsed.data).toBe(parsed.data.trim())
          expect(parsed.data).toBe(parsed.data.normalize('NFC'))
          expect(parsed.data.length).toBeLessThanOrEqual(50)
        }
      }),
      options(1000),
    )
  })

  it('a clean value round-trips (NFC, trimmed)', () => {
    const clean = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((s) => !CONTROL_CHARACTERS.test(s))
    fc.assert(
      fc.property(clean, (s) => {
        const expected = s.trim().normalize('NFC')
        const parsed = requiredText(200).safeParse(s)
        if (expected === '') expect(parsed.success).toBe(false)
        else expect(parsed.success && parsed.data).toBe(expected)
      }),
      options(1001),
    )
  })
})

describe('numbers written the Norwegian way', () => {
  const nb_NO = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 6 })

  it('a decimal round-trips through comma, point, thousands spaces and the nb-NO format', () => {
    const field = decimalField('validation.number', { max: 1_000_000_000 })
    const value = fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((n) => Math.round(n * 1e4) / 1e4)
    fc.assert(
      fc.property(value, (n) => {
        const plain = n.toFixed(4).replace(/\.?0+$/, '')
        for (const written of [plain, plain.replace('.', ','), nb_NO.format(n), ` ${plain} `]) {
          const parsed = field.safeParse(written)
          expect(parsed.success, written).toBe(true)
          if (parsed.success) expect(parsed.data, written).toBeCloseTo(n === 0 ? 0 : n, 6)
        }
      }),
      options(2000),
    )
  })

  // Found by the property above: Intl's nb-NO format (and Norwegian Excel) writes a negative as "−12,5" (U+2212).
  it('reads the Norwegian minus sign (regression)', () => {
    expect(decimalField().safeParse('−12,5')).toEqual({ success: true, data: -12.5 })
    expect(decimalField().safeParse('−1 104')).toEqual({ success: true, data: -1104 })
  })

  it('a decimal is a finite number within its bounds, or refused with the field message', () => {
    const field = decimalField('validation.number', { min: 0, max: 1000 })
    fc.assert(
      fc.property(fc.oneof(numberText, fieldValue), (s) => {
        const parsed = field.safeParse(s)
        if (!parsed.success) {
          expect(parsed.error.issues.map((i) => i.message)).toEqual(['validation.number'])
          return
        }
        if (parsed.data === null) {
          expect(s.trim()).toBe('')
          return
        }
        expect(Number.isFinite(parsed.data)).toBe(true)
        expect(parsed.data).toBeGreaterThanOrEqual(0)
        expect(parsed.data).toBeLessThanOrEqual(1000)
      }),
      options(2001),
    )
  })

  it('whole kroner round-trip with spaces, dots, no-break spaces and "kr"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_NOK }), (n) => {
        const grouped = (sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
        for (const written of [String(n), grouped(' '), grouped('.'), grouped('\u00a0'), `${grouped(' ')} kr`]) {
          expect(parseNok(written), written).toBe(n)
          const parsed = nokField('validation.nok').safeParse(written)
          expect(parsed.success && parsed.data, written).toBe(n)
        }
        expect(parseNok(String(MAX_NOK + 1 + n))).toBeNull()
      }),
      options(2002),
    )
  })

  it('kroner are whole, non-negative and at most MAX_NOK, or refused', () => {
    fc.assert(
      fc.property(fc.oneof(numberText, fieldValue), (s) => {
        const parsed = nokField('validation.nok').safeParse(s)
        if (!parsed.success || parsed.data === null) return
        expect(Number.isSafeInteger(parsed.data)).toBe(true)
        expect(parsed.data).toBeGreaterThanOrEqual(0)
        expect(parsed.data).toBeLessThanOrEqual(MAX_NOK)
      }),
      options(2003),
    )
  })

  it('an id is a positive safe integer written in digits, or refused', () => {
    fc.assert(
      fc.property(fc.oneof(numberText, fieldValue), (s) => {
        const parsed = idField().safeParse(s)
        expect(parsed.success).toBe(/^\s*\d{1,15}\s*$/.test(s) && Number(s) > 0)
        if (parsed.success) expect(Number.isSafeInteger(parsed.data)).toBe(true)
      }),
      options(2004),
    )
  })
})

describe('organisation numbers', () => {
  const eight = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
  const checkDigit = (digits: number[]) => {
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0)
    return sum % 11 === 0 ? 0 : 11 - (sum % 11)
  }

  it('a number with its modulus-11 check digit is accepted, written with or without spaces', () => {
    fc.assert(
      fc.property(
        eight.filter((d) => checkDigit(d) !== 10),
        (digits) => {
          const number = [...digits, checkDigit(digits)].join('')
          expect(isValidOrgNumber(number)).toBe(true)
          const spaced = `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`
          expect(orgNumberField.safeParse(spaced)).toEqual({ success: true, data: number })
        },
      ),
      options(3000),
    )
  })

  it('any one digit changed is refused (the checksum catches every single-digit error)', () => {
    fc.assert(
      fc.property(
        eight.filter((d) => checkDigit(d) !== 10),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const all = [...digits, checkDigit(digits)]
          all[position] = ((all[position] ?? 0) + delta) % 10
          const parsed = orgNumberField.safeParse(all.join(''))
          expect(parsed.success).toBe(false)
          if (!parsed.success) expect(parsed.error.issues[0]?.message).toBe('validation.orgNumber.checksum')
        },
      ),
      options(3001),
    )
  })

  it('anything else is refused with the format message', () => {
    fc.assert(
      fc.property(fieldValue, (s) => {
        const parsed = orgNumberField.safeParse(s)
        if (parsed.success) expect(isValidOrgNumber(parsed.data)).toBe(true)
        else
          expect(['validation.orgNumber.format', 'validation.orgNumber.checksum']).toContain(
            parsed.error.issues[0]?.message,
          )
      }),
      options(3002),
    )
  })
})

describe('dates', () => {
  const field = dateField()

  it('a real date in 1990-2100 round-trips; one outside is refused with the range message', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10)
          const parsed = field.safeParse(` ${iso} `)
          if (iso >= '1990-01-01' && iso <= '2100-12-31') expect(parsed).toEqual({ success: true, data: iso })
          else {
            expect(parsed.success).toBe(false)
            if (!parsed.success) expect(parsed.error.issues[0]?.message).toBe('validation.dateRange')
          }
        },
      ),
      options(4000),
    )
  })

  it('whatever is typed: a real ISO date in the window, blank, or refused with a date message', () => {
    fc.assert(
      fc.property(fc.oneof(dateText, fieldValue), (s) => {
        const parsed = field.safeParse(s)
        if (!parsed.success) {
          expect(['validation.date', 'validation.dateRange']).toContain(parsed.error.issues[0]?.message)
          return
        }
        if (parsed.data === null) {
          expect(s.trim()).toBe('')
          return
        }
        expect(parsed.data).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(new Date(`${parsed.data}T00:00:00Z`).toISOString().slice(0, 10)).toBe(parsed.data)
        expect(parsed.data >= '1990-01-01' && parsed.data <= '2100-12-31').toBe(true)
      }),
      options(4001),
    )
  })
})
