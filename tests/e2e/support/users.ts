import { createOrganisation, createUser } from '../../helpers/accounts'
import { e2eDb } from './database'

// Extra people and look-ups for browser tests, in the running app's database (through the shared test fixtures).

/** A verified buyer of a municipality (its organisation is created, or made, verified); returns the e-mail. */
export async function createVerifiedBuyer(municipalityNumber: string, email: string, name = 'E2E Innkjøper') {
  const db = e2eDb()
  const address = email.toLowerCase()
  const existing = await db.selectFrom('user').select('email').where('email', '=', address).executeTakeFirst()
  if (existing) return existing.email
  const municipality = await db
    .selectFrom('municipality')
    .select('name')
    .where('number', '=', municipalityNumber)
    .executeTakeFirstOrThrow()
  const organisationId = await createOrganisation('municipality', {
    municipalityNumber,
    name: `${municipality.name} kommune`,
  })
  await db.updateTable('organisation').set({ status: 'verified' }).where('id', '=', organisationId).execute()
  return (await createUser({ role: 'buyer', organisationId, email: address, name })).email
}

/** A register product of a supplier company with an approved version (the first by name). */
export async function approvedProductOf(supplierName: string): Promise<{ id: number; name: string }> {
  const row = await e2eDb()
    .selectFrom('product')
    .innerJoin('organisation', 'organisation.id', 'product.supplier_organisation_id')
    .select(['product.id', 'product.name'])
    .where('organisation.name', '=', supplierName)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('product_version')
          .select('product_version.id')
          .whereRef('product_version.product_id', '=', 'product.id')
          .where('product_version.state', '=', 'approved'),
      ),
    )
    .orderBy('product.name')
    .limit(1)
    .executeTakeFirst()
  if (!row) throw new Error(`No approved product of ${supplierName}`)
  return row
}
