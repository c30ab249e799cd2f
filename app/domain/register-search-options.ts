// The register search's option lists, shared by the search model and the search form (which runs in the browser).
export const REGISTER_SORTS = ['relevance', 'name', 'usage', 'rating', 'newest'] as const
export const REGISTER_STATUS_FILTERS = [
  'approved',
  'provisionally_approved',
  'withdrawn',
  'expired',
  'not_approved',
] as const
/** The register search reads at most this many characters of the search text (longer input is cut, with a notice). */
export const MAX_QUERY_LENGTH = 200
/** At most this many products side by side on /sammenlign (the server takes the first four; the list lets no more be
 * ticked). */
export const MAX_COMPARE = 4
