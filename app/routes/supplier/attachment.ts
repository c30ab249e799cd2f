import { openAttachment } from '~/models/dossier.server'
import { requireViewer } from '~/utils/auth.server'
import { idParam } from '~/utils/params'
import { valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/attachment'

// A dossier attachment, served only through this route and only as a download (the file lives outside public/). The
// supplier's own members and the coordinators may fetch it (the assessment page links here); a visitor is sent to
// sign in, anyone else signed in gets 403, and an id that does not exist 404.
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const download = valueOrThrow(await openAttachment(viewer, idParam(params.attachmentId)))
  return new Response(download.stream(), { headers: download.headers })
}
