import { catalogueSource } from '#i18n/catalogue'
import { CATALOGUE_ELEMENT_ID } from './catalogue-element'
import type { Locale } from './index'

/** The active language's messages for the browser (a data block: not executed, so it needs no nonce or CSP hash). */
export function CatalogueScript({ locale }: { locale: Locale }) {
  return (
    <script
      type="application/json"
      id={CATALOGUE_ELEMENT_ID}
      dangerouslySetInnerHTML={{ __html: catalogueSource(locale) }}
    />
  )
}
