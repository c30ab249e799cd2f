// Lists are paged: a page of items with the total, never the whole table.

export type PageParams = { page: number; pageSize: number; offset: number }

export function pageParams(input: { page?: number; pageSize?: number }, maxPageSize = 50): PageParams {
  const pageSize = Math.min(maxPageSize, Math.max(1, Math.trunc(input.pageSize ?? 20) || 20))
  const page = Math.max(1, Math.trunc(input.page ?? 1) || 1)
  return { page, pageSize, offset: (page - 1) * pageSize }
}

/** The requested page, or the last one when it is past the end of `total` items (an old link): never an empty page of
 * a list that has items. For lists paged in memory, where the total is known before the page is cut. */
export function pageWithin({ page, pageSize }: PageParams, total: number): PageParams {
  return pageParams({ page: Math.min(page, Math.max(1, Math.ceil(total / pageSize))), pageSize })
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number }

/**
 * A page of a list paged in SQL: counted first, so that a page past the end (an old link, items removed since) reads
 * the last page in the one read instead of an empty page and a second read; an empty list is not read at all.
 */
export async function countedPage<T>(
  paging: PageParams,
  count: () => Promise<number>,
  read: (at: PageParams) => Promise<T[]>,
): Promise<Page<T>> {
  const total = await count()
  const at = pageWithin(paging, total)
  return toPage(total === 0 ? [] : await read(at), total, at.page, at.pageSize)
}

export const toPage = <T>(items: T[], total: number, page: number, pageSize: number): Page<T> => ({
  items,
  total,
  page,
  pageSize,
  pageCount: Math.max(1, Math.ceil(total / pageSize)),
})
