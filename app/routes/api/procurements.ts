import { ProcurementsQuery } from '~/api/contract'
import { parseParams, serveApi, viewerJson } from '~/api/http.server'
import { toApiProcurementSummary } from '~/api/views.server'
import { procurementFilterFromParams } from '~/forms/procurement'
import { listProcurements } from '~/models/procurement-list.server'
import { getViewer } from '~/utils/auth.server'
import type { Route } from './+types/procurements'

// The procurement list (/anskaffelser) with the page's query parameters, as this viewer sees it there: the contract
// value only where commercial-terms lets them (the list model decides). A value the page would ignore is a 400 here.
export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const { searchParams } = new URL(request.url)
    const parsed = parseParams(ProcurementsQuery, Object.fromEntries(searchParams))
    if (!parsed.ok) return parsed.response
    const viewer = await getViewer(request)
    const result = await listProcurements(viewer, procurementFilterFromParams(searchParams, parsed.data.antall ?? 20))
    const { items, total, page, pageSize, pageCount } = result
    return viewerJson(request, viewer, {
      items: items.map(toApiProcurementSummary),
      total,
      page,
      pageSize,
      pageCount,
    })
  })
