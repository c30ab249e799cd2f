import { data, redirect } from 'react-router'

/** A route's numeric id parameter; anything else is a 404 (the page does not exist), never a 500. */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) throw data(null, { status: 404 })
  return Number(value)
}

/** A paged list as a loader has it: the page asked for and how many there are. */
type PagedList = { page: number; pageCount: number }

/**
 * A page past the end of a paged list (an old link or bookmark, items removed since, a hand-typed number) is a
 * redirect to the list's last page, never an empty page that says the list has nothing ("Ingen vedtak er publisert
 * ennå" on page 999 of 3). `lists` maps each list's query parameter to its page; the redirect keeps every other
 * parameter and moves every list that is past its end at once. Lists paged in the model (Min kommune, a procurement's
 * benefits) show their last page under the old address instead (app/models/paging.server.ts, countedPage).
 */
export function redirectPastLastPage(request: Request, lists: Record<string, PagedList>): void {
  const url = new URL(request.url)
  let moved = false
  for (const [param, list] of Object.entries(lists)) {
    if (list.page <= list.pageCount) continue
    moved = true
    if (list.pageCount <= 1) url.searchParams.delete(param)
    else url.searchParams.set(param, String(list.pageCount))
  }
  if (!moved) return
  const query = url.searchParams.toString()
  throw redirect(`${url.pathname}${query ? `?${query}` : ''}`)
}
