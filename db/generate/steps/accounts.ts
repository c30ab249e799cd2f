import { inserter, scaled, type GeneratorContext, type GeneratorStep } from '../context'
import { addDays, timestampOn } from '../random'
import { COMPANY_FIRST, COMPANY_SECOND, COMPANY_SUFFIX, FIRST_NAMES, LAST_NAMES } from '../text'

/** A nine-digit organisation number in the 3xx xxx xxx series of synthetic test organisations that passes the
 * modulus-11 check (weights 3 2 7 6 5 4 3 2). */
export function syntheticOrgNumber(index: number): string {
  // Two prefixes per index: their check sums differ by the last weight (2), so at most one gives the invalid 10.
  for (const prefix of [32_000_000 + index * 2, 32_000_000 + index * 2 + 1]) {
    const digits = String(prefix)
    const weights = [3, 2, 7, 6, 5, 4, 3, 2]
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0)
    const check = (11 - (sum % 11)) % 11
    if (check !== 10) return `${digits}${check}`
  }
  throw new Error('unreachable: one of two neighbouring prefixes always has a check digit')
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '')

/** Organisations (every municipality, the suppliers) and their people, plus the coordinating body's staff. */
export const accountsStep: GeneratorStep = {
  name: 'accounts',
  tables: ['organisation', 'user'],
  run(ctx: GeneratorContext) {
    const { sqlite, random, facts } = ctx
    const since = addDays(ctx.today, -5 * 365)
    const insertOrganisation = inserter(sqlite, 'organisation', [
      'kind',
      'name',
      'municipality_number',
      'org_number',
      'status',
      'decided_at',
      'created_at',
    ])
    const insertUser = inserter(sqlite, 'user', [
      'organisation_id',
      'email',
      'name',
      'password_hash',
      'role',
      'status',
      'decided_at',
      'password_changed_at',
      'created_at',
    ])
    let person = 0
    const addUser = (organisationId: number, domain: string, role: string, status = 'verified') => {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
      const at = timestampOn(random, addDays(since, random.int(0, 5 * 365 - 30)))
      person += 1
      return insertUser(
        organisationId,
        `${slug(name)}.${person}@${domain}`,
        name,
        ctx.passwordHash,
        role,
        status,
        status === 'pending' ? null : at,
        at,
        at,
      )
    }

    const body = sqlite.prepare(`select id from organisation where kind = 'coordinating_body'`).get() as { id: number }
    // The migration created it "now"; the generated history starts earlier, and the same seed gives the same rows.
    sqlite.prepare('update organisation set created_at = ? where id = ?').run(`${since}T08:00:00.000Z`, body.id)
    for (let i = 0; i < 4; i++) facts.coordinatorUserIds.push(addUser(body.id, 'koordinering.example', 'coordinator'))
    facts.adminUserIds.push(addUser(body.id, 'koordinering.example', 'admin'))

    // Every real municipality has joined; big ones have more buyers (1 + one per 40,000 inhabitants, times the scale's
    // square root), and a few have a colleague waiting for verification.
    const municipalities = sqlite
      .prepare('select number, county_number, population, name from municipality order by number')
      .all() as Array<{ number: string; county_number: string; population: number; name: string }>
    for (const m of municipalities) {
      const at = timestampOn(random, addDays(since, random.int(0, 365)))
      const organisationId = insertOrganisation('municipality', `${m.name} kommune`, m.number, null, 'verified', at, at)
      const domain = `${slug(m.name)}.kommune.example`
      const buyers = Math.max(1, Math.round((1 + m.population / 40_000) * Math.sqrt(ctx.scale)))
      const buyerUserIds = Array.from({ length: buyers }, () => addUser(organisationId, domain, 'buyer'))
      if (random.chance(0.05)) addUser(organisationId, domain, 'buyer', 'pending')
      facts.municipalities.push({
        number: m.number,
        countyNumber: m.county_number,
        population: m.population,
        name: m.name,
        organisationId,
        buyerUserIds,
      })
    }

    const supplierCount = scaled(ctx, 100)
    const names = new Set<string>()
    for (let i = 0; i < supplierCount; i++) {
      let name = ''
      do {
        name = `${random.pick(COMPANY_FIRST)}${random.pick(COMPANY_SECOND)} ${random.pick(COMPANY_SUFFIX)}`
        if (names.has(name)) name = `${name.replace(/ AS$/, '')} ${names.size} AS`
      } while (names.has(name))
      names.add(name)
      // A few companies (and their first member) still wait for verification.
      const status = random.chance(0.03) ? 'pending' : 'verified'
      const at = timestampOn(random, addDays(since, random.int(0, 4 * 365)))
      const organisationId = insertOrganisation(
        'supplier',
        name,
        null,
        syntheticOrgNumber(i),
        status,
        status === 'pending' ? null : at,
        at,
      )
      const domain = `${slug(name)}.example`
      const userIds = Array.from({ length: random.int(1, 3) }, () =>
        addUser(organisationId, domain, 'supplier', status),
      )
      if (status === 'verified') facts.suppliers.push({ organisationId, name, userIds })
    }
  },
}
