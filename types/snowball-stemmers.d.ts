// snowball-stemmers ships no types; this is the part the search uses (app/domain/search-text.ts).
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string
  }
  export function newStemmer(language: string): Stemmer
  export function algorithms(): string[]
}
