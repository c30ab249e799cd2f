import { beforeAll, describe, expect, it } from 'vitest'
import { appRequest } from '../helpers/app'
import { createOrganisation, createUser, sessionFor } from '../helpers/accounts'
import { seedDemo } from '../helpers/parity'
import {
  categoryId,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
} from '../helpers/register-fixtures'

// Issue 13: search that finds what people type, names they recognise, Norwegian order and grammar.

const html = async (path: string, cookie?: string) => {
  const res = await appRequest(path, { cookie })
  return { status: res.status, text: await res.text() }
}
/** The product names linked from a register page, in page order. */
const productNames = (page: string) =>
  [...page.matchAll(/<a[^>]*href="\/register\/\d+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1])

let adminCookie: string

beforeAll(async () => {
  await seedDemo()
  const coordinator = await createCoordinator()
  const supplier = await createSupplier('Sorteringsprøve AS')
  const alarm = await categoryId('trygghetsalarm')
  for (const name of ['Åsgard Nordvakt', 'Zulu Nordvakt', 'Østavind Nordvakt', 'Ærfugl Nordvakt', 'Alfa Nordvakt'])
    await productInState(supplier, coordinator, productInput({ name, categoryId: alarm }), 'approved')

  const org = await createOrganisation('supplier', { name: 'Navnesortering AS' })
  for (const name of ['Åse Ås', 'Zara Zet', 'Øystein Øy', 'Ærlig Æsir', 'Aase Berg', 'Olav Oss'])
    await createUser({ role: 'supplier', organisationId: org, name })
  const admin = await createUser({ role: 'admin' })
  adminCookie = await sessionFor(admin.id)
})

describe('register search (demo data)', () => {
  it('?q=dorlas finds the door locks «dørlås» finds', async () => {
    const typed = productNames((await html('/register?q=dorlas')).text)
    const norwegian = productNames((await html('/register?q=d%C3%B8rl%C3%A5s')).text)
    expect(typed).toContain('Nøkkelfri Dørlås Pro')
    expect(typed).toContain('Låsvenn Digital Nøkkel')
    expect([...typed].sort()).toEqual([...norwegian].sort())
  })

  it('?q=FHIR finds every public product that supports FHIR, not one of eight', async () => {
    const names = productNames((await html('/register?q=FHIR')).text)
    for (const name of [
      'Lyngvakt Responssenterplattform',
      'Nattero Digitalt Tilsyn',
      'Dosevakt Medisindispenser',
      'Helsetråd Hjemmeoppfølging',
      'Måleveien Kronikerplattform',
      'Knutepunkt Velferdsintegrasjon',
      'Samspill Integrasjonsmotor',
      'Datavev Velferdsplattform',
    ])
      expect(names).toContain(name)
    expect(names).not.toContain('Nøkkelfri Dørlås Pro')
  })

  it('?q=alarmer finds the alarms (inflected form), names first', async () => {
    const names = productNames((await html('/register?q=alarmer')).text)
    expect(names).toContain('Trygghetsalarm Fjordvakt 4G')
    expect(names).toContain('Heimtrygg Mini Trygghetsalarm')
    expect(names).toContain('Alarmbro Mottaksplattform')
    expect(names[0]).toBe('Alarmbro Mottaksplattform')
    expect(names).not.toContain('Praterommet Videosamtale')
  })

  it('corrects a misspelling and says so', async () => {
    const { text } = await html('/register?q=trygghetsalram')
    expect(productNames(text)).toContain('Trygghetsalarm Fjordvakt 4G')
    expect(text).toContain('Viser treff for')
  })

  it('trims over-long search text with a message instead of refusing it', async () => {
    const res = await html(`/register?q=${encodeURIComponent(`trygghetsalarm ${'x'.repeat(600)}`)}`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('Søket var for langt')
  })

  it('suggests searching without filters when the filters leave nothing', async () => {
    const { text } = await html('/register?q=dorlas&kategori=trygghetsalarm')
    expect(text).toContain('Ingen treff med disse filtrene')
    expect(text).toContain('href="/register?q=dorlas"')
  })
})

describe('Norwegian order and grammar', () => {
  it('sorts the register by name with Æ, Ø and Å last', async () => {
    const names = productNames((await html('/register?q=nordvakt&sortering=name')).text)
    expect(names).toEqual(['Alfa Nordvakt', 'Zulu Nordvakt', 'Ærfugl Nordvakt', 'Østavind Nordvakt', 'Åsgard Nordvakt'])
  })

  it('sorts the admin list by name with Æ, Ø and Å last («Aas» as Å), and finds «Åse» case-insensitively', async () => {
    const list = (await html('/admin?q=navnesortering', adminCookie)).text
    const order = ['Olav Oss', 'Zara Zet', 'Ærlig Æsir', 'Øystein Øy', 'Aase Berg', 'Åse Ås'].map((n) =>
      list.indexOf(n),
    )
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    for (const q of ['åse', 'ÅSE', 'Åse']) {
      const found = (await html(`/admin?q=${encodeURIComponent(q)}`, adminCookie)).text
      expect(found, q).toContain('Åse Ås')
      expect(found, q).not.toContain('Zara Zet')
    }
  })

  it('writes counts with plural rules: «1 løsning», never «1 løsninger»', async () => {
    const one = (await html('/register?q=zulu')).text
    expect(one).toContain('1 løsning<')
    expect(one).not.toContain('1 løsninger')
    const en = (await html('/register?q=zulu&lang=en')).text
    expect(en).toContain('1 solution<')
  })
})

describe('lists that help choose', () => {
  it('shows each product’s number of using municipalities and its published rating, and sorts by them', async () => {
    const byUsage = (await html('/register?sortering=usage')).text
    const counts = [...byUsage.matchAll(/Brukes av (\d+) kommuner?|Ikke i bruk i noen anskaffelse/g)].map((m) =>
      Number(m[1] ?? 0),
    )
    expect(counts.length).toBeGreaterThan(5)
    expect(counts[0]).toBeGreaterThan(0)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expect(byUsage).not.toMatch(/Brukes av 1 kommuner/)

    const byRating = (await html('/register?sortering=rating')).text
    const ratings = [...byRating.matchAll(/Samlet vurdering (\d),(\d) av 5/g)].map((m) => Number(`${m[1]}.${m[2]}`))
    expect(ratings.length).toBeGreaterThan(0)
    expect([...ratings].sort((a, b) => b - a)).toEqual(ratings)
    // Published figures only: one decimal and a band, never a live count or a two-decimal mean.
    expect(byRating).not.toMatch(/Samlet vurdering \d,\d\d/)
  })
})

describe('municipality names', () => {
  it('offers every municipality under its official name, with all forms, at sign-up', async () => {
    const { text } = await html('/registrer')
    expect(text).toContain('5612 Guovdageaidnu - Kautokeino')
    expect(text).toContain('5628 Deatnu - Tana')
    expect(text).toContain('5540 Gáivuotna - Kåfjord - Kaivuono')
    expect(text).toContain('1826 Aarborte - Hattfjelldal')
  })
})
