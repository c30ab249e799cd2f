import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import routes from '../../app/routes'
import { addYears, osloDate } from '../../app/domain/dates'
import { createExperience } from '../../app/models/experiences.server'
import { appRequest, dataUrl } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import { testDb } from '../helpers/db'
import { experienceInput, must, procurementAccess } from '../helpers/experience-fixtures'
import {
  CONTROLS,
  type Body,
  type Fixtures,
  type Form,
  hasAction,
  HIDDEN,
  intentsOf,
  NUL_ONLY,
  password,
  post,
  roles,
  routeFiles,
  setupFormFixtures,
  type Target,
  targets,
  unique,
  users,
} from '../helpers/form-targets'
import { outcomeOf } from '../helpers/outcome'
import { createBuyer } from '../helpers/register-fixtures'

// Every form action in app/routes.ts, every intent, tried with input a browser would never send and an attacker
// would: required fields of only NUL characters, text with bidirectional and other control characters, dates in 1800
// and 2999, a contract ending before it starts, JSON, XML and plain-text bodies, a broken multipart body and an empty
// one. Each is posted by every role that may use the form (which must get the field's message, or 415 for a body that
// is not a form) and, lighter, by every other role. Nothing may answer 500, and at the end no stored text holds a
// control character, no stored date lies outside 1990-2100 or out of order, and the database is intact.

let f: Fixtures
beforeAll(async () => {
  f = await setupFormFixtures()
})

type Mutation = {
  name: string
  body: Body
  expect?: { status: number; message?: string }
  /** Posted to the page as well (it renders the refusal), not only as single fetch. */
  page?: boolean
}

const notAForm = (t: Target, base: Form): Mutation[] => {
  const refused = t.ignoresBody ? undefined : { status: 415 }
  return [
    {
      name: 'JSON body',
      body: { raw: JSON.stringify(base), contentType: 'application/json' },
      expect: refused,
      page: true,
    },
    {
      name: 'XML body',
      body: { raw: '<?xml version="1.0"?><form><title>&#0;</title></form>', contentType: 'application/xml' },
      expect: refused,
    },
    { name: 'text body', body: { raw: 'title=\u0000' }, expect: refused },
    {
      name: 'broken multipart',
      body: {
        raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000',
        contentType: 'multipart/form-data; boundary=x',
      },
      expect: t.ignoresBody ? undefined : { status: 400 },
    },
    { name: 'empty body', body: { raw: undefined } },
  ]
}

/** Every mutation of the valid form, each with the answer the form's own users must get. */
function mutations(t: Target, base: Form): Mutation[] {
  const list: Mutation[] = []
  const control = { status: 400, message: 'validation.controlCharacters' }
  for (const field of t.text ?? []) {
    const value = base[field]
    const valid = typeof value === 'string' && value !== '' ? value : 'Tekst'
    list.push({
      name: `${field} NUL only`,
      body: { form: { ...base, [field]: NUL_ONLY } },
      expect: control,
      page: list.length === 0,
    })
    list.push({
      name: `${field} with controls`,
      body: { form: { ...base, [field]: `${valid}${HIDDEN}` } },
      expect: control,
    })
  }
  for (const [field, message] of Object.entries(t.dates ?? {})) {
    for (const date of ['1800-01-01', '2999-12-31'])
      list.push({
        name: `${field} ${date}`,
        body: { form: { ...base, [field]: date } },
        expect: { status: 400, message },
      })
  }
  if (t.period) {
    list.push({
      name: 'end before start',
      body: { form: { ...base, [t.period.start]: '2025-06-01', [t.period.end]: '2024-06-01' } },
      expect: { status: 400, message: t.period.message },
    })
  }
  return [...list, ...notAForm(t, base)]
}

