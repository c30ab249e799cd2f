import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import { createProcurement } from '../../app/models/procurements.server'
import { appRequest, dataUrl, loaderData } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { testDb } from '../helpers/db'
import {
  acceptInvitations,
  must,
  procurementFields,
  procurementInput,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { outcomeOf } from '../helpers/outcome'
import { createBuyer, createCoordinator, createSupplier, type Actor } from '../helpers/register-fixtures'

// Benefit records through the built app (docs/domain.md, "Benefit realisation"): a buyer plans a benefit for its
// municipality's participation, records the baseline and measurements; a realised result without a baseline is
// refused on its field and nothing is stored; other municipalities read but never write; the follow-up under "Min
// kommune" lists a benefit due for a measurement until one is recorded.

let larvik: Actor // 3909, leads the procurement
let bergen: Actor // 4601, takes part
let oslo: Actor // 0301, does not take part
let supplier: Actor
let coordinator: Actor
let productId: number
let procurementId: number
const cookie = {} as Record<'larvik' | 'bergen' | 'oslo' | 'supplier' | 'otherSupplier' | 'coordinator', string>
const today = osloDate(new Date())
const goLive = addMonths(today, -7)

const benefitForm = (overrides: Record<string, string> = {}) => ({
  category: 'efficiency',
  area: '2',
  beneficiary: 'staff',
  indicator: 'home_visits_per_month',
  customIndicator: '',
  customUnit: '',
  hoursPerUnit: '0,5',
  concernsCount: '35',
  productId: String(productId),
  description: 'Medisindispensere BESKRIVELSE-MERKE',
  ...overrides,
})
const baselineForm = (overrides: Record<string, string> = {}) => ({
  intent: 'baseline',
  baselineValue: '613',
  baselinePeriodStart: addMonths(goLive, -3),
  baselinePeriodEnd: addDays(goLive, -1),
  baselineMethod: 'system_data',
  baselineQualityNote: 'Fra fagsystemet KVALITET-MERKE',
  ...overrides,
})
const measurementForm = (overrides: Record<string, string> = {}) => ({
  intent: 'addMeasurement',
  value: '429',
  periodStart: addMonths(today, -1),
  periodEnd: addDays(today, -1),
  method: 'system_data',
  status: 'realised',
  uncertainty: 'low',
  reportedBy: 'municipality',
  priceYear: '',
  note: '',
  ...overrides,
})

const listPath = () => `/anskaffelser/${procurementId}/gevinster`
const benefitPath = (id: number) => `${listPath()}/${id}`
const db = () => testDb()
const count = async (table: 'benefit' | 'benefit_measurement') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function createBenefitAs(who: keyof typeof cookie, form = benefitForm()) {
  const res = await appRequest(listPath(), { cookie: cookie[who], form })
  const outcome = await outcomeOf(res)
  const id = typeof outcome === 'string' ? Number(outcome.split('/').at(-1)) : Number.NaN
  return { res, outcome, id }
}

beforeAll(async () => {
  coordinator = await createCoordinator()
  const made = await supplierWithProduct('Gevinst Leverandør AS', 'Gevinst Dispenser', coordinator)
  supplier = made.supplier
  productId = made.productId
  larvik = await createBuyer('3909')
  bergen = await createBuyer('4601')
  oslo = await createBuyer('0301')
  const other = await createSupplier('Annen Gevinst AS')
  ;({ procurementId } = must(
    await createProcurement(
      larvik.viewer,
      procurementInput({
        productIds: [String(productId)],
        participantMunicipalities: ['4601'],
        phase: 'pilot',
        goLiveDate: goLive,
      }),
    ),
  ))
  // Bergen takes part once it has accepted the invitation (participation by consent).
  await acceptInvitations(procurementId)
  cookie.larvik = await sessionFor(larvik.userId)
  cookie.bergen = await sessionFor(bergen.userId)
  cookie.oslo = await sessionFor(oslo.userId)
  cookie.supplier = await sessionFor(supplier.userId)
  cookie.otherSupplier = await sessionFor(other.userId)
  cookie.coordinator = await sessionFor(coordinator.userId)
})

describe('planning a benefit', () => {
  it('stores a valid benefit for the buyer’s own municipality and audits it with ids and codes only', async () => {
    const { outcome, id } = await createBenefitAs('larvik')
    expect(outcome).toMatch(/^redirect:\/anskaffelser\/\d+\/gevinster\/\d+$/)
    const row = await db().selectFrom('benefit').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      procurement_id: procurementId,
      municipality_number: '3909',
      product_id: productId,
      indicator: 'home_visits_per_month',
      hours_per_unit: 0.5,
      concerns_count: 35,
      area: 2,
      baseline_value: null,
    })
    const logged = await db()
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'benefit.created')
      .where('target_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect(logged.details).toContain('home_visits_per_month')
    expect(logged.details).not.toContain('BESKRIVELSE-MERKE')
  })

  it('refuses a home-visit benefit without its length on the field, keeping what was typed', async () => {
    const before = await count('benefit')
    const res = await appRequest(listPath(), {
      cookie: cookie.larvik,
      form: benefitForm({ hoursPerUnit: '', description: 'Beholdt tekst 4711' }),
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Skriv hvor mange timer én enhet tar')
    expect(html).toContain('Beholdt tekst 4711')
    expect(await count('benefit')).toBe(before)
  })

  it('refuses a product that is not one of the procurement’s', async () => {
    const other = await supplierWithProduct('Fremmed AS', 'Fremmed Sensor', coordinator)
    const res = await appRequest(listPath(), {
      cookie: cookie.larvik,
      form: benefitForm({ productId: String(other.productId) }),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Velg et av anskaffelsens produkter')
  })

  it('lets only buyers of participating municipalities record one; others 403, or 404 when they may not see it', async () => {
    expect((await createBenefitAs('bergen')).outcome).toMatch(/^redirect:/)
    expect((await createBenefitAs('oslo')).outcome).toBe(403)
    expect((await createBenefitAs('coordinator')).outcome).toBe(403)
    expect((await createBenefitAs('supplier')).outcome).toBe(403)
    expect((await createBenefitAs('otherSupplier')).outcome).toBe(404)
    const visitor = await appRequest(listPath(), { form: benefitForm() })
    expect(await outcomeOf(visitor)).toBe(404)
  })
})

describe('baseline and measurements', () => {
  let benefitId: number

  beforeAll(async () => {
    benefitId = (await createBenefitAs('larvik')).id
  })

  it('refuses a realised measurement without a baseline on the status field, and stores nothing', async () => {
    const before = await count('benefit_measurement')
    const res = await appRequest(benefitPath(benefitId), { cookie: cookie.larvik, form: measurementForm() })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('En realisert gevinst krever et nullpunkt')
    // The typed value is kept.
    expect(html).toContain('value="429"')
    expect(await count('benefit_measurement')).toBe(before)
  })

  it('has the database refuse it as well (the trigger behind the model)', async () => {
    await expect(
      db()
        .insertInto('benefit_measurement')
        .values({
          benefit_id: benefitId,
          value: 1,
          period_start: today,
          period_end: today,
          method: 'system_data',
          status: 'realised',
          uncertainty: 'low',
          reported_by: 'municipality',
          created_by: larvik.userId,
        })
        .execute(),
    ).rejects.toThrow(/needs a baseline/)
  })

  it('accepts an estimate without a baseline', async () => {
    const res = await appRequest(benefitPath(benefitId), {
      cookie: cookie.larvik,
      form: measurementForm({ status: 'estimated', method: 'estimate', uncertainty: 'high', value: '500' }),
    })
    expect(await outcomeOf(res)).toBe(`redirect:${benefitPath(benefitId)}`)
  })

  it('records the baseline, then a realised measurement, and shows the derived figures', async () => {
    expect(
      await outcomeOf(await appRequest(benefitPath(benefitId), { cookie: cookie.larvik, form: baselineForm() })),
    ).toBe(`redirect:${benefitPath(benefitId)}`)
    expect(
      await outcomeOf(await appRequest(benefitPath(benefitId), { cookie: cookie.larvik, form: measurementForm() })),
    ).toBe(`redirect:${benefitPath(benefitId)}`)
    const data = await loaderData(benefitPath(benefitId), 'routes/procurements/benefit', cookie.larvik)
    const realised = data.benefit.latest.realised
    expect(realised.derived).toMatchObject({ change: -184, gain: 184, hoursPerYear: 1104 })
    expect(realised.derived.fullTimeEquivalents).toBeCloseTo(0.63, 2)
    // Realised and estimated stand side by side; nothing adds them up.
    expect(data.benefit.latest.estimated.value).toBe(500)
    const html = await (await appRequest(benefitPath(benefitId), { cookie: cookie.larvik })).text()
    expect(html).toMatch(/1[\s\u00a0\u202f]104 timer per år/)
    expect(html).toContain('0,63 årsverk')
  })

  it('lets its buyers change what it is about, but not its indicator once it has figures', async () => {
    const changed = await appRequest(benefitPath(benefitId), {
      cookie: cookie.larvik,
      form: { intent: 'update', ...benefitForm({ concernsCount: '40', description: 'Endret beskrivelse' }) },
    })
    expect(await outcomeOf(changed)).toBe(`redirect:${benefitPath(benefitId)}`)
    const row = await db()
      .selectFrom('benefit')
      .select(['concerns_count', 'description'])
      .where('id', '=', benefitId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ concerns_count: 40, description: 'Endret beskrivelse' })
    const locked = await appRequest(benefitPath(benefitId), {
      cookie: cookie.larvik,
      form: { intent: 'update', ...benefitForm({ indicator: 'falls_per_month', hoursPerUnit: '' }) },
    })
    expect(locked.status).toBe(400)
    expect(await locked.text()).toContain('Indikatoren kan ikke endres')
  })

  it('needs a price year for NOK', async () => {
    const { id } = await createBenefitAs(
      'larvik',
      benefitForm({ indicator: 'nok_per_year', hoursPerUnit: '', category: 'efficiency' }),
    )
    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: baselineForm({ baselineValue: '2 400 000' }) })
    const res = await appRequest(benefitPath(id), {
      cookie: cookie.larvik,
      form: measurementForm({ value: '1 600 000', status: 'estimated' }),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Kronebeløp trenger prisår')
    const okRes = await appRequest(benefitPath(id), {
      cookie: cookie.larvik,
      form: measurementForm({ value: '1 600 000', status: 'estimated', priceYear: '2025' }),
    })
    expect(await outcomeOf(okRes)).toBe(`redirect:${benefitPath(id)}`)
    const data = await loaderData(benefitPath(id), 'routes/procurements/benefit', cookie.larvik)
    expect(data.benefit.latest.estimated.derived.nok).toEqual({ nok: 800000, priceYear: 2025 })
  })

  it('lets another municipality and the supplier read it, never write it; hides it from the rest', async () => {
    for (const who of ['bergen', 'supplier', 'coordinator'] as const) {
      expect(await outcomeOf(await appRequest(benefitPath(benefitId), { cookie: cookie[who] })), who).toBe('ok')
      const res = await appRequest(benefitPath(benefitId), {
        cookie: cookie[who],
        form: baselineForm({ baselineValue: '1' }),
      })
      expect(await outcomeOf(res), who).toBe(403)
    }
    for (const who of ['otherSupplier'] as const) {
      expect(await outcomeOf(await appRequest(benefitPath(benefitId), { cookie: cookie[who] })), who).toBe(404)
      const res = await appRequest(benefitPath(benefitId), { cookie: cookie[who], form: baselineForm() })
      expect(await outcomeOf(res), who).toBe(404)
    }
    expect(await outcomeOf(await appRequest(benefitPath(benefitId)))).toBe(404)
    expect(await outcomeOf(await appRequest(dataUrl(benefitPath(benefitId))))).toBe(404)
    const row = await db().selectFrom('benefit').select('baseline_value').where('id', '=', benefitId).executeTakeFirst()
    expect(row?.baseline_value).toBe(613)
  })

  it('answers 404 for a benefit asked for under another procurement', async () => {
    const { procurementId: otherId } = must(await createProcurement(bergen.viewer, procurementInput()))
    const res = await appRequest(`/anskaffelser/${otherId}/gevinster/${benefitId}`, { cookie: cookie.larvik })
    expect(await outcomeOf(res)).toBe(404)
  })

  it('deletes a measurement and then the benefit, each after confirmation, and audits both', async () => {
    const { id } = await createBenefitAs('larvik')
    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: baselineForm() })
    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: measurementForm() })
    const m = await db()
      .selectFrom('benefit_measurement')
      .select('id')
      .where('benefit_id', '=', id)
      .executeTakeFirstOrThrow()
    // Bergen may not delete Larvik's measurement.
    const refused = await appRequest(benefitPath(id), {
      cookie: cookie.bergen,
      form: { intent: 'deleteMeasurement', measurementId: String(m.id), confirmed: 'yes' },
    })
    expect(await outcomeOf(refused)).toBe(403)
    const removed = await appRequest(benefitPath(id), {
      cookie: cookie.larvik,
      form: { intent: 'deleteMeasurement', measurementId: String(m.id), confirmed: 'yes' },
    })
    expect(await outcomeOf(removed)).toBe(`redirect:${benefitPath(id)}`)
    expect(await db().selectFrom('benefit_measurement').select('id').where('id', '=', m.id).execute()).toEqual([])
    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: measurementForm() })
    const gone = await appRequest(benefitPath(id), {
      cookie: cookie.larvik,
      form: { intent: 'delete', confirmed: 'yes' },
    })
    expect(await outcomeOf(gone)).toBe(`redirect:${listPath()}`)
    expect(await db().selectFrom('benefit').select('id').where('id', '=', id).execute()).toEqual([])
    expect(await db().selectFrom('benefit_measurement').select('id').where('benefit_id', '=', id).execute()).toEqual([])
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['benefit.measurement_deleted', 'benefit.deleted'])
      .execute()
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['benefit.measurement_deleted', 'benefit.deleted']))
  })

  it('stops a municipality that left the procurement from changing its records', async () => {
    const { id } = await createBenefitAs('bergen')
    const setStatus = (status: 'left' | 'accepted') =>
      db()
        .updateTable('procurement_participant')
        .set({ status })
        .where('procurement_id', '=', procurementId)
        .where('municipality_number', '=', '4601')
        .execute()
    await setStatus('left')
    const res = await appRequest(benefitPath(id), { cookie: cookie.bergen, form: baselineForm() })
    expect(await outcomeOf(res)).toBe(403)
    await setStatus('accepted')
  })

  it('keeps a product that a participant’s benefit records are about in the procurement: the lead cannot take it out', async () => {
    await createBenefitAs('bergen')
    const {
      phase: _p,
      usersCount: _u,
      unitsCount: _n,
      sitesCount: _s,
      goLiveDate: _g,
      participantMunicipalities: _m,
      ...core
    } = procurementFields({ productIds: [], productNames: 'Et annet produkt' })
    const products = () =>
      db().selectFrom('procurement_product').select('product_id').where('procurement_id', '=', procurementId).execute()
    const before = await products()
    const res = await appRequest(`/anskaffelser/${procurementId}?rediger=1`, {
      cookie: cookie.larvik,
      form: { intent: 'update', ...core } as Record<string, string | string[]>,
    })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Gevinstregistreringer gjelder Gevinst Dispenser')
    expect(html).toContain('Produkter som har gevinstregistreringer, blir stående i anskaffelsen')
    expect(await products()).toEqual(before)
    // The database refuses it too, whatever the write path.
    await expect(
      db()
        .deleteFrom('procurement_product')
        .where('procurement_id', '=', procurementId)
        .where('product_id', '=', productId)
        .execute(),
    ).rejects.toThrow(/benefit records stays/)
  })

  it('keeps a participant with benefit records in the procurement: the lead cannot remove it and take them from it', async () => {
    const { id } = await createBenefitAs('bergen')
    const participation = () =>
      db()
        .selectFrom('procurement_participant')
        .select('status')
        .where('procurement_id', '=', procurementId)
        .where('municipality_number', '=', '4601')
        .executeTakeFirst()
    const remove = await appRequest(`/anskaffelser/${procurementId}`, {
      cookie: cookie.larvik,
      form: { intent: 'removeParticipant', municipalityNumber: '4601' },
    })
    expect(remove.status).toBe(409)
    expect(await remove.text()).toContain('Kommunen har gevinstregistreringer for anskaffelsen og kan ikke fjernes.')
    expect(await participation()).toEqual({ status: 'accepted' })
    // Its buyers still keep their own records.
    const baseline = await appRequest(benefitPath(id), { cookie: cookie.bergen, form: baselineForm() })
    expect(await outcomeOf(baseline)).toBe(`redirect:${benefitPath(id)}`)
  })
})

