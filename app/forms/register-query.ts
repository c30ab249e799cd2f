import { RegisterSearchSchema, type RegisterSearch } from '~/forms/register'

// The register search in a URL: one mapping from the query string's Norwegian keys (part of the public URL interface,
// so a search can be shared) to RegisterSearch, used by the register page, its CSV export and the JSON API alike.

/** RegisterSearch field → query-string key. */
export const REGISTER_QUERY_KEYS = {
  q: 'q',
  category: 'kategori',
  status: 'status',
  mdrClass: 'mdr',
  careSetting: 'tjenestested',
  integration: 'integrasjon',
  sort: 'sortering',
  page: 'side',
  pageSize: 'antall',
} as const satisfies Record<keyof RegisterSearch, string>

const LIST_FIELDS = new Set<keyof RegisterSearch>(['careSetting', 'integration'])

export type QueryRefusal = { parameter: string; message: string }

/**
 * The search a query string asks for, or the parameters that are wrong. `pageSize` fixes the page size (pages);
 * without it the `antall` parameter may choose one (the API).
 */
export function parseRegisterQuery(
  params: URLSearchParams,
  options: { pageSize?: number } = {},
): { ok: true; search: RegisterSearch } | { ok: false; refusals: QueryRefusal[] } {
  const input: Record<string, unknown> = {}
  for (const [field, key] of Object.entries(REGISTER_QUERY_KEYS) as [keyof RegisterSearch, string][]) {
    input[field] = LIST_FIELDS.has(field) ? params.getAll(key) : (params.get(key) ?? undefined)
  }
  if (options.pageSize !== undefined) input.pageSize = options.pageSize
  const parsed = RegisterSearchSchema.safeParse(input)
  if (parsed.success) return { ok: true, search: parsed.data }
  return {
    ok: false,
    refusals: parsed.error.issues.map((issue) => {
      const field = issue.path[0] as keyof RegisterSearch | undefined
      return { parameter: field ? REGISTER_QUERY_KEYS[field] : '', message: issue.message }
    }),
  }
}
