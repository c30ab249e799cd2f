import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import './app.css'

import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { data, isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from 'react-router'
import type { Route } from './+types/root'
import { AppShellLayout } from './components/app-shell-layout'
import { ErrorPage } from './components/error-page'
import { resolveLocale } from './i18n/locale.server'
import { useLocale } from './i18n/use-translation'
import { cssVariablesResolver, theme } from './theme'
import { useNonce } from './utils/nonce'

export async function loader({ request }: Route.LoaderArgs) {
  const { locale, setCookie } = resolveLocale(request)
  return data({ locale }, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined)
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale()
  const nonce = useNonce()
  return (
    <html lang={locale} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <ColorSchemeScript nonce={nonce} defaultColorScheme="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return (
    <AppShellLayout>
      <Outlet />
    </AppShellLayout>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  if (!isRouteErrorResponse(error) && import.meta.env.DEV) console.error(error)
  return (
    <AppShellLayout>
      <ErrorPage status={status} details={import.meta.env.DEV && error instanceof Error ? error.stack : undefined} />
    </AppShellLayout>
  )
}
