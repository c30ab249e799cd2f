import type { NextFunction, Request, Response } from 'express'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { chooseEncoding, type Encoding } from './transport'

// The built client files (build/client) served from memory, precompressed: `npm run build` writes a .br and a .gz
// beside every compressible asset (vite.config.ts, precompressAssets), and this sends the variant the client accepts
// as it is, with no compression work per request. Hashed files under /assets/ never change: immutable for a year;
// the rest (favicon) for an hour. The build is a few megabytes, so it is read once at start-up.

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

interface StaticFile {
  type: string
  cacheControl: string
  variants: Partial<Record<Encoding, Buffer>>
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>()
  if (!existsSync(root)) return files
  for (const path of walk(root)) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue
    const url = '/' + relative(root, path).split(sep).join('/')
    const variants: StaticFile['variants'] = { identity: readFileSync(path) }
    if (existsSync(`${path}.br`)) variants.br = readFileSync(`${path}.br`)
    if (existsSync(`${path}.gz`)) variants.gzip = readFileSync(`${path}.gz`)
    files.set(url, {
      type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      cacheControl: url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      variants,
    })
  }
  return files
}

/** Express middleware answering GET and HEAD for the files under `root`; everything else goes on. */
export function staticFiles(root: string) {
  const files = loadStaticFiles(root)
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    const file = files.get(req.path)
    if (!file) {
      // A hashed asset that is not in this build (an old tab after a deploy) is a plain 404, not a page render.
      if (req.path.startsWith('/assets/')) return void res.status(404).type('text/plain').send('Not found')
      return next()
    }
    const offered = (['br', 'gzip'] as const).filter((e) => file.variants[e])
    const encoding = offered.length > 0 ? chooseEncoding(req.get('accept-encoding'), offered) : 'identity'
    const body = file.variants[encoding] ?? file.variants.identity
    res.setHeader('Content-Type', file.type)
    res.setHeader('Cache-Control', file.cacheControl)
    if (offered.length > 0) res.setHeader('Vary', 'Accept-Encoding')
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
    res.setHeader('Content-Length', String(body?.length ?? 0))
    if (req.method === 'HEAD') return void res.end()
    res.end(body)
  }
}
