import { beforeAll, describe, expect, it } from 'vitest'
import { updateProduct } from '../../app/models/products.server'
import { RegisterSearchSchema } from '../../app/forms/register'
import { searchRegister, toFtsQuery } from '../../app/models/register-search.server'
import { rebuildSearchIndex } from '../../app/models/search-index.server'
import { testDb } from '../helpers/db'
import {
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

let alfa: Awaited<ReturnType<typeof createSupplier>>
let beta: Awaited<ReturnType<typeof createSupplier>>
let coordinator: Actor
let buyer: Actor
const ids: Record<string, number> = {}

beforeAll(async () => {
  alfa = await createSupplier('Alfa Velferd AS')
  beta = await createSupplier('Beta Omsorgsteknikk AS')
  coordinator = await createCoordinator()
  buyer = await createBuyer()
  const alarm = await categoryId('trygghetsalarm')
  const locks = await categoryId('dorlaser-og-nokkelhandtering')
  const communication = await categoryId('kommunikasjon-og-sosial-kontakt')
  const gps = await categoryId('lokaliseringsteknologi')

  const make = async (
    key: string,
    owner: Actor,
    state: Parameters<typeof productInState>[3],
    input: Parameters<typeof productInput>[0],
  ) => {
    ids[key] = (await productInState(owner, coordinator, productInput(input), state)).productId
  }
  await make('alarm', alfa, 'approved', {
    name: 'Trygghetsalarm Nordkapp',
    categoryId: alarm,
    shortDescription: 'Mobil alarm med toveis tale.',
    careSettings: ['home_care', 'sheltered_housing'],
    integrations: ['scaip', 'welfare_tech_hub'],
  })
  await make('lock', beta, 'approved', {
    name: 'Bjørkely Smartlås',
    categoryId: locks,
    shortDescription: 'Elektronisk dørlås for hjemmetjenesten.',
    careSettings: ['home_care'],
    integrations: ['epj'],
  })
  await make('screen', beta, 'approved', {
    name: 'Øyeblikksbilde Skjerm',
    categoryId: communication,
    shortDescription: 'Bilder og videosamtaler fra familien.',
    careSettings: ['nursing_home'],
  })
  await make('walk', alfa, 'provisionally_approved', {
    name: 'Gåtur GPS',
    categoryId: gps,
    shortDescription: 'Posisjon ved varsel.',
    mdrClass: 'I',
    careSettings: ['home_care'],
    integrations: ['scaip'],
  })
  await make('alarmDraft', alfa, 'draft', {
    name: 'Trygghetsalarm Utkast',
    categoryId: alarm,
    careSettings: ['home_care'],
  })
  await make('alarmRejected', beta, 'rejected', {
    name: 'Trygghetsalarm Avslag',
    categoryId: alarm,
    careSettings: ['home_care'],
  })
  await make('alarmInReview', beta, 'in_review', {
    name: 'Trygghetsalarm Vurdering',
    categoryId: alarm,
    careSettings: ['home_care'],
  })
  // Approvals that ended: withdrawn (the public page stays, saying so) and expired by date.
  await make('withdrawn', beta, 'withdrawn', {
    name: 'Smarthus Tilbaketrukket',
    categoryId: await categoryId('smarthus-og-miljostyring'),
  })
  await make('expired', alfa, 'approved', {
    name: 'Smarthus Utløpt',
    categoryId: await categoryId('smarthus-og-miljostyring'),
  })
  await testDb()
    .updateTable('version_decision')
    .set({ valid_until: '2020-01-01' })
    .where('version_id', 'in', (eb) =>
      eb.selectFrom('product_version').select('id').where('product_id', '=', ids.expired!),
    )
    .execute()
  // Two products whose indexed text is identical: equal names and equal relevance, so only the id can order them.
  await make('twinA', alfa, 'approved', { name: 'Tvilling Sensor', categoryId: gps })
  await make('twinB', alfa, 'approved', { name: 'Tvilling Sensor', categoryId: gps })
})

const names = (r: { items: Array<{ name: string }> }) => r.items.map((i) => i.name)

describe('toFtsQuery', () => {
  it('folds, stems and quotes every term as a prefix, dropping FTS5 syntax', () => {
    expect(toFtsQuery('Trygghetsalarmer')).toBe('"trygghetsalarm"*')
    expect(toFtsQuery('dørlås  ØYEBLIKK')).toBe(toFtsQuery('dorlas oyeblikk'))
    expect(toFtsQuery('name:alarm OR "x" NEAR(a b) ^c *')).toBe('"nam"* "alarm"* "x"* "near"* "b"* "c"*')
    expect(toFtsQuery('  "*^:()  ')).toBeNull()
    expect(toFtsQuery(undefined)).toBeNull()
  })

  it('composes å typed as a + combining ring into one letter, and folds it like å', () => {
    expect(toFtsQuery('ga\u030Atur')).toBe(toFtsQuery('gåtur'))
    expect(toFtsQuery('gåtur')).toBe(toFtsQuery('gatur'))
  })
})

describe('searchRegister: full text', () => {
  it('finds "Trygghetsalarm …" by the prefix "trygghets"', async () => {
    const result = await searchRegister(null, { q: 'trygghets' })
    expect(names(result)).toEqual(['Trygghetsalarm Nordkapp'])
    expect(result.total).toBe(1)
    expect(result.sort).toBe('relevance')
  })

  it('folds æ, ø and å, so a foreign keyboard finds the same products', async () => {
    expect(names(await searchRegister(null, { q: 'dørlås' }))).toEqual(['Bjørkely Smartlås'])
    expect(names(await searchRegister(null, { q: 'bjørke' }))).toEqual(['Bjørkely Smartlås'])
    expect(names(await searchRegister(null, { q: 'øyeblikk' }))).toEqual(['Øyeblikksbilde Skjerm'])
    expect(names(await searchRegister(null, { q: 'ØYEBLIKK' }))).toEqual(['Øyeblikksbilde Skjerm'])
    expect(names(await searchRegister(null, { q: 'gåtur' }))).toEqual(['Gåtur GPS'])
    // Typed without the Norwegian letters, the same products.
    expect(names(await searchRegister(null, { q: 'dorlas' }))).toEqual(['Bjørkely Smartlås'])
    expect(names(await searchRegister(null, { q: 'gatur' }))).toEqual(['Gåtur GPS'])
    expect(names(await searchRegister(null, { q: 'oyeblikk' }))).toEqual(['Øyeblikksbilde Skjerm'])
  })

  it('searches supplier and category names too, and ANDs the terms', async () => {
    expect(names(await searchRegister(null, { q: 'Alfa velferd', sort: 'name' }))).toEqual([
      'Gåtur GPS',
      'Trygghetsalarm Nordkapp',
      'Tvilling Sensor',
      'Tvilling Sensor',
    ])
    expect(names(await searchRegister(null, { q: 'social alarms' }))).toEqual(['Trygghetsalarm Nordkapp'])
    expect((await searchRegister(null, { q: 'trygghets bjørkely' })).total).toBe(0)
  })

  it('corrects a misspelt word, but never names a word only products the viewer may not see contain', async () => {
    const visitor = await searchRegister(null, { q: 'trygghetsalram' })
    expect(names(visitor)).toEqual(['Trygghetsalarm Nordkapp'])
    expect(visitor.query.corrected).toEqual([{ from: 'trygghetsalram', to: 'trygghetsalarm' }])
    // «Utkast» is in a draft's name only: the visitor is told nothing about it.
    const hidden = await searchRegister(null, { q: 'utkats' })
    expect(hidden.total).toBe(0)
    expect(hidden.query.corrected).toEqual([])
    const coordinatorView = await searchRegister(coordinator.viewer, { q: 'utkats' })
    expect(names(coordinatorView)).toEqual(['Trygghetsalarm Utkast'])
    expect(coordinatorView.query.corrected).toHaveLength(1)
  })

  it('survives hostile input without passing syntax to MATCH', async () => {
    for (const q of ['"', 'trygg"*', 'NOT', 'name:trygg', 'a AND', '(', '*', "'; drop table product; --"]) {
      await expect(searchRegister(null, { q })).resolves.toBeDefined()
    }
    expect(names(await searchRegister(null, { q: 'name:trygghets' }))).toEqual([])
    expect(names(await searchRegister(null, { q: '"trygghets' }))).toEqual(['Trygghetsalarm Nordkapp'])
  })

  it('follows renames of the product (reindexed by the model) and of its supplier (after a rebuild)', async () => {
    const db = testDb()
    await db
      .updateTable('organisation')
      .set({ name: 'Gamma Hjelpemidler AS' })
      .where('id', '=', beta.organisationId)
      .execute()
    await db.transaction().execute((trx) => rebuildSearchIndex(trx))
    expect(names(await searchRegister(null, { q: 'gamma', sort: 'name' }))).toContain('Bjørkely Smartlås')
    expect((await searchRegister(null, { q: 'omsorgsteknikk' })).total).toBe(0)

    const result = await updateProduct(
      beta.viewer,
      ids.screen!,
      productInput({
        name: 'Øyeblikksbilde Familieskjerm',
        categoryId: await categoryId('kommunikasjon-og-sosial-kontakt'),
        careSettings: ['nursing_home'],
      }),
    )
    expect(result.ok).toBe(true)
    expect(names(await searchRegister(null, { q: 'familieskjerm' }))).toEqual(['Øyeblikksbilde Familieskjerm'])
    // The indexed name is the new one: the compound «familieskjerm» ranks it by its name, not by a tail.
    expect(names(await searchRegister(null, { q: 'familie' }))).toEqual(['Øyeblikksbilde Familieskjerm'])
  })
})

describe('searchRegister: order and paging', () => {
  it('returns the same order for the same query, ties broken by id', async () => {
    const first = await searchRegister(coordinator.viewer, { sort: 'name' })
    const second = await searchRegister(coordinator.viewer, { sort: 'name' })
    expect(first.items.map((i) => i.id)).toEqual(second.items.map((i) => i.id))
    const twins = first.items.filter((i) => i.name === 'Tvilling Sensor').map((i) => i.id)
    expect(twins).toEqual([ids.twinA, ids.twinB])

    const relevance1 = await searchRegister(null, { q: 'sensor' })
    const relevance2 = await searchRegister(null, { q: 'sensor' })
    expect(relevance1.items.map((i) => i.id)).toEqual(relevance2.items.map((i) => i.id))
    expect(relevance1.items.map((i) => i.id)).toEqual([ids.twinA, ids.twinB])
  })

  it('pages without gaps or repeats', async () => {
    const all = await searchRegister(null, { sort: 'newest', pageSize: 50 })
    const paged: number[] = []
    for (let page = 1; page <= all.total; page++) {
      const r = await searchRegister(null, { sort: 'newest', pageSize: 1, page })
      expect(r.pageCount).toBe(all.total)
      paged.push(...r.items.map((i) => i.id))
    }
    expect(paged).toEqual(all.items.map((i) => i.id))
    expect(new Set(paged).size).toBe(paged.length)
  })

  it('sorts newest first by creation', async () => {
    const r = await searchRegister(null, { sort: 'newest' })
    expect(r.items[0]!.id).toBe(ids.twinB)
  })
})

describe('searchRegister: filters', () => {
  it('combines category, care setting and integration with AND', async () => {
    const alarmHome = await searchRegister(null, { category: 'trygghetsalarm', careSetting: ['home_care'] })
    expect(names(alarmHome)).toEqual(['Trygghetsalarm Nordkapp'])
    expect(names(await searchRegister(null, { careSetting: ['home_care', 'sheltered_housing'] }))).toEqual([
      'Trygghetsalarm Nordkapp',
    ])
    expect(names(await searchRegister(null, { integration: ['scaip'], sort: 'name' }))).toEqual([
      'Gåtur GPS',
      'Trygghetsalarm Nordkapp',
    ])
    expect(names(await searchRegister(null, { integration: ['scaip', 'welfare_tech_hub'] }))).toEqual([
      'Trygghetsalarm Nordkapp',
    ])
    expect((await searchRegister(null, { category: 'trygghetsalarm', integration: ['epj'] })).total).toBe(0)
    expect(names(await searchRegister(null, { q: 'gps', mdrClass: 'I' }))).toEqual(['Gåtur GPS'])
    expect((await searchRegister(null, { q: 'gps', mdrClass: 'IIa' })).total).toBe(0)
  })

  it('filters on the approval status', async () => {
    expect(names(await searchRegister(null, { status: 'provisionally_approved' }))).toEqual(['Gåtur GPS'])
    expect((await searchRegister(null, { status: 'approved' })).items.map((i) => i.approval.status)).not.toContain(
      'provisionally_approved',
    )
    // No longer approved: public, found only through the filter, never in the default list.
    for (const viewer of [null, buyer.viewer, alfa.viewer]) {
      expect(names(await searchRegister(viewer, { status: 'withdrawn' }))).toEqual(['Smarthus Tilbaketrukket'])
      expect(names(await searchRegister(viewer, { status: 'expired' }))).toEqual(['Smarthus Utløpt'])
    }
    expect(names(await searchRegister(null, { status: 'not_approved', sort: 'name' }))).toEqual([
      'Smarthus Tilbaketrukket',
      'Smarthus Utløpt',
    ])
    expect(names(await searchRegister(null, { q: 'smarthus' }))).toEqual([])
    expect(names(await searchRegister(coordinator.viewer, { status: 'not_approved', sort: 'name' }))).toEqual([
      'Smarthus Tilbaketrukket',
      'Smarthus Utløpt',
      'Trygghetsalarm Avslag',
      'Trygghetsalarm Utkast',
      'Trygghetsalarm Vurdering',
    ])
    const labels = (await searchRegister(null, { status: 'not_approved', sort: 'name' })).items.map((i) => i.approval)
    expect(labels.map((l) => l.status)).toEqual(['withdrawn', 'expired'])
  })

  it('parses query-string values and refuses unknown codes', () => {
    expect(RegisterSearchSchema.parse({ q: '', careSetting: 'home_care,hospital', page: '2' })).toEqual({
      q: undefined,
      careSetting: ['home_care', 'hospital'],
      page: 2,
    })
    expect(RegisterSearchSchema.safeParse({ integration: 'telepathy' }).success).toBe(false)
    expect(RegisterSearchSchema.safeParse({ status: 'draft' }).success).toBe(false)
  })
})

describe('searchRegister: visibility', () => {
  const alarmNames = async (viewer: Actor['viewer'] | null) =>
    names(await searchRegister(viewer, { category: 'trygghetsalarm', sort: 'name' }))

  it('shows visitors, buyers and other suppliers only products with a current approval', async () => {
    expect(await alarmNames(null)).toEqual(['Trygghetsalarm Nordkapp'])
    expect(await alarmNames(buyer.viewer)).toEqual(['Trygghetsalarm Nordkapp'])
    const gammaOnly = await createSupplier('Delta Digital AS')
    expect(await alarmNames(gammaOnly.viewer)).toEqual(['Trygghetsalarm Nordkapp'])
    const total = (await searchRegister(null, {})).total
    expect(total).toBe(6)
  })

  it('shows a supplier its own unapproved products but not other suppliers’', async () => {
    expect(await alarmNames(alfa.viewer)).toEqual(['Trygghetsalarm Nordkapp', 'Trygghetsalarm Utkast'])
    expect(await alarmNames(beta.viewer)).toEqual([
      'Trygghetsalarm Avslag',
      'Trygghetsalarm Nordkapp',
      'Trygghetsalarm Vurdering',
    ])
    const own = (await searchRegister(alfa.viewer, { category: 'trygghetsalarm', sort: 'name' })).items
    expect(own.find((i) => i.name === 'Trygghetsalarm Utkast')!.newestVersion).toMatchObject({ state: 'draft' })
    // Full-text search respects the same rule.
    expect(names(await searchRegister(beta.viewer, { q: 'utkast' }))).toEqual([])
    expect(names(await searchRegister(alfa.viewer, { q: 'utkast' }))).toEqual(['Trygghetsalarm Utkast'])
  })

  it('treats an unverified member as a visitor', async () => {
    const pending = await alfa.member('pending')
    expect(await alarmNames(pending.viewer)).toEqual(['Trygghetsalarm Nordkapp'])
  })

  it('shows coordinators everything', async () => {
    expect(await alarmNames(coordinator.viewer)).toEqual([
      'Trygghetsalarm Avslag',
      'Trygghetsalarm Nordkapp',
      'Trygghetsalarm Utkast',
      'Trygghetsalarm Vurdering',
    ])
  })

  it('keeps a visitor’s count only until the data changes (the count is kept between writes)', async () => {
    const before = (await searchRegister(null, {})).total
    const alarmsBefore = (await searchRegister(null, { category: 'trygghetsalarm' })).total
    expect((await searchRegister(null, {})).total).toBe(before)
    const alarm = await categoryId('trygghetsalarm')
    await productInState(
      alfa,
      coordinator,
      productInput({ name: 'Trygghetsalarm Telling', categoryId: alarm }),
      'approved',
    )
    expect((await searchRegister(null, {})).total).toBe(before + 1)
    expect((await searchRegister(null, { category: 'trygghetsalarm' })).total).toBe(alarmsBefore + 1)
    // A product still in draft changes the data but not what a visitor may count.
    await productInState(
      alfa,
      coordinator,
      productInput({ name: 'Trygghetsalarm Telleutkast', categoryId: alarm }),
      'draft',
    )
    expect((await searchRegister(null, {})).total).toBe(before + 1)
  })

  it('never tells the public the workflow state of a version', async () => {
    const items = (await searchRegister(null, { pageSize: 50 })).items
    expect(items.every((i) => i.newestVersion === null)).toBe(true)
  })
})
