import { Validator } from '@seriousme/openapi-schema-validator'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import routes from '../../app/routes'
import { ENDPOINTS } from '../../app/api/contract'
import { API_RATE_LIMIT } from '../../app/api/http.server'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { createProcurement } from '../../app/models/procurements.server'
import { must, procurementInput } from '../helpers/experience-fixtures'
import {
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  productInput,
  productInState,
} from '../helpers/register-fixtures'

// The open-data API and the CSV export: what a script or a spreadsheet user gets, checked against the documented
// contract (every answer parsed with the strict Zod schema the OpenAPI document is generated from).

const ids = { approved: 0, withdrawn: 0, draft: 0, formula: 0, buyerUser: 0, procurement: 0 }

beforeAll(async () => {
  const owner = await createSupplier('Åpne Data Leverandør AS')
  const coordinator = await createCoordinator()
  const alarms = await categoryId('trygghetsalarm')
  ids.approved = (
    await productInState(owner, coordinator, productInput({ name: 'Dørlås Åpen', categoryId: alarms }), 'approved')
  ).productId
  ids.withdrawn = (
    await productInState(owner, coordinator, productInput({ name: 'Trukket Alarm', categoryId: alarms }), 'withdrawn')
  ).productId
  ids.draft = (
    await productInState(owner, coordinator, productInput({ name: 'Hemmelig Utkast', categoryId: alarms }), 'draft')
  ).productId
  const buyer = await createBuyer('4601')
  ids.buyerUser = buyer.userId
  ids.procurement = must(
    await createProcurement(
      buyer.viewer,
      procurementInput({
        title: 'Eksportert anskaffelse med æøå',
        contractValueNok: '1 250 000',
        commercialTermsVisibility: 'municipalities',
      }),
    ),
  ).procurementId
  ids.formula = (
    await productInState(owner, coordinator, productInput({ name: '=HYPERLINK("x")', categoryId: alarms }), 'approved')
  ).productId
})

const json = async (path: string, init?: Parameters<typeof appRequest>[1]) => {
  const res = await appRequest(path, init)
  return { res, body: (await res.json()) as unknown }
}

const endpoint = (path: string) => {
  const e = ENDPOINTS.find((x) => x.path === path)
  if (!e) throw new Error(`no endpoint ${path}`)
  return e
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const { res, body } = await json('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const result = await new Validator().validate(body as Parameters<Validator['validate']>[0])
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect((body as { openapi: string }).openapi).toBe('3.1.0')
  })

  it('lists every API route in app/routes.ts, and nothing that is not one', async () => {
    const { body } = await json('/api/v1/openapi.json')
    const documented = Object.keys((body as { paths: Record<string, unknown> }).paths).sort()
    const served = routes
      .filter((r) => r.path?.startsWith('api/v1/') && !r.path.includes('*') && r.path !== 'api/v1/openapi.json')
      .map((r) => `/${r.path?.replace(/:(\w+)/g, '{$1}')}`)
      .sort()
    expect(documented).toEqual(served)
    for (const e of ENDPOINTS) expect(routes.some((r) => r.file === e.file)).toBe(true)
  })
})