describe('follow-up under "Min kommune"', () => {
  it('lists a benefit due after go-live until a realised measurement is recorded, and feeds the procurement follow-up', async () => {
    const { id } = await createBenefitAs('larvik', benefitForm({ indicator: 'falls_per_month', hoursPerUnit: '' }))
    type Mine = {
      benefitFollowUp: {
        due: { items: Array<{ benefitId: number; due: { months: number } }> }
        missingBaseline: { items: Array<{ benefitId: number }> }
      }
      mine: { procurements: { items: Array<{ procurementId: number; followUp: { due: boolean } }> } }
    }
    const mine = () => loaderData<Mine>('/min-kommune', 'routes/my-municipality', cookie.larvik)
    let data = await mine()
    expect(data.benefitFollowUp.missingBaseline.items.map((i) => i.benefitId)).toContain(id)
    expect(data.benefitFollowUp.due.items.map((i) => i.benefitId)).not.toContain(id)

    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: baselineForm({ baselineValue: '12' }) })
    // Bring the procurement's own follow-up to "due": nothing since go-live (7 months ago).
    await sql`delete from benefit_measurement where benefit_id in (select id from benefit where procurement_id = ${procurementId} and municipality_number = '3909')`.execute(
      db(),
    )
    data = await mine()
    const item = data.benefitFollowUp.due.items.find((i) => i.benefitId === id)
    expect(item?.due.months).toBe(6)
    expect(data.benefitFollowUp.missingBaseline.items.map((i) => i.benefitId)).not.toContain(id)
    expect(data.mine.procurements.items.find((p) => p.procurementId === procurementId)?.followUp.due).toBe(true)
    const page = await (await appRequest('/min-kommune', { cookie: cookie.larvik })).text()
    expect(page).toContain(`/anskaffelser/${procurementId}/gevinster/${id}#ny-maling`)
    // Other municipalities never see Larvik's follow-up.
    const bergenData = await loaderData<Mine>('/min-kommune', 'routes/my-municipality', cookie.bergen)
    expect(bergenData.benefitFollowUp.due.items.map((i) => i.benefitId)).not.toContain(id)

    const res = await appRequest(benefitPath(id), {
      cookie: cookie.larvik,
      form: measurementForm({ value: '8' }),
    })
    expect(await outcomeOf(res)).toBe(`redirect:${benefitPath(id)}`)
    data = await mine()
    expect(data.benefitFollowUp.due.items.map((i) => i.benefitId)).not.toContain(id)
    expect(data.mine.procurements.items.find((p) => p.procurementId === procurementId)?.followUp.due).toBe(false)
  })
})

