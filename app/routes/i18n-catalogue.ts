import { publishedCatalogue } from '#i18n/catalogue'
import { isLocale } from '~/i18n'
import type { Route } from './+types/i18n-catalogue'

// One language's messages for the browser, fetched once before hydration (app/i18n/catalogue.browser.ts). The URL
// carries the catalogue's version, so the current one is cached for good and a deploy changes the URL.
export function loader({ params, request }: Route.LoaderArgs) {
  if (!isLocale(params.locale)) throw new Response('Not Found', { status: 404 })
  const { json, url } = publishedCatalogue(params.locale)
  const current = new URL(request.url).search === new URL(url, 'http://x').search
  return new Response(json, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  })
}
