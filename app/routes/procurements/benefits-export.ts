import { data } from 'react-router'
import { translator } from '~/i18n'
import { resolveLocale } from '~/i18n/locale.server'
import { benefitExportRows } from '~/models/benefit-export.server'
import { listProcurementBenefits } from '~/models/benefits.server'
import { getProcurementAccess } from '~/models/procurement-access.server'
import { canViewBenefitsOf } from '~/policy/benefits'
import { getViewer } from '~/utils/auth.server'
import { csvResponse, toCsv } from '~/utils/csv.server'
import { idParam } from '~/utils/params'
import { valueOrThrow } from '~/utils/refusal.server'
import type { Route } from './+types/benefits-export'

// /anskaffelser/:procurementId/gevinster/eksport: the benefit records the viewer may read (benefit-visible), as a CSV
// file for Norwegian Excel; anyone else gets the same 404 as the page.
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const procurement = valueOrThrow(await getProcurementAccess(idParam(params.procurementId)))
  if (!canViewBenefitsOf(viewer, procurement)) throw data(null, { status: 404 })
  const { header, rows } = benefitExportRows(
    translator(resolveLocale(request).locale),
    await listProcurementBenefits(viewer, procurement),
  )
  return csvResponse(`erfaringsbanken-gevinster-${procurement.id}.csv`, toCsv(header, rows))
}