describe('each documented response matches what the route returns', () => {
  const checked = new Set<string>()
  const check = async (path: string, url: string, cookie?: string) => {
    const { res, body } = await json(url, { cookie })
    expect(res.status, url).toBe(200)
    const parsed = (endpoint(path).response as z.ZodType).safeParse(body)
    expect(parsed.success ? [] : parsed.error.issues, url).toEqual([])
    checked.add(path)
    return body as Record<string, unknown>
  }

  it('categories, criteria and decisions', async () => {
    const categories = await check('/api/v1/categories', '/api/v1/categories')
    expect((categories.items as unknown[]).length).toBeGreaterThan(0)
    const criteria = await check('/api/v1/criteria', '/api/v1/criteria')
    expect((criteria.items as Array<{ code: string }>).map((c) => c.code)).toContain('documented_benefit')
    const decisions = await check('/api/v1/decisions', '/api/v1/decisions?side=1&antall=5')
    expect(decisions.pageSize).toBe(5)
  })

  it('the register search takes the register page’s parameters', async () => {
    const found = await check('/api/v1/products', `/api/v1/products?q=${encodeURIComponent('Dørlås')}`)
    expect((found.items as Array<{ id: number }>).map((p) => p.id)).toContain(ids.approved)
    const withdrawn = await check('/api/v1/products', '/api/v1/products?status=withdrawn&antall=50')
    expect((withdrawn.items as Array<{ id: number }>).map((p) => p.id)).toContain(ids.withdrawn)
    const names = JSON.stringify(await check('/api/v1/products', '/api/v1/products?antall=50'))
    expect(names).not.toContain('Hemmelig Utkast')
  })

  it('a product, with its public versions and decisions', async () => {
    const product = await check('/api/v1/products/{productId}', `/api/v1/products/${ids.approved}`)
    expect(product.name).toBe('Dørlås Åpen')
    expect((product.approval as { status: string }).status).toBe('approved')
    expect((product.decisions as unknown[]).length).toBeGreaterThan(0)
    const withdrawn = await check('/api/v1/products/{productId}', `/api/v1/products/${ids.withdrawn}`)
    expect((withdrawn.approval as { status: string }).status).toBe('withdrawn')
  })

  it('OCDS, the catalogue and the benefit overview', async () => {
    await check('/api/v1/ocds/releases', '/api/v1/ocds/releases?antall=5')
    await check('/api/v1/ocds/releases/{procurementId}', `/api/v1/ocds/releases/${ids.procurement}`)
    await check('/api/v1/catalog', '/api/v1/catalog')
    const overview = await check('/api/v1/benefits', '/api/v1/benefits?kategori=efficiency&innbyggere=20000_50000')
    expect(overview.source).toBe('published')
  })

  it('procurements, their experience and benefit records, for a visitor and for a signed-in buyer', async () => {
    const cookie = await sessionFor(ids.buyerUser)
    for (const who of [undefined, cookie]) {
      await check('/api/v1/procurements', '/api/v1/procurements?kommune=4601&antall=5', who)
      await check('/api/v1/procurements/{procurementId}', `/api/v1/procurements/${ids.procurement}`, who)
      await check(
        '/api/v1/procurements/{procurementId}/experiences',
        `/api/v1/procurements/${ids.procurement}/experiences?side=1`,
        who,
      )
    }
    await check(
      '/api/v1/procurements/{procurementId}/benefits',
      `/api/v1/procurements/${ids.procurement}/benefits`,
      cookie,
    )
  })

  it('covers every documented endpoint (a new one needs its check above)', () => {
    expect(ENDPOINTS.map((e) => e.path).filter((p) => !checked.has(p))).toEqual([])
  })
})

describe('errors', () => {
  it('a bad query parameter gives 400 with a JSON body naming it', async () => {
    const { res, body } = await json('/api/v1/products?status=ukjent&mdr=IV')
    expect(res.status).toBe(400)
    const error = (body as { error: { parameters: Array<{ parameter: string }> } }).error
    expect(error.parameters.map((p) => p.parameter).sort()).toEqual(['mdr', 'status'])
    const paging = await json('/api/v1/decisions?antall=500')
    expect(paging.res.status).toBe(400)
    expect(JSON.stringify(paging.body)).toContain('antall')
    const unknownCategory = await json('/api/v1/products?kategori=finnes-ikke')
    expect(unknownCategory.res.status).toBe(400)
  })

  it('a product that does not exist, or is not public, is a JSON 404; a bad id a 400', async () => {
    for (const id of [ids.draft, 999_999]) {
      const { res, body } = await json(`/api/v1/products/${id}`)
      expect(res.status).toBe(404)
      expect((body as { error: { code: string } }).error.code).toBe('not_found')
    }
    expect((await appRequest('/api/v1/products/abc')).status).toBe(400)
    const other = await json('/api/v1/finnes-ikke')
    expect(other.res.status).toBe(404)
    expect(other.res.headers.get('content-type')).toContain('application/json')
  })
})

