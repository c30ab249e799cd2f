// Money. Contract values and switching costs are whole kroner excluding VAT; forms send "1 250 000" or "1.250.000".

export const MAX_NOK = 1_000_000_000_000

/** Parses a whole number of kroner with optional thousands separators (space, no-break space, dot); null if not. */
export function parseNok(value: string): number | null {
  const compact = value
    .trim()
    .replace(/\s*(kr|nok)\.?$/i, '')
    .replace(/[\s\u00a0\u202f.]/g, '')
  if (!/^\d{1,13}$/.test(compact)) return null
  const n = Number(compact)
  return n <= MAX_NOK ? n : null
}