/** For the other roles: everything wrong at once, and a body that is not a form. */
function lightMutations(t: Target, base: Form): Mutation[] {
  const all: Form = { ...base }
  for (const field of t.text ?? []) all[field] = NUL_ONLY
  for (const field of Object.keys(t.dates ?? {})) all[field] = '1800-01-01'
  return [{ name: 'everything wrong', body: { form: all } }, ...notAForm(t, base).slice(0, 1)]
}

const label = (t: Target) =>
  `${t.route}${t.intent ? ` ${t.intent}` : ''}${t.text?.includes('companyName') ? ' (supplier)' : ''}`

describe('every form action refuses unclean input without a 500', () => {
  it('has a target for every route with an action and every intent it switches on', () => {
    const files = routeFiles(routes).filter(hasAction)
    expect(files.filter((file) => !targets.some((t) => t.route === file))).toEqual([])
    for (const file of files) {
      const covered = targets.filter((t) => t.route === file && t.intent).map((t) => t.intent)
      expect(
        intentsOf(file).filter((i) => !covered.includes(i)),
        file,
      ).toEqual([])
    }
  })

  for (const t of targets) {
    it(`${label(t)}`, async () => {
      const path = t.path(f)
      const failures: string[] = []
      for (const role of roles) {
        const allowed = t.roles.includes(role)
        const base = t.form(f)
        for (const m of allowed ? mutations(t, base) : lightMutations(t, base)) {
          // The form's own users: every mutation as single fetch (.data); the page itself, which renders the
          // refusal, for a body that is not a form and for a NUL-only field.
          const urls = allowed && m.page ? [dataUrl(path), path] : [dataUrl(path)]
          for (const url of urls) {
            const res = await post(url, role, m.body)
            const what = `${role} ${m.name} → POST ${url}: ${res.status}`
            if (res.status >= 500) failures.push(what)
            if (!allowed || !m.expect) continue
            expect(res.status, what).toBe(m.expect.status)
            if (m.expect.message) expect(await res.text(), what).toContain(m.expect.message)
          }
        }
      }
      if (t.succeeds) {
        const [role] = t.roles
        if (!role) throw new Error('a target that succeeds needs a role')
        const res = await post(path, role, { form: t.form(f) })
        expect(await outcomeOf(res), `${role} valid → POST ${path}`).toMatch(/^(redirect:|login)/)
      }
      expect(failures).toEqual([])
    })
  }
})

describe('what is stored after the fuzzing', () => {
  it('holds no control characters, no implausible or disordered dates, and the database is intact', async () => {
    const db = testDb()
    const tables = await sql<{
      name: string
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
    const dirty: string[] = []
    const badDates: string[] = []
    const latestGoLive = addYears(osloDate(new Date()), 5)
    for (const { name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)
      for (const row of rows.rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string') continue
          if (CONTROLS.test(value)) dirty.push(`${name}.${column} = ${JSON.stringify(value).slice(0, 80)}`)
          const isDate = /(_date|^contract_start|^contract_end|^valid_until)$/.test(column)
          if (isDate && (value < '1990-01-01' || value > '2100-12-31')) badDates.push(`${name}.${column} = ${value}`)
          if (column === 'go_live_date' && value > latestGoLive) badDates.push(`${name}.${column} = ${value}`)
        }
        if (
          name === 'procurement' &&
          row.contract_start &&
          row.contract_end &&
          String(row.contract_end) < String(row.contract_start)
        )
          badDates.push(`procurement ${String(row.id)}: ${String(row.contract_start)} → ${String(row.contract_end)}`)
      }
    }
    expect(dirty).toEqual([])
    expect(badDates).toEqual([])
    // The fuzzing did store things: the valid submissions, and the cleaned upload name.
    const upload = await db
      .selectFrom('dossier_attachment')
      .select('original_filename')
      .where('version_id', '=', f.draftVersionId)
      .execute()
    expect(upload.map((a) => a.original_filename)).toContainEqual(expect.stringMatching(/^rapportfdp.*\.pdf$/))
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)
    expect(integrity.rows).toEqual([{ integrity_check: 'ok' }])
    expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([])
  })
})

