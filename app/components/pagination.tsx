import { Link, useLocation } from 'react-router'
import { useT } from '~/i18n/use-translation'

/**
 * Previous/next links that keep the rest of the query string; plain links, so they work without JavaScript. `label`
 * names the list when a page pages more than one, so that each navigation landmark has a name of its own.
 */
export function Pagination({
  page,
  pageCount,
  param = 'side',
  label,
}: {
  page: number
  pageCount: number
  param?: string
  label?: string
}) {
  const t = useT()
  const location = useLocation()
  if (pageCount <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set(param, String(p))
    return `${location.pathname}?${params.toString()}`
  }
  return (
    // Plain elements (app.css, .pagination): lists on signed-in pages render one or two on every view.
    <nav aria-label={label ? t('common.paginationOf', { list: label }) : t('common.pagination')} className="pagination">
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
