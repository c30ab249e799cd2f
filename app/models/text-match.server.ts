import { sql, type Expression, type SqlBool } from 'kysely'

// Case-insensitive "contains" for names in SQL. SQLite's LIKE and lower() fold ASCII letters only, so «åse» would
// never find «Åse». This builds a GLOB pattern with both cases of every letter ([åÅ][sS][eE]); a letter typed
// without its Norwegian or accented form also finds it (a finds å, o finds ø, as the register search folds them),
// so a foreign keyboard finds «Åse» with «ase». GLOB's own syntax in the input is matched literally.

const EQUIVALENT: Record<string, string> = { a: 'aåáàäâ', o: 'oøöó', e: 'eéèê', u: 'uüú', i: 'iíï', c: 'cč', s: 'sš' }

function letterClass(char: string): string {
  const lower = char.toLocaleLowerCase('nb')
  const variants = new Set<string>()
  for (const c of EQUIVALENT[lower] ?? lower) {
    variants.add(c)
    variants.add(c.toLocaleUpperCase('nb'))
  }
  variants.add(char)
  if (variants.size === 1) return /[*?[\]]/.test(char) ? `[${char}]` : char
  return `[${[...variants].join('')}]`
}

/** A GLOB pattern matching any text that contains `needle`, case-insensitively. */
export function containsPattern(needle: string): string {
  return `*${[...needle.normalize('NFC')].map(letterClass).join('')}*`
}

/** `column` contains `needle`, ignoring case (Æ, Ø and Å included). */
export function containsInsensitive(column: string, needle: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} glob ${containsPattern(needle)}`
}
