import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { Readable } from 'node:stream'

// Dossier attachments are confidential, so they live next to the database, never under public/ or the build: the
// only way to a file is the authorised download in app/models/dossier.server.ts. Deriving the folder from
// DATABASE_PATH (as db/client.ts does) keeps a deployment's files with its database, and keeps test databases'
// files in their temporary folder.

export function attachmentsDir(): string {
  const databasePath = process.env.DATABASE_PATH || './data/erfaringsbanken.sqlite'
  return join(dirname(resolve(databasePath)), 'attachments')
}

// 128 random bits, hex: unguessable, and the only shape a stored name may have, so a name read from the database
// can never point outside the folder.
const STORED_NAME = /^[0-9a-f]{32}$/

function pathOf(storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error('invalid stored attachment name')
  return join(attachmentsDir(), storedName)
}

/** Writes the bytes under a new random name (write to a temporary file, then rename, so no half file is seen). */
export async function storeAttachment(
  bytes: Uint8Array,
): Promise<{ storedName: string; sha256: string; sizeBytes: number }> {
  const dir = attachmentsDir()
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const storedName = randomBytes(16).toString('hex')
  const target = pathOf(storedName)
  const temporary = `${target}.part`
  await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 })
  await rename(temporary, target)
  return { storedName, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length }
}

/** A web stream of the file, for a Response body. */
export function openAttachmentStream(storedName: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(pathOf(storedName))) as ReadableStream<Uint8Array>
}

export async function removeAttachment(storedName: string): Promise<void> {
  await rm(pathOf(storedName), { force: true })
}

/** Headers for serving a stored PDF: always as a download, never sniffed, never cached by shared caches. */
export function attachmentDownloadHeaders(meta: { filename: string; sizeBytes: number }): Headers {
  const ascii = meta.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return new Headers({
    'Content-Type': 'application/pdf',
    'Content-Length': String(meta.sizeBytes),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    // If a browser renders it anyway, it runs in an opaque origin with nothing allowed.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  })
}
