import { StatusBadge, versionStateTone } from '~/components/status-badge'
import { data, Link } from 'react-router'
import { DateTime } from '~/components/date-text'
import { ApprovalBadge, ApprovalText } from '~/components/register/approval'
import { DecisionCard } from '~/components/register/decision-card'
import { useProductFacts } from '~/components/register/product-facts'
import { useLocale, useT } from '~/i18n/use-translation'
import { ProductExperienceFilter } from '~/forms/experience'
import { ProductExperienceSection } from '~/components/experience/product-experience-section'
import { ProductBenefitsSection } from '~/components/benefits/benefit-figures'
import { productPageData } from '~/models/product-page.server'
import { getViewer } from '~/utils/auth.server'
import { idParam, redirectPastLastPage } from '~/utils/params'
import type { Route } from './+types/product'

export const meta: Route.MetaFunction = ({ data: loaderData }) => [
  { title: loaderData ? `${loaderData.product.name} – Erfaringsbanken` : 'Erfaringsbanken' },
]

// "Municipalities like mine" and paging live in the query string: ?innbyggere=&fylke=&side=&bruk=
function experienceFilter(url: URL) {
  const p = url.searchParams
  // Unknown values fall back to "no filter" (the schema's .catch), so a mangled shared link still shows the page.
  return ProductExperienceFilter.parse({
    populationBand: p.get('innbyggere') || undefined,
    county: p.get('fylke') || undefined,
    page: p.get('side') || undefined,
    usagePage: p.get('bruk') || undefined,
  })
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getViewer(request)
  const page = await productPageData(viewer, idParam(params.productId), experienceFilter(new URL(request.url)))
  if (!page) throw data(null, { status: 404 })
  const { usage, experiences } = page.experience
  redirectPastLastPage(request, experiences ? { bruk: usage, side: experiences } : { bruk: usage })
  return page
}

export default function ProductPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const facts = useProductFacts()
  const { product, decisions, criteria } = loaderData
  // Plain elements with app.css classes (Mantine's look): this page renders for every signed-in request.
  return (
    <div className="stack-xl">
      <div className="stack-xs">
        <p className="text-sm">
          <Link className="plain-link" to="/register">
            {t('register.title')}
          </Link>
        </p>
        <div className="group-sm">
          <h1 className="title-h1">{product.name}</h1>
          <ApprovalBadge approval={product.approval} />
        </div>
        <p className="text-md">
          {t('register.supplier')}: {product.supplier.name} ·{' '}
          {locale === 'en' ? product.category.nameEn : product.category.nameNb}
        </p>
        <div className="card card-narrow">
          <ApprovalText
            approval={product.approval}
            unassessedVersion={product.unassessedVersion}
            withdrawalRationale={product.withdrawalRationale}
          />
        </div>
        <div className="group-md">
          <Link className="plain-link" to={`/sammenlign?p=${product.id}`}>
            {t('product.compare')}
          </Link>
          {product.viewerCan.edit ? (
            <Link className="plain-link" to={`/leverandor/produkter/${product.id}`}>
              {t('product.manage')}
            </Link>
          ) : null}
        </div>
      </div>

      <div className="columns-xl">
        <section aria-labelledby="about" className="stack-xs">
          <h2 className="title-h3" id="about">
            {t('product.about')}
          </h2>
          <p className="text-md text-medium">{product.shortDescription}</p>
          <p className="text-md pre-wrap">{product.description}</p>
        </section>
        <section aria-labelledby="regulatory" className="stack-xs">
          <h2 className="title-h3" id="regulatory">
            {t('product.regulatory')}
          </h2>
          <table className="plain-table facts-table">
            <tbody>
              {facts.map((f) => (
                <tr key={f.key}>
                  <th scope="row">{f.label}</th>
                  <td>{f.value(product)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      {product.versions.length > 0 ? (
        <section aria-labelledby="versions">
          <h2 className="title-h3 section-title-gap" id="versions">
            {t('product.versions')}
          </h2>
          <table className="plain-table versions-table">
            <thead>
              <tr>
                <th scope="col">{t('product.version')}</th>
                <th scope="col">{t('product.versionState')}</th>
                <th scope="col">{t('product.versionCreated')}</th>
              </tr>
            </thead>
            <tbody>
              {product.versions.map((v) => (
                <tr key={v.id}>
                  <td>{v.label}</td>
                  <td>
                    <StatusBadge tone={versionStateTone[v.state] ?? 'neutral'}>
                      {t(`versionState.${v.state}`)}
                    </StatusBadge>
                  </td>
                  <td>
                    <DateTime iso={v.createdAt} dateOnly />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <ProductExperienceSection
        experience={loaderData.experience}
        filterOptions={loaderData.filterOptions}
        likeMine={loaderData.likeMine}
      />

      {loaderData.benefits ? (
        <ProductBenefitsSection benefits={loaderData.benefits} productName={product.name} />
      ) : null}

      <section aria-labelledby="decisions">
        <h2 className="title-h3 section-title-gap" id="decisions">
          {t('product.decisions')}
        </h2>
        {decisions.length === 0 ? <p className="text-md">{t('product.noDecisions')}</p> : null}
        <div className="stack-md">
          {decisions.map((d) => (
            <DecisionCard key={d.id} decision={d} criteria={criteria} />
          ))}
        </div>
      </section>
    </div>
  )
}
