import { UNSAFE_decodeViaTurboStream } from 'react-router'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { APPROVAL_VALIDITY_YEARS } from '../../app/domain/assessment'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { saveDossierSection } from '../../app/models/dossier.server'
import { appRequest, dataUrl, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { outcomeOf } from '../helpers/outcome'
import {
  allMet,
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
  type Actor,
} from '../helpers/register-fixtures'

let supplier: Actor
let otherSupplier: Actor
let coordinator: Actor
let buyer: Actor
const ids = {} as Record<
  'approved' | 'draft' | 'submitted' | 'inReview' | 'gps',
  { productId: number; versionId: number }
>

beforeAll(async () => {
  supplier = await createSupplier('Polarlys Test AS')
  otherSupplier = await createSupplier('Konkurrent Test AS')
  coordinator = await createCoordinator()
  buyer = await createBuyer('3909')
  const alarm = await categoryId('trygghetsalarm')
  const gps = await categoryId('lokaliseringsteknologi')
  ids.approved = await productInState(
    supplier,
    coordinator,
    productInput({
      name: 'Polarlys Trygghetsalarm',
      categoryId: alarm,
      careSettings: ['home_care', 'sheltered_housing'],
      integrations: ['scaip'],
    }),
    'approved',
  )
  ids.gps = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Polarlys Lokator', categoryId: gps, careSettings: ['home_care'], mdrClass: 'I' }),
    'approved',
  )
  ids.draft = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Polarlys Hemmelig Utkast', categoryId: alarm }),
    'draft',
  )
  ids.submitted = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Polarlys Innsendt', categoryId: alarm }),
    'submitted',
  )
  ids.inReview = await productInState(
    supplier,
    coordinator,
    productInput({ name: 'Polarlys Vurderes', categoryId: alarm }),
    'in_review',
  )
})

const html = async (path: string, cookie?: string) => {
  const res = await appRequest(path, { cookie })
  return { status: res.status, text: await res.text() }
}

