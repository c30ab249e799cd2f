/**
 * What a response means to the person or script that sent the request, for HTML documents and `.data` URLs alike:
 * 'ok' (200), 'login' (sent to the sign-in page), 'redirect:<path>' (sent elsewhere), or the error status.
 */
export type Outcome = 'ok' | 'login' | `redirect:${string}` | 400 | 403 | 404 | 405 | 409 | 429

export async function outcomeOf(res: Response): Promise<Outcome | number> {
  let location: string | null = null
  if (res.status >= 300 && res.status < 400) location = res.headers.get('location')
  else if (res.status === 202 && res.headers.get('content-type')?.includes('text/x-script')) {
    // Single fetch encodes a redirect in the body: [..., "redirect", "/path", ...]
    const body = await res.clone().text()
    location = body.match(/"redirect","([^"]*)"/)?.[1] ?? null
  }
  if (location !== null) {
    const path = new URL(location, 'http://localhost').pathname
    return path === '/logg-inn' ? 'login' : `redirect:${path}`
  }
  if (res.status === 200) return 'ok'
  return res.status
}
