import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { HydratedRouter } from 'react-router/dom'
import { loadCatalogue } from './i18n/catalogue.browser'

// The page's messages first (preloaded by the document, so usually already on their way): hydrating without them
// would render message keys. If they cannot be had, the page stays as the server rendered it, which works without
// JavaScript.
loadCatalogue().then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <HydratedRouter />
        </StrictMode>,
      )
    }),
  (error: unknown) => console.error(error),
)
