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

export const toPage = <T>(items: T[], total: number, page: number, pageSize: number): Page<T> => ({
  items,
  total,
  page,
  pageSize,
  pageCount: Math.max(1, Math.ceil(total / pageSize)),
})
