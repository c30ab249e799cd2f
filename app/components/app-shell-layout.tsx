import { Alert, Anchor, Box, Button, Container, Group, Text } from '@mantine/core'
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
      // "Min kommune" is the municipality's own procurements and due follow-ups (/anskaffelser, section «mine»); the
      // membership page is linked from there.
      return [...publicNav, { to: '/anskaffelser#mine', label: 'nav.myMunicipality' }]
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

export function AppShellLayout({ children }: { children: ReactNode }) {
  const t = useT()
  const root = useRootData()
  const viewer = root?.viewer ?? null
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" fw={700} fz="xl" c="blue.9" underline="never">
              {t('app.name')}
            </Anchor>
            <Group component="nav" aria-label={t('nav.label')} gap="md" wrap="wrap">
              {navFor(viewer).map((item) => (
                <NavAnchor key={item.to} to={item.to} label={t(item.label)} />
              ))}
              {viewer ? (
                <>
                  <NavAnchor to="/konto" label={t('nav.account')} />
                  <Form method="post" action="/logg-ut">
                    <Button type="submit" variant="subtle" size="compact-md" px={4}>
                      {t('nav.signOut')}
                    </Button>
                  </Form>
                </>
              ) : (
                <>
                  <NavAnchor to="/logg-inn" label={t('nav.signIn')} />
                  <NavAnchor to="/registrer" label={t('nav.signUp')} />
                </>
              )}
              <LanguageSwitch />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" size="lg" py="xl" tabIndex={-1}>
        <ViewerNotices viewer={viewer} />
        {root?.flash ? (
          <Alert role="status" color="green" variant="light" mb="lg">
            {t(root.flash.key, root.flash.vars)}
          </Alert>
        ) : null}
        {children}
      </Container>
      <Box component="footer" py="lg" mt="xl" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" c="dimmed">
              {t('footer.about')}
            </Text>
            <Group component="nav" aria-label={t('footer.label')} gap="md">
              <Anchor component={Link} to="/kriterier" size="sm">
                {t('footer.criteria')}
              </Anchor>
              <Anchor component={Link} to="/api" size="sm">
                {t('footer.api')}
              </Anchor>
              <Anchor component={Link} to="/tilgjengelighet" size="sm">
                {t('footer.accessibility')}
              </Anchor>
              <Anchor component={Link} to="/personvern" size="sm">
                {t('footer.privacy')}
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
    </>
  )
}

function ViewerNotices({ viewer }: { viewer: ShellViewer | null }) {
  const t = useT()
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
  return (
    <Anchor
      component={NavLink}
      to={to}
      end={to === '/koordinator' || to === '/konto'}
      style={({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 700 : 500 })}
    >
      {label}
    </Anchor>
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
    <Anchor
      component={Link}
      to={`${location.pathname}?${params.toString()}`}
      lang={other}
      hrefLang={other}
      aria-label={`${t('lang.switchLabel')}: ${t(other === 'en' ? 'lang.en' : 'lang.nb')}`}
      reloadDocument
    >
      {other === 'en' ? 'English' : 'Norsk'}
    </Anchor>
  )
}
