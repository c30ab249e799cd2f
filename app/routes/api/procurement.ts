import { ProcurementPath } from '~/api/contract'
import { notFound, parseParams, serveApi, viewerJson } from '~/api/http.server'
import { toApiProcurementDetail } from '~/api/views.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { getProcurement } from '~/models/procurement-detail.server'
import { getViewer } from '~/utils/auth.server'
import type { Route } from './+types/procurement'

// One procurement as its page shows it to this viewer: commercial terms, internal notes, follow-up and names only
// where the policy lets them (the detail model selects them).
export const loader = ({ request, params, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseParams(ProcurementPath, params)
    if (!parsed.ok) return parsed.response
    const access = await getProcurementAccess(parsed.data.procurementId)
    if (!access.ok) return notFound()
    const viewer = await getViewer(request)
    return viewerJson(request, viewer, toApiProcurementDetail(await getProcurement(viewer, access.value)))
  })
