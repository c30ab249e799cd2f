import { PickerMatchesQuery, pickerQuery } from '~/forms/procurement'
import { procurementPickerOptions } from '~/models/procurement-options.server'
import { canCreateProcurement } from '~/policy/experience'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import type { Route } from './+types/options'

// /anskaffelser/valg?produktsok=…&kommunesok=…: the matches of the procurement forms' pickers as JSON, for the
// MultiSelects with JavaScript (without it the forms' search buttons make the same round trip through the action).
// Verified buyers only, who alone see those forms; at most PICKER_LIMIT of each, never the viewer's own municipality
// (it leads). Offering an option does not make it allowed: the save checks again.
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canCreateProcurement(viewer))
  const q = PickerMatchesQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  const options = await procurementPickerOptions(
    pickerQuery({ productSearch: q.produktsok, municipalitySearch: q.kommunesok }),
    [viewer.municipalityNumber],
  )
  return Response.json(options, { headers: { 'Cache-Control': 'private, no-store' } })
}
