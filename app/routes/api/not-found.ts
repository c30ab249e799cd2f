import { notFound, serveApi } from '~/api/http.server'
import type { Route } from './+types/not-found'

// Anything else under /api answers a JSON 404, not the HTML page.
export const loader = ({ context }: Route.LoaderArgs) => serveApi(context, async () => notFound())
export const action = ({ context }: Route.ActionArgs) => serveApi(context, async () => notFound())
