import type { ProcurementListFilter } from '~/forms/procurement'
import { translator, type Locale } from '~/i18n'
import type { Viewer } from '~/policy'
import type { CsvCell } from '~/utils/csv.server'
import { listProcurements } from '~/models/procurement-list.server'

// The procurement list as a spreadsheet: every procurement its filters find (all pages), with the columns the list
// shows; the contract value only where commercial-terms lets this viewer see it (the list model decides).

export const MAX_EXPORT_ROWS = 10_000
const BATCH = 50

export async function procurementExport(
  viewer: Viewer | null,
  filter: ProcurementListFilter,
  locale: Locale,
  origin: string,
): Promise<{ header: string[]; rows: CsvCell[][] }> {
  const t = translator(locale)
  const header = [
    t('csv.procurement.title'),
    t('csv.procurement.lead'),
    t('csv.procurement.leadNumber'),
    t('csv.procurement.participants'),
    t('csv.procurement.phases'),
    t('csv.procurement.procedure'),
    t('csv.procurement.supplier'),
    t('csv.procurement.products'),
    t('csv.procurement.contractStart'),
    t('csv.procurement.contractEnd'),
    t('csv.procurement.contractValue'),
    t('csv.procurement.updated'),
    t('csv.procurement.link'),
  ]
  const rows: CsvCell[][] = []
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const result = await listProcurements(viewer, { ...filter, page, pageSize: BATCH })
    for (const p of result.items)
      rows.push([
        p.title,
        p.lead.name,
        p.lead.number,
        p.participantCount,
        p.phases.map((phase) => t(`phase.${phase}`)).join(', '),
        t(`procedure.${p.procedure}`),
        p.supplierName,
        p.products.map((product) => product.name).join(', '),
        p.contractStart ? { date: p.contractStart } : null,
        p.contractEnd ? { date: p.contractEnd } : null,
        p.contractValueNok,
        { date: p.updatedAt },
        `${origin}/anskaffelser/${p.id}`,
      ])
    if (page >= result.pageCount) break
  }
  return { header, rows: rows.slice(0, MAX_EXPORT_ROWS) }
}
