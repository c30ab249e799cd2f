/** The id of the `<script type="application/json">` that carries the active language's messages to the browser. */
export const CATALOGUE_ELEMENT_ID = 'i18n-catalogue'
