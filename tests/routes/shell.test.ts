import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closeDb } from '../../db/client'
import { loader as healthz } from '../../app/routes/healthz'
import { appRequest, dataUrl } from '../helpers/app'

describe('public shell routes', () => {
  it('renders / in bokmål and /?lang=en in English, remembering the choice in a cookie', async () => {
    const nb = await appRequest('/')
    expect(nb.status).toBe(200)
    expect(await nb.text()).toMatch(/<html lang="nb"/)
    const en = await appRequest('/?lang=en')
    expect(en.headers.get('set-cookie')).toMatch(/lang=en/)
    expect(await en.text()).toMatch(/<html lang="en"/)
    const remembered = await appRequest('/personvern', { cookie: 'lang=en' })
    expect(await remembered.text()).toContain('Privacy statement')
  })

  it('answers unknown paths, documents and data requests alike, with 404', async () => {
    const page = await appRequest('/finnes/ikke')
    expect(page.status).toBe(404)
    const html = await page.text()
    expect(html).toContain('Siden finnes ikke')
    expect(html).not.toMatch(/at .*\.(js|ts):\d+/) // no stack trace
    expect((await appRequest(dataUrl('/finnes/ikke'))).status).toBe(404)
    expect((await appRequest('/finnes/ikke', { method: 'POST', form: { a: '1' } })).status).toBe(404)
  })

  it('reports health 200 with the database reachable and 503 without it', async () => {
    expect((await appRequest('/healthz')).status).toBe(200)
    const saved = process.env.DATABASE_PATH
    try {
      await closeDb()
      process.env.DATABASE_PATH = mkdtempSync(join(tmpdir(), 'eb-not-a-db-')) // a directory cannot be opened
      const res = await healthz()
      expect(res.status).toBe(503)
    } finally {
      await closeDb()
      process.env.DATABASE_PATH = saved
    }
  })
})
