import { apiJson, serveApi } from '~/api/http.server'
import { toApiCategory } from '~/api/views.server'
import { listCategoryNames } from '~/models/reference.server'
import type { Route } from './+types/categories'

export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () =>
    apiJson(request, { items: (await listCategoryNames()).map(toApiCategory) }, { public: true }),
  )
