import { Alert, Anchor, Button, List, Paper, Stack, Text, Title } from '@mantine/core'
import { data, Link } from 'react-router'
import { DateTime, formatDate } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { ApprovalSummary } from '~/components/supplier/approval-summary'
import { VersionStateBadge } from '~/components/supplier/version-state-badge'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { z } from 'zod'
import { listExpiringApprovals } from '~/models/assessment-queue.server'
import { listSupplierProducts } from '~/models/products.server'
import { listReportsAwaitingReply } from '~/models/replies.server'
import { StatusBadge } from '~/components/status-badge'
import { recommendationTone } from '~/components/procurement/experience-card'
import { pageParam } from '~/utils/fields'
import type { Route } from './+types/index'
import { requireSupplier } from './workspace.server'
import { redirectPastLastPage } from '~/utils/params'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'supplier.title')

const PAGE_SIZE = 20
const INBOX_PAGE_SIZE = 10

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireSupplier(request)
  const url = new URL(request.url)
  const { side: page, 'svar-side': inboxPage } = z
    .object({ side: pageParam, 'svar-side': pageParam })
    .parse(Object.fromEntries(url.searchParams))
  const [products, expiring, inbox] = await Promise.all([
    listSupplierProducts(viewer, { page, pageSize: PAGE_SIZE }),
    listExpiringApprovals(viewer),
    listReportsAwaitingReply(viewer, { page: inboxPage, pageSize: INBOX_PAGE_SIZE }),
  ])
  if (!products || !expiring || !inbox) throw data(null, { status: 403 })
  // A page past the end (a product was deleted, a report answered, an old bookmark): the last page instead of an empty
  // table.
  redirectPastLastPage(request, { side: products, 'svar-side': inbox })
  return {
    company: viewer.organisationName,
    products: {
      total: products.total,
      page: products.page,
      pageCount: products.pageCount,
      items: products.items.map((p) => ({
        id: p.id,
        name: p.name,
        category: { nameNb: p.category.nameNb, nameEn: p.category.nameEn },
        newestVersion: p.newestVersion,
        approval: p.approval,
        updatedAt: p.updatedAt,
      })),
    },
    inbox: {
      total: inbox.total,
      page: inbox.page,
      pageCount: inbox.pageCount,
      items: inbox.items,
    },
    expiring: expiring.map((e) => ({
      versionId: e.versionId,
      versionLabel: e.versionLabel,
      validUntil: e.validUntil,
      daysLeft: e.daysLeft,
      product: e.product,
    })),
  }
}

export default function SupplierProducts({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { products, expiring, company, inbox } = loaderData
  return (
    // Plain elements (app.css) for what every view shows; Mantine for the notices and the empty state.
    <div className="stack-xl">
      <div className="page-head">
        <div className="stack-xs" style={{ maxWidth: 720 }}>
          <h1 className="title-h1">{t('supplier.title')}</h1>
          <p className="text-md">{t('supplier.lead', { company })}</p>
          <div>
            <Link className="plain-link text-sm" to="/kriterier">
              {t('criteriaPage.link')}
            </Link>
          </div>
        </div>
        <Link className="btn" to="/leverandor/produkter/ny">
          {t('supplier.newProduct')}
        </Link>
      </div>

      {expiring.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={t('supplier.expiring.title')}
          component="section"
          aria-label={t('supplier.expiring.title')}
        >
          <Stack gap="xs">
            <Text size="sm">{t('supplier.expiring.body')}</Text>
            <List size="sm">
              {expiring.map((e) => (
                <List.Item key={e.versionId}>
                  <Anchor
                    component={Link}
                    to={`/leverandor/produkter/${e.product.id}`}
                    size="sm"
                    c="blue.9"
                    underline="always"
                  >
                    {t('supplier.expiring.item', {
                      product: e.product.name,
                      version: e.versionLabel,
                      date: formatDate(e.validUntil, locale),
                    })}
                  </Anchor>{' '}
                  {e.daysLeft === 0
                    ? t('supplier.expiring.today')
                    : e.daysLeft === 1
                      ? t('supplier.expiring.oneDay')
                      : t('supplier.expiring.days', { days: e.daysLeft })}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      ) : null}

      <section aria-labelledby="awaiting-reply">
        <h2 className="title-h3 gap-below-xs" id="awaiting-reply">
          {t('supplier.inbox.title')}
        </h2>
        {inbox.total === 0 ? (
          <p className="text-sm">{t('supplier.inbox.empty')}</p>
        ) : (
          <div className="stack-xs">
            <p className="text-sm">{t('supplier.inbox.count', { count: inbox.total })}</p>
            {/* Plain elements (app.css): twenty rows of Mantine List, Group and Anchor cost more than the rest. */}
            <ul className="text-sm bullet-list">
              {inbox.items.map((e) => (
                <li key={e.id}>
                  <span className="badge-row">
                    <Link className="text-link" to={`/anskaffelser/${e.procurement.id}#experience-${e.id}`}>
                      {t('supplier.inbox.item', {
                        municipality: e.municipality.name,
                        date: formatDate(e.reportDate, locale),
                        procurement: e.procurement.title,
                      })}
                    </Link>
                    <StatusBadge tone={recommendationTone[e.recommendation] ?? 'neutral'}>
                      {t(`recommendation.${e.recommendation}`)}
                    </StatusBadge>
                  </span>
                </li>
              ))}
            </ul>
            <Pagination page={inbox.page} pageCount={inbox.pageCount} param="svar-side" />
          </div>
        )}
      </section>

      {products.total === 0 ? (
        <Paper withBorder p="xl" component="section" aria-labelledby="empty">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h3" id="empty">
              {t('supplier.empty.title')}
            </Title>
            <Text>{t('supplier.empty.body')}</Text>
            <Button component={Link} to="/leverandor/produkter/ny" variant="light">
              {t('supplier.newProduct')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <section aria-labelledby="products">
          <h2 className="title-h3 gap-below-xs" id="products">
            {t('supplier.list.title')}
          </h2>
          <p className="text-sm gap-below-sm">{t('supplier.count', { count: products.total })}</p>
          {/* A plain table (app.css .plain-table): a page of products, each row with links, a badge and dates. */}
          <div className="table-scroll">
            <table className="plain-table plain-table-striped" style={{ minWidth: 720 }}>
              <thead>
                <tr>
                  <th scope="col">{t('supplier.col.product')}</th>
                  <th scope="col">{t('supplier.col.category')}</th>
                  <th scope="col">{t('supplier.col.newestVersion')}</th>
                  <th scope="col">{t('supplier.col.approval')}</th>
                  <th scope="col">{t('supplier.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {products.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link className="text-link" style={{ fontWeight: 600 }} to={`/leverandor/produkter/${p.id}`}>
                        {p.name}
                      </Link>
                    </td>
                    <td>{locale === 'en' ? p.category.nameEn : p.category.nameNb}</td>
                    <td>
                      {p.newestVersion ? (
                        <span className="badge-row">
                          <Link
                            className="text-link"
                            to={`/leverandor/versjoner/${p.newestVersion.id}`}
                            aria-label={t('supplier.version.openFor', {
                              product: p.name,
                              version: p.newestVersion.label,
                            })}
                          >
                            {p.newestVersion.label}
                          </Link>
                          <VersionStateBadge state={p.newestVersion.state} />
                        </span>
                      ) : (
                        t('supplier.noVersion')
                      )}
                    </td>
                    <td>
                      <ApprovalSummary approval={p.approval} />
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      <DateTime iso={p.updatedAt} dateOnly />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={products.page} pageCount={products.pageCount} />
        </section>
      )}
    </div>
  )
}
