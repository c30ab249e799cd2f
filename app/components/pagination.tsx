import { Link, useLocation } from 'react-router'
import { useT } from '~/i18n/use-translation'

/**
 * First/previous/next/last links around "Side X av Y", keeping the rest of the query string; plain links, so they
 * work without JavaScript. The first and last links are there because some lists (/anskaffelser at national scale)
 * have hundreds of pages. A link that would lead to the page one is on is left out, not disabled: a disabled link is
 * no link for assistive technology either, and the status text says where one is. `label` names the list when a page
 * pages more than one, so that each navigation landmark has a name of its own.
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
    // Page 1 is the list's own address, as the redirect past the last page writes it (app/utils/params.ts).
    if (p === 1) params.delete(param)
    else params.set(param, String(p))
    const query = params.toString()
    return query ? `${location.pathname}?${query}` : location.pathname
  }
  const link = (to: number, text: string, rel?: 'prev' | 'next') => (
    <Link className="plain-link" to={href(to)} rel={rel}>
      {text}
    </Link>
  )
  return (
    // Plain elements (app.css, .pagination): lists on signed-in pages render one or two on every view.
    <nav aria-label={label ? t('common.paginationOf', { list: label }) : t('common.pagination')} className="pagination">
      {page > 1 ? link(1, t('common.firstPage')) : null}
      {page > 1 ? link(page - 1, t('common.previous'), 'prev') : null}
      <p className="text-sm" aria-current="page">
        {t('common.pageOf', { page, pages: pageCount })}
      </p>
      {page < pageCount ? link(page + 1, t('common.next'), 'next') : null}
      {page < pageCount ? link(pageCount, t('common.lastPage')) : null}
    </nav>
  )
}
