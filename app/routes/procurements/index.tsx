import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { Form, Link } from 'react-router'
import { DateTime, formatDate } from '~/components/date-text'
import { BenefitFollowUpSection } from '~/components/benefit/benefit-follow-up'
import { Pagination } from '~/components/pagination'
import { PlainSelect, PlainTextInput } from '~/components/plain-field'
import { InvitationAnswer } from '~/components/procurement/invitation-answer'
import { StatusBadge } from '~/components/status-badge'
import { POPULATION_BAND_CODES } from '~/domain/population-bands'
import { PHASES, PROCEDURES, PRODUCT_NAME_FILTER_MAX } from '~/domain/procurement-rules'
import { MyMunicipalityFilter, procurementFilterFromParams } from '~/forms/procurement'
import { formatNumber } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { getBenefitFollowUp } from '~/models/benefits.server'
import { listMyDrafts } from '~/models/experience-views.server'
import { moderationNotices } from '~/models/moderation-notices.server'
import { getMyMunicipality } from '~/models/my-municipality.server'
import { listProcurements } from '~/models/procurement-list.server'
import { getRegisterProductOption, listCountyOptions } from '~/models/procurement-options.server'
import { canCreateProcurement, canViewMyMunicipality } from '~/policy/experience'
import { effectiveRole } from '~/policy/viewer'
import { getViewer } from '~/utils/auth.server'
import type { Route } from './+types/index'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'procurement.title')

// Query string (Norwegian, like /register): fase, fylke, innbyggere, produkt, produktnavn, prosedyre, side; forfall and minside for
// the "Min kommune" part.
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const q = new URL(request.url).searchParams
  const param = (name: string) => q.get(name) || undefined
  const filter = procurementFilterFromParams(q, 20)
  const mineFilter = MyMunicipalityFilter.parse({
    dueOnly: param('forfall'),
    page: param('minside'),
    noticePage: param('varselside'),
    invitationPage: param('invitasjonsside'),
    pageSize: 20,
  })
  const isBuyer = canViewMyMunicipality(viewer)
  const [list, mine, benefitFollowUp, drafts, notices, counties, selectedProduct] = await Promise.all([
    listProcurements(viewer, filter),
    isBuyer ? getMyMunicipality(viewer, mineFilter) : null,
    isBuyer ? getBenefitFollowUp(viewer, 20) : null,
    isBuyer ? listMyDrafts(viewer, { pageSize: 20 }) : null,
    moderationNotices(viewer, 20),
    listCountyOptions(),
    // The product filter is a name field; a link's product id (?produkt=) is shown as the one option to keep or clear.
    filter.productId !== undefined ? getRegisterProductOption(filter.productId) : null,
  ])
  return {
    role: effectiveRole(viewer),
    canCreate: canCreateProcurement(viewer),
    list,
    mine,
    benefitFollowUp,
    drafts: drafts?.items ?? [],
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
      forfall: q.get('forfall') ?? '',
    },
  }
}

/** The list's filters (not its page) as the CSV export's query string. */
function exportUrl(filter: Record<string, string>) {
  const params = new URLSearchParams(Object.entries(filter).filter(([key, value]) => value !== '' && key !== 'forfall'))
  const query = params.toString()
  return `/anskaffelser/eksport${query ? `?${query}` : ''}`
}