describe('uniqueness races get the normal answer, never a 500', () => {
  it('answers five parallel sign-ups with one address: one account, four "address taken"', async () => {
    const email = `samtidig-${unique()}@fuzz.example`
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        appRequest('/registrer', {
          ip: `10.99.0.${i + 1}`,
          form: {
            kind: 'municipality',
            municipalityNumber: '3909',
            name: 'Samme Person',
            email,
            password,
            confirmPassword: password,
          },
        }),
      ),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([302, 400, 400, 400, 400])
    for (const res of results.filter((r) => r.status === 400))
      expect(await res.text()).toContain('Det finnes allerede en konto med denne e-postadressen')
    expect(await testDb().selectFrom('user').select('id').where('email', '=', email).execute()).toHaveLength(1)
  })

  it('lets parallel first members of a new municipality all sign up, into one organisation', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        appRequest('/registrer', {
          ip: `10.98.0.${i + 1}`,
          form: {
            kind: 'municipality',
            municipalityNumber: '1103',
            name: 'Ny Kollega',
            email: `kollega-${i}-${unique()}@fuzz.example`,
            password,
            confirmPassword: password,
          },
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual([302, 302, 302, 302])
    const organisations = await testDb()
      .selectFrom('organisation')
      .select('id')
      .where('municipality_number', '=', '1103')
      .execute()
    expect(organisations).toHaveLength(1)
  })

  it('answers parallel staff accounts with one address: one account, the rest "address taken"', async () => {
    const cookie = await sessionFor(users.admin ?? 0)
    const email = `staff-${unique()}@fuzz.example`
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        appRequest('/admin', {
          cookie,
          form: { intent: 'createCoordinator', name: 'Samme Koordinator', email, password },
        }),
      ),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([302, 400, 400, 400])
    for (const res of results.filter((r) => r.status === 400))
      expect(await res.text()).toContain('Det finnes allerede en konto med denne e-postadressen')
  })

  it('answers parallel additions of one municipality, version label, flag and reply with one success and 409s', async () => {
    const supplier = await sessionFor(users.supplier ?? 0)
    const buyer = await sessionFor(users.buyer ?? 0)
    const otherBuyer = await sessionFor(users.otherBuyer ?? 0)
    const procurementId = f.procurementId
    const { viewer } = await createBuyer('3909')
    const unanswered = must(await createExperience(viewer, await procurementAccess(procurementId), experienceInput()))
    const races: Array<{ what: string; send: () => Promise<Response> }> = [
      {
        what: 'addParticipant',
        send: () =>
          appRequest(`/anskaffelser/${procurementId}`, {
            cookie: buyer,
            form: { intent: 'addParticipant', municipalityNumber: '1804', phase: 'pilot' },
          }),
      },
      {
        what: 'addVersion',
        send: () =>
          appRequest(`/leverandor/produkter/${f.draftProductId}`, {
            cookie: supplier,
            form: { intent: 'addVersion', versionLabel: '9.9', releaseNotes: '' },
          }),
      },
      {
        what: 'flag',
        send: () =>
          appRequest(`/anskaffelser/${procurementId}`, {
            cookie: otherBuyer,
            form: {
              intent: 'flag',
              targetType: 'experience',
              targetId: String(f.flaggedExperienceId),
              reason: 'Samtidig flagging.',
            },
          }),
      },
      {
        what: 'reply',
        send: () =>
          appRequest(`/anskaffelser/${procurementId}`, {
            cookie: supplier,
            form: { intent: 'reply', experienceId: String(unanswered.experienceId), body: 'Samtidig svar.' },
          }),
      },
    ]
    for (const race of races) {
      const results = await Promise.all(Array.from({ length: 4 }, () => race.send()))
      const statuses = results.map((r) => r.status).sort()
      expect(statuses, race.what).toEqual([302, 409, 409, 409])
    }
  })
})
