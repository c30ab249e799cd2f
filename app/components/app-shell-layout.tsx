import { Anchor, Box, Container, Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link, NavLink, useLocation } from 'react-router'
import type { MessageKey } from '~/i18n'
import { useLocale, useT } from '~/i18n/use-translation'

type NavItem = { to: string; label: MessageKey }

const mainNav: NavItem[] = [
  { to: '/register', label: 'nav.register' },
  { to: '/anskaffelser', label: 'nav.procurements' },
  { to: '/innsikt', label: 'nav.insight' },
]

export function AppShellLayout({ children }: { children: ReactNode }) {
  const t = useT()
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
              {mainNav.map((item) => (
                <NavAnchor key={item.to} to={item.to} label={t(item.label)} />
              ))}
              <NavAnchor to="/logg-inn" label={t('nav.signIn')} />
              <LanguageSwitch />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" size="lg" py="xl" tabIndex={-1}>
        {children}
      </Container>
      <Box component="footer" py="lg" mt="xl" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" c="dimmed">
              {t('footer.about')}
            </Text>
            <Group component="nav" aria-label={t('footer.label')} gap="md">
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

function NavAnchor({ to, label }: { to: string; label: string }) {
  return (
    <Anchor
      component={NavLink}
      to={to}
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
