import { data } from 'react-router'
import { attachmentExists, openAttachment } from '~/models/dossier.server'
import { requireViewer } from '~/utils/auth.server'
import type { Route } from './+types/attachment'
import { idParam } from '~/utils/params'

// A dossier attachment, served only through this route and only as a download (the file lives outside public/). The
// supplier's own members and the coordinators may fetch it (the assessment page links here); a visitor is sent to
// sign in, anyone else signed in gets 403, and an id that does not exist 404.
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  const attachmentId = idParam(params.attachmentId)
  const download = await openAttachment(viewer, attachmentId)
  if (!download) throw data(null, { status: (await attachmentExists(attachmentId)) ? 403 : 404 })
  return new Response(download.stream(), { headers: download.headers })
}
