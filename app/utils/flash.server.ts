import { redirect } from 'react-router'
import { messagesFor, type MessageKey } from '~/i18n'
import { readCookie } from '~/i18n/locale.server'

const COOKIE = 'eb_flash'
export type Flash = { key: MessageKey; vars?: Record<string, string | number> }

/** Redirect after a successful form post, with a message the next page shows once. */
export function redirectWithFlash(to: string, flash: Flash, headers: HeadersInit = {}) {
  const all = new Headers(headers)
  all.append(
    'Set-Cookie',
    `${COOKIE}=${encodeURIComponent(JSON.stringify(flash))}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`,
  )
  return redirect(to, { headers: all })
}

export function readFlash(request: Request): { flash: Flash | null; clear?: string } {
  const raw = readCookie(request.headers.get('cookie'), COOKIE)
  if (!raw) return { flash: null }
  const clear = `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
  try {
    const parsed = JSON.parse(raw) as Flash
    // Only known message keys: the cookie is client-controlled and must not inject arbitrary text.
    if (typeof parsed.key !== 'string' || !Object.hasOwn(messagesFor('nb'), parsed.key)) return { flash: null, clear }
    const vars = Object.fromEntries(
      Object.entries(parsed.vars ?? {})
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
        .map(([k, v]) => [k, String(v).slice(0, 200)]),
    )
    return { flash: { key: parsed.key, vars }, clear }
  } catch {
    return { flash: null, clear }
  }
}
