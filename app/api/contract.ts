import { z } from 'zod'
import 'zod-openapi'
import { ENDED_APPROVAL_KINDS } from '~/domain/approval-label'
import { PUBLIC_VERSION_STATES } from '~/domain/approval-workflow'
import { CRITERION_RESULTS, DECISION_OUTCOMES } from '~/domain/assessment'
import {
  BENEFICIARIES,
  BENEFIT_AREAS,
  BENEFIT_CATEGORIES,
  BENEFIT_INDICATORS,
  MEASUREMENT_METHODS,
  MEASUREMENT_STATUSES,
  REPORTERS,
  UNCERTAINTIES,
} from '~/domain/benefits'
import { CONTRIBUTOR_BANDS } from '~/domain/experience-aggregates'
import { POPULATION_BAND_CODES } from '~/domain/population-bands'
import {
  COMMERCIAL_TERMS_VISIBILITIES,
  DATA_EXPORTED,
  ENDING_REASONS,
  EXPERIENCE_STATUSES,
  PARTICIPANT_ROLES,
  PHASES,
  PROCEDURES,
  RATING_DIMENSIONS,
  RECOMMENDATIONS,
} from '~/domain/procurement-rules'
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

// ---------------------------------------------------------------------------------------------------------------
// The national benefit overview: only the figures published in steps (decision 011), the same for everyone.

/** The overview's public filters, with the page's keys (/innsikt). County does not narrow public figures (decision
 * 011: a county total beside the national one isolates municipalities), so `fylke` is refused, not ignored. */
export const BenefitsQuery = z
  .strictObject({
    kategori: z.enum(BENEFIT_CATEGORIES).optional().meta({ description: 'Gevinstkategori / benefit category' }),
    innbyggere: z
      .enum(POPULATION_BAND_CODES)
      .optional()
      .meta({ description: 'Innbyggerbånd for framskrivingen / population band of the extrapolation' }),
  })
  .meta({ description: 'Filtre som på /innsikt / the overview filters' })

const contributorBandField = z
  .enum(CONTRIBUTOR_BANDS)
  .meta({ description: 'Antall kommuner bak tallet, som bånd / municipalities behind the figure, as a band' })

export const BenefitTotals = z
  .strictObject({
    hoursPerYear: z.number().nullable(),
    fullTimeEquivalents: z.number().nullable(),
    nok: z.array(z.strictObject({ priceYear: z.number().int(), nok: z.number() })),
    contributorBand: contributorBandField,
  })
  .meta({
    id: 'BenefitTotals',
    description: 'Summen av publiserte celler for ett grunnlag / the sum of published cells of one basis',
  })

const benefitRow = <K extends z.ZodType>(key: K) =>
  z.strictObject({ key, realised: BenefitTotals.nullable(), estimated: BenefitTotals.nullable() })

export const BenefitOverview = z
  .strictObject({
    source: z.literal('published'),
    filter: z.strictObject({
      category: z.enum(BENEFIT_CATEGORIES).nullable(),
      populationBand: z.enum(POPULATION_BAND_CODES).nullable(),
    }),
    publishedAt: timestamp.nullable(),
    perCategory: z.array(benefitRow(z.enum(BENEFIT_CATEGORIES))),
    perArea: z.array(benefitRow(z.number().int().min(1).max(BENEFIT_AREAS.length))),
    extrapolation: z.array(
      z.strictObject({
        populationBand: z.enum(POPULATION_BAND_CODES),
        medianPer1000: z.number(),
        bandPopulation: z.number().int(),
        bandMunicipalities: z.number().int(),
        hoursPerYear: z.number(),
        fullTimeEquivalents: z.number(),
        contributorBand: contributorBandField,
      }),
    ),
    recordsUrl: z.string().meta({ description: 'Registreringene bak tallene / the records behind the figures' }),
  })
  .meta({
    id: 'BenefitOverview',
    description:
      'Nasjonal gevinstoversikt: bare tall publisert trinnvis, hvert fra minst tre kommuner; realisert og estimert hver for seg, aldri lagt sammen / the national benefit overview, published figures only',
  })

