import { ProcurementPath } from '~/api/contract'
import { notFound, parseParams, serveApi, viewerJson } from '~/api/http.server'
import { toReleasePackage } from '~/domain/ocds'
import { ocdsRelease } from '~/models/ocds.server'
import { getViewer } from '~/utils/auth.server'
import { publicOrigin } from '~/utils/env.server'
import type { Route } from './+types/ocds-release'

// One procurement as an OCDS release package; what this viewer may see (decision 012).
export const loader = ({ request, params, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseParams(ProcurementPath, params)
    if (!parsed.ok) return parsed.response
    const viewer = await getViewer(request)
    const release = await ocdsRelease(viewer, parsed.data.procurementId)
    if (!release) return notFound()
    const url = new URL(request.url)
    const body = toReleasePackage([release], {
      uri: publicOrigin() + url.pathname,
      fallbackDate: '2026-01-01T00:00:00.000Z',
    })
    return viewerJson(request, viewer, body)
  })
