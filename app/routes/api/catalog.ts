import { apiJson, serveApi } from '~/api/http.server'
import { dcatCatalog } from '~/domain/dcat'
import { publicOrigin } from '~/utils/env.server'
import type { Route } from './+types/catalog'

// The DCAT-AP-NO description of the open data, for the national data catalogue to harvest (JSON-LD).
export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const response = apiJson(request, dcatCatalog(publicOrigin(), '2026-12-02'), { public: true })
    response.headers.set('Content-Type', 'application/ld+json; charset=utf-8')
    return response
  })
