import { useRouteLoaderData } from 'react-router'
import type { loader } from '~/root'

/** The root loader's data (locale, flash, the viewer's public summary); undefined when the root loader failed. */
export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}
