import { z } from 'zod'
import 'zod-openapi'
import { ENDED_APPROVAL_KINDS } from '~/domain/approval-label'
import { PUBLIC_VERSION_STATES } from '~/domain/approval-workflow'
import { CRITERION_RESULTS, DECISION_OUTCOMES } from '~/domain/assessment'
import { CONTRIBUTOR_BANDS } from '~/domain/experience-aggregates'
import { RATING_DIMENSIONS, RECOMMENDATIONS } from '~/domain/procurement-rules'
import { CARE_SETTINGS, INTEGRATIONS, INTENDED_USES, MDR_CLASSES } from '~/domain/register-codes'
import { REGISTER_SORTS, REGISTER_STATUS_FILTERS } from '~/domain/register-search-options'

// The public JSON API's contract: the query parameters and response bodies of every /api/v1 route, as Zod schemas.
// The OpenAPI document is generated from these (app/api/openapi.server.ts), the routes build their bodies through
// the `to…` mappers in app/api/views.server.ts typed by them, and tests/routes/api.test.ts parses every answer with
// them (strict objects: a field the document does not name fails the test).

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: 'date', example: '2026-03-01' })
const timestamp = z.string().meta({ format: 'date-time', example: '2026-03-01T09:30:00.000Z' })
const id = z.number().int().positive()

// ---------------------------------------------------------------------------------------------------------------
// Query parameters

const optionalPage = z.coerce.number().int().min(1).max(10_000).optional().meta({ description: 'Side (1 …)' })

/** The register search, with the register page's own keys (a search URL can be moved between page and API). */
export const ProductsQuery = z
  .object({
    q: z.string().max(200).optional().meta({ description: 'Fritekst / free text' }),
    kategori: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional()
      .meta({ description: 'Kategori (slug) / category slug' }),
    status: z.enum(REGISTER_STATUS_FILTERS).optional(),
    mdr: z.enum(MDR_CLASSES).optional().meta({ description: 'MDR-klasse / MDR class' }),
    tjenestested: z
      .array(z.enum(CARE_SETTINGS))
      .optional()
      .meta({ description: 'Tjenestested, gjentatt eller kommaliste; alle må gjelde / care settings, all must apply' }),
    integrasjon: z
      .array(z.enum(INTEGRATIONS))
      .optional()
      .meta({ description: 'Integrasjon, gjentatt eller kommaliste; alle må gjelde / integrations, all must apply' }),
    sortering: z.enum(REGISTER_SORTS).optional(),
    side: optionalPage,
    antall: z.coerce.number().int().min(1).max(50).optional().meta({ description: 'Per side (1–50) / page size' }),
  })
  .meta({ description: 'Søk i registeret / register search' })

export const PageQuery = z.strictObject({ side: optionalPage, antall: ProductsQuery.shape.antall })

export const ProductPath = z.object({
  productId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1)
    .meta({ description: 'Produkt-id / product id' }),
})

// ---------------------------------------------------------------------------------------------------------------
// Bodies

