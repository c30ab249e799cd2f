import { apiJson, serveApi } from '~/api/http.server'
import { toApiCriterion } from '~/api/views.server'
import { listCriteria } from '~/models/criteria.server'
import type { Route } from './+types/criteria'

export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () =>
    apiJson(request, { items: (await listCriteria()).map(toApiCriterion) }, { public: true }),
  )