describe('public register search', () => {
  it('finds a product by a Norwegian word prefix and shows only approved products to visitors', async () => {
    const { status, text } = await html('/register?q=trygghets')
    expect(status).toBe(200)
    expect(text).toContain('Polarlys Trygghetsalarm')
    expect(text).not.toContain('Polarlys Hemmelig Utkast')
    expect(text).not.toContain('Polarlys Innsendt')
  })

  it('returns the same order for the same query', async () => {
    const order = (t: string) => [...t.matchAll(/href="\/register\/(\d+)"/g)].map((m) => m[1])
    const a = order((await html('/register?q=polarlys')).text)
    const b = order((await html('/register?q=polarlys')).text)
    expect(a.length).toBeGreaterThanOrEqual(2)
    expect(a).toEqual(b)
  })

  it('combines filters, keeps them in the URL, and shows a helpful empty state', async () => {
    const both = (await html('/register?q=polarlys&tjenestested=home_care&integrasjon=scaip')).text
    expect(both).toContain('Polarlys Trygghetsalarm')
    expect(both).not.toContain('Polarlys Lokator')
    const category = (await html('/register?q=polarlys&kategori=lokaliseringsteknologi')).text
    expect(category).toContain('Polarlys Lokator')
    expect(category).not.toContain('Polarlys Trygghetsalarm')
    const none = (await html('/register?q=polarlys&kategori=lokaliseringsteknologi&integrasjon=scaip')).text
    expect(none).toContain('Ingen løsninger passer søket')
    expect(none).toContain('Nullstill søket')
  })

  /** The sort select's options (value, label) and the selected one's value. */
  const sortSelect = (text: string) => {
    const select = text.match(/<select[^>]*name="sortering"[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? ''
    const options = [...select.matchAll(/<option([^>]*)>([^<]*)<\/option>/g)].map((m) => ({
      value: m[1]!.match(/value="([^"]*)"/)?.[1],
      label: m[2],
      selected: / selected=""/.test(m[1]!),
    }))
    return { options, selected: options.find((o) => o.selected)?.value }
  }

  it('offers "Mest relevant" only with search text; without, the default is by name', async () => {
    const searched = sortSelect((await html('/register?q=polarlys')).text)
    expect(searched.options[0]).toMatchObject({ value: '', label: 'Mest relevant' })
    expect(searched.options.map((o) => o.value)).toContain('name')
    expect(searched.selected).toBe('')
    const unsearched = sortSelect((await html('/register')).text)
    expect(unsearched.options.map((o) => o.label)).not.toContain('Mest relevant')
    // Name is the default there, sent as no value: text typed on this page is still ordered by relevance.
    expect(unsearched.options[0]).toMatchObject({ value: '', label: 'Navn (A–Å)' })
    expect(unsearched.options.filter((o) => o.label === 'Navn (A–Å)')).toHaveLength(1)
    expect(unsearched.selected).toBe('')
  })

  it('answers sortering=relevance without search text with the default order by name, not an error', async () => {
    const order = (t: string) => [...t.matchAll(/href="\/register\/(\d+)"/g)].map((m) => m[1])
    for (const q of ['', '&q=%20', '&q=!!!']) {
      const relevance = await html(`/register?sortering=relevance${q}`)
      expect(relevance.status, q).toBe(200)
      expect(order(relevance.text), q).toEqual(order((await html('/register?sortering=name')).text))
      expect(
        sortSelect(relevance.text).options.map((o) => o.label),
        q,
      ).not.toContain('Mest relevant')
      expect(sortSelect(relevance.text).selected, q).toBe('')
    }
    const data = await loaderData<{ result: { sort: string; relevance: boolean } }>(
      '/register?sortering=relevance',
      'routes/register',
    )
    expect(data.result).toMatchObject({ sort: 'name', relevance: false })
  })

  it('answers 400 for values outside the lists', async () => {
    expect((await appRequest('/register?status=maybe')).status).toBe(400)
    expect((await appRequest('/register?kategori=finnes-ikke')).status).toBe(400)
    expect((await appRequest(dataUrl('/register?integrasjon=fax'))).status).toBe(400)
  })

  it('shows a supplier its own drafts in the register, and coordinators everything', async () => {
    const own = (await html('/register?q=polarlys', await sessionFor(supplier.userId))).text
    expect(own).toContain('Polarlys Hemmelig Utkast')
    const other = (await html('/register?q=polarlys', await sessionFor(otherSupplier.userId))).text
    expect(other).not.toContain('Polarlys Hemmelig Utkast')
    const coord = (await html('/register?q=polarlys', await sessionFor(coordinator.userId))).text
    expect(coord).toContain('Polarlys Innsendt')
  })
})

describe('product page', () => {
  it('shows an approved product with its version-bound approval and the published rationale', async () => {
    const { status, text } = await html(`/register/${ids.approved.productId}`)
    expect(status).toBe(200)
    expect(text).toContain('Godkjent: versjon 1.0')
    expect(text).toContain('Vedtak: approved.')
    expect(text).toContain('Godkjenningen gjelder bare versjon 1.0.')
  })

  it('answers 404 for drafts to everyone but the supplier and coordinators, and for junk ids', async () => {
    const path = `/register/${ids.draft.productId}`
    expect((await appRequest(path)).status).toBe(404)
    expect((await appRequest(path, { cookie: await sessionFor(buyer.userId) })).status).toBe(404)
    expect((await appRequest(dataUrl(path), { cookie: await sessionFor(otherSupplier.userId) })).status).toBe(404)
    expect((await appRequest(path, { cookie: await sessionFor(supplier.userId) })).status).toBe(200)
    expect((await appRequest(path, { cookie: await sessionFor(coordinator.userId) })).status).toBe(200)
    expect((await appRequest('/register/abc')).status).toBe(404)
    expect((await appRequest('/register/99999999')).status).toBe(404)
  })

  it('compares up to four products side by side, skipping what the viewer may not see', async () => {
    const p = [ids.approved.productId, ids.draft.productId, ids.gps.productId].join(',')
    const { text } = await html(`/sammenlign?p=${p}`)
    expect(text).toContain('Polarlys Trygghetsalarm')
    expect(text).toContain('Polarlys Lokator')
    expect(text).not.toContain('Polarlys Hemmelig Utkast')
    const many = (await html(`/sammenlign?p=1,2,3,4,5`)).text
    expect(many).toContain('høyst fire')
  })

  it('lists published decisions on /vedtak, newest first, without refusals', async () => {
    const { text } = await html('/vedtak')
    expect(text).toContain('Polarlys Trygghetsalarm')
    expect(text).toContain('Polarlys Lokator')
    expect(text).not.toContain('Polarlys Vurderes')
  })
})

describe('assessment workflow over HTTP', () => {
  const decideForm = (
    outcome: string,
    results = allMet(),
    rationale = 'Alle kriterier er oppfylt etter gjennomgang av dokumentasjonen.',
  ) => ({
    intent: 'decide',
    outcome,
    rationale,
    ...Object.fromEntries(results.map((r) => [`result_${r.criterionCode}`, r.result])),
  })

  it('refuses a supplier who tries to approve its own version (403) and leaves it untouched', async () => {
    const path = `/koordinator/vurdering/${ids.inReview.versionId}`
    const cookie = await sessionFor(supplier.userId)
    expect(await outcomeOf(await appRequest(path, { cookie, form: decideForm('approved') }))).toBe(403)
    expect(await outcomeOf(await appRequest(dataUrl(path), { cookie, form: decideForm('approved') }))).toBe(403)
    const row = await getDb()
      .selectFrom('product_version')
      .select('state')
      .where('id', '=', ids.inReview.versionId)
      .executeTakeFirstOrThrow()
    expect(row.state).toBe('in_review')
  })

  it('refuses to approve a draft (409)', async () => {
    const res = await appRequest(`/koordinator/vurdering/${ids.draft.versionId}`, {
      cookie: await sessionFor(coordinator.userId),
      form: decideForm('approved'),
    })
    expect(res.status).toBe(409)
  })

  it('refuses approval when a mandatory criterion is not met, keeping the typed rationale', async () => {
    const res = await appRequest(`/koordinator/vurdering/${ids.inReview.versionId}`, {
      cookie: await sessionFor(coordinator.userId),
      form: decideForm('approved', allMet({ privacy: 'not_met' }), 'Min begrunnelse som ikke må forsvinne'),
    })
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toContain('Godkjenning krever at alle obligatoriske kriterier er oppfylt.')
    expect(text).toContain('Min begrunnelse som ikke må forsvinne')
  })

  /** The action's answer as the browser's single fetch decodes it (the form's errors and typed values). */
  const actionAnswer = async (res: Response) => {
    const stream = await UNSAFE_decodeViaTurboStream(res.body!, globalThis)
    await stream.done
    const value = stream.value as { data?: unknown }
    return (value.data ?? value) as { errors: Record<string, string>; values: Record<string, string> }
  }
  const withoutResult = (form: Record<string, string>, ...codes: string[]) =>
    Object.fromEntries(Object.entries(form).filter(([k]) => !codes.some((c) => k === `result_${c}`)))

  it('reports the missing rationale and the criteria errors in one answer, keeping the typed input', async () => {
    const path = `/koordinator/vurdering/${ids.inReview.versionId}`
    const cookie = await sessionFor(coordinator.userId)
    const form = {
      ...withoutResult(decideForm('approved', allMet(), ''), 'privacy'),
      result_interoperability: 'kanskje',
      comment_universal_design: 'Kommentar som må stå igjen',
    }
    const res = await appRequest(dataUrl(path), { cookie, form })
    expect(res.status).toBe(400)
    const answer = await actionAnswer(res)
    expect(answer.errors).toEqual({
      rationale: 'assess.error.rationale_required',
      result_privacy: 'assess.error.criteria_incomplete',
      result_interoperability: 'assess.error.invalid_input',
    })
    expect(answer.values).toMatchObject({
      comment_universal_design: 'Kommentar som må stå igjen',
      result_interoperability: 'kanskje',
    })
    // The page shows them on their fields in the same round.
    const page = await (await appRequest(path, { cookie, form })).text()
    expect(page).toContain('Skriv en begrunnelse. Den publiseres sammen med vedtaket.')
    expect(page).toContain('Velg et resultat for hvert kriterium.')
    expect(page).toContain('Kommentar som må stå igjen')
  })

  it('adds the outcome-bound criteria and end-date errors to the schema errors when the outcome is readable', async () => {
    const path = dataUrl(`/koordinator/vurdering/${ids.inReview.versionId}`)
    const cookie = await sessionFor(coordinator.userId)
    const unmet = await appRequest(path, { cookie, form: decideForm('approved', allMet({ privacy: 'not_met' }), '') })
    expect(unmet.status).toBe(400)
    expect((await actionAnswer(unmet)).errors).toEqual({
      rationale: 'assess.error.rationale_required',
      result_privacy: 'assess.error.criteria_not_met',
    })
    // Provisional approval with the benefit already met and no end date: both rules, besides the rationale.
    const provisional = await appRequest(path, { cookie, form: decideForm('provisionally_approved', allMet(), '') })
    expect(provisional.status).toBe(400)
    expect((await actionAnswer(provisional)).errors).toEqual({
      rationale: 'assess.error.rationale_required',
      result_documented_benefit: 'assess.error.benefit_already_documented',
      validUntil: 'assess.error.valid_until_required',
    })
    // An unreadable outcome still gets the criteria rules that hold for every outcome.
    const noOutcome = await appRequest(path, {
      cookie,
      form: withoutResult(decideForm('', allMet()), 'privacy'),
    })
    expect((await actionAnswer(noOutcome)).errors).toEqual({
      outcome: 'validation.required',
      result_privacy: 'assess.error.criteria_incomplete',
    })
    const row = await getDb()
      .selectFrom('product_version')
      .select('state')
      .where('id', '=', ids.inReview.versionId)
      .executeTakeFirstOrThrow()
    expect(row.state).toBe('in_review')
  })

  it('a coordinator starts the review and approves; the decision is published with its rationale', async () => {
    const cookie = await sessionFor(coordinator.userId)
    const path = `/koordinator/vurdering/${ids.submitted.versionId}`
    expect((await appRequest(path, { cookie })).status).toBe(200)
    expect((await appRequest(path, { cookie, form: { intent: 'startReview' } })).status).toBe(302)
    const res = await appRequest(path, {
      cookie,
      form: decideForm('approved', allMet(), 'Godkjent etter grundig vurdering av samhandling.'),
    })
    expect(res.status).toBe(302)
    const page = (await html(`/register/${ids.submitted.productId}`)).text
    expect(page).toContain('Godkjent: versjon 1.0')
    expect(page).toContain('Godkjent etter grundig vurdering av samhandling.')
    expect((await html('/vedtak')).text).toContain('Godkjent etter grundig vurdering av samhandling.')
  })

  it('shows the dossier on the assessment page to coordinators only', async () => {
    const saved = await saveDossierSection(supplier.viewer, ids.draft.versionId, {
      kind: 'test_reports',
      heading: 'Testrapport',
      body: 'Fortrolig testinnhold 42',
    })
    expect(saved.ok).toBe(true)
    const path = `/koordinator/vurdering/${ids.draft.versionId}`
    expect((await html(path, await sessionFor(coordinator.userId))).text).toContain('Fortrolig testinnhold 42')
    expect((await appRequest(path, { cookie: await sessionFor(buyer.userId) })).status).toBe(403)
    expect((await appRequest(path, { cookie: await sessionFor(supplier.userId) })).status).toBe(403)
  })

  it('lists the queue oldest first with the waiting time', async () => {
    const { text } = await html('/koordinator/vurdering', await sessionFor(coordinator.userId))
    expect(text).toContain('Polarlys Vurderes')
    expect(text).toMatch(/Har ventet \d+ dager/)
  })
})

describe('insight', () => {
  it('counts approved products per category, linking each to the filtered register', async () => {
    const { status, text } = await html('/innsikt')
    expect(status).toBe(200)
    const row = text.match(
      /href="\/register\?kategori=lokaliseringsteknologi"[^>]*>Lokaliseringsteknologi \(GPS\)<\/a><\/th><td[^>]*>(\d+)<\/td>/,
    )
    expect(row?.[1]).toBe('1')
  })

  // The figures are kept in memory per day until the content changes (app/models/insight.server.ts).
  it('shows a new approval at the next view, and stops counting approvals on the day they end', async () => {
    const cookie = await sessionFor(buyer.userId)
    const gpsApproved = async () =>
      (await html('/innsikt', cookie)).text.match(
        /href="\/register\?kategori=lokaliseringsteknologi"[^>]*>Lokaliseringsteknologi \(GPS\)<\/a><\/th><td[^>]*>(\d+)<\/td>/,
      )?.[1]
    expect(await gpsApproved()).toBe('1')
    expect(await gpsApproved()).toBe('1')
    await productInState(
      otherSupplier,
      coordinator,
      productInput({ name: 'Konkurrent Lokator', categoryId: await categoryId('lokaliseringsteknologi') }),
      'approved',
    )
    expect(await gpsApproved()).toBe('2')
    advanceClock((APPROVAL_VALIDITY_YEARS * 366 + 1) * 24 * 3_600_000)
    try {
      expect(await gpsApproved()).toBe('0')
    } finally {
      resetClock()
    }
  })
})
