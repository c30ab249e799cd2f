import { Alert, Button, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { Form, Link, NavLink, useLocation } from 'react-router'
import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'
import { useRootData } from '~/utils/root-data'

type NavItem = { to: string; label: MessageKey }
type ShellViewer = NonNullable<NonNullable<ReturnType<typeof useRootData>>['viewer']>

const publicNav: NavItem[] = [
  { to: '/register', label: 'nav.register' },
  { to: '/anskaffelser', label: 'nav.procurements' },
  { to: '/innsikt', label: 'nav.insight' },
]

/** Navigation follows the effective role: a pending account sees what a visitor sees. */
function navFor(viewer: ShellViewer | null): NavItem[] {
  switch (viewer?.effectiveRole) {
    case 'buyer':
      // "Min kommune" is the municipality's own procurements, due follow-ups and drafts; the membership page is linked
      // from there.
      return [...publicNav, { to: '/min-kommune', label: 'nav.myMunicipality' }]
    case 'supplier':
      return [
        ...publicNav,
        { to: '/leverandor', label: 'nav.supplierWorkspace' },
        { to: '/konto/organisasjon', label: 'nav.myCompany' },
      ]
    case 'coordinator':
      return [...publicNav, { to: '/koordinator', label: 'nav.coordinator' }]
    case 'admin':
      return [...publicNav, { to: '/koordinator', label: 'nav.coordinator' }, { to: '/admin', label: 'nav.admin' }]
    default:
      return publicNav
  }
}

/**
 * The page shell: skip link, header with the main menu and the language switch, main, footer. Plain elements with the
 * classes of app.css ("Page shell"), not Mantine's Container, Group, Anchor and Button: the shell renders on every
 * request, and those components cost about as much as a small page. The menu wraps on a narrow screen, so it needs no
 * burger, and every control is a link or a form, so it works without JavaScript.
 */
export function AppShellLayout({ children }: { children: ReactNode }) {
  const t = useT()
  const root = useRootData()
  const viewer = root?.viewer ?? null
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="shell-header">
        <div className="shell-container shell-bar">
          <Link to="/" className="shell-brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.label')} className="shell-nav">
            {navFor(viewer).map((item) => (
              <NavAnchor key={item.to} to={item.to} label={t(item.label)} />
            ))}
            {viewer ? (
              <>
                <NavAnchor to="/konto" label={t('nav.account')} />
                <Form method="post" action="/logg-ut">
                  <button type="submit" className="btn btn-subtle btn-compact-md shell-sign-out">
                    {t('nav.signOut')}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavAnchor to="/logg-inn" label={t('nav.signIn')} />
                <NavAnchor to="/registrer" label={t('nav.signUp')} />
              </>
            )}
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      <main id="main" className="shell-container shell-main" tabIndex={-1}>
        <ViewerNotices viewer={viewer} />
        {root?.flash ? (
          <Alert role="status" color="green" variant="light" mb="lg">
            {t(root.flash.key, root.flash.vars)}
          </Alert>
        ) : null}
        {children}
      </main>
      <footer className="shell-footer">
        <div className="shell-container shell-bar">
          <p className="text-sm text-dimmed">{t('footer.about')}</p>
          <nav aria-label={t('footer.label')} className="shell-nav text-sm">
            <Link className="plain-link" to="/kriterier">
              {t('footer.criteria')}
            </Link>
            <Link className="plain-link" to="/api">
              {t('footer.api')}
            </Link>
            <Link className="plain-link" to="/tilgjengelighet">
              {t('footer.accessibility')}
            </Link>
            <Link className="plain-link" to="/personvern">
              {t('footer.privacy')}
            </Link>
          </nav>
        </div>
      </footer>
    </>
  )
}

function ViewerNotices({ viewer }: { viewer: ShellViewer | null }) {
  const t = useT()
  const root = useRootData()
  if (!viewer) return null
  if (viewer.rejectionReason !== null) {
    return (
      <Alert color="red" variant="light" mb="lg" title={t('rejected.notice.title')}>
        {t('rejected.notice.body', { reason: viewer.rejectionReason })}
      </Alert>
    )
  }
  if (viewer.mustEnrolTwoFactor) {
    return (
      <Alert color="orange" variant="light" mb="lg" title={t('enrol.notice.title')}>
        {t('enrol.notice.body')}
      </Alert>
    )
  }
  if (viewer.effectiveRole === 'pending') {
    return (
      <>
        {viewer.unconfirmedEmail !== null ? (
          <Alert color="orange" variant="light" mb="lg" title={t('confirmEmail.notice.title')}>
            <Text mb="sm">{t('confirmEmail.notice.body', { email: viewer.unconfirmedEmail })}</Text>
            {root?.mailInOutbox ? <Text mb="sm">{t('mail.demoOutbox')}</Text> : null}
            <Form method="post" action="/registrer/bekreft">
              <input type="hidden" name="intent" value="resend" />
              <Button type="submit" variant="outline" size="xs">
                {t('confirmEmail.resend')}
              </Button>
            </Form>
          </Alert>
        ) : null}
        <Alert color="yellow" variant="light" mb="lg" title={t('pending.notice.title')} data-testid="pending-notice">
          {t('pending.notice.body')}
        </Alert>
      </>
    )
  }
  return null
}

function NavAnchor({ to, label }: { to: string; label: string }) {
  // NavLink marks the current page with aria-current="page", which the stylesheet shows in bold.
  return (
    <NavLink className="plain-link shell-nav-link" to={to} end={to === '/koordinator' || to === '/konto'}>
      {label}
    </NavLink>
  )
}

function LanguageSwitch() {
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const other = locale === 'nb' ? 'en' : 'nb'
  const params = new URLSearchParams(location.search)
  params.set('lang', other)
  return (
    <Link
      className="plain-link shell-nav-link"
      to={`${location.pathname}?${params.toString()}`}
      lang={other}
      hrefLang={other}
      aria-label={`${t('lang.switchLabel')}: ${t(other === 'en' ? 'lang.en' : 'lang.nb')}`}
      reloadDocument
    >
      {other === 'en' ? 'English' : 'Norsk'}
    </Link>
  )
}
