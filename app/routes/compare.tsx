import { Link } from 'react-router'
import { CompareBenefitsCell } from '~/components/benefits/benefit-figures'
import { ApprovalText } from '~/components/register/approval'
import { useProductFacts } from '~/components/register/product-facts'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { AGGREGATE_MIN_MUNICIPALITIES } from '~/domain/experience-aggregates'
import { RATING_DIMENSIONS, RECOMMENDATIONS } from '~/domain/procurement-rules'
import { comparePageData } from '~/models/product-page.server'
import { MAX_COMPARE } from '~/models/products.server'
import { getViewer } from '~/utils/auth.server'
import { idField } from '~/utils/fields'
import type { Route } from './+types/compare'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'compare.title')

const productId = idField()

/** `?p=1,2` or `?p=1&p=2`: ids in the order given, duplicates and junk ignored. */
function idsFromUrl(url: URL) {
  const ids = url.searchParams
    .getAll('p')
    .flatMap((v) => v.split(','))
    .flatMap((v) => {
      const id = productId.safeParse(v)
      return id.success ? [id.data] : []
    })
  return [...new Set(ids)]
}

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const ids = idsFromUrl(new URL(request.url))
  const { products, experience, benefits } = await comparePageData(viewer, ids)
  return {
    products,
    experience,
    benefits,
    tooMany: ids.length > MAX_COMPARE,
    minimum: AGGREGATE_MIN_MUNICIPALITIES,
  }
}

/** The first column (.compare-sticky in app.css) stays in place while the products scroll under it. */
const STICKY_WIDTH = 150

export default function Compare({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const facts = useProductFacts()
  const { products, tooMany, experience, minimum } = loaderData
  const experienceOf = (id: number) => experience.find((e) => e.productId === id)
  const mean = (v: number | null) => (v === null ? '–' : v.toFixed(1).replace('.', locale === 'en' ? '.' : ','))
  const without = (id: number) =>
    `/sammenlign?p=${products
      .filter((p) => p.id !== id)
      .map((p) => p.id)
      .join(',')}`
  return (
    // Plain elements with app.css classes (Mantine's look): this page renders for every signed-in request.
    <div className="stack-lg">
      <div className="stack-xs">
        <h1 className="title-h1">{t('compare.title')}</h1>
        <p className="text-md">{t('compare.lead')}</p>
        <div>
          <Link className="plain-link" to="/register">
            {t('compare.backToRegister')}
          </Link>
        </div>
      </div>
      {tooMany ? (
        <div className="notice-yellow" role="alert">
          {t('compare.tooMany')}
        </div>
      ) : null}
      {products.length === 0 ? (
        <p className="text-md">{t('compare.empty')}</p>
      ) : (
        // At 390 px the table scrolls sideways, the row headings stay in view (sticky first column).
        // Plain elements (app.css, .compare-table): rendered for every signed-in request.
        <div className="table-scroll">
          <table className="plain-table compare-table" style={{ minWidth: STICKY_WIDTH + products.length * 200 }}>
            <thead>
              <tr>
                <th scope="col" className="compare-sticky">
                  {t('compare.attribute')}
                </th>
                {products.map((p) => (
                  <th scope="col" key={p.id}>
                    <Link className="plain-link compare-name" to={`/register/${p.id}`}>
                      {p.name}
                    </Link>
                    <span className="compare-supplier">{p.supplier.name}</span>
                    <Link className="plain-link" to={without(p.id)} aria-label={t('compare.remove', { name: p.name })}>
                      {t('compare.removeShort')}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row" className="compare-sticky">
                  {t('register.status')}
                </th>
                {products.map((p) => (
                  <td key={p.id}>
                    <ApprovalText
                      approval={p.approval}
                      unassessedVersion={p.unassessedVersion}
                      withdrawalRationale={p.withdrawalRationale}
                    />
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="compare-sticky">
                  {t('register.category')}
                </th>
                {products.map((p) => (
                  <td key={p.id}>{locale === 'en' ? p.category.nameEn : p.category.nameNb}</td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="compare-sticky">
                  {t('product.about')}
                </th>
                {products.map((p) => (
                  <td key={p.id}>{p.shortDescription}</td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="compare-sticky">
                  {t('experience.compare.using')}
                </th>
                {products.map((p) => (
                  <td key={p.id}>{experienceOf(p.id)?.municipalitiesUsing ?? 0}</td>
                ))}
              </tr>
              {RATING_DIMENSIONS.map((d) => (
                <tr key={d}>
                  <th scope="row" className="compare-sticky">
                    {t(`rating.${d}`)}
                  </th>
                  {products.map((p) => {
                    const dim = experienceOf(p.id)?.aggregate?.dimensions.find((x) => x.dimension === d)
                    return (
                      <td key={p.id}>
                        {dim ? (
                          dim.count === null ? (
                            mean(dim.mean)
                          ) : (
                            `${mean(dim.mean)} (${dim.count})`
                          )
                        ) : (
                          <span className="compare-dimmed">{t('experience.compare.noAggregate', { minimum })}</span>
                        )}
                      </td>
                    )
                  })}
                </tr>
              ))}
              {RECOMMENDATIONS.map((r) => (
                <tr key={r}>
                  <th scope="row" className="compare-sticky">
                    {t(`recommendation.${r}`)}
                  </th>
                  {products.map((p) => {
                    const share = experienceOf(p.id)?.aggregate?.recommendation[r]
                    return (
                      <td key={p.id}>
                        {share
                          ? `${Math.round(share.share * 100)} %${share.count === null ? '' : ` (${share.count})`}`
                          : '–'}
                      </td>
                    )
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row" className="compare-sticky">
                  {t('benefitOverview.compare.row')}
                </th>
                {products.map((p) => (
                  <td key={p.id}>
                    <CompareBenefitsCell benefits={loaderData.benefits.find((b) => b.productId === p.id)} />
                  </td>
                ))}
              </tr>
              {facts.map((f) => (
                <tr key={f.key}>
                  <th scope="row" className="compare-sticky">
                    {f.label}
                  </th>
                  {products.map((p) => (
                    <td key={p.id}>{f.value(p)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
