// The register search's option lists, shared by the search model and the search form (which runs in the browser).
export const REGISTER_SORTS = ['relevance', 'name', 'newest'] as const
export const REGISTER_STATUS_FILTERS = [
  'approved',
  'provisionally_approved',
  'withdrawn',
  'expired',
  'not_approved',
] as const
