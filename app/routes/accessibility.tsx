import { LegalDocumentView } from '~/components/legal-document-view'
import { accessibilityStatement } from '~/i18n/pages/accessibility'
import { pageTitle } from '~/i18n/meta'
import { useLocale } from '~/i18n/use-translation'
import type { Route } from './+types/accessibility'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'accessibility.title')

export default function Accessibility() {
  return <LegalDocumentView doc={accessibilityStatement[useLocale()]} />
}