export default function Procurements({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { role, canCreate, list, mine, benefitFollowUp, drafts, notices, counties, selectedProduct, filter } =
    loaderData
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

      {mine ? (
        <section aria-labelledby="mine">
          <Title order={2} id="mine" mb="xs">
            {t('procurement.mine.title', { municipality: mine.municipality.name })}
          </Title>
          {/* Plain elements with app.css classes (as the tables below): Mantine components cost more to render. */}
          <Link className="plain-link text-sm mine-link" to="/konto/organisasjon">
            {t('procurement.mine.members')}
          </Link>
          <Link
            className="plain-link text-sm mine-link"
            to={`/anskaffelser/eksport?kommune=${mine.municipality.number}`}
            reloadDocument
          >
            {t('csv.downloadMine', { municipality: mine.municipality.name })}
          </Link>
          <p className="text-sm mine-gap">
            {t('procurement.mine.counts', {
              led: mine.counts.led,
              participating: mine.counts.participating,
              due: mine.counts.followUpDue,
            })}
          </p>
          {mine.invitations.total > 0 ? (
            <Paper withBorder p="md" mb="sm" component="section" aria-labelledby="my-invitations">
              <Title order={3} size="h4" id="my-invitations" mb="xs">
                {t('procurement.mine.invitations.title')}
              </Title>
              <Text size="sm" mb="sm">
                {t('procurement.mine.invitations.lead')}
              </Text>
              <Stack component="ul" gap="sm" m={0} style={{ listStyle: 'none', padding: 0 }}>
                {mine.invitations.items.map((inv) => (
                  <Stack key={inv.procurementId} component="li" gap={4}>
                    <Text size="sm">
                      <Anchor component={Link} to={`/anskaffelser/${inv.procurementId}`}>
                        {inv.title}
                      </Anchor>{' '}
                      {t('procurement.mine.invitations.from', { lead: inv.lead.name })}
                    </Text>
                    <InvitationAnswer action={`/anskaffelser/${inv.procurementId}`} name={inv.title} />
                  </Stack>
                ))}
              </Stack>
              <Pagination page={mine.invitations.page} pageCount={mine.invitations.pageCount} param="invitasjonsside" />
            </Paper>
          ) : null}
          {mine.approvalNotices.total > 0 ? (
            // Mantine's light orange Alert as plain elements (app.css .mine-alert).
            <div
              className="mine-alert mine-gap"
              role="note"
              aria-labelledby="approval-notices-title"
              data-testid="approval-notices"
            >
              <p className="mine-alert-title" id="approval-notices-title">
                {t('procurement.mine.noLongerApproved.title')}
              </p>
              <ul className="follow-up-list">
                {mine.approvalNotices.items.map((n) => (
                  <li key={n.productId}>
                    <Link className="plain-link" to={`/register/${n.productId}`}>
                      {n.name}
                    </Link>{' '}
                    {n.approval.endedAt
                      ? t(`procurement.mine.noLongerApproved.${n.approval.status}`, {
                          date: formatDate(n.approval.endedAt, locale),
                        })
                      : t('procurement.mine.noLongerApproved.undated')}
                  </li>
                ))}
              </ul>
              {mine.approvalNotices.pageCount > 1 ? (
                <>
                  <p className="text-sm mine-alert-more">
                    {t('procurement.mine.noLongerApproved.count', {
                      count: formatNumber(mine.approvalNotices.total, locale),
                    })}
                  </p>
                  <Pagination
                    page={mine.approvalNotices.page}
                    pageCount={mine.approvalNotices.pageCount}
                    param="varselside"
                  />
                </>
              ) : null}
            </div>
          ) : null}
          {filter.forfall ? (
            <p className="mine-gap">
              <Link className="plain-link text-sm" to="/anskaffelser">
                {t('procurement.mine.showAll')}
              </Link>
            </p>
          ) : mine.counts.followUpDue > 0 ? (
            <p className="mine-gap">
              <Link className="plain-link text-sm" to="/anskaffelser?forfall=1">
                {t('procurement.mine.showDue')}
              </Link>
            </p>
          ) : null}
          {mine.procurements.items.length === 0 ? (
            <p className="mine-empty">{t('procurement.mine.empty')}</p>
          ) : (
            // Plain elements styled by app.css (.list-table): a Mantine component per cell costs many times more.
            <div className="list-table-scroll">
              <table className="list-table" style={{ minWidth: 720 }}>
                <caption>{t('procurement.mine.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('procurement.col.title')}</th>
                    <th scope="col">{t('procurement.col.role')}</th>
                    <th scope="col">{t('procurement.field.phase')}</th>
                    <th scope="col">{t('procurement.col.lastReport')}</th>
                    <th scope="col">{t('procurement.col.followUp')}</th>
                  </tr>
                </thead>
                <tbody>
                  {mine.procurements.items.map((m) => (
                    <tr key={m.procurementId}>
                      <th scope="row">
                        <Link className="plain-link list-title-link" to={`/anskaffelser/${m.procurementId}`}>
                          {m.title}
                        </Link>
                        {m.products.length ? (
                          <p className="list-note">{m.products.map((p) => p.name).join(', ')}</p>
                        ) : null}
                      </th>
                      <td>
                        {m.role === 'lead'
                          ? t('participantRole.lead')
                          : t('procurement.mine.participantOf', { lead: m.lead.name })}
                      </td>
                      <td>{t(`phase.${m.phase}`)}</td>
                      <td>
                        {m.lastReportDate ? (
                          <DateTime iso={m.lastReportDate} dateOnly />
                        ) : (
                          t('procurement.mine.noReport')
                        )}
                      </td>
                      <td>
                        {m.followUp.due ? (
                          <div className="list-cell-stack">
                            <StatusBadge tone="caution">{t('procurement.followUpDue')}</StatusBadge>
                            <Link
                              className="plain-link list-note"
                              to={`/anskaffelser/${m.procurementId}/erfaringer/ny`}
                              aria-label={t('procurement.mine.writeNamed', { title: m.title })}
                            >
                              {t('procurement.detail.writeExperience')}
                            </Link>
                          </div>
                        ) : m.followUp.dueFrom ? (
                          t('procurement.mine.dueFrom', { date: formatDate(m.followUp.dueFrom, locale) })
                        ) : (
                          '–'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={mine.procurements.page} pageCount={mine.procurements.pageCount} param="minside" />

          {benefitFollowUp ? <BenefitFollowUpSection followUp={benefitFollowUp} /> : null}

          <h3 className="card-title-h4 mine-drafts-title">{t('procurement.drafts.title')}</h3>
          {drafts.length === 0 ? (
            <p className="text-sm">{t('procurement.drafts.empty')}</p>
          ) : (
            <ul className="follow-up-list">
              {drafts.map((d) => (
                <li key={d.id}>
                  <Link className="plain-link" to={`/anskaffelser/${d.procurement.id}/erfaringer/${d.id}`}>
                    {t('procurement.drafts.item', {
                      title: d.procurement.title,
                      date: formatDate(d.reportDate, locale),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
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
