import { procurementFilterFromParams } from '~/forms/procurement'
import { resolveLocale } from '~/i18n/locale.server'
import { procurementExport } from '~/models/procurement-export.server'
import { getViewer } from '~/utils/auth.server'
import { csvResponse, toCsv } from '~/utils/csv.server'
import { publicOrigin } from '~/utils/env.server'
import type { Route } from './+types/export'

// /anskaffelser/eksport?…: the procurement list with the same filters (kommune for one municipality's), as a CSV file
// for Norwegian Excel.
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const url = new URL(request.url)
  const { locale } = resolveLocale(request)
  const filter = procurementFilterFromParams(url.searchParams, 50)
  const { header, rows } = await procurementExport(viewer, filter, locale, publicOrigin())
  return csvResponse(
    `erfaringsbanken-anskaffelser${filter.municipality ? `-${filter.municipality}` : ''}.csv`,
    toCsv(header, rows),
  )
}