// ---------------------------------------------------------------------------------------------------------------
// For signed-in viewers: procurements, their experience reports and benefit records, as the pages show them to the
// same viewer (the same models and policy). A field this viewer may not see is null.

const withheld = (description: string) => ({
  description: `${description}; null når du ikke kan se det / null when withheld`,
})

/** The procurement list's filters, with /anskaffelser's keys. */
export const ProcurementsQuery = z
  .strictObject({
    kommune: z
      .string()
      .regex(/^\d{4}$/)
      .optional()
      .meta({ description: 'Deltakende kommune (kommunenummer) / participating municipality' }),
    fase: z.enum(PHASES).optional().meta({ description: "En deltakers fase / a participant's phase" }),
    fylke: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .meta({ description: 'Fylket til en deltaker (fylkesnummer) / county of a participant' }),
    innbyggere: z.enum(POPULATION_BAND_CODES).optional().meta({ description: 'Innbyggerbånd / population band' }),
    produkt: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 53 - 1)
      .optional()
      .meta({ description: 'Registerprodukt (id) / register product' }),
    prosedyre: z.enum(PROCEDURES).optional().meta({ description: 'Prosedyre / procedure' }),
    side: optionalPage,
    antall: ProductsQuery.shape.antall,
  })
  .meta({ description: 'Filtre som på /anskaffelser / the procurement list filters' })

const municipality = z.strictObject({ number: z.string(), name: z.string() }).meta({ id: 'MunicipalityRef' })

export const ProcurementSummary = z
  .strictObject({
    id,
    title: z.string(),
    lead: municipality,
    participantCount: z.number().int(),
    phases: z.array(z.enum(PHASES)),
    procedure: z.enum(PROCEDURES),
    supplierName: z.string().nullable(),
    products: z.array(z.strictObject({ productId: id.nullable(), name: z.string() })),
    contractStart: date.nullable(),
    contractEnd: date.nullable(),
    contractValueNok: z.number().nullable().meta(withheld('Kontraktsverdi / contract value')),
    updatedAt: timestamp,
    url: z.string(),
  })
  .meta({ id: 'ProcurementSummary' })

export const ProcurementPage = pageOf(ProcurementSummary, 'ProcurementPage')

export const ProcurementDetail = z
  .strictObject({
    id,
    title: z.string(),
    need: z.string(),
    replacesPractice: z.string().nullable(),
    lead: municipality,
    supplierName: z.string().nullable(),
    procedure: z.enum(PROCEDURES),
    doffinReference: z.string().nullable(),
    doffinUrl: z.string().nullable(),
    contractStart: date.nullable(),
    contractEnd: date.nullable(),
    commercialTermsVisibility: z.enum(COMMERCIAL_TERMS_VISIBILITIES),
    commercialTerms: z
      .strictObject({ contractValueNok: z.number().nullable(), priceTerms: z.string().nullable() })
      .nullable()
      .meta(withheld('Kommersielle vilkår / commercial terms')),
    careSettings: z.array(z.enum(CARE_SETTINGS)),
    openForJoining: z.boolean(),
    internalNotes: z
      .string()
      .nullable()
      .meta(withheld("Ledende kommunes interne notater, bare for dens innkjøpere / the lead's internal notes")),
    products: z.array(
      z.strictObject({
        productId: id.nullable(),
        name: z.string(),
        supplierName: z.string().nullable(),
        url: z.string().nullable(),
      }),
    ),
    participants: z.array(
      z.strictObject({
        municipality,
        role: z.enum(PARTICIPANT_ROLES),
        phase: z.enum(PHASES),
        usersCount: z.number().int().nullable(),
        unitsCount: z.number().int().nullable(),
        sitesCount: z.number().int().nullable(),
        goLiveDate: date.nullable(),
        lastReportDate: date.nullable(),
        internalNotes: z
          .string()
          .nullable()
          .meta(withheld('Kommunens interne notater, bare for dens innkjøpere / own internal notes')),
        followUp: z
          .strictObject({
            due: z.boolean(),
            lastActivityDate: date,
            dueFrom: date.nullable(),
            nextMilestone: z.strictObject({ months: z.number().int(), date }).nullable(),
          })
          .nullable()
          .meta(withheld('Oppfølging, bare for kommunen selv / follow-up')),
      }),
    ),
    invitations: z.array(z.strictObject({ municipality, invitedAt: timestamp })),
    createdBy: z
      .strictObject({ name: z.string(), email: z.string() })
      .nullable()
      .meta(withheld('Registrert av / registered by')),
    createdAt: timestamp,
    updatedAt: timestamp,
    url: z.string(),
    experiencesUrl: z.string(),
    benefitsUrl: z.string().nullable().meta(withheld('Gevinstregistreringene / the benefit records')),
  })
  .meta({ id: 'ProcurementDetail' })

