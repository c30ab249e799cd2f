import { PageQuery } from '~/api/contract'
import { apiJson, parseParams, serveApi } from '~/api/http.server'
import { toApiDecision } from '~/api/views.server'
import { listPublishedDecisions } from '~/models/decision-views.server'
import type { Route } from './+types/decisions'

export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseParams(PageQuery, Object.fromEntries(new URL(request.url).searchParams))
    if (!parsed.ok) return parsed.response
    const result = await listPublishedDecisions(null, { page: parsed.data.side, pageSize: parsed.data.antall })
    const { items, total, page, pageSize, pageCount } = result
    return apiJson(request, { items: items.map(toApiDecision), total, page, pageSize, pageCount }, { public: true })
  })
