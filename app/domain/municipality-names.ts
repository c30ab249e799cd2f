// How a municipality is named in pickers and lists: its number and its official name as written by Statistics
// Norway (every form, e.g. «5612 Guovdageaidnu - Kautokeino»), with the county. Shared by the server (option lists)
// and the browser (the pickers' search).

export type MunicipalityOption = { number: string; name: string; county: string }

export const municipalityOptionLabel = (m: MunicipalityOption) => `${m.number} ${m.name} (${m.county})`

/** Lower case, without accents, æ→ae, ø→o, å→a (as the register search folds), for matching what someone typed. */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/ŋ/g, 'n')
    .replace(/đ/g, 'd')
    .replace(/ŧ/g, 't')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
}

/** Whether an option's label matches what was typed: every typed word occurs in it, ignoring case and accents, so
 * «kautokeino», «karasjok», «kafjord» and «tromso» find their municipalities. */
export function labelMatches(label: string, typed: string): boolean {
  const haystack = foldForMatch(label)
  return foldForMatch(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word))
}
