import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { APPROVAL_VALIDITY_YEARS, PROVISIONAL_MAX_MONTHS } from '../../app/domain/assessment'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  categoryId,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
} from '../helpers/register-fixtures'

// The published criteria (/kriterier): every criterion in the database, with what it requires and the evidence
// expected, for anyone, in both languages; the approval rules with the numbers the domain uses.

/** The page's text as a reader sees it: tags dropped, entities decoded, whitespace collapsed. */
async function pageText(response: Response) {
  const html = await response.text()
  const body = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

const criteria = () =>
  getDb()
    .selectFrom('assessment_criterion')
    .select(['code', 'name_nb', 'name_en', 'requirement_nb', 'requirement_en', 'evidence_nb', 'evidence_en'])
    .orderBy('sort_order')
    .execute()

describe('/kriterier', () => {
  it('lists every criterion in the database with its requirement and evidence, for a visitor, in bokmål', async () => {
    const rows = await criteria()
    expect(rows.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'interoperability',
        'information_security',
        'privacy',
        'documented_benefit',
        'ce_mdr_conformity',
        'universal_design',
      ]),
    )
    const response = await appRequest('/kriterier')
    expect(response.status).toBe(200)
    const text = await pageText(response)
    expect(text).toContain('Kriterier for godkjenning')
    for (const r of rows) {
      expect(r.requirement_nb.length, r.code).toBeGreaterThan(40)
      expect(r.evidence_nb.length, r.code).toBeGreaterThan(40)
      expect(text).toContain(r.name_nb)
      expect(text).toContain(r.requirement_nb)
      expect(text).toContain(r.evidence_nb)
    }
    expect(text).toContain(`gjelder i ${APPROVAL_VALIDITY_YEARS} år`)
    expect(text).toContain(`høyst ${PROVISIONAL_MAX_MONTHS} måneder`)
  })

  it('shows the same criteria in English with ?lang=en', async () => {
    const rows = await criteria()
    const response = await appRequest('/kriterier?lang=en')
    expect(response.status).toBe(200)
    const text = await pageText(response)
    expect(text).toContain('Approval criteria')
    for (const r of rows) {
      expect(r.requirement_en.length, r.code).toBeGreaterThan(40)
      expect(r.evidence_en.length, r.code).toBeGreaterThan(40)
      expect(text).toContain(r.name_en)
      expect(text).toContain(r.requirement_en)
      expect(text).toContain(r.evidence_en)
      expect(text).not.toContain(r.requirement_nb)
    }
    expect(text).toContain(`valid for ${APPROVAL_VALIDITY_YEARS} years`)
    expect(text).toContain(`at most ${PROVISIONAL_MAX_MONTHS} months`)
  })

  it('states whether each criterion is mandatory and whether "not applicable" is allowed', async () => {
    const page = await pageText(await appRequest('/kriterier?lang=en'))
    const text = page.slice(page.indexOf('The criteria')) // after the rules, which name documented benefit
    const rows = await getDb()
      .selectFrom('assessment_criterion')
      .select(['name_en', 'mandatory', 'not_applicable_allowed'])
      .orderBy('sort_order')
      .execute()
    for (const [i, r] of rows.entries()) {
      const next = rows[i + 1]
      const section = text.slice(text.indexOf(r.name_en), next ? text.indexOf(next.name_en) : undefined)
      expect(section, r.name_en).toContain(r.mandatory ? 'Mandatory Yes' : 'Mandatory No')
      expect(section, r.name_en).toContain(`"Not applicable" allowed ${r.not_applicable_allowed ? 'Yes' : 'No'}`)
    }
  })

  it('is linked from the footer, the supplier workspace, the version a supplier submits and the assessment page', async () => {
    const links = async (path: string, cookie?: string) =>
      (await (await appRequest(path, { cookie })).text()).match(/href="\/kriterier"/g)?.length ?? 0
    expect(await links('/')).toBe(1) // the footer
    const supplier = await createSupplier('Kriterielenke Test AS')
    const coordinator = await createCoordinator()
    const { versionId } = await productInState(
      supplier,
      coordinator,
      productInput({ name: 'Kriterielenke Tilsyn', categoryId: await categoryId('digitalt-tilsyn') }),
      'submitted',
    )
    const supplierCookie = await sessionFor(supplier.userId)
    expect(await links('/leverandor', supplierCookie)).toBe(2)
    expect(await links(`/leverandor/versjoner/${versionId}`, supplierCookie)).toBe(2)
    expect(await links(`/koordinator/vurdering/${versionId}`, await sessionFor(coordinator.userId))).toBe(2)
  })
})
