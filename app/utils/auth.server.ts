import type { Kysely } from 'kysely'
import { data, redirect } from 'react-router'
import { getDb } from '../../db/client'
import type { DB } from '../../db/schema'
import { readCookie } from '~/i18n/locale.server'
import { isRecentStepUp } from '~/domain/account-security'
import { confirmIdentity } from '~/models/step-up.server'
import type { Viewer } from '~/policy/viewer'
import { now } from './clock.server'
import { invalidFields, ok, type Result } from './refusal'
import { getEnv } from './env.server'
import { ChangeMemo } from '~/models/change-memo.server'
import { invalidateSession, readSession, SESSION_COOKIE, sessionIdFromToken, validateSession } from './session.server'

export type SessionState =
  | { kind: 'none' }
  /** Password accepted, second factor still to come: only /logg-inn/tofaktor accepts this session. */
  | { kind: 'awaiting_second_factor'; sessionId: string; userId: number }
  /** `reauthenticatedAt`: when the password (or a second factor) was last proved on this session (step-up). */
  | { kind: 'signed_in'; viewer: Viewer; reauthenticatedAt: string | null }

// Loaders of one request run in parallel and each asks for the viewer: resolve it once per Request.
const cache = new WeakMap<Request, Promise<SessionState>>()

// React Router hands each loader its own copy of the Request, so the WeakMap above does not join the root loader and
// the page's loader: the session's row and its user's row are also kept, by session id, until the database changes
// (ChangeMemo on any commit: it reads the session table, which the content version leaves out; sign-out, a
// deactivation, a role change and the once-a-minute touch all write). Expiry is checked on
// every read (validateSession), since time moves without a write.
const sessionReads = new ChangeMemo<{
  session: NonNullable<Awaited<ReturnType<typeof readSession>>> | null
  row: NonNullable<Awaited<ReturnType<typeof viewerRowOf>>> | null
}>(1000, 'any')

export function getSessionState(request: Request): Promise<SessionState> {
  let pending = cache.get(request)
  if (!pending) {
    pending = loadSessionState(request)
    cache.set(request, pending)
  }
  return pending
}

async function loadSessionState(request: Request): Promise<SessionState> {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE)
  if (!token || !/^[a-z2-7]{20,64}$/.test(token)) return { kind: 'none' }
  const id = sessionIdFromToken(token)
  const read = await sessionReads.get(id, async () => {
    const stored = (await readSession(id)) ?? null
    return { session: stored, row: stored ? ((await viewerRowOf(getDb(), stored.user_id)) ?? null) : null }
  })
  const session = await validateSession(read.session)
  if (!session) return { kind: 'none' }
  const row = read.row
  if (!row) return { kind: 'none' }
  if (row.deactivated_at !== null) {
    // Deactivation ends the sessions at once; this catches one that was in flight at that moment.
    await invalidateSession(session.id)
    return { kind: 'none' }
  }
  const twoFactorEnabled = row.totp_enabled_at !== null
  if (twoFactorEnabled && session.two_factor_verified !== 1) {
    return { kind: 'awaiting_second_factor', sessionId: session.id, userId: row.userId }
  }
  const { totp_enabled_at: _, deactivated_at: __, ...rest } = row
  return {
    kind: 'signed_in',
    reauthenticatedAt: session.reauthenticated_at,
    viewer: {
      ...rest,
      sessionId: session.id,
      twoFactorEnabled,
      mustEnrolTwoFactor: mustEnrol(row.role, twoFactorEnabled),
    },
  }
}

/**
 * A user with their organisation, as a Viewer is made of: the session's viewer here, a notification's recipient as the
 * policy sees them (app/models/notifications.server.ts).
 */
export function viewerRowOf(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('user')
    .innerJoin('organisation', 'organisation.id', 'user.organisation_id')
    .select([
      'user.id as userId',
      'user.name',
      'user.email',
      'user.role',
      'user.status',
      'user.totp_enabled_at',
      'user.deactivated_at',
      'organisation.id as organisationId',
      'organisation.name as organisationName',
      'organisation.kind as organisationKind',
      'organisation.status as organisationStatus',
      'organisation.municipality_number as municipalityNumber',
    ])
    .where('user.id', '=', userId)
    .executeTakeFirst()
}

/** Coordinators and admins must use two-factor sign-in outside demo mode. */
function mustEnrol(role: Viewer['role'], enabled: boolean) {
  return (role === 'coordinator' || role === 'admin') && !enabled && !getEnv().demoMode
}

/** The signed-in viewer, or null for a visitor. */
export async function getViewer(request: Request): Promise<Viewer | null> {
  const state = await getSessionState(request)
  return state.kind === 'signed_in' ? state.viewer : null
}

/** A signed-in viewer, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request)
  if (!viewer) {
    const url = new URL(request.url)
    const back = url.pathname.replace(/\.data$/, '') + url.search
    throw redirect(`/logg-inn?redirectTo=${encodeURIComponent(back)}`)
  }
  return viewer
}

/** Throws 403 unless the check passes: use with the policy's predicates. */
export function assertAllowed(allowed: boolean): asserts allowed {
  if (!allowed) throw data(null, { status: 403 })
}

/** Whether this session must prove the password (or a second factor) again before a sensitive change (step-up). */
export async function needsStepUp(request: Request): Promise<boolean> {
  const state = await getSessionState(request)
  return state.kind !== 'signed_in' || !isRecentStepUp(state.reauthenticatedAt, now())
}

/**
 * The step-up before a sensitive change: passes when the password or a second factor was proved on this session in
 * the last few minutes, or when `secret` (from the form's step-up field) proves it now. Otherwise a refusal on the
 * step-up field, which the page shows with the field.
 */
export async function stepUp(
  request: Request,
  viewer: Viewer,
  secret: string | null | undefined,
  ip: string,
  field = 'stepUpSecret',
): Promise<Result<null>> {
  if (secret) return confirmIdentity(viewer, secret, ip, field)
  if (!(await needsStepUp(request))) return ok(null)
  return invalidFields({ [field]: 'stepUp.required' })
}
