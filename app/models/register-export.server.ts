import type { RegisterSearch } from '~/forms/register'
import { translator, type Locale } from '~/i18n'
import type { Viewer } from '~/policy'
import type { CsvCell } from '~/utils/csv.server'
import { searchRegister } from '~/models/register-search.server'

// The register list as a spreadsheet: every product the search finds for this viewer (all pages, not only the one
// on screen), with the columns the list shows.

/** More than the national register will hold; a runaway export stops here rather than growing without end. */
export const MAX_EXPORT_ROWS = 10_000
const BATCH = 50

export async function registerExport(
  viewer: Viewer | null,
  search: RegisterSearch,
  locale: Locale,
  origin: string,
): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const t = translator(locale)
  const header = [
    t('csv.register.name'),
    t('csv.register.supplier'),
    t('csv.register.category'),
    t('csv.register.approval'),
    t('csv.register.version'),
    t('csv.register.validUntil'),
    t('csv.register.mdrClass'),
    t('csv.register.ceMarked'),
    t('csv.register.careSettings'),
    t('csv.register.integrations'),
    t('csv.register.updated'),
    t('csv.register.link'),
  ]
  const rows: CsvCell[][] = []
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const result = await searchRegister(viewer, { ...search, page, pageSize: BATCH })
    for (const p of result.items) {
      const a = p.approval
      const approved = a.status === 'approved' || a.status === 'provisionally_approved'
      const version = a.status === 'not_approved' ? null : 'approvedVersion' in a ? a.approvedVersion : a.version
      rows.push([
        p.name,
        p.supplier.name,
        locale === 'en' ? p.category.nameEn : p.category.nameNb,
        t(`csv.approval.${a.status}`),
        version,
        approved && 'validUntil' in a ? { date: a.validUntil } : null,
        t(`mdr.${p.mdrClass}`),
        locale === 'en' ? (p.ceMarked ? 'Yes' : 'No') : p.ceMarked,
        p.careSettings.map((c) => t(`careSetting.${c}`)).join(', '),
        p.integrations.map((i) => t(`integration.${i}`)).join(', '),
        { date: p.updatedAt },
        `${origin}/register/${p.id}`,
      ])
    }
    if (page >= result.pageCount) break
  }
  return { header, rows: rows.slice(0, MAX_EXPORT_ROWS) }
}
