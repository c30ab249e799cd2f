import { data } from 'react-router'
import { parseRegisterQuery } from '~/forms/register-query'
import { resolveLocale } from '~/i18n/locale.server'
import { registerExport } from '~/models/register-export.server'
import { listCategories } from '~/models/reference.server'
import { getViewer } from '~/utils/auth.server'
import { csvResponse, toCsv } from '~/utils/csv.server'
import { publicOrigin } from '~/utils/env.server'
import type { Route } from './+types/register-export'

// /register/eksport?…: the register list with the same filters, as a CSV file for Norwegian Excel.
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const url = new URL(request.url)
  const parsed = parseRegisterQuery(url.searchParams)
  if (!parsed.ok) throw data(null, { status: 400 })
  const { locale } = resolveLocale(request)
  if (parsed.search.category && !(await listCategories(locale)).some((c) => c.slug === parsed.search.category))
    throw data(null, { status: 400 })
  const { header, rows } = await registerExport(viewer, parsed.search, locale, publicOrigin())
  return csvResponse('erfaringsbanken-register.csv', toCsv(header, rows))
}
