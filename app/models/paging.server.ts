// Lists are paged: a page of items with the total, never the whole table.

export function pageParams(input: { page?: number; pageSize?: number }, maxPageSize = 50) {
  const pageSize = Math.min(maxPageSize, Math.max(1, Math.trunc(input.pageSize ?? 20) || 20))
  const page = Math.max(1, Math.trunc(input.page ?? 1) || 1)
  return { page, pageSize, offset: (page - 1) * pageSize }
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number }

export const toPage = <T>(items: T[], total: number, page: number, pageSize: number): Page<T> => ({
  items,
  total,
  page,
  pageSize,
  pageCount: Math.max(1, Math.ceil(total / pageSize)),
})
