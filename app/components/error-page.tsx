import { Anchor, Code, Stack, Text, Title } from '@mantine/core'
import { Link, useLocation } from 'react-router'
import type { MessageKey } from '~/i18n'
import { useT } from '~/i18n/use-translation'

const copy: Record<number, [MessageKey, MessageKey]> = {
  400: ['error.badRequest.title', 'error.badRequest.body'],
  403: ['error.forbidden.title', 'error.forbidden.body'],
  404: ['notFound.title', 'notFound.body'],
}

export function ErrorPage({ status, details }: { status: number; details?: string }) {
  const t = useT()
  const location = useLocation()
  const [title, body] = copy[status] ?? ['error.title', 'error.body']
  return (
    <Stack gap="md" maw={640}>
      <title>{`${t(title)} – ${t('app.name')}`}</title>
      <Title order={1}>{t(title)}</Title>
      <Text>{t(body, { path: location.pathname })}</Text>
      <Text size="sm" c="dimmed">
        {t('error.status', { status })}
      </Text>
      <Anchor component={Link} to="/">
        {t('notFound.home')}
      </Anchor>
      {details ? <Code block>{details}</Code> : null}
    </Stack>
  )
}
