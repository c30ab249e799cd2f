import { PageQuery, ProcurementPath } from '~/api/contract'
import { notFound, parseParams, serveApi, viewerJson } from '~/api/http.server'
import { toApiExperience } from '~/api/views.server'
import { listProcurementExperiences } from '~/models/experience-views.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { getViewer } from '~/utils/auth.server'
import type { Route } from './+types/procurement-experiences'

// A procurement's experience reports as its page lists them for this viewer (experience-visible: municipalities and
// coordinators, the supplier of the rated product; the author's own drafts; none for the public, who get the
// published figures on the product instead).
export const loader = ({ request, params, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const path = parseParams(ProcurementPath, params)
    if (!path.ok) return path.response
    const query = parseParams(PageQuery, Object.fromEntries(new URL(request.url).searchParams))
    if (!query.ok) return query.response
    const access = await getProcurementAccess(path.data.procurementId)
    if (!access.ok) return notFound()
    const viewer = await getViewer(request)
    const result = await listProcurementExperiences(viewer, access.value, {
      page: query.data.side,
      pageSize: query.data.antall ?? 20,
    })
    const { items, total, page, pageSize, pageCount } = result
    return viewerJson(request, viewer, { items: items.map(toApiExperience), total, page, pageSize, pageCount })
  })
