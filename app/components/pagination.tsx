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
  // Plain elements (app.css, Mantine's Group, Anchor and Text size="sm"): long lists render this on every request.
  return (
    <nav aria-label={t('common.pagination')} className="group-lg pagination-nav">
      {page > 1 ? (
        <Link className="plain-link" to={href(page - 1)}>
          {t('common.previous')}
        </Link>
      ) : null}
      <p className="text-sm">{t('common.pageOf', { page, pages: pageCount })}</p>
      {page < pageCount ? (
        <Link className="plain-link" to={href(page + 1)}>
          {t('common.next')}
        </Link>
      ) : null}
    </nav>
  )
}
