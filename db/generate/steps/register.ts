import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { VersionState } from '../../schema'
import { inserter, scaled, type GeneratorContext, type GeneratorStep } from '../context'
import { addDays, timestampOn, WeightedIndex, zipfWeights } from '../random'
import { CATEGORY_WORDS, PRODUCT_SUFFIX } from '../text'

type Fate = 'current' | 'provisional' | 'withdrawn' | 'expired' | 'unpublished'

const CARE_SETTINGS = ['home_care', 'nursing_home', 'sheltered_housing', 'hospital']
const INTEGRATIONS = ['hl7_fhir', 'welfare_tech_hub', 'epj', 'scaip', 'open_api', 'other']
const SECTION_KINDS = ['security_documentation', 'test_reports', 'customer_references', 'prices_offered', 'other']

/** A minimal valid PDF (starts with %PDF-, as the upload check requires), different per file. */
const pdfBytes = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n` +
      `% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  )

/** Products with their care settings, integrations, versions, decisions (with per-criterion results), dossier
 * sections and a few stored PDF attachments. Suppliers' catalogues are skewed: most have a handful of products, a
 * few have dozens. */
export const registerStep: GeneratorStep = {
  name: 'register',
  tables: [
    'product',
    'product_care_setting',
    'product_integration',
    'product_version',
    'version_decision',
    'decision_criterion_result',
    'dossier_section',
    'dossier_attachment',
  ],
  run(ctx: GeneratorContext) {
    const { sqlite, random, facts, today } = ctx
    facts.categories = sqlite.prepare('select id, slug from category order by sort_order').all() as Array<{
      id: number
      slug: string
    }>
    const criteria = sqlite
      .prepare('select code, mandatory, not_applicable_allowed from assessment_criterion order by sort_order')
      .all() as Array<{ code: string; mandatory: number; not_applicable_allowed: number }>
    const insertProduct = inserter(sqlite, 'product', [
      'supplier_organisation_id',
      'name',
      'category_id',
      'short_description',
      'description',
      'intended_users',
      'website',
      'ce_marked',
      'intended_use',
      'mdr_class',
      'data_storage_location',
      'dpia_template_available',
      'dpa_available',
      'universal_design',
      'price_model',
      'standards',
      'created_at',
      'updated_at',
    ])
    const insertCareSetting = inserter(sqlite, 'product_care_setting', ['product_id', 'code'])
    const insertIntegration = inserter(sqlite, 'product_integration', ['product_id', 'code'])
    const insertVersion = inserter(sqlite, 'product_version', [
      'product_id',
      'version_label',
      'release_notes',
      'state',
      'submitted_at',
      'created_at',
      'updated_at',
    ])
    const insertDecision = inserter(sqlite, 'version_decision', [
      'version_id',
      'coordinator_user_id',
      'decided_at',
      'outcome',
      'rationale',
      'valid_until',
    ])
    const insertResult = inserter(sqlite, 'decision_criterion_result', [
      'decision_id',
      'criterion_code',
      'result',
      'comment',
    ])
    const insertSection = inserter(sqlite, 'dossier_section', [
      'version_id',
      'kind',
      'heading',
      'body',
      'updated_by',
      'created_at',
      'updated_at',
    ])
    const insertAttachment = inserter(sqlite, 'dossier_attachment', [
      'version_id',
      'original_filename',
      'stored_name',
      'size_bytes',
      'sha256',
      'uploaded_by',
      'uploaded_at',
    ])
    mkdirSync(ctx.attachmentsDir, { recursive: true, mode: 0o700 })

    const suppliers = facts.suppliers
    const supplierIndex = new WeightedIndex(zipfWeights(suppliers.length, 0.8))
    const productCount = scaled(ctx, 500)
    const coordinator = () => random.pick(facts.coordinatorUserIds)

    const decide = (versionId: number, outcome: string, on: string, medical: boolean, validUntil: string | null) => {
      const decisionId = insertDecision(
        versionId,
        coordinator(),
        timestampOn(random, on),
        outcome,
        `Vurdert etter kriteriene: ${outcome === 'approved' ? 'alle obligatoriske krav er oppfylt' : 'se merknadene'}.`,
        validUntil,
      )
      if (outcome === 'withdrawn') return
      const failing =
        outcome === 'changes_requested' || outcome === 'rejected'
          ? new Set(
              random.sample(
                criteria.filter((c) => c.mandatory === 1).map((c) => c.code),
                random.int(1, 2),
              ),
            )
          : new Set<string>()
      for (const c of criteria) {
        let result = 'met'
        if (c.code === 'ce_mdr_conformity' && !medical) result = 'not_applicable'
        if (c.code === 'universal_design' && random.chance(0.2)) result = 'not_applicable'
        if (outcome === 'provisionally_approved' && c.code === 'documented_benefit') result = 'not_met'
        if (failing.has(c.code)) result = 'not_met'
        insertResult(decisionId, c.code, result, result === 'not_met' ? 'Dokumentasjonen er mangelfull.' : null)
      }
    }

    let attachmentNumber = 0
    for (let i = 0; i < productCount; i++) {
      // Every supplier gets one product first, then the rest by a Zipf draw.
      const supplier = i < suppliers.length ? suppliers[i] : suppliers[supplierIndex.draw(random)]
      if (!supplier) throw new Error('no verified supplier to own a product')
      const category = random.pick(facts.categories)
      const words = CATEGORY_WORDS[category.slug] ?? { nouns: ['Løsning'], description: 'Velferdsteknologi.' }
      const brand = supplier.name.split(' ')[0] ?? 'Produkt'
      const name = `${brand} ${random.pick(words.nouns)}${random.pick(PRODUCT_SUFFIX)}`
      const mdr = random.weighted([
        ['none', 6],
        ['I', 2],
        ['IIa', 1.5],
        ['IIb', 0.4],
        ['III', 0.1],
      ] as const)
      const medical = mdr !== 'none'
      const created = addDays(today, -random.int(60, 8 * 365))
      const createdAt = timestampOn(random, created)
      const productId = insertProduct(
        supplier.organisationId,
        name,
        category.id,
        words.description,
        `${words.description} ${name} leveres av ${supplier.name} og brukes i kommuner over hele landet.`,
        random.pick([
          'Hjemmeboende eldre',
          'Personer med demens',
          'Ansatte i hjemmetjenesten',
          'Beboere i omsorgsbolig',
        ]),
        random.chance(0.8) ? `https://www.${brand.toLowerCase().replace(/[^a-z]/g, '') || 'produkt'}.example/` : null,
        medical || random.chance(0.5) ? 1 : 0,
        random.pick(['professional', 'home', 'both', null]),
        mdr,
        random.pick(['Norge', 'EØS', 'Norge og Sverige', null]),
        random.chance(0.6) ? 1 : 0,
        random.chance(0.8) ? 1 : 0,
        random.chance(0.7) ? 'WCAG 2.1 AA for brukergrensesnittet.' : null,
        random.pick(['Månedlig leie per bruker', 'Kjøp og årlig lisens', 'Abonnement per enhet', null]),
        random.pick(['EN 50134', 'ISO 13485', 'ISO 27001', null]),
        createdAt,
        createdAt,
      )
      for (const code of random.sample(CARE_SETTINGS, random.int(1, 3))) insertCareSetting(productId, code)
      for (const code of random.sample(INTEGRATIONS, random.int(0, 3))) insertIntegration(productId, code)

      const fate = random.weighted<Fate>([
        ['current', 65],
        ['provisional', 8],
        ['withdrawn', 5],
        ['expired', 5],
        ['unpublished', 17],
      ])
      let label = 1
      const addVersion = (state: VersionState, on: string, submitted: boolean) => {
        const at = timestampOn(random, on)
        return insertVersion(
          productId,
          `${label++}.0`,
          'Endringer i denne versjonen.',
          state,
          submitted ? at : null,
          at,
          at,
        )
      }
      const approvedVersions: number[] = []
      if (fate === 'current') {
        if (random.chance(0.3)) {
          const decided = addDays(today, -random.int(3 * 365 + 30, 6 * 365))
          const v = addVersion('expired', addDays(decided, -40), true)
          decide(v, 'approved', decided, medical, addDays(decided, 3 * 365))
          approvedVersions.push(v)
        }
        const decided = addDays(today, -random.int(0, 3 * 365 - 1))
        const v = addVersion('approved', addDays(decided, -40), true)
        decide(v, 'approved', decided, medical, addDays(decided, 3 * 365))
        approvedVersions.push(v)
        if (random.chance(0.06)) addVersion(random.pick(['submitted', 'in_review'] as const), today, true)
      } else if (fate === 'provisional') {
        const decided = addDays(today, -random.int(0, 300))
        const v = addVersion('provisionally_approved', addDays(decided, -40), true)
        decide(v, 'provisionally_approved', decided, medical, addDays(decided, 360))
        approvedVersions.push(v)
      } else if (fate === 'withdrawn') {
        const decided = addDays(today, -random.int(200, 900))
        const v = addVersion('withdrawn', addDays(decided, -40), true)
        decide(v, 'approved', decided, medical, addDays(decided, 3 * 365))
        decide(v, 'withdrawn', addDays(decided, random.int(30, 150)), medical, null)
        approvedVersions.push(v)
      } else if (fate === 'expired') {
        const decided = addDays(today, -random.int(3 * 365 + 1, 5 * 365))
        const v = addVersion('expired', addDays(decided, -40), true)
        decide(v, 'approved', decided, medical, addDays(decided, 3 * 365))
        approvedVersions.push(v)
      } else {
        const state = random.pick(['draft', 'submitted', 'in_review', 'changes_requested', 'rejected'] as const)
        const on = addDays(today, -random.int(1, 200))
        const v = addVersion(state, on, state !== 'draft')
        if (state === 'changes_requested' || state === 'rejected') decide(v, state, on, medical, null)
        approvedVersions.push(v)
      }

      // The dossier of the newest version: two sections, and now and then a stored PDF.
      const newest = approvedVersions[approvedVersions.length - 1]
      if (newest !== undefined) {
        const author = random.pick(supplier.userIds)
        for (const kind of random.sample(SECTION_KINDS, 2)) {
          insertSection(
            newest,
            kind,
            'Dokumentasjon',
            'Konfidensiell dokumentasjon for vurderingen.',
            author,
            createdAt,
            createdAt,
          )
        }
        if (i === 0 || random.chance(0.03)) {
          attachmentNumber += 1
          const bytes = pdfBytes(`vedlegg ${attachmentNumber} ${name}`)
          const storedName = random.hex(16)
          writeFileSync(join(ctx.attachmentsDir, storedName), bytes, { mode: 0o600 })
          insertAttachment(
            newest,
            `testrapport-${attachmentNumber}.pdf`,
            storedName,
            bytes.length,
            createHash('sha256').update(bytes).digest('hex'),
            author,
            createdAt,
          )
        }
      }
      facts.products.push({
        id: productId,
        supplierOrganisationId: supplier.organisationId,
        everPublic: fate !== 'unpublished',
        quality: Math.min(4.8, Math.max(1.6, random.normal(3.7, 0.6))),
        categorySlug: category.slug,
      })
    }
  },
}
