import type {
  BenefitIndicator,
  MeasurementMethod,
  MeasurementReporter,
  MeasurementStatus,
  MeasurementUncertainty,
  ProcedureCode,
} from '../../db/schema'
import { isMoneyIndicator } from './benefits'
import { doffinNoticeUrl } from './procurement-rules'

// Procurements as Open Contracting (OCDS 1.1) releases, with realised benefits in the Metrics extension
// (`contracts[].implementation.metrics[].observations[]`). Pure: the model hands over what this viewer may see, and
// a field it withholds (null) is left out of the release, never published empty.

/** The publisher's OCID prefix. "ocds-" and six characters; a registered prefix from the Open Contracting
 * Partnership replaces this one before the feed is announced in the national data catalogue. */
export const OCID_PREFIX = 'ocds-erfbnk'
export const METRICS_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json'

/** Norwegian procedures → OCDS procurementMethod (open, selective, limited, direct); the Norwegian name goes in
 * procurementMethodDetails. */
export const PROCUREMENT_METHOD: Record<ProcedureCode, 'open' | 'selective' | 'limited' | 'direct'> = {
  open_tender: 'open',
  restricted_tender: 'selective',
  competition_with_negotiation: 'selective',
  innovation_partnership: 'selective',
  innovation_contract: 'selective',
  direct_award: 'direct',
  framework_call_off: 'limited',
  dynamic_purchasing_system: 'selective',
  below_threshold: 'open',
}

export type OcdsMeasurement = {
  id: number
  value: number
  periodStart: string
  periodEnd: string
  method: MeasurementMethod
  status: MeasurementStatus
  uncertainty: MeasurementUncertainty
  reportedBy: MeasurementReporter
  priceYear: number | null
}

export type OcdsBenefit = {
  id: number
  municipalityNumber: string
  productName: string | null
  indicator: BenefitIndicator
  indicatorTitle: string
  unit: string
  categoryTitle: string
  areaTitle: string
  baseline: { value: number; periodStart: string; periodEnd: string; method: MeasurementMethod } | null
  measurements: OcdsMeasurement[]
}

export type OcdsProcurement = {
  id: number
  title: string
  need: string
  procedure: ProcedureCode
  procedureTitle: string
  doffinReference: string | null
  lead: { number: string; name: string }
  /** Participating municipalities other than the lead. */
  participants: Array<{ number: string; name: string }>
  supplier: { organisationId: number | null; name: string | null }
  products: Array<{ productId: number | null; name: string }>
  contractStart: string | null
  contractEnd: string | null
  /** Null when this viewer may not see the contract value. */
  contractValueNok: number | null
  updatedAt: string
  /** Null when this viewer may not read benefit records (the public sees published aggregates only). */
  benefits: OcdsBenefit[] | null
}

const dateTime = (date: string | null) => (date ? `${date}T00:00:00Z` : undefined)
const partyId = (municipalityNumber: string) => `NO-KOMMUNE-${municipalityNumber}`
const supplierId = (s: OcdsProcurement['supplier']) =>
  s.organisationId !== null ? `erfaringsbanken-org-${s.organisationId}` : `leverandor-${slug(s.name ?? 'ukjent')}`
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9æøå]+/g, '-')
    .replace(/^-|-$/g, '') || 'ukjent'

/** Drops the keys whose value is undefined (a withheld or absent field is left out, never null). */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

export const ocidOf = (procurementId: number) => `${OCID_PREFIX}-${procurementId}`

function metricOf(b: OcdsBenefit, ocid: string) {
  const money = isMoneyIndicator(b.indicator)
  const unit = { name: b.unit }
  const amount = (value: number) => (money ? { value: { amount: value, currency: 'NOK' } } : { measure: value, unit })
  const base = { municipality: partyId(b.municipalityNumber), ...(b.productName ? { product: b.productName } : {}) }
  const observations = [
    ...(b.baseline
      ? [
          {
            id: `${ocid}-benefit-${b.id}-baseline`,
            period: { startDate: dateTime(b.baseline.periodStart), endDate: dateTime(b.baseline.periodEnd) },
            ...amount(b.baseline.value),
            dimensions: { ...base, basis: 'baseline', method: b.baseline.method },
          },
        ]
      : []),
    ...b.measurements.map((m) => ({
      id: `${ocid}-benefit-${b.id}-measurement-${m.id}`,
      period: { startDate: dateTime(m.periodStart), endDate: dateTime(m.periodEnd) },
      ...amount(m.value),
      // Realised, estimated and planned figures stay apart: each observation says which it is.
      dimensions: compact({
        ...base,
        basis: m.status,
        method: m.method,
        uncertainty: m.uncertainty,
        reportedBy: m.reportedBy,
        priceYear: m.priceYear === null ? undefined : String(m.priceYear),
      }),
    })),
  ]
  if (observations.length === 0) return null
  return {
    id: `benefit-${b.id}`,
    title: b.indicatorTitle,
    description: `${b.categoryTitle}: ${b.areaTitle}`,
    observations,
  }
}

