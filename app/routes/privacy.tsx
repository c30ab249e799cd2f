import { LegalDocumentView } from '~/components/legal-document-view'
import { privacyStatement } from '~/i18n/pages/privacy'
import { pageTitle } from '~/i18n/meta'
import { useLocale } from '~/i18n/use-translation'
import { getEnv } from '~/utils/env.server'
import type { Route } from './+types/privacy'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.title')

// The controller and the contact address are configured (PRIVACY_CONTROLLER, PRIVACY_CONTACT), not written into the text.
export function loader() {
  const env = getEnv()
  return { controller: env.PRIVACY_CONTROLLER, contact: env.PRIVACY_CONTACT }
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  return <LegalDocumentView doc={privacyStatement[useLocale()]} vars={loaderData} />
}
