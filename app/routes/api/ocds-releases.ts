import { OcdsPageQuery } from '~/api/contract'
import { parseParams, serveApi, viewerJson } from '~/api/http.server'
import { toReleasePackage } from '~/domain/ocds'
import { ocdsReleasePage } from '~/models/ocds.server'
import { getViewer } from '~/utils/auth.server'
import { publicOrigin } from '~/utils/env.server'
import type { Route } from './+types/ocds-releases'

// Every procurement as OCDS releases, a page at a time; what each viewer may see (decision 012).
export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const url = new URL(request.url)
    const parsed = parseParams(OcdsPageQuery, Object.fromEntries(url.searchParams))
    if (!parsed.ok) return parsed.response
    const viewer = await getViewer(request)
    const page = await ocdsReleasePage(viewer, { page: parsed.data.side, pageSize: parsed.data.antall })
    const body = toReleasePackage(page.items, {
      uri: publicOrigin() + url.pathname + url.search,
      fallbackDate: '2026-01-01T00:00:00.000Z',
    })
    const headers = new Headers()
    if (page.page < page.pageCount) {
      const next = new URL(url)
      next.searchParams.set('side', String(page.page + 1))
      headers.set('Link', `<${next.pathname}${next.search}>; rel="next"`)
    }
    const response = viewerJson(request, viewer, body)
    for (const [k, v] of headers) response.headers.set(k, v)
    return response
  })
