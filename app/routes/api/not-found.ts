import { notFound, serveApi } from '~/api/http.server'
import type { Route } from './+types/not-found'

// Anything else under /api answers a JSON 404, not the HTML page.
export function loader({ context }: Route.LoaderArgs) {
  return serveApi(context, async () => notFound())
}

export function action({ context }: Route.ActionArgs) {
  return serveApi(context, async () => notFound())
}
