import { stringify } from 'csv-stringify/sync'

// CSV the way Norwegian Excel opens it (docs/decisions/012-open-data.md): UTF-8 with a byte-order mark (or Excel
// guesses the encoding and breaks æøå), semicolons (the comma is the decimal sign), decimal commas, dates as
// dd.mm.yyyy, and CRLF line ends. Every cell that a spreadsheet would read as a formula is neutralised.

export type CsvCell = string | number | boolean | null | undefined | { date: string }

const BOM = '\uFEFF'
// A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^[=+\-@\t\r]/

/** A text cell as a spreadsheet must show it: a leading apostrophe turns a would-be formula into text. */
export const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text)

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nei'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : ''
  if (typeof value === 'object') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.date)
    return m ? `${m[3]}.${m[2]}.${m[1]}` : ''
  }
  return neutralise(value)
}

/** The file's text: the header row, then the rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return (
    BOM +
    stringify([header.map((h) => neutralise(h)), ...rows.map((row) => row.map(cell))], {
      delimiter: ';',
      record_delimiter: '\r\n',
    })
  )
}

/** A CSV download. */
export function csvResponse(filename: string, text: string): Response {
  return new Response(text, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
