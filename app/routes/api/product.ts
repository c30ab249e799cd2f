import { ProductPath } from '~/api/contract'
import { apiJson, notFound, parseParams, serveApi } from '~/api/http.server'
import { toApiProductDetail } from '~/api/views.server'
import { productDecisionHistory } from '~/models/decision-views.server'
import { publishedAggregateOf } from '~/models/experience-aggregates.server'
import { getProductForViewer } from '~/models/products.server'
import type { Route } from './+types/product'

// One product as the public sees it: public versions, published decisions and the figures published in steps.
export const loader = ({ request, params, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseParams(ProductPath, params)
    if (!parsed.ok) return parsed.response
    const product = await getProductForViewer(null, parsed.data.productId)
    if (!product) return notFound()
    const [decisions, aggregate] = await Promise.all([
      productDecisionHistory(null, product.access),
      publishedAggregateOf(product.id),
    ])
    return apiJson(request, toApiProductDetail(product, decisions, aggregate), { public: true })
  })
