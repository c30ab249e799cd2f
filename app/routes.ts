import { index, route, type RouteConfig } from '@react-router/dev/routes'

// The URL map. Every route here needs a row in tests/routes/authorization-matrix.test.ts.
export default [
  index('routes/home.tsx'),
  route('tilgjengelighet', 'routes/accessibility.tsx'),
  route('personvern', 'routes/privacy.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('logg-inn', 'routes/sign-in.tsx'),
  route('logg-inn/tofaktor', 'routes/sign-in-second-factor.tsx'),
  route('logg-ut', 'routes/sign-out.ts'),
  route('registrer', 'routes/sign-up.tsx'),
  route('konto', 'routes/account.tsx'),
  route('konto/tofaktor', 'routes/account-two-factor.tsx'),
  route('konto/organisasjon', 'routes/account-organisation.tsx'),
  route('koordinator', 'routes/coordinator.tsx'),
  route('koordinator/revisjon', 'routes/coordinator-audit.tsx'),
  route('admin', 'routes/admin.tsx'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
