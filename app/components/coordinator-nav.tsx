import { Anchor, Group } from '@mantine/core'
import { NavLink } from 'react-router'
import { useT } from '~/i18n/use-translation'

/** Links between the coordinators' work queues. */
export function CoordinatorNav() {
  const t = useT()
  const links = [
    { to: '/koordinator', label: t('verify.title') },
    { to: '/koordinator/vurdering', label: t('assess.queueTitle') },
    { to: '/koordinator/moderering', label: t('moderation.title') },
    { to: '/koordinator/kriterier', label: t('coordinatorNav.criteria') },
    { to: '/koordinator/revisjon', label: t('audit.title') },
    { to: '/koordinator/brukere', label: t('users.title') },
  ]
  return (
    <Group component="nav" aria-label={t('nav.coordinator')} gap="lg">
      {links.map((l) => (
        <Anchor
          key={l.to}
          component={NavLink}
          to={l.to}
          end
          style={({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 700 : 400 })}
        >
          {l.label}
        </Anchor>
      ))}
    </Group>
  )
}
