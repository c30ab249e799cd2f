import type { Db } from '../client'
import { hashPassword } from '../../app/utils/password.server'
import { DEMO_PASSWORD, demoAccounts, demoAccountsText, demoSuppliers } from './demo-accounts'
import { refreshAllPublicBenefitFigures } from '../../app/models/benefit-aggregates.server'
import { seedBenefitDemo } from './benefit-demo'
import { seedExperienceDemo } from './experience-demo'
import { seedRegisterDemo } from './register-demo'

/** The start-up message's demo accounts: those this database has (see demoAccountsText). */
export async function demoAccountsNotice(db: Db): Promise<string> {
  const rows = await db
    .selectFrom('user')
    .select('email')
    .where(
      'email',
      'in',
      demoAccounts.map((a) => a.email),
    )
    .execute()
  return demoAccountsText(new Set(rows.map((r) => r.email)))
}

/**
 * Loads the fictional demo data when the database has no users yet. Returns whether it did. Only called in demo mode
 * (see server.ts); a production database never gets these accounts.
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const anyUser = await db.selectFrom('user').select('id').limit(1).executeTakeFirst()
  if (anyUser) return false
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const verifiedAt = '2026-01-05T09:00:00.000Z'
  await db.transaction().execute(async (trx) => {
    const body = await trx
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'coordinating_body')
      .executeTakeFirstOrThrow()
    const orgIds = new Map<string, number>([['coordinating_body', body.id]])
    for (const number of ['3909', '4601']) {
      const m = await trx
        .selectFrom('municipality')
        .select('name')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
      const org = await trx
        .insertInto('organisation')
        .values({
          kind: 'municipality',
          name: `${m.name} kommune`,
          municipality_number: number,
          status: 'verified',
          decided_at: verifiedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      orgIds.set(number, org.id)
    }
    for (const s of demoSuppliers) {
      const org = await trx
        .insertInto('organisation')
        .values({ kind: 'supplier', name: s.name, org_number: s.orgNumber, status: 'verified', decided_at: verifiedAt })
        .returning('id')
        .executeTakeFirstOrThrow()
      orgIds.set(s.key, org.id)
    }
    for (const a of demoAccounts) {
      await trx
        .insertInto('user')
        .values({
          organisation_id: orgIds.get(a.org)!,
          email: a.email,
          name: a.name,
          password_hash: passwordHash,
          role: a.role,
          status: 'verified',
          decided_at: verifiedAt,
        })
        .execute()
    }
    // Something in the verification queue: a new municipality member whose e-mail matches the municipality's domain,
    // and a new supplier whose first member waits together with the company.
    const tonsberg = await trx
      .insertInto('organisation')
      .values({ kind: 'municipality', name: 'Tønsberg kommune', municipality_number: '3905' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('user')
      .values({
        organisation_id: tonsberg.id,
        email: 'tone.hansen@tonsberg.kommune.no',
        name: 'Tone Hansen',
        password_hash: passwordHash,
        role: 'buyer',
      })
      .execute()
    await trx
      .insertInto('user')
      .values({
        organisation_id: orgIds.get('3909')!,
        email: 'per.olsen@example.org',
        name: 'Per Olsen',
        password_hash: passwordHash,
        role: 'buyer',
      })
      .execute()
    const pendingSupplier = await trx
      .insertInto('organisation')
      .values({ kind: 'supplier', name: 'Havblikk Sensorikk AS', org_number: '315200512' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('user')
      .values({
        organisation_id: pendingSupplier.id,
        email: 'hanna@havblikk.example',
        name: 'Hanna Berg',
        password_hash: passwordHash,
        role: 'supplier',
      })
      .execute()
  })
  const suppliers = await db
    .selectFrom('organisation')
    .select('id')
    .where(
      'org_number',
      'in',
      demoSuppliers.map((s) => s.orgNumber),
    )
    .orderBy('org_number')
    .execute()
  const coordinator = await db
    .selectFrom('user')
    .select('id')
    .where('email', '=', 'koordinator@demo.erfaringsbanken.no')
    .executeTakeFirstOrThrow()
  // One clock for both seeds, so approval dates, go-live dates and follow-up flags line up with today.
  const now = new Date()
  await seedRegisterDemo(db, {
    supplierOrganisationIds: suppliers.map((s) => s.id),
    coordinatorUserId: coordinator.id,
    now,
  })
  await seedExperienceDemo(db, { now })
  await seedBenefitDemo(db, { now })
  // The public benefit figures' first steps, as the ratings' are published by the experience seed.
  await refreshAllPublicBenefitFigures(db, now.toISOString())
  return true
}
