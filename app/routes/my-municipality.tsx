import { Link } from 'react-router'
import { BENEFIT_FOLLOW_UP_PAGE_PARAMS, BenefitFollowUpSection } from '~/components/benefit/benefit-follow-up'
import { DateTime, formatDate } from '~/components/date-text'
import { Pagination } from '~/components/pagination'
import { InvitationAnswer } from '~/components/procurement/invitation-answer'
import { StatusBadge } from '~/components/status-badge'
import { MyMunicipalityFilter } from '~/forms/procurement'
import { formatNumber } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-translation'
import { getBenefitFollowUp } from '~/models/benefits.server'
import { getMyMunicipality, type MyProcurement } from '~/models/my-municipality.server'
import { canViewMyMunicipality } from '~/policy/experience'
import { assertAllowed, requireViewer } from '~/utils/auth.server'
import type { Route } from './+types/my-municipality'

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.myMunicipality')

// "Min kommune": what the viewer's municipality has going and what needs doing (docs/domain.md, "Procurements",
// "Benefit realisation"), for its verified buyers. Apart from the national list (/anskaffelser), so that neither page
// renders the other's lists on every visit. Each list is paged on its own query-string key (PARAMS); a page past the
// end of a list shows its last page (the models clamp it as they read).
export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  assertAllowed(canViewMyMunicipality(viewer))
  const q = new URL(request.url).searchParams
  const param = (name: string) => q.get(name) || undefined
  const filter = MyMunicipalityFilter.parse({
    dueOnly: param(PARAMS.dueOnly),
    page: param(PARAMS.page),
    noticePage: param(PARAMS.noticePage),
    invitationPage: param(PARAMS.invitationPage),
    benefitDuePage: param(PARAMS.benefitDuePage),
    missingBaselinePage: param(PARAMS.missingBaselinePage),
    draftPage: param(PARAMS.draftPage),
    pageSize: 20,
  })
  const [mine, benefitFollowUp] = await Promise.all([
    getMyMunicipality(viewer, filter),
    getBenefitFollowUp(viewer, {
      duePage: filter.benefitDuePage,
      missingPage: filter.missingBaselinePage,
      pageSize: BENEFIT_FOLLOW_UP_PAGE_SIZE,
    }),
  ])
  // Null only when the viewer may not see them, which assertAllowed above has ruled out.
  assertAllowed(mine !== null && benefitFollowUp !== null)
  return {
    // The procurements as the table shows them: not the rule's other dates, the product ids and the counts, which
    // would be sent (and encoded) on every visit for nothing.
    mine: { ...mine, procurements: { ...mine.procurements, items: mine.procurements.items.map(procurementRow) } },
    benefitFollowUp,
    dueOnly: filter.dueOnly,
  }
}

const procurementRow = (m: MyProcurement) => ({
  procurementId: m.procurementId,
  title: m.title,
  role: m.role,
  leadName: m.lead.name,
  phase: m.phase,
  lastReportDate: m.lastReportDate,
  followUp: { due: m.followUp.due, dueFrom: m.followUp.dueFrom },
  productNames: m.products.map((p) => p.name).join(', '),
})

/** The page's query-string keys, by the filter field each sets: the procurements due only, and each list's page. */
const PARAMS = {
  dueOnly: 'forfall',
  page: 'minside',
  noticePage: 'varselside',
  invitationPage: 'invitasjonsside',
  draftPage: 'utkastside',
  benefitDuePage: BENEFIT_FOLLOW_UP_PAGE_PARAMS.due,
  missingBaselinePage: BENEFIT_FOLLOW_UP_PAGE_PARAMS.missing,
} as const

const BENEFIT_FOLLOW_UP_PAGE_SIZE = 10

