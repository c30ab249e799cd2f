import { ProcurementPath } from '~/api/contract'
import { notFound, parseParams, serveApi, viewerJson } from '~/api/http.server'
import { toApiBenefitRecord } from '~/api/views.server'
import { listProcurementBenefits } from '~/models/benefits.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { canViewBenefitsOf } from '~/policy/benefits'
import { getViewer } from '~/utils/auth.server'
import type { Route } from './+types/procurement-benefits'

// A procurement's benefit records with baselines and measurements, for whom its benefit page is open
// (benefit-visible); anyone else gets the same 404 as the page. The records are selected by the same model.
export const loader = ({ request, params, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseParams(ProcurementPath, params)
    if (!parsed.ok) return parsed.response
    const access = await getProcurementAccess(parsed.data.procurementId)
    const viewer = await getViewer(request)
    if (!access.ok || !canViewBenefitsOf(viewer, access.value)) return notFound()
    const records = await listProcurementBenefits(viewer, access.value)
    return viewerJson(request, viewer, { items: records.map(toApiBenefitRecord) })
  })
