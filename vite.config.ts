import { reactRouter } from '@react-router/dev/vite'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)

/**
 * Writes `name.br` and `name.gz` beside every compressible client file, at the highest settings, once per build:
 * server/static-files.ts sends them as they are instead of compressing the same file on every request.
 */
function precompressAssets(): Plugin {
  let ssr = false
  return {
    name: 'erfaringsbanken:precompress-assets',
    apply: 'build',
    configResolved(config) {
      ssr = Boolean(config.build.ssr)
    },
    async writeBundle(options, bundle) {
      if (ssr || !options.dir) return
      const dir = options.dir
      const names = Object.keys(bundle).filter((name) => /\.(js|mjs|css|svg|json|txt|html|map)$/.test(name))
      await Promise.all(
        names.map(async (name) => {
          const path = join(dir, name)
          const source = await readFile(path)
          if (source.length < 1024) return
          const [gz, br] = await Promise.all([
            gzip(source, { level: 9 }),
            brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
          ])
          await Promise.all([writeFile(`${path}.gz`, gz), writeFile(`${path}.br`, br)])
        }),
      )
    },
  }
}

export default defineConfig({
  plugins: [reactRouter(), precompressAssets()],
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  build: { target: 'es2022' },
  // Mantine ships every component as its own module file: loading them one by one from node_modules took a worker
  // about a second of its start. Bundled into the server build, they load with it in one file (all three packages, or
  // the charts would import a second copy of the core, without the provider's context).
  ssr: { noExternal: ['@mantine/core', '@mantine/hooks', '@mantine/charts'] },
})
