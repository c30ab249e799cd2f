import { Anchor, Group, Text } from '@mantine/core'
import { Link, useLocation } from 'react-router'
import { useT } from '~/i18n/use-translation'

/** Previous/next links that keep the rest of the query string; plain links, so they work without JavaScript. */
export function Pagination({ page, pageCount, param = 'side' }: { page: number; pageCount: number; param?: string }) {
  const t = useT()
  const location = useLocation()
  if (pageCount <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set(param, String(p))
    return `${location.pathname}?${params.toString()}`
  }
  return (
    <Group component="nav" aria-label={t('common.pagination')} gap="lg" mt="md">
      {page > 1 ? (
        <Anchor component={Link} to={href(page - 1)}>
          {t('common.previous')}
        </Anchor>
      ) : null}
      <Text size="sm">{t('common.pageOf', { page, pages: pageCount })}</Text>
      {page < pageCount ? (
        <Anchor component={Link} to={href(page + 1)}>
          {t('common.next')}
        </Anchor>
      ) : null}
    </Group>
  )
}
