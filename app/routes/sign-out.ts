import { redirect } from 'react-router'
import { audit } from '~/utils/audit.server'
import { getSessionState } from '~/utils/auth.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { clearSessionCookie, invalidateSession } from '~/utils/session.server'
import type { Route } from './+types/sign-out'

// Signing out changes state, so it is POST only; a GET just goes home.
export function loader() {
  return redirect('/')
}

export async function action({ request, context }: Route.ActionArgs) {
  const state = await getSessionState(request)
  if (state.kind !== 'none') {
    const sessionId = state.kind === 'signed_in' ? state.viewer.sessionId : state.sessionId
    const userId = state.kind === 'signed_in' ? state.viewer.userId : state.userId
    await invalidateSession(sessionId)
    await audit({
      action: 'auth.sign_out',
      actorUserId: userId,
      target: { type: 'user', id: userId },
      ip: context.clientIp,
    })
  }
  return redirectWithFlash('/', { key: 'signIn.signedOut' }, { 'Set-Cookie': clearSessionCookie(request) })
}