export const ApiError = z
  .strictObject({
    error: z.strictObject({
      status: z.number().int(),
      code: z.string(),
      message: z.string(),
      parameters: z.array(z.strictObject({ parameter: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' })

export const Category = z
  .strictObject({ slug: z.string(), nameNb: z.string(), nameEn: z.string() })
  .meta({ id: 'Category' })

export const Approval = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('not_approved') }),
    z.strictObject({
      status: z.enum(['approved', 'provisionally_approved']),
      approvedVersion: z.string(),
      validUntil: date,
      newestVersion: z.string(),
      newestAssessed: z.boolean(),
    }),
    z.strictObject({ status: z.enum(ENDED_APPROVAL_KINDS), version: z.string(), endedAt: z.string().nullable() }),
  ])
  .meta({ id: 'Approval', description: 'Godkjenningsstatus / approval status' })

export const ProductSummary = z
  .strictObject({
    id,
    name: z.string(),
    shortDescription: z.string(),
    supplier: z.strictObject({ id, name: z.string() }),
    category: Category,
    mdrClass: z.enum(MDR_CLASSES),
    ceMarked: z.boolean(),
    careSettings: z.array(z.enum(CARE_SETTINGS)),
    integrations: z.array(z.enum(INTEGRATIONS)),
    approval: Approval,
    updatedAt: timestamp,
    url: z.string().meta({ description: 'Produktsiden / the product page' }),
  })
  .meta({ id: 'ProductSummary' })

const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .strictObject({
      items: z.array(item),
      total: z.number().int().min(0),
      page: z.number().int().min(1),
      pageSize: z.number().int().min(1),
      pageCount: z.number().int().min(1),
    })
    .meta({ id: name })

export const ProductPage = pageOf(ProductSummary, 'ProductPage')

export const Version = z
  .strictObject({
    id,
    label: z.string(),
    state: z.enum(PUBLIC_VERSION_STATES),
    releaseNotes: z.string().nullable(),
    validUntil: date.nullable(),
  })
  .meta({ id: 'Version' })

export const Decision = z
  .strictObject({
    id,
    decidedAt: timestamp,
    outcome: z.enum(DECISION_OUTCOMES),
    rationale: z.string(),
    validUntil: date.nullable(),
    approvalEnded: z.boolean(),
    version: z.strictObject({ id, label: z.string() }),
    product: z.strictObject({ id, name: z.string(), supplierName: z.string(), url: z.string().nullable() }),
    results: z.array(
      z.strictObject({ criterionCode: z.string(), result: z.enum(CRITERION_RESULTS), comment: z.string().nullable() }),
    ),
  })
  .meta({ id: 'Decision' })

export const DecisionPage = pageOf(Decision, 'DecisionPage')

/** The public's figures: published in steps (each from at least three municipalities), coarse, no counts. */
export const PublishedAggregate = z
  .strictObject({
    contributorBand: z.enum(CONTRIBUTOR_BANDS),
    publishedAt: timestamp,
    ratings: z.array(z.strictObject({ dimension: z.enum(RATING_DIMENSIONS), mean: z.number().nullable() })),
    recommendation: z.strictObject(
      Object.fromEntries(RECOMMENDATIONS.map((r) => [r, z.number().min(0).max(1)])) as Record<
        (typeof RECOMMENDATIONS)[number],
        z.ZodNumber
      >,
    ),
  })
  .meta({ id: 'PublishedAggregate', description: 'Publiserte tall (trinnvis, minst tre kommuner) / published figures' })

export const ProductDetail = ProductSummary.extend({
  description: z.string(),
  intendedUsers: z.string().nullable(),
  website: z.string().nullable(),
  intendedUse: z.enum(INTENDED_USES).nullable(),
  dataStorageLocation: z.string().nullable(),
  dpiaTemplateAvailable: z.boolean(),
  dpaAvailable: z.boolean(),
  universalDesign: z.string().nullable(),
  standards: z.string().nullable(),
  withdrawalRationale: z.string().nullable(),
  versions: z.array(Version),
  decisions: z.array(Decision),
  aggregate: PublishedAggregate.nullable(),
}).meta({ id: 'ProductDetail' })

export const Criterion = z
  .strictObject({
    code: z.string(),
    mandatory: z.boolean(),
    notApplicableAllowed: z.boolean(),
    nameNb: z.string(),
    nameEn: z.string(),
    descriptionNb: z.string(),
    descriptionEn: z.string(),
    requirementNb: z.string(),
    requirementEn: z.string(),
    evidenceNb: z.string(),
    evidenceEn: z.string(),
  })
  .meta({ id: 'Criterion' })

export const CategoryList = z.strictObject({ items: z.array(Category) }).meta({ id: 'CategoryList' })
export const CriterionList = z.strictObject({ items: z.array(Criterion) }).meta({ id: 'CriterionList' })

/** An OCDS 1.1 release package (validated against the official schemas in the tests, not restated here). */
export const OcdsReleasePackage = z
  .looseObject({
    uri: z.string(),
    version: z.literal('1.1'),
    publishedDate: timestamp,
    publisher: z.looseObject({ name: z.string() }),
    extensions: z.array(z.string()),
    releases: z.array(z.looseObject({ ocid: z.string(), id: z.string(), date: z.string(), tag: z.array(z.string()) })),
  })
  .meta({
    id: 'OcdsReleasePackage',
    description:
      'Open Contracting Data Standard 1.1 release package with the Metrics extension (https://standard.open-contracting.org/1.1/en/schema/release_package/). Gevinster (baseline, estimert, realisert) som contracts[].implementation.metrics[].observations[], skilt med dimensions.basis; bare for innloggede som kan lese gevinstregistreringene.',
  })

export const OcdsPageQuery = z.strictObject({
  side: optionalPage,
  antall: z.coerce.number().int().min(1).max(100).optional().meta({ description: 'Per side (1–100) / page size' }),
})

export const ProcurementPath = z.object({
  procurementId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1)
    .meta({ description: 'Anskaffelsens id / procurement id' }),
})

/** The DCAT-AP-NO catalogue (JSON-LD) the national data catalogue harvests. */
export const DcatCatalog = z
  .looseObject({
    '@context': z.record(z.string(), z.string()),
    '@type': z.literal('dcat:Catalog'),
    'dcat:dataset': z.array(z.looseObject({ '@type': z.literal('dcat:Dataset') })),
  })
  .meta({ id: 'DcatCatalog', description: 'DCAT-AP-NO 2 (JSON-LD)' })

export type ApiProductSummary = z.output<typeof ProductSummary>
export type ApiProductDetail = z.output<typeof ProductDetail>
export type ApiDecision = z.output<typeof Decision>
export type ApiCriterion = z.output<typeof Criterion>
export type ApiCategory = z.output<typeof Category>
export type ApiPublishedAggregate = z.output<typeof PublishedAggregate>

// ---------------------------------------------------------------------------------------------------------------
// The endpoints: what the OpenAPI document lists and the tests check against app/routes.ts.

export type Endpoint = {
  /** OpenAPI path template. */
  path: string
  /** The route module serving it (app/routes.ts). */
  file: string
  operationId: string
  summary: string
  query?: z.ZodObject
  pathParams?: z.ZodObject
  response: z.ZodType
  /** The response's media type, when not application/json. */
  contentType?: string
}

export const ENDPOINTS: Endpoint[] = [
  {
    path: '/api/v1/categories',
    file: 'routes/api/categories.ts',
    operationId: 'listCategories',
    summary: 'Kategorier / categories',
    response: CategoryList,
  },
  {
    path: '/api/v1/products',
    file: 'routes/api/products.ts',
    operationId: 'searchProducts',
    summary: 'Søk i registeret (som /register) / search the register',
    query: ProductsQuery,
    response: ProductPage,
  },
  {
    path: '/api/v1/products/{productId}',
    file: 'routes/api/product.ts',
    operationId: 'getProduct',
    summary: 'Et produkt med versjoner, vedtak og publiserte tall / a product',
    pathParams: ProductPath,
    response: ProductDetail,
  },
  {
    path: '/api/v1/decisions',
    file: 'routes/api/decisions.ts',
    operationId: 'listDecisions',
    summary: 'Publiserte vedtak / published decisions',
    query: PageQuery,
    response: DecisionPage,
  },
  {
    path: '/api/v1/criteria',
    file: 'routes/api/criteria.ts',
    operationId: 'listCriteria',
    summary: 'Publiserte kriterier / published criteria',
    response: CriterionList,
  },
  {
    path: '/api/v1/ocds/releases',
    file: 'routes/api/ocds-releases.ts',
    operationId: 'listOcdsReleases',
    summary: 'Anskaffelser som OCDS-releasepakke (sidevis) / procurements as an OCDS release package',
    query: OcdsPageQuery,
    response: OcdsReleasePackage,
  },
  {
    path: '/api/v1/ocds/releases/{procurementId}',
    file: 'routes/api/ocds-release.ts',
    operationId: 'getOcdsRelease',
    summary: 'Én anskaffelse som OCDS-releasepakke / one procurement as an OCDS release package',
    pathParams: ProcurementPath,
    response: OcdsReleasePackage,
  },
  {
    path: '/api/v1/catalog',
    file: 'routes/api/catalog.ts',
    operationId: 'getCatalog',
    summary: 'Datasettbeskrivelse (DCAT-AP-NO, JSON-LD) / dataset description',
    response: DcatCatalog,
    contentType: 'application/ld+json',
  },
]