describe('OCDS over HTTP', () => {
  it('answers a paged release package, a JSON 404 for an unknown procurement and 400 for a bad page size', async () => {
    const { res, body } = await json('/api/v1/ocds/releases?antall=5')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('public')
    expect((body as { version: string }).version).toBe('1.1')
    expect((await appRequest('/api/v1/ocds/releases/999999')).status).toBe(404)
    const bad = await json('/api/v1/ocds/releases?antall=1000')
    expect(bad.res.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('antall')
  })
})

describe('the DCAT-AP-NO dataset description', () => {
  it('describes the register, the decisions and the OCDS feed, and every access URL answers', async () => {
    const res = await appRequest('/api/v1/catalog')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/ld+json')
    const catalog = (await res.json()) as Record<string, unknown>
    expect(catalog['@type']).toBe('dcat:Catalog')
    const datasets = catalog['dcat:dataset'] as Array<Record<string, unknown>>
    expect(datasets.map((d) => String(d['@id']).split('#')[1])).toEqual([
      'register',
      'decisions',
      'procurements',
      'benefits',
    ])
    for (const d of datasets) {
      // DCAT-AP-NO's mandatory and recommended properties of a dataset.
      for (const property of [
        'dct:title',
        'dct:description',
        'dct:identifier',
        'dct:publisher',
        'dcat:contactPoint',
        'dcat:theme',
        'dct:accessRights',
        'dcat:distribution',
      ])
        expect(d[property], `${String(d['@id'])} ${property}`).toBeDefined()
      for (const dist of d['dcat:distribution'] as Array<Record<string, { '@id': string }>>) {
        const url = new URL(dist['dcat:accessURL']?.['@id'] ?? '')
        expect((await appRequest(url.pathname + url.search)).status, url.pathname).toBe(200)
      }
    }
  })
})

describe('caching and limits', () => {
  it('public answers carry an ETag and Cache-Control, and If-None-Match gives 304', async () => {
    const first = await appRequest('/api/v1/categories', { ip: '10.0.0.1' })
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^".+"$/)
    expect(first.headers.get('cache-control')).toContain('public')
    const again = await appRequest('/api/v1/categories', { ip: '10.0.0.1', headers: { 'If-None-Match': etag ?? '' } })
    expect(again.status).toBe(304)
    const changed = await appRequest('/api/v1/categories', { ip: '10.0.0.1', headers: { 'If-None-Match': '"x"' } })
    expect(changed.status).toBe(200)
  })

  it('one client address is limited per minute with 429 and Retry-After; another is not', async () => {
    const ip = '10.9.9.9'
    for (let i = 0; i < API_RATE_LIMIT.max; i++) {
      const res = await appRequest('/api/v1/criteria', { ip })
      expect(res.status).toBe(200)
    }
    const limited = await appRequest('/api/v1/criteria', { ip })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await appRequest('/api/v1/criteria', { ip: '10.9.9.10' })).status).toBe(200)
  })
})

describe('the register as CSV for Norwegian Excel', () => {
  const download = async (query: string) => {
    const res = await appRequest(`/register/eksport${query}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('attachment')
    return new Uint8Array(await res.arrayBuffer())
  }

  it('starts with the BOM, uses semicolons and opens with the right columns and æøå', async () => {
    const bytes = await download(`?q=${encodeURIComponent('Dørlås')}`)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const rows = parse(text, { delimiter: ';', bom: true }) as string[][]
    expect(rows[0]?.slice(0, 4)).toEqual(['Navn', 'Leverandør', 'Kategori', 'Godkjenning'])
    const row = rows.find((r) => r[0] === 'Dørlås Åpen')
    expect(row?.[1]).toBe('Åpne Data Leverandør AS')
    expect(row?.[3]).toBe('Godkjent')
    expect(row?.[5]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/)
  })

  it('exports what the list shows: its filters, every page', async () => {
    const text = new TextDecoder().decode(await download('?status=withdrawn'))
    expect(text).toContain('Trukket Alarm')
    expect(text).not.toContain('Dørlås Åpen')
    expect(text).not.toContain('Hemmelig Utkast')
  })

  it('neutralises a product name that a spreadsheet would run as a formula', async () => {
    const rows = parse(new TextDecoder().decode(await download('?q=HYPERLINK')), {
      delimiter: ';',
      bom: true,
    }) as string[][]
    const names = rows.slice(1).map((r) => r[0])
    expect(names).toContain(`'=HYPERLINK("x")`)
    expect(names.some((n) => n?.startsWith('='))).toBe(false)
  })

  it('refuses a bad filter with 400', async () => {
    expect((await appRequest('/register/eksport?status=ukjent')).status).toBe(400)
  })
})

describe('procurements as CSV', () => {
  const rowsOf = async (query: string, cookie?: string) => {
    const res = await appRequest(`/anskaffelser/eksport${query}`, { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    return parse(new TextDecoder().decode(await res.arrayBuffer()), { delimiter: ';', bom: true }) as string[][]
  }
  const valueColumn = (rows: string[][]) => rows[0]?.indexOf('Kontraktsverdi (NOK)') ?? -1

  it("exports a municipality's procurements, with the contract value only for those who may see it", async () => {
    const visitor = await rowsOf('?kommune=4601')
    const row = visitor.find((r) => r[0] === 'Eksportert anskaffelse med æøå')
    expect(row?.[2]).toBe('4601')
    expect(row?.[valueColumn(visitor)]).toBe('')
    const buyer = await rowsOf('?kommune=4601', await sessionFor(ids.buyerUser))
    expect(buyer.find((r) => r[0] === 'Eksportert anskaffelse med æøå')?.[valueColumn(buyer)]).toBe('1250000')
    const elsewhere = await rowsOf('?kommune=0301')
    expect(elsewhere.some((r) => r[0] === 'Eksportert anskaffelse med æøå')).toBe(false)
  })
})
