import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { data, Form, Link, useLocation } from 'react-router'
import { Pagination } from '~/components/pagination'
import { formatDate } from '~/components/date-text'
import { ApprovalBadge } from '~/components/register/approval'
import { isEndedApprovalLabel, type ApprovalLabel } from '~/domain/approval-label'
import { CARE_SETTINGS, INTEGRATIONS, MDR_CLASSES } from '~/domain/register-codes'
import { resolveLocale } from '~/i18n/locale.server'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { listCategories } from '~/models/reference.server'
import {
  MAX_COMPARE,
  MAX_QUERY_LENGTH,
  REGISTER_SORTS,
  REGISTER_STATUS_FILTERS,
} from '~/domain/register-search-options'
import { searchRegister, type RegisterListItem } from '~/models/register-search.server'
import { formatNumber } from '~/i18n'
import { parseRegisterQuery } from '~/forms/register-query'
import { getViewer } from '~/utils/auth.server'
import { redirectPastLastPage } from '~/utils/params'
import type { Route } from './+types/register'
import { numberFormat } from '~/i18n/intl-cache'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'register.title')

const PAGE_SIZE = 20

// The search lives in the query string (Norwegian keys, part of the public URL interface, shared with the CSV export
// and the API: app/forms/register-query.ts) so it can be shared.

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const parsed = parseRegisterQuery(new URL(request.url).searchParams, { pageSize: PAGE_SIZE })
  if (!parsed.ok) throw data(null, { status: 400 })
  const search = parsed.search
  const categories = await listCategories(resolveLocale(request).locale)
  if (search.category && !categories.some((c) => c.slug === search.category)) throw data(null, { status: 400 })
  const result = await searchRegister(viewer, search)
  redirectPastLastPage(request, { side: result })
  const filtered =
    search.category !== undefined ||
    search.status !== undefined ||
    search.mdrClass !== undefined ||
    (search.careSetting?.length ?? 0) > 0 ||
    (search.integration?.length ?? 0) > 0
  return {
    search: { ...search, q: (search.q ?? '').slice(0, MAX_QUERY_LENGTH) },
    filtered,
    categories,
    result: { ...result, items: result.items.map(({ newestVersion: _, ...item }) => item) },
  }
}

/** The same search as a CSV file: every page, so the page number is left out. */
function exportUrl(search: string) {
  const params = new URLSearchParams(search)
  params.delete('side')
  const query = params.toString()
  return `/register/eksport${query ? `?${query}` : ''}`
}

