import '@mantine/core/styles.css'
import './app.css'

import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from '@mantine/core'
import type { ReactNode } from 'react'
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  redirect,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from 'react-router'
import { catalogueUrl } from '#i18n/catalogue'
import type { Route } from './+types/root'
import { AppShellLayout } from './components/app-shell-layout'
import { ErrorPage } from './components/error-page'
import { resolveLocale } from './i18n/locale.server'
import { useLocale } from './i18n/use-translation'
import { getAccount } from './models/accounts.server'
import { effectiveRole } from './policy'
import { cssVariablesResolver, theme, themeCssVariables } from './theme'
import { getViewer } from './utils/auth.server'
import { mailKeptInOutbox } from './utils/env.server'
import { readFlash } from './utils/flash.server'
import { useNonce } from './utils/nonce'

// Paths a coordinator or admin who must still enrol two-factor may use.
const ENROLMENT_PATHS = ['/konto/tofaktor', '/logg-ut', '/tilgjengelighet', '/personvern']

export async function loader({ request }: Route.LoaderArgs) {
  const { locale, setCookie } = resolveLocale(request)
  const viewer = await getViewer(request)
  const path = new URL(request.url).pathname.replace(/\.data$/, '')
  if (viewer?.mustEnrolTwoFactor && !ENROLMENT_PATHS.includes(path)) throw redirect('/konto/tofaktor')
  const { flash, clear } = readFlash(request)
  const headers = new Headers()
  if (setCookie) headers.append('Set-Cookie', setCookie)
  if (clear) headers.append('Set-Cookie', clear)
  // Only what the shell needs about the viewer goes to the browser.
  const rejected = viewer && (viewer.status === 'rejected' || viewer.organisationStatus === 'rejected')
  // A pending account may still have to confirm its e-mail address before anyone can verify it.
  const account = viewer && (rejected || viewer.status === 'pending') ? await getAccount(viewer.userId) : null
  const rejectionReason =
    rejected && account ? (account.decision_reason ?? account.organisationDecisionReason ?? '') : null
  const unconfirmedEmail = viewer && account && account.email_confirmed === 0 ? viewer.email : null
  return data(
    {
      locale,
      flash,
      // Demo mode without SMTP keeps every message in the admins' outbox: pages that promise an e-mail say where it is.
      mailInOutbox: mailKeptInOutbox(),
      viewer: viewer
        ? {
            name: viewer.name,
            role: viewer.role,
            effectiveRole: effectiveRole(viewer),
            organisationKind: viewer.organisationKind,
            mustEnrolTwoFactor: viewer.mustEnrolTwoFactor,
            rejectionReason,
            unconfirmedEmail,
          }
        : null,
    },
    { headers },
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale()
  const nonce = useNonce()
  // The active language's messages, which the browser fetches before it hydrates (app/i18n/catalogue.browser.ts).
  const catalogue = catalogueUrl(locale)
  return (
    <html lang={locale} data-catalogue={catalogue} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The .ico for browsers without SVG icons (Safari); sizes="32x32" keeps the others on the SVG. */}
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <ColorSchemeScript nonce={nonce} defaultColorScheme="light" />
        <Meta />
        <Links />
        <link rel="preload" href={catalogue} as="fetch" crossOrigin="anonymous" />
      </head>
      <body>
        <MantineProvider
          theme={theme}
          cssVariablesResolver={cssVariablesResolver}
          defaultColorScheme="light"
          withCssVariables={false}
        >
          <style data-mantine-styles="true" dangerouslySetInnerHTML={{ __html: themeCssVariables() }} />
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