const moderation = z
  .strictObject({ hidden: z.boolean(), hiddenAt: timestamp.nullable(), reason: z.string().nullable() })
  .nullable()

export const Experience = z
  .strictObject({
    id,
    procurement: z.strictObject({ id, title: z.string() }),
    product: z.strictObject({ id, name: z.string() }).nullable(),
    municipality,
    reportDate: date,
    status: z.enum(EXPERIENCE_STATUSES),
    publishedAt: timestamp.nullable(),
    ratings: z.strictObject(
      Object.fromEntries(RATING_DIMENSIONS.map((d) => [d, z.number().int().nullable()])) as Record<
        (typeof RATING_DIMENSIONS)[number],
        z.ZodNullable<z.ZodNumber>
      >,
    ),
    recommendation: z.enum(RECOMMENDATIONS),
    workedWell: z.string().nullable(),
    wasHard: z.string().nullable(),
    advice: z.string().nullable(),
    ending: z
      .strictObject({
        reason: z.enum(ENDING_REASONS).nullable(),
        details: z.string().nullable(),
        switchingCostNok: z.number().nullable().meta(withheld('Byttekostnad / switching cost')),
        dataExported: z.enum(DATA_EXPORTED).nullable(),
      })
      .nullable(),
    author: z.strictObject({ name: z.string(), email: z.string() }).nullable().meta(withheld('Forfatter / author')),
    moderation: moderation.meta(withheld('Moderering / moderation')),
    replies: z.array(
      z.strictObject({
        id,
        supplier: z.strictObject({ id, name: z.string() }),
        body: z.string(),
        createdAt: timestamp,
        updatedAt: timestamp,
        edited: z.boolean(),
        authorName: z.string().nullable().meta(withheld('Forfatter / author')),
        moderation: moderation.meta(withheld('Moderering / moderation')),
      }),
    ),
  })
  .meta({ id: 'Experience', description: 'En erfaringsrapport / an experience report' })

export const ExperiencePage = pageOf(Experience, 'ExperiencePage')

const derived = z
  .strictObject({
    change: z.number(),
    percentChange: z.number().nullable(),
    gain: z.number(),
    hoursPerYear: z.number().nullable(),
    fullTimeEquivalents: z.number().nullable(),
    nok: z.strictObject({ nok: z.number(), priceYear: z.number().int() }).nullable(),
  })
  .nullable()
  .meta({ description: 'Mot nullpunktet; null uten nullpunkt / against the baseline' })