/** One procurement as an OCDS release (tag tender, award, contract, and implementation when it carries results). */
export function toRelease(p: OcdsProcurement) {
  const ocid = ocidOf(p.id)
  const buyer = { id: partyId(p.lead.number), name: p.lead.name }
  const supplier = p.supplier.name ? { id: supplierId(p.supplier), name: p.supplier.name } : null
  const value = p.contractValueNok === null ? undefined : { amount: p.contractValueNok, currency: 'NOK' }
  const items = p.products.map((product, i) => ({
    id: String(i + 1),
    description: product.name,
    ...(product.productId !== null
      ? { classification: { scheme: 'x_erfaringsbanken', id: String(product.productId) } }
      : {}),
  }))
  const metrics = (p.benefits ?? []).map((b) => metricOf(b, ocid)).filter((m) => m !== null)
  const awardId = `${ocid}-award-1`
  return {
    ocid,
    id: `${ocid}-${p.updatedAt.replace(/[^0-9]/g, '')}`,
    date: p.updatedAt,
    tag: ['tender', ...(supplier ? ['award', 'contract'] : []), ...(metrics.length > 0 ? ['implementation'] : [])],
    initiationType: 'tender',
    language: 'nb',
    parties: [
      { ...buyer, roles: ['buyer', 'procuringEntity'] },
      ...p.participants.map((m) => ({ id: partyId(m.number), name: m.name, roles: ['buyer'] })),
      ...(supplier ? [{ ...supplier, roles: ['supplier', 'tenderer'] }] : []),
    ],
    buyer,
    tender: compact({
      id: p.doffinReference ?? `${ocid}-tender`,
      title: p.title,
      description: p.need,
      procurementMethod: PROCUREMENT_METHOD[p.procedure],
      procurementMethodDetails: p.procedureTitle,
      procuringEntity: buyer,
      items,
      documents: p.doffinReference
        ? [
            {
              id: `doffin-${p.doffinReference}`,
              documentType: 'tenderNotice',
              title: `Doffin ${p.doffinReference}`,
              url: doffinNoticeUrl(p.doffinReference),
            },
          ]
        : undefined,
    }),
    ...(supplier
      ? {
          awards: [compact({ id: awardId, status: 'active', suppliers: [supplier], value, items })],
          contracts: [
            compact({
              id: `${ocid}-contract-1`,
              awardID: awardId,
              status: 'active',
              period:
                p.contractStart || p.contractEnd
                  ? compact({ startDate: dateTime(p.contractStart), endDate: dateTime(p.contractEnd) })
                  : undefined,
              value,
              items,
              implementation: metrics.length > 0 ? { metrics } : undefined,
            }),
          ],
        }
      : {}),
  }
}

export type OcdsRelease = ReturnType<typeof toRelease>

/** A release package: the releases with the publisher and the extension they use. `fallbackDate` dates an empty
 * package. */
export function toReleasePackage(releases: OcdsRelease[], meta: { uri: string; fallbackDate: string }) {
  // The package changes when a release does: dated by its newest release, so the ETag stays the same until then.
  const newest = releases.map((r) => r.date).reduce<string | null>((a, b) => (a === null || b > a ? b : a), null)
  return {
    uri: meta.uri,
    version: '1.1',
    publishedDate: newest ?? meta.fallbackDate,
    publisher: { name: 'Erfaringsbanken' },
    license: 'https://data.norge.no/nlod/no/2.0',
    extensions: [METRICS_EXTENSION_URL],
    releases,
  }
}