export default function MyMunicipality({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { mine, benefitFollowUp, dueOnly } = loaderData
  const { drafts } = mine
  // Plain elements with app.css classes: Mantine components cost more to render, and this page lists a lot.
  return (
    <div className="stack-xl" style={{ maxWidth: 1100 }}>
      <div className="stack-xs-4">
        <div className="page-head">
          <h1 className="title-h1">{t('procurement.mine.title', { municipality: mine.municipality.name })}</h1>
          <Link className="btn" to="/anskaffelser/ny">
            {t('procurement.index.new')}
          </Link>
        </div>
        <p className="text-md">{t('procurement.mine.lead')}</p>
        <p className="text-sm">
          <Link className="plain-link mine-link" to="/konto/organisasjon">
            {t('procurement.mine.members')}
          </Link>
          <Link
            className="plain-link mine-link"
            to={`/anskaffelser/eksport?kommune=${mine.municipality.number}`}
            reloadDocument
          >
            {t('csv.downloadMine', { municipality: mine.municipality.name })}
          </Link>
          <Link className="plain-link mine-link" to="/anskaffelser">
            {t('procurement.mine.toNational')}
          </Link>
        </p>
      </div>

      {mine.invitations.total > 0 ? (
        // Mantine's Paper withBorder, Title and Stack as plain elements (app.css .card, .title-h3, .stack-*).
        <section className="card stack-sm" aria-labelledby="my-invitations">
          <h2 className="title-h3" id="my-invitations">
            {t('procurement.mine.invitations.title')}
          </h2>
          <p className="text-sm">{t('procurement.mine.invitations.lead')}</p>
          <ul className="plain-list stack-sm">
            {mine.invitations.items.map((inv) => (
              <li key={inv.procurementId} className="stack-xs-4">
                <p className="text-sm">
                  <Link className="plain-link" to={`/anskaffelser/${inv.procurementId}`}>
                    {inv.title}
                  </Link>{' '}
                  {t('procurement.mine.invitations.from', { lead: inv.lead.name })}
                </p>
                <InvitationAnswer action={`/anskaffelser/${inv.procurementId}`} name={inv.title} />
              </li>
            ))}
          </ul>
          <Pagination
            page={mine.invitations.page}
            pageCount={mine.invitations.pageCount}
            param={PARAMS.invitationPage}
            label={t('procurement.mine.invitations.title')}
          />
        </section>
      ) : null}

      {mine.approvalNotices.total > 0 ? (
        // Mantine's light orange Alert as plain elements (app.css .mine-alert).
        <div className="mine-alert" role="note" aria-labelledby="approval-notices-title" data-testid="approval-notices">
          <h2 className="mine-alert-title" id="approval-notices-title">
            {t('procurement.mine.noLongerApproved.title')}
          </h2>
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
                param={PARAMS.noticePage}
                label={t('procurement.mine.noLongerApproved.title')}
              />
            </>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="mine">
        <h2 className="title-h3 section-title-gap" id="mine">
          {t('procurement.mine.procurementsTitle')}
        </h2>
        <p className="text-sm mine-gap">
          {t('procurement.mine.counts', {
            led: mine.counts.led,
            participating: mine.counts.participating,
            due: mine.counts.followUpDue,
          })}
        </p>
        {dueOnly ? (
          <p className="mine-gap">
            <Link className="plain-link text-sm" to="/min-kommune">
              {t('procurement.mine.showAll')}
            </Link>
          </p>
        ) : mine.counts.followUpDue > 0 ? (
          <p className="mine-gap">
            <Link className="plain-link text-sm" to={`/min-kommune?${PARAMS.dueOnly}=1`}>
              {t('procurement.mine.showDue')}
            </Link>
          </p>
        ) : null}
        {mine.procurements.items.length === 0 ? (
          <p className="mine-empty">{t('procurement.mine.empty')}</p>
        ) : (
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
                      {m.productNames ? <p className="list-note">{m.productNames}</p> : null}
                    </th>
                    <td>
                      {m.role === 'lead'
                        ? t('participantRole.lead')
                        : t('procurement.mine.participantOf', { lead: m.leadName })}
                    </td>
                    <td>{t(`phase.${m.phase}`)}</td>
                    <td>
                      {m.lastReportDate ? <DateTime iso={m.lastReportDate} dateOnly /> : t('procurement.mine.noReport')}
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
        <Pagination
          page={mine.procurements.page}
          pageCount={mine.procurements.pageCount}
          param={PARAMS.page}
          label={t('procurement.mine.procurementsTitle')}
        />
      </section>

      <BenefitFollowUpSection followUp={benefitFollowUp} />

      <section aria-labelledby="my-drafts">
        <h2 className="title-h3 section-title-gap" id="my-drafts">
          {t('procurement.drafts.title')}
        </h2>
        {drafts.items.length === 0 ? (
          <p className="text-sm">{t('procurement.drafts.empty')}</p>
        ) : (
          <ul className="follow-up-list">
            {drafts.items.map((d) => (
              <li key={d.id}>
                <Link className="plain-link" to={`/anskaffelser/${d.procurementId}/erfaringer/${d.id}`}>
                  {t('procurement.drafts.item', {
                    title: d.procurementTitle,
                    date: formatDate(d.reportDate, locale),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={drafts.page}
          pageCount={drafts.pageCount}
          param={PARAMS.draftPage}
          label={t('procurement.drafts.title')}
        />
      </section>
    </div>
  )
}
