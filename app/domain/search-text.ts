import { newStemmer } from 'snowball-stemmers'
import { MAX_QUERY_LENGTH } from '~/domain/register-search-options'

// The one text pipeline of the register search, applied the same way when a product is indexed
// (app/models/search-index.server.ts) and when a query is parsed (app/models/register-search.server.ts):
// lower-case (Norwegian rules), fold (æ→ae, ø→o, å→a, accents and Sami letters to their base letter), then the
// Norwegian Snowball stemmer. Folding comes before stemming, so «dørlås», «dorlås» and «dorlas» give the same stem
// whatever keyboard typed them; the stemmer makes «alarmer», «alarmen» and «alarm» one word.

const stemmer = newStemmer('norwegian')

/** Letters that Unicode does not decompose into a base letter and a mark. */
const SPECIAL: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ŋ: 'n', đ: 'd', ŧ: 't', ß: 'ss', ð: 'd', þ: 'th' }

/** Lower-cases and folds to plain a–z letters and digits where possible (å is composed first, then folded). */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/[æøåŋđŧßðþ]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
}

/** The words of a text, folded (letters and digits; everything else separates words). */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
}

/** One folded word's stem. Digits and very short words are kept as they are. */
export function stemWord(folded: string): string {
  if (folded.length < 3 || /\d/.test(folded)) return folded
  return stemmer.stem(folded)
}

/** The indexed form of a text: every folded word and, where it differs, its stem. The query's stem is matched as a
 * prefix, so the stem catches the word's other inflections («alarmer» finds «alarmen») and the whole word catches a
 * query whose stem the stemmer cut less («medisindispensere» finds «medisindispenser»). */
export function indexText(text: string | null | undefined): string {
  if (!text) return ''
  return foldedWords(text)
    .map((w) => {
      const stem = stemWord(w)
      return stem === w ? w : `${w} ${stem}`
    })
    .join(' ')
}

/** The tails of the text's compound words («fallsensor» → «sensor», «trygghetsalarm» → «alarm» …), indexed in a
 * column of their own with a low weight: Norwegian writes compounds as one word, and «sensor» should find the
 * products with a «fallsensor», ranked after those that say «sensor». Every tail of at least five letters that starts
 * at the fourth letter or later; a tail that is no word matches only queries that are not words either. */
export function compoundTails(text: string | null | undefined): string {
  if (!text) return ''
  const tails = new Set<string>()
  for (const w of foldedWords(text)) {
    if (w.length < 8 || /\d/.test(w)) continue
    for (let i = 3; i <= w.length - 5; i++) tails.add(w.slice(i))
  }
  return [...tails].join(' ')
}

// Words that carry no meaning in a query («alarm for hjemmetjenesten»); they are dropped from queries only, and only
// when other words are left.
const STOP_WORDS = new Set(
  'og i på til for med av som en et ei den det de er om fra ved eller the a an of for and or in on to with'.split(' '),
)

export const MAX_QUERY_TERMS = 8
const MAX_TERM_LENGTH = 40

export type ParsedQuery = {
  /** Stems to look for, in the order typed (at most MAX_QUERY_TERMS). */
  terms: string[]
  /** True when the input was longer than MAX_QUERY_LENGTH characters (or had more words) and was cut. */
  trimmed: boolean
}

/** What a user typed, as stems. Any FTS5 syntax in the input is only separators here. */
export function parseQuery(input: string | null | undefined): ParsedQuery {
  if (!input) return { terms: [], trimmed: false }
  const cut = [...input.normalize('NFC')]
  const trimmed = cut.length > MAX_QUERY_LENGTH
  const words = foldedWords(cut.slice(0, MAX_QUERY_LENGTH).join(''))
  const meaningful = words.filter((w) => !STOP_WORDS.has(w))
  const chosen = meaningful.length > 0 ? meaningful : words
  const terms = chosen.map((w) => stemWord(w.slice(0, MAX_TERM_LENGTH)))
  const unique = [...new Set(terms)]
  return { terms: unique.slice(0, MAX_QUERY_TERMS), trimmed: trimmed || unique.length > MAX_QUERY_TERMS }
}

/** An FTS5 MATCH expression: every stem a quoted prefix term, ANDed; null when there is nothing to look for. */
export function toMatchExpression(terms: readonly string[]): string | null {
  if (terms.length === 0) return null
  return terms.map((t) => `"${t.replaceAll('"', '')}"*`).join(' ')
}

/** Damerau–Levenshtein distance (optimal string alignment), capped: returns max + 1 once it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) rows.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : 0)))
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[]
    const prev = rows[i - 1] as number[]
    row[0] = i
    let best = row[0]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1)
      row[j] = v
      best = Math.min(best, v)
    }
    if (best > max) return max + 1
  }
  return (rows[a.length] as number[])[b.length] as number
}

/** How many edits a misspelt stem of this length may be away from an indexed word. */
export const allowedEdits = (term: string) => (term.length < 5 ? 0 : term.length < 8 ? 1 : 2)