export const BenefitRecord = z
  .strictObject({
    id,
    procurementId: id,
    municipality,
    product: z.strictObject({ id, name: z.string() }).nullable(),
    category: z.enum(BENEFIT_CATEGORIES),
    area: z.number().int().min(1).max(BENEFIT_AREAS.length),
    beneficiary: z.enum(BENEFICIARIES),
    indicator: z.enum(BENEFIT_INDICATORS),
    customIndicator: z.string().nullable(),
    customUnit: z.string().nullable(),
    hoursPerUnit: z.number().nullable(),
    concernsCount: z.number().nullable(),
    description: z.string().nullable(),
    baseline: z
      .strictObject({
        value: z.number(),
        periodStart: date,
        periodEnd: date,
        method: z.enum(MEASUREMENT_METHODS),
        qualityNote: z.string().nullable(),
      })
      .nullable(),
    measurements: z.array(
      z.strictObject({
        id,
        value: z.number(),
        periodStart: date,
        periodEnd: date,
        method: z.enum(MEASUREMENT_METHODS),
        status: z.enum(MEASUREMENT_STATUSES),
        uncertainty: z.enum(UNCERTAINTIES),
        reportedBy: z.enum(REPORTERS),
        priceYear: z.number().int().nullable(),
        note: z.string().nullable(),
        derived,
      }),
    ),
    followUpDue: z
      .strictObject({ months: z.number().int(), dueDate: date })
      .nullable()
      .meta(withheld('Neste oppfølgingspunkt, for kommunen selv / next follow-up point')),
  })
  .meta({
    id: 'BenefitRecord',
    description:
      'En gevinstregistrering med nullpunkt og målinger (realisert, estimert og planlagt hver for seg) / a benefit record',
  })

export const BenefitRecordList = z.strictObject({ items: z.array(BenefitRecord) }).meta({ id: 'BenefitRecordList' })

export type ApiBenefitOverview = z.output<typeof BenefitOverview>
export type ApiBenefitTotals = z.output<typeof BenefitTotals>
export type ApiProcurementSummary = z.output<typeof ProcurementSummary>
export type ApiProcurementDetail = z.output<typeof ProcurementDetail>
export type ApiExperience = z.output<typeof Experience>
export type ApiBenefitRecord = z.output<typeof BenefitRecord>
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
  /** Answers what the page shows the viewer of the session cookie (Cache-Control: private, no-store when signed
   * in); without it, what it shows a visitor. */
  session?: true
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
    session: true,
  },
  {
    path: '/api/v1/ocds/releases/{procurementId}',
    file: 'routes/api/ocds-release.ts',
    operationId: 'getOcdsRelease',
    summary: 'Én anskaffelse som OCDS-releasepakke / one procurement as an OCDS release package',
    pathParams: ProcurementPath,
    response: OcdsReleasePackage,
    session: true,
  },
  {
    path: '/api/v1/catalog',
    file: 'routes/api/catalog.ts',
    operationId: 'getCatalog',
    summary: 'Datasettbeskrivelse (DCAT-AP-NO, JSON-LD) / dataset description',
    response: DcatCatalog,
    contentType: 'application/ld+json',
  },
  {
    path: '/api/v1/benefits',
    file: 'routes/api/benefits.ts',
    operationId: 'getBenefitOverview',
    summary:
      'Nasjonal gevinstoversikt, publiserte tall (som /innsikt for publikum) / the national benefit overview, published figures',
    query: BenefitsQuery,
    response: BenefitOverview,
  },
  {
    path: '/api/v1/procurements',
    file: 'routes/api/procurements.ts',
    operationId: 'listProcurements',
    summary: 'Anskaffelser (som /anskaffelser) / procurements',
    query: ProcurementsQuery,
    response: ProcurementPage,
    session: true,
  },
  {
    path: '/api/v1/procurements/{procurementId}',
    file: 'routes/api/procurement.ts',
    operationId: 'getProcurement',
    summary: 'En anskaffelse (som anskaffelsessiden) / a procurement',
    pathParams: ProcurementPath,
    response: ProcurementDetail,
    session: true,
  },
  {
    path: '/api/v1/procurements/{procurementId}/experiences',
    file: 'routes/api/procurement-experiences.ts',
    operationId: 'listProcurementExperiences',
    summary: "Erfaringsrapportene til en anskaffelse (innlogget) / a procurement's experience reports (signed in)",
    pathParams: ProcurementPath,
    query: PageQuery,
    response: ExperiencePage,
    session: true,
  },
  {
    path: '/api/v1/procurements/{procurementId}/benefits',
    file: 'routes/api/procurement-benefits.ts',
    operationId: 'listProcurementBenefits',
    summary:
      "Gevinstregistreringene til en anskaffelse, med nullpunkt og målinger (innlogget) / a procurement's benefit records (signed in)",
    pathParams: ProcurementPath,
    response: BenefitRecordList,
    session: true,
  },
]