export default function Register({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { search, categories, result, filtered } = loaderData
  const [chosen, setChosen] = useState<number[]>([])
  const choose = (id: number, on: boolean) =>
    setChosen((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)))
  const location = useLocation()
  const selectedCare = new Set(search.careSetting ?? [])
  const selectedIntegrations = new Set(search.integration ?? [])
  // "Mest relevant" is offered only for a search with words to match; without one it would sort by name, a second
  // "Navn" in the list. The default order is sent as no value, so that text typed on the unsearched page (showing
  // "Navn") is still ordered by relevance, as a search is by default.
  const defaultSort = result.relevance ? 'relevance' : 'name'
  return (
    <Stack gap="lg">
      <Stack gap="xs" maw={800}>
        <Title order={1}>{t('register.title')}</Title>
        <Text>{t('register.lead')}</Text>
      </Stack>
      <Paper withBorder p="md" component="section" aria-label={t('register.search')}>
        <Form method="get" role="search">
          <Stack gap="md">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('register.search')}
                name="q"
                type="search"
                defaultValue={search.q}
                placeholder={t('register.search.placeholder')}
                style={{ flex: '1 1 18rem' }}
              />
              <Button type="submit">{t('register.submit')}</Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <NativeSelect
                label={t('register.category')}
                name="kategori"
                defaultValue={search.category ?? ''}
                data={[
                  { value: '', label: t('register.anyCategory') },
                  ...categories.map((c) => ({ value: c.slug, label: c.name })),
                ]}
              />
              <NativeSelect
                label={t('register.status')}
                name="status"
                defaultValue={search.status ?? ''}
                data={[
                  { value: '', label: t('register.anyStatus') },
                  ...REGISTER_STATUS_FILTERS.map((s) => ({ value: s, label: t(`register.status.${s}`) })),
                ]}
              />
              <NativeSelect
                label={t('register.mdrClass')}
                name="mdr"
                defaultValue={search.mdrClass ?? ''}
                data={[
                  { value: '', label: t('register.anyMdrClass') },
                  ...MDR_CLASSES.map((m) => ({ value: m, label: t(`mdr.${m}`) })),
                ]}
              />
              <NativeSelect
                label={t('register.sort')}
                name="sortering"
                defaultValue={result.sort === defaultSort ? '' : result.sort}
                data={REGISTER_SORTS.filter((s) => s !== 'relevance' || result.relevance).map((s) => ({
                  value: s === defaultSort ? '' : s,
                  label: t(`register.sort.${s}`),
                }))}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <CheckGroup
                legend={t('register.careSetting')}
                name="tjenestested"
                options={CARE_SETTINGS.map((c) => ({ value: c, label: t(`careSetting.${c}`) }))}
                selected={selectedCare}
              />
              <CheckGroup
                legend={t('register.integration')}
                name="integrasjon"
                options={INTEGRATIONS.map((i) => ({ value: i, label: t(`integration.${i}`) }))}
                selected={selectedIntegrations}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" variant="light">
                {t('register.submit')}
              </Button>
              <Anchor component={Link} to="/register">
                {t('register.reset')}
              </Anchor>
            </Group>
          </Stack>
        </Form>
      </Paper>

      <section aria-labelledby="results">
        <Title order={2} size="h3" id="results" mb="sm" aria-live="polite">
          {t('register.results', { count: result.total })}
        </Title>
        {result.total > 0 ? (
          <Anchor
            component={Link}
            to={exportUrl(location.search)}
            reloadDocument
            size="sm"
            mb="sm"
            display="inline-block"
          >
            {t('csv.download')}
          </Anchor>
        ) : null}
        {result.query.trimmed ? (
          <Alert color="yellow" mb="sm" role="status">
            {t('register.query.trimmed', { max: MAX_QUERY_LENGTH })}
          </Alert>
        ) : null}
        {result.query.corrected.map((c) => (
          <Text key={c.from} mb="sm" role="status">
            {t('register.query.corrected', { from: c.from, to: c.to })}
          </Text>
        ))}
        {result.items.length === 0 ? (
          <Paper withBorder p="lg">
            <Text fw={600}>{t('register.empty.title')}</Text>
            {filtered && search.q ? (
              <Text mt="xs">
                {t('register.empty.withFilters')}{' '}
                <Anchor component={Link} to={`/register?${new URLSearchParams({ q: search.q }).toString()}`}>
                  {t('register.empty.withoutFilters', { q: search.q })}
                </Anchor>
              </Text>
            ) : null}
            <Text mt="xs">{t('register.empty.body')}</Text>
            <Anchor component={Link} to="/register" mt="xs" display="inline-block">
              {t('register.reset')}
            </Anchor>
          </Paper>
        ) : (
          <Form method="get" action="/sammenlign">
            <Stack gap="sm">
              <Text size="sm" aria-live="polite">
                {chosen.length >= MAX_COMPARE ? t('register.compareFull') : t('register.compareHint')}
              </Text>
              {result.items.map((p) => (
                <article className="card register-item" key={p.id} aria-labelledby={`product-${p.id}`}>
                  <div className="register-item-body">
                    <Link to={`/register/${p.id}`} className="text-link register-item-name" id={`product-${p.id}`}>
                      {p.name}
                    </Link>
                    <p className="text-sm">
                      {p.supplier.name} · {locale === 'en' ? p.category.nameEn : p.category.nameNb}
                    </p>
                    <p className="register-item-text">{p.shortDescription}</p>
                    <div className="badge-row">
                      <ApprovalBadge approval={p.approval} />
                      <ApprovalVersionText approval={p.approval} />
                      {p.mdrClass !== 'none' ? <MdrText mdr={p.mdrClass} /> : null}
                    </div>
                    <ListFacts item={p} />
                  </div>
                  <input
                    type="checkbox"
                    className="plain-check"
                    name="p"
                    value={String(p.id)}
                    aria-label={t('register.selectForCompare', { name: p.name })}
                    checked={chosen.includes(p.id)}
                    onChange={(e) => choose(p.id, e.currentTarget.checked)}
                    // With four chosen, the others wait (the server, too, takes no more than four).
                    disabled={!chosen.includes(p.id) && chosen.length >= MAX_COMPARE}
                  />
                </article>
              ))}
              <div>
                <Button type="submit" variant="light">
                  {t('register.compareSelected')}
                </Button>
              </div>
            </Stack>
          </Form>
        )}
        <Pagination page={result.page} pageCount={result.pageCount} />
      </section>
    </Stack>
  )
}

/** Next to the badge: the version an approval covers or covered, and when an ended approval ended. */
function ApprovalVersionText({ approval }: { approval: ApprovalLabel }) {
  const t = useT()
  const locale = useLocale()
  if (approval.status === 'not_approved') return null
  if (isEndedApprovalLabel(approval))
    return (
      <p className="text-sm">
        {t('decision.version', { version: approval.version })}
        {approval.endedAt ? ` · ${formatDate(approval.endedAt, locale)}` : ''}
      </p>
    )
  return <p className="text-sm">{t('decision.version', { version: approval.approvedVersion })}</p>
}

/** The facts people choose by: use in procurements and the public rating (published figures, decision 010). */
function ListFacts({ item }: { item: Pick<RegisterListItem, 'municipalityCount' | 'publicRating'> }) {
  const t = useT()
  const locale = useLocale()
  const decimal = numberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  const rating = item.publicRating
  return (
    <div className="register-facts">
      <p className="text-sm">{t('register.usage', { count: item.municipalityCount })}</p>
      <p className="text-sm">
        {rating
          ? t('register.rating', {
              overall: decimal.format(rating.overall),
              share: formatNumber(Math.round(rating.recommendYes * 100), locale),
              band: t(`experience.band.${rating.band}`),
            })
          : t('register.rating.none')}
      </p>
    </div>
  )
}

function MdrText({ mdr }: { mdr: 'I' | 'IIa' | 'IIb' | 'III' | 'none' }) {
  const t = useT()
  return (
    <p className="text-sm">
      {t('product.mdrClass')}: {t(`mdr.${mdr}`)}
    </p>
  )
}

/** A filter's checkboxes as a fieldset: plain inputs (a Mantine Checkbox per option costs much of the page's render). */
function CheckGroup(props: {
  legend: string
  name: string
  options: Array<{ value: string; label: string }>
  selected: ReadonlySet<string>
}) {
  return (
    <fieldset className="check-group">
      <legend>{props.legend}</legend>
      <div className="check-row">
        {props.options.map((o) => (
          <label key={o.value} className="check-label">
            <input
              type="checkbox"
              className="plain-check"
              name={props.name}
              value={o.value}
              defaultChecked={props.selected.has(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