describe('follow-up of a municipality with thousands of benefits', () => {
  it('lists its oldest benefit when it is due, however many newer ones there are', async () => {
    const { id } = await createBenefitAs('larvik', benefitForm({ indicator: 'falls_per_month', hoursPerUnit: '' }))
    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: baselineForm({ baselineValue: '12' }) })
    // 2,100 newer copies (Oslo has about as many at ten times national scale), each with a realised measurement
    // recorded today, so that none of them is due and the oldest is the one to follow up.
    const columns = (
      await sql<{ name: string }>`select name from pragma_table_info('benefit') where name != 'id'`.execute(db())
    ).rows.map((r) => r.name)
    const list = sql.raw(columns.map((c) => `"${c}"`).join(', '))
    await sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 2100)
      insert into benefit (${list}) select ${list} from benefit, n where benefit.id = ${id}`.execute(db())
    await sql`
      insert into benefit_measurement (benefit_id, value, period_start, period_end, method, status, uncertainty,
        reported_by, created_by)
      select b.id, 10, ${today}, ${today}, 'estimate', 'realised', 'high', 'municipality', b.created_by
      from benefit b where b.municipality_number = '3909' and b.id > ${id}`.execute(db())
    type Mine = { benefitFollowUp: { due: { total: number; items: Array<{ benefitId: number }> } } }
    const data = await loaderData<Mine>('/min-kommune', 'routes/my-municipality', cookie.larvik)
    expect(data.benefitFollowUp.due.items.map((i) => i.benefitId)).toContain(id)
  })
})

describe('benefit records as CSV', () => {
  it('exports the records a reader may see, one row per baseline and measurement, each with its kind of figure', async () => {
    const { id } = await createBenefitAs('larvik')
    await appRequest(benefitPath(id), { cookie: cookie.larvik, form: baselineForm() })
    const res = await appRequest(`/anskaffelser/${procurementId}/gevinster/eksport`, { cookie: cookie.bergen })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(new TextDecoder().decode(bytes), { delimiter: ';', bom: true }) as string[][]
    const basis = rows[0]?.indexOf('Type tall') ?? -1
    expect(basis).toBeGreaterThan(0)
    expect(rows.slice(1).map((r) => r[basis])).toContain('Nullpunkt')
    for (const who of ['visitor', 'otherSupplier'] as const) {
      const refused = await appRequest(`/anskaffelser/${procurementId}/gevinster/eksport`, {
        cookie: who === 'visitor' ? undefined : cookie.otherSupplier,
      })
      expect(refused.status, who).toBe(404)
    }
  })
})
