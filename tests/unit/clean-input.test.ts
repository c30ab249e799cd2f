import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { addYears, osloDate } from '../../app/domain/dates'
import { AddParticipantInput, CreateProcurementInput } from '../../app/forms/procurement'
import {
  dateField,
  emailField,
  optionalText,
  personNameField,
  reasonField,
  requiredText,
  urlField,
} from '../../app/utils/fields'
import { readFormData, readSubmission } from '../../app/utils/forms.server'
import { safePdfFilename } from '../../app/utils/pdf.server'
import { procurementFields } from '../helpers/experience-fixtures'

// Clean input (issue 10): every text part refuses control characters, dates lie in a plausible window and in order,
// and a request body that is not a form is refused, never thrown.

const REFUSED = [
  ...Array.from({ length: 9 }, (_, i) => i), // U+0000-U+0008
  0x0b,
  0x0c,
  ...Array.from({ length: 0x20 - 0x0e }, (_, i) => 0x0e + i), // U+000E-U+001F
  0x7f,
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((c) => String.fromCodePoint(c))

const firstMessage = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value)
  return parsed.success ? null : parsed.error.issues[0]?.message
}

describe('text parts refuse control characters with a field message', () => {
  const parts: Array<[string, z.ZodType, string]> = [
    ['requiredText', requiredText(200), 'Navn'],
    ['optionalText', optionalText(200), 'Navn'],
    ['emailField', emailField, 'navn@kommune.no'],
    ['personNameField', personNameField, 'Kari Nordmann'],
    ['reasonField', reasonField, 'En god grunn'],
    ['urlField', urlField(200), 'https://example.no/side'],
  ]
  for (const [name, schema, valid] of parts) {
    it(`${name}: every listed character, anywhere, and NUL only`, () => {
      expect(schema.safeParse(valid).success).toBe(true)
      for (const c of REFUSED) {
        const code = `U+${c.codePointAt(0)?.toString(16).padStart(4, '0')}`
        expect(firstMessage(schema, `${valid}${c}`), `${name} ${code}`).toBe('validation.controlCharacters')
      }
      expect(firstMessage(schema, '\u0000\u0000\u0000')).toBe('validation.controlCharacters')
    })
  }

  it('keeps tabs and line breaks in multi-line text, and ordinary Unicode', () => {
    expect(requiredText(200).parse('Første linje\r\n\tandre linje\nÆØÅ – «sitat» 😀')).toBe(
      'Første linje\r\n\tandre linje\nÆØÅ – «sitat» 😀',
    )
  })

  it('cleans an uploaded file name of the same characters', () => {
    expect(safePdfFilename('rapport\u202Efdp.exe')).toBe('rapportfdp.exe.pdf')
    expect(safePdfFilename('a\u2066b\u200Fc\u0000.pdf')).toBe('abc.pdf')
  })
})

describe('dates lie in a plausible window and in order', () => {
  it('refuses dates before 1990 and after 2100 with the window message', () => {
    const date = dateField()
    expect(date.parse('1990-01-01')).toBe('1990-01-01')
    expect(date.parse('2100-12-31')).toBe('2100-12-31')
    for (const d of ['1800-01-01', '1989-12-31', '2101-01-01', '2999-12-31'])
      expect(firstMessage(date, d), d).toBe('validation.dateRange')
    expect(firstMessage(date, '2025-02-30')).toBe('validation.date')
    expect(date.parse('')).toBeNull()
  })

  it('refuses a go-live date more than five years ahead or before 1990', () => {
    const form = { municipalityNumber: '0301', phase: 'pilot' }
    const today = osloDate(new Date())
    expect(AddParticipantInput.safeParse({ ...form, goLiveDate: addYears(today, 4) }).success).toBe(true)
    expect(AddParticipantInput.safeParse({ ...form, goLiveDate: '1995-05-01' }).success).toBe(true)
    for (const goLiveDate of [addYears(today, 6), '1989-01-01', '1800-01-01']) {
      const issues = AddParticipantInput.safeParse({ ...form, goLiveDate }).error?.issues ?? []
      expect(
        issues.map((i) => [i.path.join('.'), i.message]),
        goLiveDate,
      ).toEqual([['goLiveDate', 'validation.procurement.goLiveDate']])
    }
  })

  it('refuses a contract that ends before it starts, on the end field', () => {
    const issues =
      CreateProcurementInput.safeParse(procurementFields({ contractStart: '2026-01-01', contractEnd: '2025-12-31' }))
        .error?.issues ?? []
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['contractEnd', 'validation.procurement.contractPeriod'],
    ])
    expect(
      CreateProcurementInput.safeParse(procurementFields({ contractStart: '2026-01-01', contractEnd: '2026-01-01' }))
        .success,
    ).toBe(true)
  })
})

describe('a request body that is not a form', () => {
  const post = (body: BodyInit | null, contentType?: string) =>
    new Request('http://localhost/x', {
      method: 'POST',
      body,
      headers: contentType ? { 'Content-Type': contentType } : {},
    })

  it('is refused as unsupported (415) for JSON, XML and text, and as unreadable (400) when broken', async () => {
    expect(await readFormData(post('{"a":1}', 'application/json'))).toMatchObject({
      ok: false,
      code: 'unsupported_media_type',
    })
    expect(await readFormData(post('<a/>', 'application/xml'))).toMatchObject({
      ok: false,
      code: 'unsupported_media_type',
    })
    expect(await readFormData(post('a=1'))).toMatchObject({ ok: false, code: 'unsupported_media_type' })
    expect(await readFormData(post('--x\r\ngarbage', 'multipart/form-data; boundary=x'))).toMatchObject({
      ok: false,
      code: 'unreadable_form',
    })
    expect(
      await readFormData(post('a'.repeat(2000), 'application/x-www-form-urlencoded'), { maxBytes: 1000 }),
    ).toMatchObject({
      ok: false,
      code: 'request_too_large',
    })
  })

  it('reads forms of either encoding, and an empty body as an empty form', async () => {
    const urlencoded = await readFormData(post('a=1&b=%C3%A6', 'application/x-www-form-urlencoded; charset=UTF-8'))
    expect(urlencoded.ok && Object.fromEntries(urlencoded.value)).toEqual({ a: '1', b: 'æ' })
    const multipart = new FormData()
    multipart.append('a', '1')
    const read = await readFormData(new Request('http://localhost/x', { method: 'POST', body: multipart }))
    expect(read.ok && read.value.get('a')).toBe('1')
    const empty = await readFormData(post(null))
    expect(empty.ok && [...empty.value.keys()]).toEqual([])
  })

  it('goes back to the form through readSubmission with the refusal, not an exception', async () => {
    const submission = await readSubmission(
      post('{"name":"x"}', 'application/json'),
      z.object({ name: requiredText(10) }),
    )
    expect(submission).toMatchObject({ ok: false, refusal: { code: 'unsupported_media_type' }, values: {} })
  })
})
