import { BenefitsQuery } from '~/api/contract'
import { apiJson, parseParams, serveApi } from '~/api/http.server'
import { toApiBenefitOverview } from '~/api/views.server'
import { benefitOverview } from '~/models/benefit-overview.server'
import type { Route } from './+types/benefits'

// The national benefit overview as the public sees it on /innsikt: only the figures published in steps (decision 011),
// the same for every client whoever is signed in, so it is cached like the register.
export const loader = ({ request, context }: Route.LoaderArgs) =>
  serveApi(context, async () => {
    const parsed = parseParams(BenefitsQuery, Object.fromEntries(new URL(request.url).searchParams))
    if (!parsed.ok) return parsed.response
    const overview = await benefitOverview(null, {
      category: parsed.data.kategori,
      populationBand: parsed.data.innbyggere,
    })
    return apiJson(request, toApiBenefitOverview(overview), { public: true })
  })
