// Norwegian alphabetical order (a … z, æ, ø, å) for names sorted in SQL. SQLite compares text byte by byte, and
// `collate nocase` puts Æ, Ø and Å wherever their code points fall, so every sorted name has a stored sort key
// (`name_sort`) computed here: ordering by it, then by the id, gives the order of Intl.Collator('nb') and keeps it
// stable across SQL pages. tests/unit/collation.test.ts checks the key against Intl.Collator('nb') itself.

export const norwegianCollator = new Intl.Collator('nb')

/** Primary letters as ICU's Norwegian tailoring orders them: æ (and ä), ø (and ö), å (and «aa») after z; ü is y. */
const PRIMARY: Record<string, string> = { æ: '{', ä: '{', ø: '|', ö: '|', å: '}', ü: 'y', ß: 'ss' }

function primary(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/aa/g, 'å')
    .replace(/[æäøöåüß]/g, (c) => PRIMARY[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The sort key of a name: its primary letters (case and accents ignored), then the name itself, so that names equal
 * but for case or accents still have one fixed order.
 */
export function sortKey(name: string): string {
  const nfc = name.normalize('NFC')
  // Secondary: accents count («å» before «aa»); tertiary: lower case before upper case, as ICU orders them.
  const secondary = nfc.toLocaleLowerCase('nb').replace(/aa/g, 'å~')
  const tertiary = [...nfc].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('')
  return `${primary(name)}\u0001${secondary}\u0001${tertiary}`
}

/** Sorts in place by Norwegian order of the given name. */
export function sortByName<T>(items: T[], name: (item: T) => string): T[] {
  return items.sort((a, b) => norwegianCollator.compare(name(a), name(b)))
}
