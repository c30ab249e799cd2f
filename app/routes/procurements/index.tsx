import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { Form, Link, redirect } from 'react-router'
import { DateTime } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { PlainSelect, PlainTextInput } from '~/components/plain-field'
import { StatusBadge } from '~/components/status-badge'
import { POPULATION_BAND_CODES } from '~/domain/population-bands'
import { PHASES, PROCEDURES, PRODUCT_NAME_FILTER_MAX } from '~/domain/procurement-rules'
import { procurementFilterFromParams } from '~/forms/procurement'
import { formatNumber } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { moderationNotices } from '~/models/moderation-notices.server'
import { listProcurements } from '~/models/procurement-list.server'
import { getRegisterProductOption, listCountyOptions } from '~/models/procurement-options.server'
import { canCreateProcurement, canViewMyMunicipality } from '~/policy/experience'
import { effectiveRole } from '~/policy/viewer'
import { getViewer } from '~/utils/auth.server'
import type { Route } from './+types/index'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'procurement.title')

/** "Min kommune"'s query-string keys from when it was a part of this page (links in e-mails sent before it moved). */
const MY_MUNICIPALITY_PARAMS = ['forfall', 'minside', 'varselside', 'invitasjonsside']

// Query string (Norwegian, like /register): fase, fylke, innbyggere, produkt, produktnavn, prosedyre, side. The
// municipality's own procurements, follow-up and drafts are on "Min kommune" (/min-kommune).
export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const q = url.searchParams
  const viewer = await getViewer(request)
  // A buyer's (or, signed out, the sign-in's way to it); anyone else who has no "Min kommune" gets the list.
  if (MY_MUNICIPALITY_PARAMS.some((name) => q.has(name)) && (!viewer || canViewMyMunicipality(viewer)))
    throw redirect(`/min-kommune${url.search}`)
  const filter = procurementFilterFromParams(q, 20)
  const [list, notices, counties, selectedProduct] = await Promise.all([
    listProcurements(viewer, filter),
    moderationNotices(viewer, 20),
    listCountyOptions(),
    // The product filter is a name field; a link's product id (?produkt=) is shown as the one option to keep or clear.
    filter.productId !== undefined ? getRegisterProductOption(filter.productId) : null,
  ])
  redirectPastLastPage(request, { side: list })
  return {
    role: effectiveRole(viewer),
    canCreate: canCreateProcurement(viewer),
    toMine: canViewMyMunicipality(viewer),
    list,
    notices,
    counties,
    selectedProduct,
    filter: {
      fase: q.get('fase') ?? '',
      fylke: q.get('fylke') ?? '',
      innbyggere: q.get('innbyggere') ?? '',
      produkt: q.get('produkt') ?? '',
      produktnavn: filter.productName ?? '',
      prosedyre: q.get('prosedyre') ?? '',
    },
  }
}

/** The list's filters (not its page) as the CSV export's query string. */
function exportUrl(filter: Record<string, string>) {
  const params = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== ''))
  const query = params.toString()
  return `/anskaffelser/eksport${query ? `?${query}` : ''}`
}

