import type { Config } from '@react-router/dev/config'

export default {
  ssr: true,
  appDirectory: 'app',
  // React Router 8's changes, each declined explicitly until an upgrade takes them one at a time (left unset, every
  // build prints a warning per flag). v8_middleware would change the loaders' `context` from server/app.ts's load
  // context (the CSP nonce, the client address) to a RouterContextProvider; v8_passThroughRequests and
  // v8_trailingSlashAwareDataRequests change the request and `.data` URLs the page cache and loaders see.
  future: {
    v8_middleware: false,
    v8_splitRouteModules: false,
    v8_viteEnvironmentApi: false,
    v8_passThroughRequests: false,
    v8_trailingSlashAwareDataRequests: false,
  },
} satisfies Config
