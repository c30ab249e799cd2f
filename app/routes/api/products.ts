import { apiJson, badRequest, serveApi } from '~/api/http.server'
import { toApiProductSummary } from '~/api/views.server'
import { parseRegisterQuery } from '~/forms/register-query'
import { listCategories } from '~/models/reference.server'
import { searchRegister } from '~/models/register-search.server'
import type { Route } from './+types/products'

// The register search as JSON, with the register page's own query parameters; always the public view.
export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseRegisterQuery(new URL(request.url).searchParams)
    if (!parsed.ok) return badRequest(parsed.refusals)
    const { search } = parsed
    if (search.category && !(await listCategories('nb')).some((c) => c.slug === search.category))
      return badRequest([{ parameter: 'kategori', message: 'Ukjent kategori / unknown category' }])
    const result = await searchRegister(null, search)
    const { items, total, page, pageSize, pageCount } = result
    return apiJson(
      request,
      { items: items.map(toApiProductSummary), total, page, pageSize, pageCount },
      { public: true },
    )
  })
