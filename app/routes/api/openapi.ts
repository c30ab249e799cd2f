import { apiJson, serveApi } from '~/api/http.server'
import { openApiDocument } from '~/api/openapi.server'
import type { Route } from './+types/openapi'

export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => apiJson(request, openApiDocument(), { public: true }))
