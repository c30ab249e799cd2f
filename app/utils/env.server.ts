import { availableParallelism } from 'node:os'
import { z } from 'zod'

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'], { message: 'must be 1, 0, true or false' })
  .transform((v) => v === '1' || v === 'true')

// 32 bytes in base64: 43 characters and one padding '='.
const AES_KEY = /^[A-Za-z0-9+/]{43}=$/

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/erfaringsbanken.sqlite'),
  DEMO: booleanFlag.optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Express "trust proxy" setting; off unless an operator knows the proxy in front. */
  TRUST_PROXY: z
    .string()
    .regex(/^(false|true|loopback|\d+|[\d.:/a-f, ]+)$/i, {
      message: 'must be false, true, loopback, a hop count or addresses',
    })
    .default('false'),
  /** Public origin (https://erfaringsbanken.no) when it differs from what the server sees behind a proxy. */
  PUBLIC_ORIGIN: z.url({ message: 'must be an absolute URL such as https://erfaringsbanken.no' }).optional(),
  /** Outgoing mail server (smtp://user:password@host:587 or smtps://...:465). Without it, demo mode keeps messages in
   * the outbox on /admin/utboks; outside demo mode it is required. */
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      message: 'must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example:465',
    })
    .optional(),
  /** The sender of every message: an address, optionally with a name ("Erfaringsbanken <ikke-svar@example.no>"). */
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, {
      message: 'must be an e-mail address, optionally with a name: Erfaringsbanken <ikke-svar@example.no>',
    })
    .default('Erfaringsbanken <ikke-svar@erfaringsbanken.invalid>'),
  /**
   * AES-256-GCM key for two-factor secrets at rest: 32 random bytes in base64 (`openssl rand -base64 32`). Required in
   * production outside demo mode (checked at start-up, requireProductionSecrets); elsewhere a fixed, public
   * development key is used. Rotation: docs/decisions/015-sign-in-throttling.md.
   */
  TOTP_ENCRYPTION_KEY: z.string().regex(AES_KEY, { message: 'must be 32 random bytes in base64' }).optional(),
  /** Earlier keys, comma-separated, while a rotation re-encrypts the secrets under the new one. */
  TOTP_ENCRYPTION_KEYS_OLD: z
    .string()
    .regex(new RegExp(`^${AES_KEY.source.slice(1, -1)}(,${AES_KEY.source.slice(1, -1)})*$`), {
      message: 'must be comma-separated keys of 32 bytes in base64',
    })
    .optional(),
  /** Memory for stored public pages (server/page-cache.ts), in megabytes; 0 turns the cache off. */
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Server processes (server.ts, docs/decisions/017-worker-per-core.md): one per core unless set; 1 runs the server
   * in a single process without node:cluster, as development always does (Vite's dev server is one process). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** The controller (behandlingsansvarlig) named in the privacy statement. */
  PRIVACY_CONTROLLER: z.string().trim().min(2).max(200).default('Nasjonal koordinering for velferdsteknologi'),
  /** Where people send requests about their personal data. */
  PRIVACY_CONTACT: z.email({ message: 'must be an e-mail address' }).default('personvern@erfaringsbanken.no'),
})

export type Env = Omit<z.infer<typeof EnvSchema>, 'WEB_CONCURRENCY'> & { demoMode: boolean; WEB_CONCURRENCY: number }

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = EnvSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new EnvError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`)
  }
  const env = result.data
  // Demo mode is the default everywhere except a production deployment that did not ask for it.
  const demoMode = env.DEMO ?? env.NODE_ENV !== 'production'
  const workers = env.NODE_ENV === 'development' ? 1 : (env.WEB_CONCURRENCY ?? availableParallelism())
  return { ...env, demoMode, WEB_CONCURRENCY: workers }
}

/**
 * What a production deployment must configure beyond the defaults: checked once at start-up (server.ts and the
 * command-line scripts), so a missing secret stops the server instead of failing at the first sign-in.
 */
export function requireProductionSecrets(env: Env) {
  if (env.NODE_ENV === 'production' && !env.demoMode && !env.TOTP_ENCRYPTION_KEY) {
    throw new EnvError(
      'Invalid configuration (see .env.example):\n  TOTP_ENCRYPTION_KEY: required in production (32 random bytes in base64: openssl rand -base64 32)',
    )
  }
}

// Cached on globalThis: tests drive the built bundle, which has its own copy of this module, and must be able to
// make both re-read process.env.
const store = globalThis as typeof globalThis & { __erfaringsbankenEnv?: Env }

export function getEnv(): Env {
  store.__erfaringsbankenEnv ??= parseEnv(process.env)
  return store.__erfaringsbankenEnv
}

/**
 * Checked at start-up: a real deployment must be able to send mail (password resets, address confirmations). Only
 * demo mode may keep messages in the in-app outbox instead.
 */
export function assertMailConfigured(env: Env) {
  if (env.demoMode || env.SMTP_URL) return
  throw new EnvError(
    'Invalid configuration (see .env.example):\n  SMTP_URL: required outside demo mode (smtps://user:pass@host:465)\n' +
      '  MAIL_FROM: set it too, to an address of your own domain',
  )
}

/** Tests change process.env; they call this to re-read it. */
export function resetEnvCache() {
  store.__erfaringsbankenEnv = undefined
}

/**
 * The site's own origin for absolute links: in e-mails, the CSV exports and the API's URIs (OCDS, DCAT). PUBLIC_ORIGIN,
 * else this server on localhost; never the request's Host (or X-Forwarded-Host) header, which a client chooses: a
 * public, cacheable answer built from it would carry an attacker's address to everyone the cache serves.
 */
export function publicOrigin() {
  const env = getEnv()
  return (env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
}

export const absoluteUrl = (path: string) => `${publicOrigin()}${path}`

/** Demo mode without a mail server: every message stays in the admins' outbox (/admin/utboks) instead of being sent
 * (app/utils/mail.server.ts), so the pages that promise an e-mail say where to find it. */
export function mailKeptInOutbox(env: Env = getEnv()): boolean {
  return env.demoMode && !env.SMTP_URL
}
