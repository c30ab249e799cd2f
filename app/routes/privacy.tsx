import { LegalDocumentView } from '~/components/legal-document-view'
import { privacyStatement } from '~/i18n/pages/privacy'
import { pageTitle } from '~/i18n/meta'
import { useLocale } from '~/i18n/use-translation'
import type { Route } from './+types/privacy'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.title')

export default function Privacy() {
  return <LegalDocumentView doc={privacyStatement[useLocale()]} />
}
