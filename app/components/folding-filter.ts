import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core'
import { labelMatches } from '~/domain/municipality-names'

/**
 * The search of every picker (Select, MultiSelect): an option matches when each typed word occurs in its label,
 * ignoring case and accents, with æ/ø/å typed as ae/o/a. A municipality's label holds all its official name forms,
 * so «Kautokeino» offers «5612 Guovdageaidnu - Kautokeino».
 */
export const foldingFilter: OptionsFilter = ({ options, search, limit }) => {
  const result: ComboboxParsedItem[] = []
  for (const item of options) {
    if (result.length >= limit) break
    if ('group' in item) {
      const items = item.items.filter((o) => labelMatches(o.label, search))
      if (items.length) result.push({ group: item.group, items })
    } else if (labelMatches(item.label, search)) result.push(item)
  }
  return result
}
