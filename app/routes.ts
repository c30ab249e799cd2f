import { index, route, type RouteConfig } from '@react-router/dev/routes'

// The URL map. Every route here needs a row in tests/routes/authorization-matrix.test.ts.
export default [
  index('routes/home.tsx'),
  route('tilgjengelighet', 'routes/accessibility.tsx'),
  route('personvern', 'routes/privacy.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