export default function Procurements({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { role, canCreate, toMine, list, notices, counties, selectedProduct, filter } = loaderData
  const readsExperience = role === 'buyer' || role === 'coordinator' || role === 'admin' || role === 'supplier'
  return (
    <Stack gap="xl" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('procurement.title')}</Title>
          <Text>{t('procurement.index.lead')}</Text>
        </Stack>
        {canCreate ? (
          <Button component={Link} to="/anskaffelser/ny">
            {t('procurement.index.new')}
          </Button>
        ) : null}
      </Group>

      {!readsExperience ? (
        <Alert color="blue" variant="outline" title={t('procurement.index.sharedTitle')}>
          <Stack gap="xs">
            <Text size="sm">
              {role === 'pending' ? t('procurement.index.sharedPending') : t('procurement.index.shared')}
            </Text>
            <Group gap="md">
              {role === 'visitor' ? (
                <>
                  <Anchor component={Link} to="/logg-inn?redirectTo=%2Fanskaffelser" size="sm">
                    {t('nav.signIn')}
                  </Anchor>
                  <Anchor component={Link} to="/registrer" size="sm">
                    {t('procurement.index.signUp')}
                  </Anchor>
                </>
              ) : null}
              <Anchor component={Link} to="/register" size="sm">
                {t('procurement.index.toRegister')}
              </Anchor>
            </Group>
          </Stack>
        </Alert>
      ) : null}

      {notices.length > 0 ? (
        <section aria-labelledby="notices">
          <Title order={2} id="notices" mb="sm">
            {t('procurement.notices.title')}
          </Title>
          <Stack gap="sm">
            {notices.map((n) => (
              <Paper key={`${n.targetType}-${n.targetId}-${n.decidedAt}`} withBorder p="sm">
                <Group gap="xs" mb={4}>
                  <StatusBadge tone={n.decision === 'hidden' ? 'negative' : 'positive'}>
                    {t(`flagStatus.${n.decision}`)}
                  </StatusBadge>
                  <Text size="sm">
                    {t(n.targetType === 'reply' ? 'procurement.notices.reply' : 'procurement.notices.experience')} ·{' '}
                    <DateTime iso={n.decidedAt} />
                  </Text>
                </Group>
                <Text size="sm">{t('procurement.notices.reason', { reason: n.reason })}</Text>
                {n.excerpt ? (
                  <Text size="sm" fs="italic">
                    «{n.excerpt}»
                  </Text>
                ) : null}
                <Anchor component={Link} to={`/anskaffelser/${n.procurementId}`} size="sm">
                  {t('procurement.notices.open')}
                </Anchor>
              </Paper>
            ))}
          </Stack>
        </section>
      ) : null}

      {toMine ? (
        <p className="text-md">
          <Link className="plain-link" to="/min-kommune">
            {t('procurement.index.toMine')}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="national">
        <Title order={2} id="national" mb="sm">
          {t('procurement.national.title')}
        </Title>
        {/* Plain form controls with app.css classes (Mantine's NativeSelect and TextInput look): cheaper to render. */}
        <Form method="get" aria-label={t('procurement.filter.label')}>
          <div className="filter-row">
            <FilterSelect
              label={t('procurement.field.phase')}
              name="fase"
              defaultValue={filter.fase}
              options={[
                { value: '', label: t('procurement.filter.all') },
                ...PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) })),
              ]}
            />
            <FilterSelect
              label={t('procurement.filter.county')}
              name="fylke"
              defaultValue={filter.fylke}
              options={[{ value: '', label: t('procurement.filter.all') }, ...counties]}
            />
            <FilterSelect
              label={t('procurement.filter.population')}
              name="innbyggere"
              defaultValue={filter.innbyggere}
              options={[
                { value: '', label: t('procurement.filter.all') },
                ...POPULATION_BAND_CODES.map((b) => ({ value: b, label: t(`populationBand.${b}`) })),
              ]}
            />
            <PlainTextInput
              id="filter-produktnavn"
              label={t('procurement.filter.productName')}
              description={t('procurement.filter.productNameHint')}
              name="produktnavn"
              defaultValue={filter.produktnavn}
              maxLength={PRODUCT_NAME_FILTER_MAX}
              style={{ maxWidth: 240 }}
            />
            {selectedProduct ? (
              <FilterSelect
                label={t('procurement.filter.product')}
                name="produkt"
                defaultValue={filter.produkt}
                options={[{ value: '', label: t('procurement.filter.all') }, selectedProduct]}
                maxWidth={280}
              />
            ) : null}
            <FilterSelect
              label={t('procurement.field.procedure')}
              name="prosedyre"
              defaultValue={filter.prosedyre}
              options={[
                { value: '', label: t('procurement.filter.all') },
                ...PROCEDURES.map((p) => ({ value: p, label: t(`procedure.${p}`) })),
              ]}
            />
            <Button type="submit" variant="default">
              {t('procurement.filter.submit')}
            </Button>
          </div>
        </Form>
        <Group mt="sm" gap="md">
          <Text size="sm" role="status">
            {t('procurement.national.count', { count: list.total })}
          </Text>
          {list.total > 0 ? (
            <Anchor component={Link} to={exportUrl(filter)} reloadDocument size="sm">
              {t('csv.download')}
            </Anchor>
          ) : null}
        </Group>
        {list.items.length === 0 ? (
          <Text mt="sm">{t('procurement.national.empty')}</Text>
        ) : (
          <div className="list-table-scroll" style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
            <table className="list-table" style={{ minWidth: 760 }}>
              <thead>
                <tr>
                  <th scope="col">{t('procurement.col.title')}</th>
                  <th scope="col">{t('procurement.col.lead')}</th>
                  <th scope="col">{t('procurement.field.phase')}</th>
                  <th scope="col">{t('procurement.field.procedure')}</th>
                  <th scope="col">{t('procurement.field.supplier')}</th>
                  <th scope="col">{t('procurement.col.value')}</th>
                  <th scope="col">{t('procurement.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link className="plain-link list-title-link" to={`/anskaffelser/${p.id}`}>
                        {p.title}
                      </Link>
                      {p.products.length ? (
                        <p className="list-note">{p.products.map((x) => x.name).join(', ')}</p>
                      ) : null}
                    </th>
                    <td>
                      {p.lead.name}
                      {p.participantCount > 1 ? (
                        <p className="list-note">{t('procurement.detail.joint', { count: p.participantCount })}</p>
                      ) : null}
                    </td>
                    <td>{p.phases.map((ph) => t(`phase.${ph}`)).join(', ')}</td>
                    <td>{t(`procedure.${p.procedure}`)}</td>
                    <td>{p.supplierName ?? '–'}</td>
                    <td>
                      {p.contractValueNok !== null
                        ? t('procurement.nok', { amount: formatNumber(p.contractValueNok, locale) })
                        : '–'}
                    </td>
                    <td>
                      <DateTime iso={p.updatedAt} dateOnly />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={list.page} pageCount={list.pageCount} />
      </section>
    </Stack>
  )
}

/** A select of the list's filter form: its id from the query-string key. */
function FilterSelect({
  maxWidth,
  ...props
}: {
  label: string
  name: string
  defaultValue: string
  options: Array<{ value: string; label: string }>
  maxWidth?: number
}) {
  return <PlainSelect id={`filter-${props.name}`} style={maxWidth ? { maxWidth } : undefined} {...props} />
}
