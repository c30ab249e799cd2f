import { exportPersonalData } from '~/models/personal-data.server'
import { requireViewer } from '~/utils/auth.server'
import type { Route } from './+types/account-data'

// The signed-in person's own personal data as a JSON download (/konto links here). Never cached: it is one person's.
export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const data = await exportPersonalData(viewer, context.clientIp)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="erfaringsbanken-mine-data-${data.exportedAt.slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
